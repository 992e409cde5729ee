// The one HTTP transport to the API server, for every layer above (watchers, metrics, logs, the object
// client): the kubeconfig's auth (token, client certificates, exec plugins — KubeConfig.applyToHTTPSOptions,
// which is also where the read-only guard refuses non-GET methods), streaming bodies, abort, gzip, a
// timeout for one-shot requests (NoAnswerError), and one error type for a non-2xx answer. Retry policy
// stays with the caller (the watcher's recovery rules and watchdog, the log stream's reconnects): this
// layer sends one request and says how it went. HTTP/2 where the server offers it by ALPN, on one pooled
// connection (src/kube/http2.ts), else HTTP/1.1; callers see the same response either way.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { KubeConfig } from '@kubernetes/client-node';
import { NoAnswerError, oneLine, serverOrigin } from './errors.js';
import { h2Request, http2Wanted, type RawAnswer } from './http2.js';
import { USER_AGENT } from './userAgent.js';

/** A non-2xx answer. Shaped like client-node's ApiException (code, body as text) so one describer serves both. */
export class KubeHttpError extends Error {
  constructor(
    public readonly code: number,
    message: string,
    public readonly reason?: string,
    /** The server's own message (Status.message, or the first line of a plain-text answer), one line. */
    public readonly serverMessage?: string,
    /** Retry-After in seconds (429, 503, 504), when the server sent one. */
    public readonly retryAfterSec?: number,
    /** The answer's body as text (bounded): a Status as JSON, a kubelet's plain text, or a proxy's web page. */
    public readonly body?: string,
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

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  signal?: AbortSignal;
  /** Ask for gzip (worth it for large lists over a WAN; watch and log streams are left plain). */
  gzip?: boolean;
  /** Sent as JSON. */
  body?: unknown;
  /** Content-Type of the body; default application/json (patches name their strategy here). */
  contentType?: string;
  /** Default application/json; logs take anything. */
  accept?: string;
  /**
   * Fail with NoAnswerError ("no answer from <origin> within N s") when the answer has not come in this
   * many ms: its headers for kubeRequest (a stream then lives as long as it likes), the whole body for
   * kubeText/kubeJson. For one-shot requests; the watcher keeps its own watchdog and leaves this unset.
   * Auth (an exec plugin, which has its own limit) is not timed.
   */
  timeoutMs?: number;
  /** Called with the text of each `Warning` header (RFC 7234 `299 - "text"`) of a successful answer. */
  onWarning?(text: string): void;
}

/** The timeout as an abort signal joined with the caller's; a failure after it fired is the NoAnswerError. */
function deadline(opts: RequestOptions, server: string) {
  if (!opts.timeoutMs) return { signal: opts.signal, error: (e: unknown) => e, clear: () => undefined };
  const ctl = new AbortController();
  const expired = new NoAnswerError(serverOrigin(server), opts.timeoutMs);
  const timer = setTimeout(() => ctl.abort(expired), opts.timeoutMs);
  return {
    signal: opts.signal ? AbortSignal.any([opts.signal, ctl.signal]) : ctl.signal,
    error: (e: unknown) => (ctl.signal.aborted && !opts.signal?.aborted ? expired : e),
    clear: () => clearTimeout(timer),
  };
}

/** Largest error body kept: enough for a Status message. */
const MAX_ERROR_BODY = 64 * 1024;

/** Sends one request and resolves once the response headers arrived. Non-2xx statuses throw KubeHttpError. */
export async function kubeRequest(kc: KubeConfig, pathAndQuery: string, opts: RequestOptions = {}): Promise<KubeResponse> {
  const { response, clock } = await send(kc, pathAndQuery, opts);
  clock.clear();
  return response;
}

/** One request whose answer is read whole as text; the timeout covers the whole body. */
export async function kubeText(kc: KubeConfig, pathAndQuery: string, opts: RequestOptions = {}): Promise<string> {
  const { response, clock } = await send(kc, pathAndQuery, opts);
  try {
    const text = await readText(response.body);
    if (!response.complete()) throw new Error('connection closed mid-answer');
    return text;
  } catch (e) {
    throw clock.error(e);
  } finally {
    clock.clear();
  }
}

/** One request whose answer is read whole and parsed as JSON (an empty body is undefined). */
export async function kubeJson<T = any>(kc: KubeConfig, pathAndQuery: string, opts: RequestOptions = {}): Promise<T> {
  const text = await kubeText(kc, pathAndQuery, opts);
  return (text.trim() ? JSON.parse(text) : undefined) as T;
}

let announceSent: () => void = () => {};
const firstSent = new Promise<void>((resolve) => (announceSent = resolve));

/**
 * Resolves once this process's first request has been handed to its connection (HTTP/1.1: written to
 * the socket; HTTP/2: the stream opened on a connected session). The dashboard starts loading what can
 * wait (Ink, React, the views) then, so that compiling them never delays the request the first screen
 * waits for; it never resolves in a process that sends nothing.
 */
export function firstRequestSent(): Promise<void> {
  return firstSent;
}

async function send(kc: KubeConfig, pathAndQuery: string, opts: RequestOptions) {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeHttpError(0, 'no current cluster in kubeconfig');
  const method = opts.method ?? 'GET';
  // The method is set before auth is applied: the read-only guard judges it there.
  const reqOpts: https.RequestOptions = { method, headers: {} };
  await kc.applyToHTTPSOptions(reqOpts);
  opts.signal?.throwIfAborted();
  const clock = deadline(opts, cluster.server);
  try {
    return { response: await answer(cluster.server, reqOpts, pathAndQuery, opts, cluster.proxyUrl, clock.signal), clock };
  } catch (e) {
    clock.clear();
    throw clock.error(e);
  }
}

async function answer(server: string, reqOpts: https.RequestOptions, pathAndQuery: string, opts: RequestOptions, proxyUrl: string | undefined, signal?: AbortSignal): Promise<KubeResponse> {
  const method = reqOpts.method ?? 'GET';
  const url = new URL(server.replace(/\/+$/, '') + pathAndQuery);
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  const headers: Record<string, string | string[] | number> = {
    ...(reqOpts.headers as Record<string, string>),
    Accept: opts.accept ?? 'application/json',
    'User-Agent': USER_AGENT,
  };
  if (opts.gzip) headers['Accept-Encoding'] = 'gzip';
  if (payload) {
    headers['Content-Type'] = opts.contentType ?? 'application/json';
    headers['Content-Length'] = payload.length;
  }

  // HTTP/2 where the server speaks it (ALPN), HTTP/1.1 otherwise (src/kube/http2.ts says when).
  let res: RawAnswer | undefined;
  if (http2Wanted(url, proxyUrl)) {
    const h2Headers = reqOpts.auth ? { ...headers, Authorization: `Basic ${Buffer.from(reqOpts.auth).toString('base64')}` } : headers;
    res = await h2Request(url, reqOpts, method, h2Headers, payload, signal, announceSent);
  }
  res ??= await h1Request(url, { ...reqOpts, method, headers, signal }, payload);

  const status = res.status;
  let body: Readable = res.body;
  if (/\bgzip\b/i.test(res.header('content-encoding') ?? '')) {
    const gunzip = createGunzip();
    res.body.on('error', (e) => gunzip.destroy(e));
    body = res.body.pipe(gunzip);
  }
  if (status < 200 || status > 299) {
    const text = await readText(body, MAX_ERROR_BODY).catch(() => '');
    const retryAfter = Number(res.header('retry-after'));
    throw statusError(status, text, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  if (opts.onWarning) for (const w of warningTexts(res.warnings)) opts.onWarning(w);
  return { status, body, complete: res.complete };
}

function h1Request(url: URL, reqOpts: https.RequestOptions, payload: Buffer | undefined): Promise<RawAnswer> {
  const mod = url.protocol === 'http:' ? http : https;
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = mod.request(url, reqOpts);
    req.on('response', (res: http.IncomingMessage) =>
      resolve({
        status: res.statusCode ?? 0,
        header: (name) => {
          const v = res.headers[name];
          return Array.isArray(v) ? v.join(', ') : v;
        },
        warnings: res.headersDistinct.warning,
        body: res,
        complete: () => res.complete,
      }),
    );
    req.on('error', reject);
    // Dead peers on long watches and log follows: let TCP notice too (the watchdog is the main guard).
    req.on('socket', (s) => s.setKeepAlive(true, 30_000));
    req.once('finish', announceSent);
    req.end(payload);
  });
}

/**
 * The texts of Warning headers as kube-apiserver sends them: `299 - "text"`, one header per warning;
 * HTTP/2 (and some proxies) join repeated headers into one, comma-separated.
 */
export function warningTexts(header: string | string[] | undefined): string[] {
  const all = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const out: string[] = [];
  for (const h of all) {
    const one = /\s*\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?\s*(?:,|$)/y;
    let found = false;
    for (let m = one.exec(h); m; m = one.exec(h)) {
      out.push(m[1].replace(/\\(.)/g, '$1'));
      found = true;
      if (one.lastIndex >= h.length) break;
    }
    if (!found) out.push(h.trim());
  }
  return out;
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
    message = /^\s*</.test(bodyText) ? '' : bodyText;
  }
  message = oneLine(message);
  const label = http.STATUS_CODES[code] ?? 'error';
  return new KubeHttpError(code, message ? `${code} ${label}: ${message}` : `${code} ${label}`, reason, message || undefined, retryAfterSec, bodyText);
}

/** Reads a whole body as text (bounded: error bodies are small; anything past max is dropped). */
export async function readText(body: Readable, max = Infinity): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of body) {
    const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    if (size < max) chunks.push(b);
    size += b.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** kube-apiserver's answer to a resourceVersion it never issued (a replaced cluster, a restored etcd). */
export function isTooLargeResourceVersion(err: unknown): boolean {
  return err instanceof KubeHttpError && err.code === 504 && /too large resource version/i.test(err.message);
}
