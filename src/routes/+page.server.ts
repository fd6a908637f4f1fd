// The start page (the installed app's start_url): a signed-in host goes on to the host app. Guests keep their
// session on the phone, so the page itself sends them to the menu or to joining.
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { isHost } = await locals.safeGetSession();
  return { isHost };
};
