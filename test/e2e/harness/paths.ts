// Where test/e2e/build.sh puts the binaries: the same rule as the script (cache dir keyed by the
// Kubernetes version pinned in test/e2e/k8s/go.mod).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = dirname(dirname(E2E_DIR));

export function k8sVersion(): string {
  const mod = readFileSync(join(E2E_DIR, 'k8s', 'go.mod'), 'utf8');
  const m = /^require k8s\.io\/kubernetes (v\S+)/m.exec(mod);
  if (!m) throw new Error('test/e2e/k8s/go.mod does not require k8s.io/kubernetes');
  return m[1];
}

export function binDir(): string {
  const cache = process.env.KDASH_E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kdash-e2e');
  return join(cache, k8sVersion(), 'bin');
}

export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'];

/** Fails with one line naming what is missing, so a run without a build never passes by skipping. */
export function checkBinaries(bin = binDir()): string {
  const missing = BINARIES.filter((b) => !existsSync(join(bin, b)));
  if (missing.length) throw new Error(`missing ${missing.join(', ')} in ${bin}: run bash test/e2e/build.sh first`);
  return bin;
}
