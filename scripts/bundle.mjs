// Bundles the CLI into dist/bin (one entry + lazily loaded chunks): loading one large module is
// much faster than resolving and reading the hundreds of small files in node_modules, which is
// most of kdash's start-up time otherwise.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

// Ink (6.8) tokenizes every line of the screen into styled characters on every frame, with caches that
// live for one frame only; a live table redraws the same lines frame after frame, so this was the
// largest single cost of a frame. The bundle gives Ink's Output one bounded cache shared by all
// frames (the cached character arrays are only read). If Ink changes this code, the build says so.
const OUTPUT_CACHE_LINES = 400;
const inkSharedCaches = {
  name: 'ink-shared-output-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      const from = 'caches = new OutputCaches();';
      if (!src.includes(from) || !src.includes('class OutputCaches {')) {
        throw new Error(`ink's output.js changed: ${args.path} has no per-frame OutputCaches to share; update scripts/bundle.mjs`);
      }
      const shared = `const sharedOutputCaches = new OutputCaches();
function boundedOutputCaches() {
  for (const m of [sharedOutputCaches.widths, sharedOutputCaches.blockWidths, sharedOutputCaches.styledChars]) if (m.size > ${OUTPUT_CACHE_LINES}) m.clear();
  return sharedOutputCaches;
}
export default class Output {`;
      return { contents: src.replace('caches = new OutputCaches();', 'caches = boundedOutputCaches();').replace('export default class Output {', shared), loader: 'js' };
    });
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

// Chunk names carry a content hash: start from an empty folder so old chunks do not pile up.
await rm('dist/bin', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist/bin',
  entryNames: 'kdash',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __kdashRequire } from 'module'; const require = __kdashRequire(import.meta.url);" },
  // Ink loads React DevTools only when DEV=true; it is not a dependency.
  external: ['react-devtools-core'],
  // React's development build (chosen at run time from NODE_ENV, unset for a user) checks and records
  // far more on every render: it was a third of kdash's frame time. The bundle is what users run.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [inkSharedCaches, inkDrawsInCi],
  // V8 keeps each script's source in memory for lazy compilation; client-node alone is 6 MB of it.
  // Whitespace and syntax only: names stay readable in profiles and error messages.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
