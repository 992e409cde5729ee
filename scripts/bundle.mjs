// Bundles the CLI into dist/bin (one entry + lazily loaded chunks): loading one large module is
// much faster than resolving and reading the hundreds of small files in node_modules, which is
// most of kdash's start-up time otherwise.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'esbuild';
import { patchInk } from './ink/boundedCaches.mjs';

// Ink (6.8) builds the whole screen as a grid of styled characters on every frame, with caches that
// live for one frame, and this was most of a frame's time. The bundle replaces Ink's Output with
// scripts/ink/output.js, which draws the same screen but builds only the rows that changed. It was
// written against one version of Ink's file: if Ink's file changes, the build says so.
const INK_OUTPUT_SHA256 = 'de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d'; // ink 6.8.0
const inkRowCache = {
  name: 'ink-output-row-cache',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => {
      const original = await readFile(args.path);
      if (createHash('sha256').update(original).digest('hex') !== INK_OUTPUT_SHA256) {
        throw new Error(`ink's output.js changed (${args.path}): compare it with scripts/ink/output.js, then update INK_OUTPUT_SHA256 in scripts/bundle.mjs`);
      }
      const contents = await readFile(new URL('./ink/output.js', import.meta.url), 'utf8');
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// Ink's text caches, bounded (scripts/ink/boundedCaches.mjs).
const inkBoundedCaches = {
  name: 'ink-bounded-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text|render-node-to-output)\.js$/ }, async (args) => ({
      contents: patchInk(args.path, await readFile(args.path, 'utf8')),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

// Ink stops drawing frames when the environment says CI (CI=true, CONTINUOUS_INTEGRATION): it then
// prints only the last frame when the app exits. kdash draws its dashboard only to a terminal (no TTY is
// refused before Ink loads), so someone at a terminal with CI set in their shell, or a CI job that
// drives kdash in a pseudo-terminal, would see nothing at all. In the bundle, Ink's CI check says no.
const inkDrawsInCi = {
  name: 'ink-draws-in-ci',
  setup(b) {
    b.onResolve({ filter: /^is-in-ci$/ }, () => ({ path: 'is-in-ci', namespace: 'kdash-not-ci' }));
    b.onLoad({ filter: /.*/, namespace: 'kdash-not-ci' }, () => ({ contents: 'export default false;', loader: 'js' }));
  },
};

// meow 14 reads package.json's normalizer (normalize-package-data, with semver, the SPDX license
// lists sorted and their regular expressions built) when its module loads, 50–90 ms of every start,
// though it only runs when `cli.pkg` is read — and kdash passes meow its name and version (src/cli.ts)
// and never reads `cli.pkg`. In the bundle the normalizer loads the first time it is called. If meow's
// file changes, the build says so.
const MEOW_EAGER_NORMALIZE = 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
const meowLazyNormalize = {
  name: 'meow-lazy-normalize',
  setup(b) {
    b.onLoad({ filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(MEOW_EAGER_NORMALIZE)) {
        throw new Error(`meow's dependencies.js changed (${args.path}): find where it loads normalize-package-data and update MEOW_EAGER_NORMALIZE in scripts/bundle.mjs`);
      }
      const lazy = 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);';
      return { contents: text.replace(MEOW_EAGER_NORMALIZE, lazy), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// Chunk names carry a content hash: start from an empty folder so old chunks do not pile up.
await rm('dist/bin', { recursive: true, force: true });
await build({
  // The log benchmark's view is bundled too, so that it measures the Ink that users run.
  entryPoints: { kdash: 'src/cli.ts', 'bench-log-view': 'src/views/logs/benchLogView.ts' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist/bin',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __kdashRequire } from 'module'; const require = __kdashRequire(import.meta.url);" },
  // Ink loads React DevTools only when DEV=true; it is not a dependency.
  external: ['react-devtools-core'],
  // React's development build (chosen at run time from NODE_ENV, unset for a user) checks and records
  // far more on every render: it was a third of kdash's frame time. The bundle is what users run.
  // The User-Agent's version (src/kube/userAgent.ts), fixed at build time.
  define: { 'process.env.NODE_ENV': '"production"', __KDASH_VERSION__: JSON.stringify(JSON.parse(await readFile('package.json', 'utf8')).version) },
  plugins: [inkRowCache, inkBoundedCaches, inkDrawsInCi, meowLazyNormalize],
  // The embedded cluster (@kdash/sim, a workspace package) is bundled from its TypeScript source,
  // so the bundle never depends on the package's own build being current.
  conditions: ['kdash-source'],
  // V8 keeps each script's source in memory for lazy compilation; client-node alone is 6 MB of it.
  // Whitespace and syntax only: names stay readable in profiles and error messages.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
