// One lint configuration for the whole repository (`npm run lint`). Formatting is Prettier's
// (`.prettierrc.json`); these rules catch mistakes, not style.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-ssr/**',
      '.data/**',
      'coverage/**',
      'libs/contracts/src/api-types.ts',
      'apps/web/browser/screenshots/**',
      'bench/.results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // TypeScript with type information: promises that are neither awaited nor handled lose errors.
  {
    files: ['apps/api/src/**/*.ts', 'apps/api/test/**/*.ts', 'apps/web/src/**/*.{ts,tsx}', 'libs/contracts/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // NestJS resolves constructor parameters by their runtime types: those imports are values.
  {
    files: ['apps/api/src/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
      // IsOptional lets null past every rule, on to a NOT NULL column (a 500): use Omittable.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message: 'Use Omittable (common/optional.ts): IsOptional lets null through.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // A component past this length is doing several things; split it, or say why beside the disable.
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: ['apps/web/src/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  // Scripts, benchmarks and the browser suite print what they measure.
  {
    files: [
      'bench/**',
      'scripts/**',
      'apps/*/scripts/**',
      'apps/web/browser/**',
      'seeds/**',
      'apps/api/src/database/cli.ts',
      'apps/api/src/openapi/cli.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  // The browser suite's callbacks passed to page.evaluate run in the page.
  { files: ['apps/web/browser/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'apps/api/test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
