// The username rules the register function applies (CONTRACT §3), reused so the form can say what is
// wrong before sending. One module, shared with the Edge Function.
export { USERNAME_MAX, validateUsername } from '../../../supabase/functions/_shared/validate.ts';
