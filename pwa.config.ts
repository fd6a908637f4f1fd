// The installable app: web app manifest and service worker build (@vite-pwa/sveltekit, injectManifest).
// Icons come from pwa-assets.config.ts (one source image); the service worker is src/service-worker.ts.
import type { SvelteKitPWAOptions } from '@vite-pwa/sveltekit';

const themeColor = '#1f1b2e';

export const pwaOptions: Partial<SvelteKitPWAOptions> = {
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'service-worker.ts',
  // src/lib/pwa/register.ts registers it and asks before activating an update.
  registerType: 'prompt',
  injectRegister: false,
  manifestFilename: 'manifest.webmanifest',
  manifest: {
    id: '/',
    name: 'Barkeep',
    short_name: 'Barkeep',
    description: 'Order drinks at the party and get told the moment yours is ready.',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: themeColor,
    background_color: themeColor,
    categories: ['food', 'lifestyle'],
    icons: [
      { src: '/pwa-64x64.png', sizes: '64x64', type: 'image/png' },
      { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
      { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
      { src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    shortcuts: [
      { name: 'My orders', short_name: 'Orders', url: '/orders', icons: [{ src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' }] },
      { name: 'Host', short_name: 'Host', url: '/host', icons: [{ src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' }] },
    ],
  },
  injectManifest: {
    globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}', 'prerendered/**/*.html'],
  },
  kit: { includeVersionFile: true },
  devOptions: { enabled: false },
};
