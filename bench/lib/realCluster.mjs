// The real control plane for `--target real`: the e2e suite's harness (test/e2e/harness, TypeScript)
// bundled on the fly by esbuild into the bench cache, then started as the e2e tests start it
// (kube-apiserver + etcd + controller-manager + scheduler + kwok from ~/.cache/kdash-e2e/VERSION/bin).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Imports the harness (controlPlane.ts and paths.ts) compiled into `cacheDir`. */
export async function loadHarness(cacheDir) {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = join(cacheDir, 'harness.mjs');
  await build({
    stdin: {
      contents: "export * from './test/e2e/harness/controlPlane.ts'; export { binDir, checkBinaries } from './test/e2e/harness/paths.ts'; export { nodeManifest } from './test/e2e/harness/classroom.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    // paths.ts finds test/e2e/k8s/go.mod from its own location: keep import.meta.url pointing there.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'test/e2e/harness/paths.ts')).href) },
    logLevel: 'error',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
