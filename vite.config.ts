import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { pwaOptions } from './pwa.config.ts';

export default defineConfig({
  plugins: [sveltekit(), SvelteKitPWA(pwaOptions)],
  server: { port: 5173, host: true },
  preview: { port: 5173, host: true },
});
