// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty-pattern': 'off', // Playwright fixtures take `{}`
      // Rule 3 of the house: Electron stays at the edge.
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ may import electron.' }] }],
    },
  },
  {
    files: ['main/electron/**', 'preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Secrets live in main only: the renderer may not reach into main's code.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', 'electron', 'node:*'], message: 'The renderer talks to main only through the contract.' }] }],
    },
  },
  {
    // The renderer's unit tests run in Node, not in the window: they may read the files they check (ui/tokens.css).
    files: ['renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', 'electron'], message: 'The renderer talks to main only through the contract.' }] }] },
  },
  {
    // The window never loads the schemas: main validates what crosses, and building them costs the window's start-up
    // time (about a third of it with 1000 accounts). Types from the schema modules are fine; values come from the
    // schema-free modules.
    files: ['renderer/**', 'preload/**', 'main/harness/page-bridge.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', '**/shared/*', '!**/shared/app-error.js', '!**/shared/contract-names.js', '!**/shared/default-settings.js', '!**/shared/backup-password.js', '!**/shared/account-label.js', '!**/shared/group-digits.js', '!**/shared/clock-offset-text.js', '!**/shared/password-strength.js', '!**/shared/brand-key.js', '!**/shared/quick-shortcut.js'],
              allowTypeImports: true,
              message: 'Import values from a schema-free module (app-error, contract-names, default-settings, backup-password, account-label, group-digits, clock-offset-text, password-strength, brand-key, quick-shortcut); only types from the schema modules.',
            },
          ],
        },
      ],
    },
  },
);
