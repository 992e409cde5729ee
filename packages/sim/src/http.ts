// HTTP plumbing shared by the API server's handlers: JSON/Status responses, body reading, Accept
// negotiation for Table and PartialObjectMetadata, and the per-request context.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Auth, User } from './auth.js';
import type { RequestInfo } from './requestInfo.js';
import type { SimRuntime } from './runtimeTypes.js';
import { statusOf } from './status.js';
import type { SimStore } from './store.js';
import { SimError, type SimClock, type SimKind } from './types.js';
import { simDebug } from './debug.js';

export interface StreamHandle {
  /** Cut the connection abruptly (fault injection) or end it cleanly. */
  destroy(): void;
}

export interface ServerEnv {
  store: SimStore;
  clock: SimClock;
  auth: Auth;
  runtime(): SimRuntime | undefined;
  /** Open watch and log-follow streams, for dropWatches() and shutdown. */
  streams: Set<StreamHandle>;
  /** Set by expireNextWatch(): the next watch answers 410. */
  expireNextWatch: boolean;
  bookmarkIntervalMs: number;
  /** WatchList served (false: refused like a server with the feature gate off). */
  watchList: boolean;
  address(): string;
}

export interface Ctx {
  env: ServerEnv;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  info: RequestInfo;
  kind: SimKind;
  /** Store key: 'pods', 'deployments.apps', 'events.events.k8s.io'. */
  resource: string;
  user: User;
  body: any;
  contentType: string;
  accept: AcceptInfo;
}

export interface AcceptInfo {
  /** 'meta.k8s.io/v1' or '.../v1beta1' when a Table was asked for. */
  table?: string;
  partial?: 'PartialObjectMetadata';
}

/** Adds `Warning: 299 - "text"` headers to those already set (kube-apiserver sends one per warning). */
export function addWarnings(res: ServerResponse, texts: string[]): void {
  if (!texts.length) return;
  const prev = res.getHeader('Warning');
  const had = prev === undefined ? [] : Array.isArray(prev) ? prev : [String(prev)];
  res.setHeader('Warning', [...had, ...texts.map((w) => `299 - ${JSON.stringify(w)}`)]);
}

export function sendJson(res: ServerResponse, code: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Content-Length': Buffer.byteLength(text), ...extraHeaders });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof SimError) {
    const retryAfter = err.code === 429 ? 1 : (err.details?.retryAfterSeconds as number | undefined);
    sendJson(res, err.code, statusOf(err), retryAfter ? { 'Retry-After': String(retryAfter) } : {});
    return;
  }
  // Anything unexpected is our bug: answer like kube-apiserver's panic recovery, one line.
  simDebug('internal error in the API server', err);
  sendJson(res, 500, statusOf(new SimError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`)));
}

export async function readBody(req: IncomingMessage, limit = 3 * 1024 * 1024, encoding: BufferEncoding = 'utf8'): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new SimError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString(encoding);
}

/** Reads the Accept header the way the apiserver's content negotiation does for as=Table / as=PartialObjectMetadata. */
export function parseAccept(header: string | undefined): AcceptInfo {
  if (!header) return {};
  for (const clause of header.split(',')) {
    const [type, ...params] = clause.split(';').map((s) => s.trim());
    if (type !== 'application/json' && type !== '*/*') continue;
    const p = Object.fromEntries(params.map((x) => x.split('=').map((s) => s.trim())));
    if (p.as === 'Table' && p.g === 'meta.k8s.io' && (p.v === 'v1' || p.v === 'v1beta1')) return { table: `meta.k8s.io/${p.v}` };
    if ((p.as === 'PartialObjectMetadata' || p.as === 'PartialObjectMetadataList') && p.g === 'meta.k8s.io') return { partial: 'PartialObjectMetadata' };
    if (!p.as) return {};
  }
  return {};
}

export function parseIntParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || !Number.isInteger(n)) throw new SimError(400, 'BadRequest', `invalid value for ${name}: "${v}"`);
  return n;
}

export const boolParam = (q: URLSearchParams, name: string): boolean => q.get(name) === 'true' || q.get(name) === '1';
