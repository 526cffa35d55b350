import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'storybook-static', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    ...lit.configs['flat/recommended'],
    files: [
      'src/**/*.ts',
      'test/components/**/*.ts',
      'test/helpers/**/*.ts',
      'stories/**/*.ts',
      'demo/**/*.ts',
    ],
    ignores: ['src/server/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The framework recipes run in the browser; their Vite configs are Node code like the rest.
    files: ['examples/**/*.{ts,tsx}'],
    ignores: ['examples/*/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { '@typescript-eslint/consistent-type-imports': 'error', 'no-console': 'error' },
  },
  {
    ...wc.configs['flat/recommended'],
    files: ['src/components/**/*.ts'],
  },
  {
    // CLIs, scripts and tests talk to a terminal.
    files: ['scripts/**', 'src/server/cli.ts', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
