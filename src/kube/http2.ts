// HTTP/2 for the transport (src/kube/http.ts), as kubectl and k9s speak it to kube-apiserver: one TLS
// connection per server and client identity carries every request and watch as streams, so the 15
// watches the dashboard opens cost one TLS handshake instead of 15, and the pages of a list do not each
// open a connection (bench/http2.mjs measures it, figures in bench/README.md).
//
// The protocol is negotiated by ALPN: a server that does not pick h2 (the embedded cluster's HTTPS, a
// proxy) is remembered as HTTP/1.1 for this process and served by the HTTP/1.1 path as before. Plain
// http://, a kubeconfig proxy-url and DISABLE_HTTP2 (client-go's switch) stay on HTTP/1.1.
//
// A connection that breaks (GOAWAY, reset, no answer to a ping) is dropped from the pool at once: its
// streams fail as a cut connection does on HTTP/1.1 (the watcher reconnects, on a new connection), and
// the next request opens a new one. A GOAWAY lets the streams it covers finish (kube-apiserver's
// --goaway-chance sends one to spread clients over servers).
import { createHash } from 'node:crypto';
import http2 from 'node:http2';
import { isIP } from 'node:net';
import type { RequestOptions as HttpsOptions } from 'node:https';
import type { Readable } from 'node:stream';
import tls from 'node:tls';

/** The TLS options a kubeconfig gives (KubeConfig.applyToHTTPSOptions): the connection's identity. */
export type TlsIdentity = Pick<HttpsOptions, 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized' | 'servername'>;

/** What kubectl's client (Go's http2 transport in client-go) allows per stream and per connection. */
const STREAM_WINDOW = 4 << 20;
const CONNECTION_WINDOW = 64 << 20;
export const http2Timings = {
  /** Ping a connection with open streams this often; no answer within pingTimeoutMs and it is dead. */
  pingEveryMs: 30_000,
  pingTimeoutMs: 15_000,
  /** Close a connection without streams after this long. */
  idleMs: 90_000,
};

export class ConnectionLostError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(origin: string) {
    super(`connection to ${origin} lost: no answer to a ping within ${http2Timings.pingTimeoutMs / 1000} s`);
    this.name = 'ConnectionLostError';
  }
}

/** One pooled connection: its session and how many streams are open on it. */
interface Pooled {
  session: http2.ClientHttp2Session;
  open: number;
}

/** Per origin and TLS identity: a connection (or its handshake under way), or 'http/1.1'. */
const pool = new Map<string, Promise<Pooled | 'http/1.1'>>();

/** Whether HTTP/2 is tried for this server at all (before any connection). */
export function http2Wanted(server: URL, proxyUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (server.protocol !== 'https:' || proxyUrl) return false;
  const off = env.DISABLE_HTTP2;
  return !off || off === '0' || off.toLowerCase() === 'false';
}

function keyOf(origin: string, id: TlsIdentity): string {
  const h = createHash('sha256');
  for (const v of [id.ca, id.cert, id.key, id.pfx, id.passphrase, String(id.rejectUnauthorized), id.servername]) h.update(`${v === undefined ? '' : String(v)}\0`);
  return `${origin} ${h.digest('hex')}`;
}

/**
 * The HTTP/2 session to reach `url`'s origin with this identity, or undefined when the server speaks
 * only HTTP/1.1. The TLS handshake (and its errors: refused, untrusted certificate…) is the request's.
 */
export async function sessionFor(url: URL, id: TlsIdentity, signal?: AbortSignal): Promise<{ session: http2.ClientHttp2Session; release(): void } | undefined> {
  const key = keyOf(url.origin, id);
  let entry = pool.get(key);
  if (!entry) {
    entry = connect(url, id, key);
    pool.set(key, entry);
    entry.catch(() => pool.get(key) === entry && pool.delete(key));
  }
  const got = await abortable(entry, signal);
  if (got === 'http/1.1') return undefined;
  if (got.session.closed || got.session.destroyed) {
    if (pool.get(key) === entry) pool.delete(key);
    return sessionFor(url, id, signal);
  }
  if (got.open++ === 0) got.session.ref();
  let released = false;
  return {
    session: got.session,
    release() {
      if (released) return;
      released = true;
      if (--got.open === 0 && !got.session.destroyed) got.session.unref();
    },
  };
}

function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function connect(url: URL, id: TlsIdentity, key: string): Promise<Pooled | 'http/1.1'> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port: Number(url.port) || 443,
      servername: id.servername ?? (isIP(host) ? undefined : host),
      ca: id.ca,
      cert: id.cert,
      key: id.key,
      pfx: id.pfx,
      passphrase: id.passphrase,
      rejectUnauthorized: id.rejectUnauthorized,
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      if (socket.alpnProtocol !== 'h2') {
        // The HTTP/1.1 path opens its own connections (its agents): this one has served its purpose.
        socket.destroy();
        resolve('http/1.1');
        return;
      }
      // Dead peers: let TCP notice too (the ping below and the watcher's watchdog are the main guards).
      socket.setKeepAlive(true, 30_000);
      resolve(open(url.origin, socket, key));
    });
  });
}

