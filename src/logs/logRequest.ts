// One HTTP request for GET /api/v1/namespaces/NS/pods/POD/log through the one transport (src/kube/http.ts):
// client-node's generated readNamespacedPodLog buffers the whole body, and a follow must stream.
import type { Readable } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeError } from '../kube/errors.js';
import { kubeRequest, KubeHttpError } from '../kube/http.js';

export interface LogQuery {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceTime?: string;
  timestamps?: boolean;
}

export type LogResponse =
  | { ok: true; body: Readable }
  /** status 0: the request never got an HTTP answer (network, TLS, auth plugin). */
  | { ok: false; status: number; message: string };

export function logPath(namespace: string, pod: string, q: LogQuery): string {
  const params = new URLSearchParams();
  if (q.container) params.set('container', q.container);
  if (q.follow) params.set('follow', 'true');
  if (q.previous) params.set('previous', 'true');
  if (q.tailLines !== undefined && q.tailLines >= 0) params.set('tailLines', String(q.tailLines));
  if (q.sinceTime) params.set('sinceTime', q.sinceTime);
  if (q.timestamps) params.set('timestamps', 'true');
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${params}`;
}

export async function requestLog(kc: KubeConfig, namespace: string, pod: string, q: LogQuery, signal: AbortSignal): Promise<LogResponse> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) return { ok: false, status: 0, message: 'no current cluster in the kubeconfig' };
  if (signal.aborted) return { ok: false, status: 0, message: 'aborted' };
  try {
    const res = await kubeRequest(kc, logPath(namespace, pod, q), { signal, accept: '*/*' });
    return { ok: true, body: res.body };
  } catch (err) {
    if (signal.aborted) return { ok: false, status: 0, message: 'aborted' };
    // The server's (or the kubelet's) own words: "container "x" in pod "y" is waiting to start".
    if (err instanceof KubeHttpError && err.code > 0) return { ok: false, status: err.code, message: err.serverMessage ?? `HTTP ${err.code}` };
    return { ok: false, status: 0, message: describeError(err, { server }) };
  }
}
