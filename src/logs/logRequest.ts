// One HTTP request for GET /api/v1/namespaces/NS/pods/POD/log, through the kubeconfig's auth
// (token, client certificate, exec plugin: kc.applyToHTTPSOptions). client-node's generated
// readNamespacedPodLog buffers the whole body, so for following we use node's http(s) directly.
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeError, oneLine } from '../kube/errors.js';

export interface LogQuery {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceTime?: string;
  timestamps?: boolean;
}

export type LogResponse =
  | { ok: true; body: IncomingMessage }
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

/** Largest error body we read: enough for a Status message. */
const MAX_ERROR_BODY = 64 * 1024;

export async function requestLog(kc: KubeConfig, namespace: string, pod: string, q: LogQuery, signal: AbortSignal): Promise<LogResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) return { ok: false, status: 0, message: 'no current cluster in the kubeconfig' };
  const server = cluster.server.replace(/\/+$/, '');
  const url = new URL(server + logPath(namespace, pod, q));
  const opts: https.RequestOptions = { method: 'GET', headers: {} };
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (err) {
    return { ok: false, status: 0, message: describeError(err, { server }) };
  }
  if (signal.aborted) return { ok: false, status: 0, message: 'aborted' };
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<LogResponse>((resolve) => {
    const req = mod.request(url, { ...opts, method: 'GET', headers: { ...opts.headers, Accept: '*/*' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        resolve({ ok: true, body: res });
        return;
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < MAX_ERROR_BODY) body += c;
      });
      res.on('end', () => resolve({ ok: false, status, message: statusMessage(status, body) }));
      res.on('error', () => resolve({ ok: false, status, message: statusMessage(status, body) }));
    });
    // A follow stream may be silent for hours; TCP keepalive lets the OS notice a dead peer.
    req.on('socket', (sock) => sock.setKeepAlive(true, 30_000));
    const onAbort = () => req.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal.removeEventListener('abort', onAbort));
    req.on('error', (err) => resolve({ ok: false, status: 0, message: describeError(err, { server }) }));
    req.end();
  });
}

/** The server's message from a Status body (or the raw text the kubelet sent), as one line. */
function statusMessage(status: number, body: string): string {
  let msg = '';
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') msg = parsed.message;
  } catch {
    msg = body;
  }
  msg = oneLine(msg, 400);
  return msg || `HTTP ${status}`;
}
