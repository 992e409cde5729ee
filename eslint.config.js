// Lint rules, including the import boundaries of the architecture (docs/architecture.md):
// data layers never import react/ink; views import only types from client-node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noUi = {
  patterns: [
    { group: ['react', 'react/*', 'ink', 'ink-*'], message: 'Only src/views may import React or Ink.' },
    { group: ['**/views/*', '**/views'], message: 'Data layers must not depend on views.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'bench/.cache/**', 'test/e2e/.cache/**'] },
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
    files: ['src/watchers/**', 'src/actions/**', 'src/resources/**', 'src/store/**', 'src/metrics/**', 'src/kube/**', 'src/sim/**', 'src/logs/**'],
    rules: { 'no-restricted-imports': ['error', noUi] },
  },
  {
    files: ['src/views/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: '@kubernetes/client-node', message: 'Views import only types from client-node; talk to the cluster through actions.', allowTypeImports: true }],
      }],
    },
  },
);
