// Built once at build time and precached: the service worker shows it for any page it cannot fetch.
export const prerender = true;
