import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The inline scripts of src/app.html (the early install-offer capture), allowed by their SHA-256 so the CSP below
 * needs neither 'unsafe-inline' nor a nonce placeholder (which prerendered pages cannot have). SvelteKit adds a
 * nonce or hash to its own inline scripts.
 */
const appTemplateScriptHashes = [...readFileSync(new URL('./src/app.html', import.meta.url), 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `sha256-${createHash('sha256').update(body).digest('base64')}`,
);

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    // src/lib/pwa/register.ts registers the service worker (workbox-window, with an update prompt).
    serviceWorker: { register: false },
    // Finding F12: no page can be framed (clickjacking a host's buttons), and only our own scripts run, so an
    // injected <script> cannot read the host's session cookie. Sent as a header by server-rendered pages; a
    // prerendered page carries it as <meta>, where browsers ignore frame-ancestors.
    csp: {
      mode: 'auto',
      directives: {
        'script-src': ['self', ...appTemplateScriptHashes],
        'object-src': ['none'],
        'base-uri': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
