// Turns anything that can go wrong between kdash and a cluster into one line a user can act on:
// no stack traces, no "HTTP-Code: 401\nMessage: ...\nBody: ..." dumps from client-node's ApiException.
// This is the one describer: the CLI, the session, actions, watchers (the header), metrics and logs
// all say a failure through describeError, from the one table below (one entry per status family).
import { STATUS_CODES } from 'node:http';
import { escapeInvisible } from '../text/sanitize.js';

/** An error whose message is already the one line to print; the CLI exits with exitCode. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** An exec credential plugin (e.g. gke-gcloud-auth-plugin) could not be run or failed. */
export class ExecPluginError extends Error {
  readonly command: string;
  readonly detail: string;
  constructor(command: string, detail: string) {
    super(`exec plugin "${command}" failed: ${detail}`);
    this.name = 'ExecPluginError';
    this.command = command;
    this.detail = detail;
  }
}

/** A one-shot request that got no answer (or no whole answer) within its timeout (src/kube/http.ts). */
export class NoAnswerError extends Error {
  readonly origin: string;
  readonly timeoutMs: number;
  constructor(origin: string, timeoutMs: number) {
    super(`no answer from ${origin} within ${timeoutMs / 1000} s`);
    this.name = 'NoAnswerError';
    this.origin = origin;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The server as error lines and the header show it: scheme, host and port. A kubeconfig's server URL
 * may carry credentials (user:password@, a token in the path like the embedded cluster's
 * /sim-auth/TOKEN, or in the query), and none of that may reach the screen or a log.
 */
export function serverOrigin(server: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#\s]*@)?([^/?#\s]*)/i.exec(server);
  return m ? m[1] + m[2] : server.replace(/[/?#].*$/, '');
}

/** Any URL inside a message, reduced to its origin (error texts from HTTP libraries quote the whole URL). */
function withoutUrlSecrets(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*[^\s"'<>:.,;)]/gi, (url) => serverOrigin(url));
}

/** The line for a server that answered a web page (a proxy's or an identity provider's login page). */
export function answeredHtml(server: string | undefined, code?: number): string {
  const where = server ? `the server at ${serverOrigin(server)}` : 'the server';
  return `${where} answered HTML, not the Kubernetes API${code ? ` (HTTP ${code})` : ''} — is the server URL right, or is a proxy asking to log in?`;
}

/** Does a response body look like a web page rather than Kubernetes JSON? */
export function looksLikeHtml(body: string | undefined): boolean {
  return body !== undefined && /^\s*<(!doctype\s+html|html|head|body|\?xml)/i.test(body);
}

/** Where a request went; appended to connection errors so the user knows which config to fix. */
export interface ErrorContext {
  server?: string;
  context?: string;
  kubeconfig?: string;
  /** kubeconfig user name, for 401 messages. */
  user?: string;
  /** How this user logs in again, e.g. 'gcloud auth login'. */
  loginHint?: string;
  /**
   * For the header and status lines, where the server is already on screen: an HTTP answer as its
   * status line and the server's words ("503 Service Unavailable: etcd down"), a network failure
   * without "cannot reach <server>".
   */
  brief?: boolean;
  /**
   * For action results: a 4xx answer other than 401 is the server's own Status message, whole (it names
   * the object and the cause — `pods "x" is forbidden: exceeded quota: compute, requested: …` — and a
   * user needs every word of it). 401, 429, 5xx, web pages and network failures read as usual.
   */
  serverWords?: boolean;
}

/** The Kubernetes Status object an API error carries (metav1.Status). */
export interface KubeStatus {
  code?: number;
  reason?: string;
  message?: string;
  details?: { name?: string; kind?: string; group?: string };
}

/** HTTP status code of an API error (client-node ApiException or anything with a numeric `code`/`statusCode`). */
export function statusCodeOf(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; statusCode?: unknown };
  if (typeof e.code === 'number') return e.code;
  if (typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

/** The Status body of an API error; client-node 1.x keeps it as a JSON string. */
export function statusOf(err: unknown): KubeStatus | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const body = (err as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as KubeStatus) : { message: body };
    } catch {
      return body.trim() ? { message: body } : undefined;
    }
  }
  if (body && typeof body === 'object') return body as KubeStatus;
  return undefined;
}

// Node/undici/node-fetch put the system error code at different depths.
function systemCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const c = cur as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (typeof c.errno === 'string') return c.errno;
    cur = c.cause;
  }
  return undefined;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return String(err);
}

/** First non-empty line, control characters removed (server and plugin text is untrusted). */
export function oneLine(text: string, max = 300): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0) ?? '';
  const clean = escapeInvisible(line.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''));
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function whereSuffix(where?: ErrorContext): string {
  const parts: string[] = [];
  if (where?.context) parts.push(`context ${where.context}`);
  if (where?.kubeconfig) parts.push(`kubeconfig ${where.kubeconfig}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function hostOf(server?: string): string | undefined {
  if (!server) return undefined;
  try {
    return new URL(server).hostname;
  } catch {
    return undefined;
  }
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed by the server',
  ETIMEDOUT: 'timed out',
  ESOCKETTIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  ECONNABORTED: 'connection aborted',
  // HTTP/2 (src/kube/http2.ts): a stream the server reset, a connection it closed or that broke.
  ERR_HTTP2_STREAM_ERROR: 'the server reset the request',
  ERR_HTTP2_SESSION_ERROR: 'connection closed by the server',
  ERR_HTTP2_GOAWAY_SESSION: 'connection closed by the server',
  ERR_HTTP2_INVALID_SESSION: 'connection closed',
  ERR_HTTP2_STREAM_CANCEL: 'connection closed',
  ERR_HTTP2_ERROR: 'HTTP/2 protocol error',
};

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/** The network or TLS failure behind a system error code, in words, or undefined when it is not one. */
function networkReason(code: string, err: unknown, where?: ErrorContext): { what: string; tls?: boolean } | undefined {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = hostOf(where?.server);
    return { what: `DNS lookup failed${host ? ` for "${host}"` : ''}` };
  }
  if (NETWORK[code]) return { what: NETWORK[code] };
  if (TLS_UNTRUSTED.has(code)) {
    return { tls: true, what: 'its certificate is not trusted (self-signed or unknown authority) — set certificate-authority in the kubeconfig' };
  }
  if (code === 'CERT_HAS_EXPIRED') return { tls: true, what: 'its certificate has expired' };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { tls: true, what: 'its certificate is not valid for this host name' };
  if (code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code === 'EPROTO') {
    return { tls: true, what: oneLine(messageOf(err)) };
  }
  return undefined;
}

/** host:port a Node socket error names (ECONNREFUSED 127.0.0.1:6443), for callers that do not pass the server. */
function addressOf(err: unknown): string | undefined {
  const e = err as { address?: unknown; port?: unknown };
  if (typeof e?.address !== 'string') return undefined;
  return typeof e.port === 'number' ? `${e.address.includes(':') ? `[${e.address}]` : e.address}:${e.port}` : e.address;
}

function describeNetwork(code: string, err: unknown, where?: ErrorContext): string | undefined {
  const reason = networkReason(code, err, where);
  if (!reason) return undefined;
  const server = where?.server ?? addressOf(err) ?? 'the server';
  if (where?.brief) return reason.tls ? `TLS error: ${reason.what}` : reason.what;
  return reason.tls ? `TLS error talking to ${server}: ${reason.what}${whereSuffix(where)}` : `cannot reach ${server}: ${reason.what}${whereSuffix(where)}`;
}

function describeStatus(code: number, status: KubeStatus | undefined, where?: ErrorContext): string {
  const msg = oneLine(status?.message ?? '');
  if (where?.serverWords && code >= 400 && code < 500 && code !== 401 && code !== 429 && status?.message?.trim()) {
    return oneLine(status.message, 2000);
  }
  if (where?.brief) return `${code} ${STATUS_CODES[code] ?? 'error'}${msg ? `: ${msg}` : ''}`;
  if (code === 401) {
    const who = where?.user ? ` for user "${where.user}"` : '';
    const what = where?.loginHint ? `log in again (e.g. ${where.loginHint})` : 'log in again or renew the credentials in the kubeconfig';
    return `credentials expired or invalid${who} (401 Unauthorized) — ${what}${whereSuffix(where)}`;
  }
  if (code === 403) return `forbidden: ${msg || 'this account may not do that'}`;
  if (code === 404) {
    const d = status?.details;
    if (d?.kind === 'namespaces' && d.name) return `namespace "${d.name}" not found`;
    if (d?.kind && d.name) return `${d.kind.replace(/s$/, '')} "${d.name}" not found`;
    return `not found${msg ? `: ${msg}` : ''}`;
  }
  if (code === 409) return `conflict: ${msg || 'the object changed or already exists'}`;
  if (code === 410) return `expired: ${msg || 'resource version too old'}`;
  if (code === 422) return `invalid: ${msg || 'the server rejected the object'}`;
  if (code === 429) return `the server is throttling requests (429)${msg ? `: ${msg}` : ''}`;
  if (code >= 500) return `server error ${code}${msg ? `: ${msg}` : ''} (${where?.server ?? 'API server'})`;
  return `request failed with HTTP ${code}${msg ? `: ${msg}` : ''}`;
}

/** One line describing err, never a stack. `where` adds server/context/kubeconfig to connection errors. */
export function describeError(err: unknown, where?: ErrorContext): string {
  return withoutUrlSecrets(describe(err, where?.server ? { ...where, server: serverOrigin(where.server) } : where));
}

function describe(err: unknown, where?: ErrorContext): string {
  if (err instanceof UserError || err instanceof ExecPluginError) return oneLine(err.message, 500);
  if (err instanceof NoAnswerError) return where?.brief ? `no answer within ${err.timeoutMs / 1000} s` : `${err.message}${whereSuffix(where)}`;
  const http = statusCodeOf(err);
  const body = (err as { body?: unknown } | undefined)?.body;
  if (http !== undefined && http >= 300 && typeof body === 'string' && looksLikeHtml(body)) return answeredHtml(where?.server, http);
  if (http !== undefined && http >= 300) return describeStatus(http, statusOf(err), where);
  const name = err && typeof err === 'object' ? (err as { name?: unknown; type?: unknown }) : {};
  if (name.name === 'AbortError' || name.name === 'TimeoutError' || name.type === 'request-timeout') {
    const ms = (err as { timeoutMs?: unknown }).timeoutMs;
    const after = typeof ms === 'number' ? ` after ${ms / 1000}s` : '';
    if (where?.brief) return `timed out${after}`;
    return `cannot reach ${where?.server ?? 'the server'}: timed out${after}${whereSuffix(where)}`;
  }
  const code = systemCode(err);
  if (code) {
    const line = describeNetwork(code, err, where);
    if (line) return line;
  }
  const text = oneLine(messageOf(err));
  return text || 'unknown error';
}
