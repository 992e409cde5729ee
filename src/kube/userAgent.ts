// The User-Agent on every request kdash sends (src/kube/http.ts), shaped like kubectl's
// ("kubectl/v1.36.3 (linux/amd64) kubernetes/…"): the server's audit log and its API Priority and
// Fairness flow schemas can then tell kdash's load apart from other clients'.
import { createRequire } from 'node:module';

// The bundle (scripts/bundle.mjs) defines the version; unbundled builds and tests read package.json,
// which is two levels up from both src/kube and dist/kube.
declare const __KDASH_VERSION__: string | undefined;

function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const VERSION: string = typeof __KDASH_VERSION__ === 'string' ? __KDASH_VERSION__ : packageVersion();

export const USER_AGENT = `kdash/${VERSION} (${process.platform}/${process.arch}) node/${process.version}`;
