// Host area: who is signed in, validated on the server. hooks.server.ts already refused non-hosts; checking here too
// keeps a page load safe should the hook ever change.
import { redirect } from '@sveltejs/kit';
import { hostAccess, signInUrl } from '$lib/host/access';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
  const { user, isHost } = await locals.safeGetSession();
  const access = hostAccess(url.pathname, { signedIn: user !== null, isHost });
  if (access === 'sign-in') redirect(303, signInUrl(url.pathname, url.search));
  if (access === 'not-host') redirect(303, '/host/login');
  return { host: user && isHost ? { id: user.id, email: user.email ?? '' } : null };
};
