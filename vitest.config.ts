import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig, type Plugin } from 'vitest/config';
// @ts-expect-error plain JavaScript, shared with scripts/bundle.mjs
import { patchInk } from './scripts/ink/boundedCaches.mjs';

/** Tests load the embedded cluster (@kdash/sim) from its TypeScript source, not its build (see its package.json exports). */
export const simFromSource = { resolve: { conditions: ['kdash-source', ...defaultServerConditions] } };

// Users run the bundle, whose Ink draws with scripts/ink/output.js and bounded text caches
// (scripts/bundle.mjs, scripts/ink/boundedCaches.mjs): the tests draw with them too
// (test/app/inkOutput.test.ts checks that they do, and that it draws what Ink's own draws).
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
  // Ink's files name source maps of sources it does not ship: without this, vite warns for each file.
  async load(id) {
    if (!/[\\/]node_modules[\\/]ink[\\/]build[\\/].*\.js$/.test(id)) return null;
    const code = patchInk(id, await readFile(id, 'utf8'));
    return { code: code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), map: null };
  },
};

export default defineConfig({
  plugins: [bundledInkOutput],
  ssr: simFromSource,
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'packages/*/test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    server: { deps: { inline: ['ink'] } },
  },
});
