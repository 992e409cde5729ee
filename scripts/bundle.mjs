// Bundles the CLI into dist/bin (one entry + lazily loaded chunks): loading one large module is
// much faster than resolving and reading the hundreds of small files in node_modules, which is
// most of kdash's start-up time otherwise.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
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

// client-node loads node-fetch (2.x), which loads whatwg-url for a URL class it uses only where Node has
// none (`Url.URL || whatwgUrl.URL`): whatwg-url brings tr46, whose Unicode table (260 KB of source) was
// parsed and built before kdash's first request. In the bundle, node-fetch's whatwg-url is Node's URL.
// If node-fetch's use of it changes, the build says so.
const NODE_FETCH_URL_FALLBACK = 'Url.URL || whatwgUrl.URL';
const nodeFetchNodeUrl = {
  name: 'node-fetch-node-url',
  setup(b) {
    b.onResolve({ filter: /^whatwg-url$/ }, async (args) => {
      if (!/[\\/]node-fetch[\\/]lib[\\/]index\.js$/.test(args.importer)) return undefined;
      const text = await readFile(args.importer, 'utf8');
      // The require() that names it, then only the fallbacks.
      const uses = text.match(/whatwgUrl\b/g)?.length ?? 0;
      const fallbacks = text.split(NODE_FETCH_URL_FALLBACK).length - 1;
      if (fallbacks === 0 || uses !== fallbacks + 1) {
        throw new Error(`node-fetch's use of whatwg-url changed (${args.importer}): check that it still only falls back to it, then update nodeFetchNodeUrl in scripts/bundle.mjs`);
      }
      return { path: 'whatwg-url', namespace: 'kdash-node-url' };
    });
    b.onLoad({ filter: /.*/, namespace: 'kdash-node-url' }, () => ({ contents: 'module.exports = { URL: globalThis.URL };', loader: 'js' }));
  },
};

// string-width (kdash's column widths, and Ink's) builds a grapheme segmenter and the RGI emoji regular
// expression (Unicode's emoji sequences, compiled when the line runs) as its module loads: 20–45 ms of CPU
// before kdash's first request, though a line of printable ASCII, most of a table, needs neither. In the
// bundle each is made on first use. If string-width's file changes, the build says so.
const LAZY = [
  { decl: 'const segmenter = new Intl.Segmenter();', name: 'segmenter', use: 'segmenter.segment(', lazy: 'const segmenter = lazily(() => new Intl.Segmenter(), (s, text) => s.segment(text), "segment");' },
  { decl: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', name: 'rgiEmojiRegex', use: 'rgiEmojiRegex.test(', lazy: 'const rgiEmojiRegex = lazily(() => new RegExp("^\\\\p{RGI_Emoji}$", "v"), (r, text) => r.test(text), "test");' },
];
const LAZILY = 'function lazily(make, call, method) { let made; return { [method]: (arg) => call((made ??= make()), arg) }; }\n';
const stringWidthLazy = {
  name: 'string-width-lazy',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      if (!text.includes(LAZY[0].decl)) throw new Error(`string-width changed (${args.path}): find where it makes its segmenter, then update LAZY in scripts/bundle.mjs`);
      for (const l of LAZY) {
        if (!text.includes(l.decl)) continue;
        // Used only through the one method the lazy stand-in has.
        const members = text.split(`${l.name}.`).length;
        if (text.split(l.decl).length !== 2 || members !== text.split(l.use).length) {
          throw new Error(`string-width uses ${l.name} differently (${args.path}): update LAZY in scripts/bundle.mjs`);
        }
        text = text.replace(l.decl, l.lazy);
      }
      return { contents: LAZILY + text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// kdash uses one thing of client-node at run time, KubeConfig (the kubeconfig and its auth), but its
// index re-exports everything, and client-node declares no side-effect-free modules, so the bundle kept
// the whole package: the generated API clients and their 500 model classes (430 KB), exec, cp, watch.
// It all sat in the chunk compiled before kdash's first request. In the bundle, kdash's
// `@kubernetes/client-node` is KubeConfig alone, and config.js imports the two generated modules its
// makeApiClient needs rather than their index. A runtime import of any other name fails the build;
// if config.js's import changes, the build says so.
const CLIENT_NODE_GEN_INDEX = "import { createConfiguration, ServerConfiguration, } from './gen/index.js';";
const clientNodeKubeConfigOnly = {
  name: 'client-node-kubeconfig-only',
  setup(b) {
    b.onResolve({ filter: /^@kubernetes\/client-node$/ }, (args) =>
      /[\\/]node_modules[\\/]/.test(args.importer) ? undefined : { path: 'client-node', namespace: 'kdash-client-node' },
    );
    b.onLoad({ filter: /.*/, namespace: 'kdash-client-node' }, () => ({
      contents: "export { KubeConfig } from './config.js';",
      loader: 'js',
      resolveDir: dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node')),
    }));
    b.onLoad({ filter: /[\\/]@kubernetes[\\/]client-node[\\/]dist[\\/]config\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(CLIENT_NODE_GEN_INDEX)) {
        throw new Error(`client-node's config.js changed (${args.path}): find what it imports from ./gen/, then update CLIENT_NODE_GEN_INDEX in scripts/bundle.mjs`);
      }
      const narrow = "import { createConfiguration } from './gen/configuration.js';\nimport { ServerConfiguration } from './gen/servers.js';";
      return { contents: text.replace(CLIENT_NODE_GEN_INDEX, narrow), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// yoga-layout (Ink's layout engine) carries its WebAssembly as a base64 data: URL, and reads it with
// fetch() wherever fetch exists, as it does in Node: that loads Node's whole fetch implementation
// (undici) to decode a string, ~50 ms of CPU while the first frame is being made and ~8 MB of memory
// for the rest of the session. In the bundle yoga decodes the base64 itself, its path where there
// is no fetch. If yoga's loader changes, the build says so.
const YOGA_FETCH = /return (\w+)\|\|"function"!=typeof fetch\?Promise\.resolve\(\)/g;
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/][^\\/]+\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (text.match(YOGA_FETCH)?.length !== 1) {
        throw new Error(`yoga-layout's wasm loader changed (${args.path}): find where it fetch()es its data: URL, then update YOGA_FETCH in scripts/bundle.mjs`);
      }
      return { contents: text.replace(YOGA_FETCH, 'return $1||true?Promise.resolve()'), loader: 'js', resolveDir: dirname(args.path) };
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
  plugins: [inkRowCache, inkBoundedCaches, inkDrawsInCi, meowLazyNormalize, nodeFetchNodeUrl, stringWidthLazy, clientNodeKubeConfigOnly, yogaWithoutFetch],
  // The embedded cluster (@kdash/sim, a workspace package) is bundled from its TypeScript source,
  // so the bundle never depends on the package's own build being current.
  conditions: ['kdash-source'],
  // V8 keeps each script's source in memory for lazy compilation; client-node alone is 6 MB of it.
  // Whitespace and syntax only: names stay readable in profiles and error messages.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
