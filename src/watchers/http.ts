// Raw HTTP GETs to the API server with the kubeconfig's auth (token, client certs, exec plugins via
// KubeConfig.applyToHTTPSOptions). The watcher needs streaming bodies, abort, and its own timeouts,
// which the generated clients and client-node's Watch do not give.
import { escapeInvisible } from '../text/sanitize.js';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { KubeConfig } from '@kubernetes/client-node';

export class KubeHttpError extends Error {
  constructor(
    public readonly code: number,
    message: string,
    public readonly reason?: string,
    /** The server's own message (Status.message), shown as is for 403s. */
    public readonly serverMessage?: string,
    /** Retry-After in seconds (429, 503, 504), when the server sent one. */
    public readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'KubeHttpError';
  }
}

export interface KubeResponse {
  status: number;
  /** The body, already decompressed. */
  body: Readable;
  /** True once the server ended the body properly (false after a cut connection). */
  complete(): boolean;
}

export interface GetOptions {
  signal: AbortSignal;
  /** Ask for gzip (worth it for large lists over a WAN; watch streams are left plain). */
  gzip?: boolean;
}

/** Starts a GET and resolves once the response headers arrived. Non-2xx statuses throw KubeHttpError. */
export async function kubeGet(kc: KubeConfig, pathAndQuery: string, opts: GetOptions): Promise<KubeResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeHttpError(0, 'no current cluster in kubeconfig');
  const reqOpts: https.RequestOptions = { headers: {} };
  await kc.applyToHTTPSOptions(reqOpts);
  opts.signal.throwIfAborted();
  const url = new URL(cluster.server.replace(/\/+$/, '') + pathAndQuery);
  const mod = url.protocol === 'http:' ? http : https;
  const headers: Record<string, string | string[] | number> = {
    ...(reqOpts.headers as Record<string, string>),
    Accept: 'application/json',
  };
  if (opts.gzip) headers['Accept-Encoding'] = 'gzip';

  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = mod.request(url, { ...reqOpts, method: 'GET', headers, signal: opts.signal });
    req.on('response', resolve);
    req.on('error', reject);
    // Dead peers on long watches: let TCP notice too (the watchdog is the main guard).
    req.on('socket', (s) => s.setKeepAlive(true, 30_000));
    req.end();
  });

  const status = res.statusCode ?? 0;
  let body: Readable = res;
  if (/\bgzip\b/i.test(String(res.headers['content-encoding'] ?? ''))) {
    const gunzip = createGunzip();
    res.on('error', (e) => gunzip.destroy(e));
    body = res.pipe(gunzip);
  }
  if (status < 200 || status > 299) {
    const text = await readText(body, 64 * 1024).catch(() => '');
    const retryAfter = Number(res.headers['retry-after']);
    throw statusError(status, text, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  return { status, body, complete: () => res.complete };
}

/** Builds the error for a failed request from the Kubernetes Status body when there is one. */
export function statusError(code: number, bodyText: string, retryAfterSec?: number): KubeHttpError {
  let message = '';
  let reason: string | undefined;
  try {
    const st = JSON.parse(bodyText);
    if (st && typeof st === 'object') {
      message = typeof st.message === 'string' ? st.message : '';
      reason = typeof st.reason === 'string' ? st.reason : undefined;
    }
  } catch {
    message = bodyText.trim().split('\n')[0]?.slice(0, 200) ?? '';
  }
  message = oneLine(message);
  const label = http.STATUS_CODES[code] ?? 'error';
  return new KubeHttpError(code, message ? `${code} ${label}: ${message}` : `${code} ${label}`, reason, message || undefined, retryAfterSec);
}

/** Server text is untrusted: no control sequences, one line, bounded. */
export function oneLine(text: string, max = 300): string {
  return escapeInvisible(text.replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ').trim()).slice(0, max);
}

/** Reads a whole body as text (bounded: error bodies are small; anything past max is dropped). */
export async function readText(body: Readable, max = Infinity): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of body) {
    const b = c as Buffer;
    if (size < max) chunks.push(b);
    size += b.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** kube-apiserver's answer to a resourceVersion it never issued (a replaced cluster, a restored etcd). */
export function isTooLargeResourceVersion(err: unknown): boolean {
  return err instanceof KubeHttpError && err.code === 504 && /too large resource version/i.test(err.message);
}

/** One line for the header from any error the request path can throw. */
export function describeError(err: unknown): string {
  if (err instanceof KubeHttpError) return err.message;
  const e = err as NodeJS.ErrnoException | undefined;
  if (e?.code === 'ECONNREFUSED') return 'connection refused';
  if (e?.code === 'ECONNRESET') return 'connection reset';
  if (e?.code === 'ENOTFOUND') return 'server name not found';
  if (e?.code === 'ETIMEDOUT') return 'connection timed out';
  return oneLine(e?.message ?? String(err), 200);
}
