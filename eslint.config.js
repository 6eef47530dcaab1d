import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers of DESIGN.md: renderer → shared; electron → db → shared; electron → shared.
// Nothing imports renderer; shared imports nothing of ours and no platform API. Breaking an arrow fails lint.
const NODE_BUILTINS =
  '^node:|^(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|https|net|os|path|perf_hooks|process|readline|stream|string_decoder|timers|tls|url|util|v8|vm|worker_threads|zlib)(/|$)';
const layer = (message, ...regexes) => ({
  'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'db/migrations/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: layer(
      'shared/ runs everywhere: no Node, DOM, Electron or database API, and nothing from db/, electron/ or renderer/.',
      NODE_BUILTINS,
      '^(electron|better-sqlite3|drizzle-orm|react|react-dom|@mantine/.*|exceljs|pdf-lib)(/|$)',
      '(^|/)(db|electron|renderer)(/|$)',
    ),
  },
  {
    files: ['db/**/*.ts'],
    rules: layer('db/ sits under electron/: it may use shared/ only.', '(^|/)(electron|renderer)(/|$)', '^electron$'),
  },
  {
    files: ['electron/**/*.ts'],
    rules: layer('Nothing imports renderer/: it talks to the services only through the API contract.', '(^|/)renderer(/|$)'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer(
        'renderer/ talks only to the API contract in shared/: no Node, database or service code.',
        NODE_BUILTINS,
        '^(electron|better-sqlite3|drizzle-orm)(/|$)',
        '(^|/)(db|electron)(/|$)',
      ),
    },
  },
);
