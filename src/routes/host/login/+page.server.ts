// Host sign-in: email + password through Supabase Auth on the server, session into cookies. A non-host account is
// signed out again at once and told why.
import { fail, redirect } from '@sveltejs/kit';
import { afterSignIn } from '$lib/host/access';
import { NOT_A_HOST_MESSAGE, signInErrorMessage } from '$lib/host/sign-in-messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { user, isHost } = await locals.safeGetSession();
  if (user && isHost) redirect(303, afterSignIn(url.searchParams.get('next')));
  // Signed in elsewhere with an account that is not a host (the guard sent them here).
  return { signedInAsNonHost: user ? (user.email ?? 'an account') : null };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) return fail(400, { email, message: 'Enter your email and password.' });
    if (email.length > 255 || password.length > 200) return fail(400, { email: '', message: 'Wrong email or password.' });

    const { error } = await locals.supabase.auth.signInWithPassword({ email, password });
    if (error) return fail(error.status === 429 ? 429 : 400, { email, message: signInErrorMessage(error) });

    const { data: isHost, error: rpcError } = await locals.supabase.rpc('is_host');
    if (rpcError || isHost !== true) {
      await locals.supabase.auth.signOut({ scope: 'local' });
      return fail(403, { email, message: NOT_A_HOST_MESSAGE });
    }
    redirect(303, afterSignIn(url.searchParams.get('next')));
  },
};
