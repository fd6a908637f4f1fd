// ESLint (flat config): JavaScript and TypeScript rules, Svelte components, and Prettier owning the layout.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['.svelte-kit/', 'build/', 'node_modules/', '.barkeep/', 'bench-results/', 'static/', 'supabase/functions/**/*.d.ts', 'tests/fixtures/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Unused names that start with _ are deliberate (destructuring away, placeholders in each blocks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The app has no `paths.base`: plain hrefs and goto() paths are already the resolved ones.
      'svelte/no-navigation-without-resolve': 'off',
      // State is replaced, never mutated in place: a Date or Set built to format, compare or remember is no reactive state.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  {
    // Edge Functions run under Deno.
    files: ['supabase/functions/**/*.ts', 'supabase/local/functions/worker.ts'],
    languageOptions: { globals: { Deno: 'readonly' } },
  },
);
