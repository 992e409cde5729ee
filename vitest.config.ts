import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

// Users run the bundle, whose Ink draws with scripts/ink/output.js (scripts/bundle.mjs): the tests draw
// with it too (test/app/inkOutput.test.ts checks that they do, and that it draws what Ink's own draws).
// Ink is inlined so that its renderer's import of './output.js' passes through this plugin.
const bundledInkOutput: Plugin = {
  name: 'kdash-bundled-ink-output',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === './output.js' && importer && /[\\/]ink[\\/]build[\\/]renderer\.js$/.test(importer)) {
      return fileURLToPath(new URL('./scripts/ink/output.js', import.meta.url));
    }
    return null;
  },
};

export default defineConfig({
  plugins: [bundledInkOutput],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    server: { deps: { inline: ['ink'] } },
  },
});
