// Bundles the CLI into dist/bin (one entry + lazily loaded chunks): loading one large module is
// much faster than resolving and reading the hundreds of small files in node_modules, which is
// most of kdash's start-up time otherwise.
import { build } from 'esbuild';

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
  logLevel: 'warning',
});
