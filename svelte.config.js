import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    // src/lib/pwa/register.ts registers the service worker (workbox-window, with an update prompt).
    serviceWorker: { register: false },
  },
};

export default config;
