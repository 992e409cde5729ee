// A short GET /version through the kubeconfig's auth before anything is drawn, so an unreachable
// server or expired login is one line at startup rather than a dashboard full of errors.
// Raw node http(s) instead of client-node's VersionApi: that one has no timeout, and a blackholed
// server would hang startup for the OS connect timeout (minutes).
import http from 'node:http';
import https from 'node:https';
import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import { answeredHtml, describeError, looksLikeHtml, serverOrigin, UserError, type ErrorContext } from './errors.js';

export type Reachability = { ok: true; version: string } | { ok: false; message: string; error: unknown };

class TimeoutError extends Error {
  readonly timeoutMs: number;
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
    this.timeoutMs = ms;
  }
}

/** GET {server}/version with the user's credentials; resolves to the gitVersion or throws. */
export async function getServerVersion(kc: KubeConfig, timeoutMs: number): Promise<string> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(`${cluster.server}/version`);
  const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kc.applyToHTTPSOptions(opts); // credentials (exec plugins may take a while: not timed here)
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise<string>((resolve, reject) => {
    const req = lib.request(url, opts, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        clearTimeout(timer);
        const code = res.statusCode ?? 0;
        // A proxy's or identity provider's login page, whatever its status: not a cluster at all.
        if (looksLikeHtml(body) || /text\/html/i.test(String(res.headers['content-type'] ?? ''))) {
          return reject(new UserError(answeredHtml(cluster.server, code)));
        }
        // Some clusters hide /version; a 403 still proves the server is up and knows who we are.
        if (code === 403) return resolve('unknown');
        if (code >= 300) return reject(new ApiException(code, 'GET /version', body, res.headers as Record<string, string>));
        try {
          const v = JSON.parse(body) as { gitVersion?: unknown };
          resolve(typeof v.gitVersion === 'string' ? v.gitVersion : 'unknown');
        } catch {
          reject(new UserError(`the server at ${serverOrigin(cluster.server)} answered /version with something that is not Kubernetes JSON`));
        }
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError(timeoutMs)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}

/** Is the server reachable with these credentials? The message names the server. */
export async function checkReachable(kc: KubeConfig, timeoutMs = 3000, where: ErrorContext = {}): Promise<Reachability> {
  const server = kc.getCurrentCluster()?.server;
  const ctx: ErrorContext = { server, context: kc.getCurrentContext(), user: kc.getCurrentUser()?.name || undefined, ...where };
  try {
    return { ok: true, version: await getServerVersion(kc, timeoutMs) };
  } catch (err) {
    return { ok: false, message: describeError(err, ctx), error: err };
  }
}
