// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

/**
 * ESLint with typescript-eslint's type-checked rules on every TypeScript file (the type
 * information comes from tsconfig.json through the project service) and eslint-plugin-astro on
 * components. Formatting is Prettier's job, so no stylistic rules here.
 */
export default defineConfig(
  {
    // Build output, generated types, reports and vendored data: not ours to lint.
    ignores: [
      'dist/',
      '.netlify/',
      '.astro/',
      '.floodgate/',
      'node_modules/',
      'bench/results/',
      'bench/tmp/',
      'test-results/',
      'playwright-report/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `async` without `await` is how implementations of Promise-returning ports (LeadQueue, the
      // in-memory stores, test fakes) turn a thrown error into a rejection, as callers expect.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a deliberately unused name, e.g. a key dropped with
      // `const { secret: _secret, ...rest } = record`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Vitest's asymmetric matchers (`expect.any(Number)`, `expect.stringContaining(…)`) are typed
      // `any`, and expected objects are made of them; what they match is checked by `expect`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  ...astro.configs['flat/recommended'],
  {
    // Components are checked by `astro check`; their frontmatter has no type information here.
    files: ['**/*.astro', '**/*.astro/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Config files and the build plugin: plain JavaScript run by Node.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
