// Lint rules, including the import boundaries of the architecture (docs/architecture.md):
// data layers never import react/ink; views import only types from client-node; src/kube is the
// bottom layer (transport, errors, object client) and imports none of the layers above it; watchers,
// metrics, logs and actions reach the cluster through src/kube, not through each other; kdash reaches
// the embedded cluster only through its package entry (@kdash/sim), and the sim never imports kdash.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import kdash from './scripts/eslint/noImportCycle.js';

const noUi = [
  { group: ['react', 'react/*', 'ink', 'ink-*'], message: 'Only src/views may import React or Ink.' },
  { group: ['**/views/*', '**/views'], message: 'Data layers must not depend on views.' },
];

/** Imports of the named sibling layers, refused with one message (`except`: files that stay allowed). */
const layers = (names, message, except = []) => ({
  // (a directory pattern like `**/metrics` would stop `except` from re-including a file inside it)
  group: [...names.flatMap((n) => [`**/${n}/*`, ...(except.some((e) => e.includes(`/${n}/`)) ? [] : [`**/${n}`])]), ...except.map((e) => `!${e}`)],
  message,
});

const aboveKube = 'src/kube is the bottom layer: it imports nothing from the layers above it.';
const sibling = 'Reach the cluster through src/kube (http.ts, objects.ts, errors.ts), not through another layer.';
const boundaries = {
  'src/kube/**': [layers(['watchers', 'actions', 'logs', 'metrics', 'streams', 'app', 'store', 'resources', 'diagnose'], aboveKube)],
  'src/watchers/**': [layers(['actions', 'logs', 'metrics', 'streams', 'app', 'diagnose'], sibling)],
  'src/metrics/**': [layers(['watchers', 'actions', 'logs', 'streams', 'app', 'diagnose'], sibling)],
  'src/logs/**': [layers(['watchers', 'actions', 'metrics', 'streams', 'diagnose'], sibling)],
  // exec/attach sessions and port forwards: long-lived streams over src/kube/streams.ts.
  'src/streams/**': [layers(['watchers', 'actions', 'logs', 'metrics', 'app', 'diagnose'], sibling)],
  // Quantity parsing is pure arithmetic (the scale plan's quota check), not a way to the cluster.
  'src/actions/**': [layers(['watchers', 'logs', 'metrics', 'streams', 'app', 'diagnose'], sibling, ['**/metrics/quantity.js'])],
  // Diagnosis: pure rules over a snapshot the object client reads; quantities are arithmetic, not a way to the cluster.
  'src/diagnose/**': [layers(['watchers', 'actions', 'logs', 'metrics', 'streams', 'app', 'store'], sibling, ['**/metrics/quantity.js'])],
  // The class view's summaries are pure: objects in, rows out (the watchers and the app feed them); the diagnose rules are pure too.
  'src/course/**': [layers(['watchers', 'logs', 'streams', 'app', 'kube'], 'src/course is pure: it is given objects, it never reaches the cluster.')],
};

// kdash's side of the sim boundary: the package's public entry, never its files.
const simEntryOnly = [
  { group: ['@kdash/sim/*', '**/packages/**'], message: 'Import the embedded cluster only through its entry: @kdash/sim.' },
];
// The sim's side: nothing of kdash (its layers, its test support), only the neutral parity/ tables.
const simStandsAlone = [
  {
    group: [
      'kdash', 'kdash/*', '**/src/cli*', '**/test/support/**',
      ...['app', 'views', 'resources', 'text', 'metrics', 'store', 'watchers', 'kube', 'actions', 'logs', 'course'].map((layer) => `**/src/${layer}/**`),
    ],
    message: 'The embedded cluster (packages/sim) never imports kdash: give it its own copy and share a test table in parity/.',
  },
];

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'bench/.cache/**', 'test/e2e/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', AbortController: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // No import loops (type-only imports count).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { kdash },
    rules: { 'kdash/no-import-cycle': ['error', { root: 'src' }] },
  },
  {
    files: ['packages/sim/src/**/*.ts'],
    plugins: { kdash },
    rules: { 'kdash/no-import-cycle': ['error', { root: 'packages/sim/src' }] },
  },
  {
    // Everything of kdash: the embedded cluster only through its entry. (A later block that sets the rule
    // for some of these files replaces these options, so each such block repeats simEntryOnly.)
    files: ['src/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: simEntryOnly }] },
  },
  {
    files: ['src/resources/**', 'src/store/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noUi, ...simEntryOnly] }] },
  },
  {
    files: ['packages/sim/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noUi, ...simStandsAlone] }] },
  },
  {
    // Tables both sides must pass: they import neither side.
    files: ['parity/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...simEntryOnly, ...simStandsAlone] }] },
  },
  // One block per layer: a later block's options would replace, not extend, an earlier one's.
  ...Object.entries(boundaries).map(([files, patterns]) => ({
    files: [files],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noUi, ...simEntryOnly, ...patterns] }] },
  })),
  {
    files: ['src/views/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: '@kubernetes/client-node', message: 'Views import only types from client-node; talk to the cluster through actions.', allowTypeImports: true }],
        patterns: [{ group: ['**/app/*', '**/app'], message: 'Views own their ports (src/views/ports.ts); src/app implements them, views never import it.' }],
      }],
    },
  },
);
