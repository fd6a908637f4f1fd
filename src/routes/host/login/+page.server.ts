// Host sign-in: email + password through Supabase Auth on the server, session into cookies. A non-host account is
// signed out again at once and told why. Failures answer a problem code; the page says it in the host's language.
import { fail, redirect } from '@sveltejs/kit';
import { afterSignIn } from '$lib/host/access';
import { problemFrom, type ProblemCode } from '$lib/problems/problems';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { user, isHost } = await locals.safeGetSession();
  if (user && isHost) redirect(303, afterSignIn(url.searchParams.get('next')));
  // Signed in elsewhere with an account that is not a host (the guard sent them here).
  return { signedInAsNonHost: user ? (user.email ?? '–') : null };
};

/** Auth's refusal as a problem: an unknown code is a failed sign-in, no answer the service being unreachable. */
function signInProblem(error: { code?: string; status?: number }): ProblemCode {
  const code = problemFrom(error)?.code;
  if (code === 'offline' || (error.status ?? 0) >= 500) return 'sign_in_unavailable';
  return code && code !== 'unknown' && code !== 'not_allowed' && code !== 'invalid_value' ? code : 'sign_in_failed';
}

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) return fail(400, { email, problem: 'missing_credentials' as ProblemCode });
    if (email.length > 255 || password.length > 200) return fail(400, { email: '', problem: 'invalid_credentials' as ProblemCode });

    const { error } = await locals.supabase.auth.signInWithPassword({ email, password });
    if (error) return fail(error.status === 429 ? 429 : 400, { email, problem: signInProblem(error) });

    const { data: isHost, error: rpcError } = await locals.supabase.rpc('is_host');
    if (rpcError || isHost !== true) {
      await locals.supabase.auth.signOut({ scope: 'local' });
      return fail(403, { email, problem: 'not_a_host' as ProblemCode });
    }
    redirect(303, afterSignIn(url.searchParams.get('next')));
  },
};