function open(origin: string, socket: tls.TLSSocket, key: string): Pooled {
  const session = http2.connect(origin, { createConnection: () => socket, settings: { initialWindowSize: STREAM_WINDOW } });
  const pooled: Pooled = { session, open: 0 };
  const self = pool.get(key);
  const forget = () => {
    if (pool.get(key) === self) pool.delete(key);
    clearInterval(pinger);
  };
  // Errors reach the streams (each request sees its own); the session's own is only a reason to forget it.
  session.on('error', forget);
  session.on('goaway', forget);
  session.on('close', forget);
  session.on('connect', () => session.setLocalWindowSize(CONNECTION_WINDOW));
  session.setTimeout(http2Timings.idleMs, () => {
    if (pooled.open === 0) session.close();
  });
  const pinger = setInterval(() => {
    if (pooled.open === 0 || session.destroyed) return;
    const timer = setTimeout(() => session.destroy(new ConnectionLostError(origin)), http2Timings.pingTimeoutMs);
    timer.unref();
    const sent = session.ping((err) => {
      clearTimeout(timer);
      if (err && !session.destroyed && !session.closed) session.destroy(new ConnectionLostError(origin));
    });
    if (!sent) clearTimeout(timer);
  }, http2Timings.pingEveryMs);
  pinger.unref();
  session.unref();
  return pooled;
}

/** The parts of an answer the transport reads, whichever protocol carried it. */
export interface RawAnswer {
  status: number;
  header(name: string): string | undefined;
  /** Every Warning header's value (HTTP/2 joins repeated headers with ", "). */
  warnings: string | string[] | undefined;
  body: Readable;
  complete(): boolean;
}

// Connection-level headers HTTP/2 forbids (RFC 9113 8.2.2); the kubeconfig's auth never sets them, but be sure.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);

/**
 * One request as a stream of the session; resolves once the response headers came. A stream the
 * server refused before it did anything (past a GOAWAY's last stream) is sent again on a new connection.
 */
export async function h2Request(
  url: URL,
  id: TlsIdentity,
  method: string,
  headers: Record<string, string | string[] | number>,
  payload: Buffer | undefined,
  signal?: AbortSignal,
  /** Called once the stream is open on a connected session (its headers on their way). */
  onSent?: () => void,
): Promise<RawAnswer | undefined> {
  for (let attempt = 0; ; attempt++) {
    const conn = await sessionFor(url, id, signal);
    if (!conn) return undefined;
    try {
      return await streamOn(conn, url, method, headers, payload, signal, onSent);
    } catch (e) {
      if (attempt > 0 || !refusedUnprocessed(e)) throw e;
    }
  }
}

function refusedUnprocessed(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === 'ERR_HTTP2_GOAWAY_SESSION' || err?.code === 'ERR_HTTP2_INVALID_SESSION' || (err?.code === 'ERR_HTTP2_STREAM_ERROR' && /REFUSED_STREAM/.test(err.message ?? ''));
}

function streamOn(
  conn: { session: http2.ClientHttp2Session; release(): void },
  url: URL,
  method: string,
  headers: Record<string, string | string[] | number>,
  payload: Buffer | undefined,
  signal?: AbortSignal,
  onSent?: () => void,
): Promise<RawAnswer> {
  const h2Headers: http2.OutgoingHttpHeaders = { ':method': method, ':path': url.pathname + url.search };
  for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.has(k.toLowerCase())) h2Headers[k.toLowerCase()] = v;
  return new Promise((resolve, reject) => {
    let stream: http2.ClientHttp2Stream;
    try {
      stream = conn.session.request(h2Headers, { signal, endStream: !payload });
    } catch (e) {
      conn.release();
      reject(e);
      return;
    }
    // On a connected session the stream is usually open already ('ready' has been emitted).
    if (onSent && stream.pending) stream.once('ready', onSent);
    else onSent?.();
    let ended = false;
    stream.once('end', () => (ended = true));
    stream.once('close', () => conn.release());
    // After the headers, a failure reaches whoever reads the body; never an unhandled 'error' event.
    stream.on('error', () => undefined);
    stream.once('error', reject);
    stream.once('response', (h) => {
      stream.off('error', reject);
      const one = (name: string) => {
        const v = h[name];
        return Array.isArray(v) ? v.join(', ') : v === undefined ? undefined : String(v);
      };
      resolve({ status: Number(h[':status']) || 0, header: one, warnings: h.warning as string | string[] | undefined, body: stream, complete: () => ended });
    });
    if (payload) stream.end(payload);
  });
}

/** Closes every pooled connection (tests; a process exiting needs nothing: idle connections are unref'd). */
export function closeAllSessions(): void {
  for (const entry of pool.values()) entry.then((p) => p !== 'http/1.1' && p.session.destroy(), () => undefined);
  pool.clear();
}
