// Every app icon is generated from ONE source image, static/favicon.svg: `npm run icons` rewrites them.
import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

const background = '#1f1b2e';

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, padding: 0.3, resizeOptions: { background } },
    apple: { ...minimal2023Preset.apple, padding: 0.3, resizeOptions: { background } },
  },
  images: ['static/favicon.svg'],
});
