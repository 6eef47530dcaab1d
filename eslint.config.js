import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers of DESIGN.md: renderer → shared; electron → db → shared; electron → shared.
// Nothing imports renderer; shared imports nothing of ours and no platform API. Breaking an arrow fails lint.
//
// The arrows are an allow-list (eslint-plugin-boundaries): every top-level folder is an element, a file in no
// element is an error (a new folder cannot re-export db/ to the renderer), an import of a local file outside the
// elements is an error, and static imports, re-exports, require() and import('literal') are all checked. An
// import() of anything but a literal path is refused, because no rule could see where it leads.
const ELEMENTS = [
  { type: 'shared', pattern: 'shared', partialMatch: false },
  { type: 'db', pattern: 'db', partialMatch: false },
  { type: 'electron', pattern: 'electron', partialMatch: false },
  { type: 'renderer', pattern: 'renderer', partialMatch: false },
  { type: 'test', pattern: 'test', partialMatch: false },
  { type: 'scripts', pattern: 'scripts', partialMatch: false },
  { type: 'bin', pattern: 'bin', partialMatch: false },
  { type: 'resources', pattern: 'resources', partialMatch: false },
];
// The tool configurations at the top (eslint, vite, vitest, drizzle): files of no element, importing packages only.
const FILES = [{ category: 'config', pattern: '*.config.{js,ts}' }];
const ALL = ELEMENTS.map((e) => e.type);
const mayImport = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: to } } } } });
const LAYERS = [
  mayImport('shared', ['shared']),
  mayImport('db', ['db', 'shared']),
  mayImport('electron', ['electron', 'db', 'shared']),
  mayImport('renderer', ['renderer', 'shared']),
  mayImport('test', ALL),
  mayImport('scripts', ['scripts']),
  mayImport('bin', ['electron']),
  mayImport('resources', ['resources']),
  // npm packages anywhere (the platform ones are restricted per layer below); Node's own modules not in shared/ or renderer/.
  { allow: { to: { module: { origin: 'external' } } } },
  { from: { element: { types: { noneOf: ['shared', 'renderer'] } } }, allow: { to: { module: { origin: 'core' } } } },
  { from: { file: { categories: 'config' } }, allow: { to: { module: { origin: 'core' } } } },
  {
    from: { element: { types: { anyOf: ['shared', 'renderer'] } } },
    disallow: { to: { module: { origin: 'external', source: ['electron', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/**'] } } },
  },
];
const NODE_BUILTINS =
  '^node:|^(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|https|net|os|path|perf_hooks|process|readline|stream|string_decoder|timers|tls|url|util|v8|vm|worker_threads|zlib)(/|$)';
const layer = (message, ...regexes) => ({
  'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }],
});

export default tseslint.config(
  // What .gitignore leaves out of the tree (.tmp/ is scratch space) is not linted either.
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'db/migrations/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] } },
      'boundaries/elements': ELEMENTS,
      'boundaries/files': FILES,
      'boundaries/dependency-nodes': ['import', 'export', 'require', 'dynamic-import'],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', checkAllOrigins: true, checkUnknownLocals: true, policies: LAYERS }],
      'boundaries/no-unknown-files': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.type!='Literal']", message: 'import() takes a literal path here, so the layer rules can see where it leads.' },
      ],
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
