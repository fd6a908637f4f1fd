import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const alias = { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) };

// One `npm test` runs every level, one project after another (`vitest run --project <name>` each: run together in
// one vitest process, the projects took twice as long on a 2-core machine). Levels that cross a process boundary
// start the real stack once per run.
export default defineConfig({
  test: {
    projects: [
      {
        // Svelte's compiler for modules with runes (*.svelte.ts) that pure modules import, e.g. the i18n state.
        plugins: [svelte()],
        test: {
          name: 'unit',
          alias,
          include: ['src/**/*.test.ts', 'supabase/local/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
          globalSetup: ['tests/support/global-stack.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Guards that what runs here deploys unchanged to hosted Supabase (functions, migrations, the CLI).
          name: 'portability',
          include: ['tests/portability/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-app.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
