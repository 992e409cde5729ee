// A short GET /version through the kubeconfig's auth before anything is drawn, so an unreachable
// server or expired login is one line at startup rather than a dashboard full of errors. It goes
// through the transport with a timeout: a blackholed server would otherwise hang startup for the OS
// connect timeout (minutes).
import type { KubeConfig } from '@kubernetes/client-node';
import { answeredHtml, describeError, looksLikeHtml, serverOrigin, UserError, type ErrorContext } from './errors.js';
import { KubeHttpError, kubeText } from './http.js';

export type Reachability = { ok: true; version: string } | { ok: false; message: string; error: unknown };

/** GET {server}/version with the user's credentials; resolves to the gitVersion or throws. */
export async function getServerVersion(kc: KubeConfig, timeoutMs: number): Promise<string> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig has no current cluster');
  let body: string;
  try {
    body = await kubeText(kc, '/version', { timeoutMs });
  } catch (err) {
    // Some clusters hide /version; a 403 still proves the server is up and knows who we are.
    if (err instanceof KubeHttpError && err.code === 403 && !looksLikeHtml(err.body)) return 'unknown';
    throw err;
  }
  // A proxy's or identity provider's login page: not a cluster at all (error statuses say so in describeError).
  if (looksLikeHtml(body)) throw new UserError(answeredHtml(server, 200));
  try {
    const v = JSON.parse(body) as { gitVersion?: unknown };
    return typeof v.gitVersion === 'string' ? v.gitVersion : 'unknown';
  } catch {
    throw new UserError(`the server at ${serverOrigin(server)} answered /version with something that is not Kubernetes JSON`);
  }
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
