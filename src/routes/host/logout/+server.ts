// Sign-out: a POST from the host bar's form. Ends this device's session (scope local) and clears the cookies.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals }) => {
  await locals.supabase.auth.signOut({ scope: 'local' });
  redirect(303, '/host/login');
};
