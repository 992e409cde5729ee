// The embedded cluster's API server on 127.0.0.1, over HTTPS like kube-apiserver (or plain HTTP for
// tests that want it): authentication, fault injection, discovery, authorization, then dispatch by
// resource and verb to the registry handlers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { unauthorized, type Auth } from './auth.js';
import { handleDelete, handleDeleteCollection, handleEviction, finalizer } from './deletion.js';
import { cleanUpCustomObjects, crdKinds, findCustomKind } from './crd.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, discoveryDoc, discoveryFormat } from './discovery.js';
import { handleLog, handleMetrics, handleReview } from './extraApis.js';
import { createFaults, type FaultState } from './faults.js';
import { handleCreate, handleGet, handleListWhenFresh, handlePatch, handleScale, handleUpdate } from './handlers.js';
import { addWarnings, parseAccept, readBody, sendError, sendJson, type Ctx, type ServerEnv } from './http.js';
import { AUTHZ_KINDS, METRICS_KINDS, findKind, resourceKey } from './kinds.js';
import { decodeProtobuf } from './protobuf.js';
import { openApiV2, openApiV3 } from './openapi.js';
import { encodeOpenApiV2 } from './openapiV2Proto.js';
import { parseRequestInfo } from './requestInfo.js';
import { parse as parseYaml } from 'yaml';
import { isApplyPatch } from './apply.js';
import type { SimRuntime } from './runtimeTypes.js';
import { badRequest, methodNotAllowed, notFoundPath } from './status.js';
import type { SimStore } from './store.js';
import { SimError, type SimClock, type SimKind } from './types.js';
import { handleWatch } from './watch.js';
import { createStreamingServer, STREAMING, streamTarget } from './streams/upgrade.js';
import { validateListOptions } from './listOptions.js';

export interface ApiServerOptions {
  store: SimStore;
  clock: SimClock;
  auth: Auth;
  runtime?: () => SimRuntime | undefined;
  /** Simulated ms between watch BOOKMARKs (default 60 s, like kube-apiserver). */
  bookmarkIntervalMs?: number;
  /** Serve WatchList (default true); false = the WatchList feature gate off. */
  watchList?: boolean;
  /** Serve HTTPS with this certificate and key (PEM); without it, plain HTTP. */
  tls?: { cert: string; key: string };
  /** The address to listen on (default 127.0.0.1). */
  host?: string;
}

export interface RequestLog {
  count(method?: string): number;
  /** Requests (any method) whose path, without the query, starts with `prefix`. */
  countPath(prefix: string): number;
  mutating(): Array<{ method: string; path: string }>;
  reset(): void;
}

export interface ApiServer {
  listen(port?: number): Promise<number>;
  /** Stops listening and cuts every connection. State (the store) is untouched. */
  close(): Promise<void>;
  readonly port: number;
  readonly faults: FaultState;
  readonly requests: RequestLog;
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

export function createApiServer(opts: ApiServerOptions): ApiServer {
  let port = 0;
  const host = opts.host ?? '127.0.0.1';
  const env: ServerEnv = {
    store: opts.store,
    clock: opts.clock,
    auth: opts.auth,
    runtime: opts.runtime ?? (() => undefined),
    streams: new Set(),
    expireNextWatch: false,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
    watchList: opts.watchList !== false,
    address: () => `${host.includes(':') ? `[${host}]` : host}:${port}`,
  };
  const faults = createFaults(env);
  finalizer(env);
  cleanUpCustomObjects(env.store);
  const counts = new Map<string, number>();
  // Per-path counts for tests; bounded so a long demo never grows it without limit.
  const pathCounts = new Map<string, number>();
  let mutatingLog: Array<{ method: string; path: string }> = [];
  const requests: RequestLog = {
    count: (m) => (m ? counts.get(m.toUpperCase()) ?? 0 : [...counts.values()].reduce((a, b) => a + b, 0)),
    countPath: (prefix) => [...pathCounts].reduce((n, [p, c]) => (p.startsWith(prefix) ? n + c : n), 0),
    mutating: () => [...mutatingLog],
    reset() {
      counts.clear();
      pathCounts.clear();
      mutatingLog = [];
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorization = req.headers.authorization;
    counts.set(method, (counts.get(method) ?? 0) + 1);
    if (pathCounts.size >= 10_000 && !pathCounts.has(url.pathname)) pathCounts.clear();
    pathCounts.set(url.pathname, (pathCounts.get(url.pathname) ?? 0) + 1);
    if (method !== 'GET' && method !== 'HEAD') mutatingLog.push({ method, path: url.pathname + url.search });
    const fail = faults.take();
    if (fail) throw new SimError(fail, fail === 429 ? 'TooManyRequests' : 'InternalError', fail === 429 ? 'Too many requests, please try again later.' : 'Internal error occurred: injected fault');

    const user = env.auth.authenticate(authorization);
    if (!user) throw unauthorized();

    const info = parseRequestInfo(method, url.pathname, url.searchParams);
    if (!info.isResource) {
      env.auth.checkPath(user, { verb: method === 'HEAD' ? 'get' : method.toLowerCase(), path: info.path });
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
      if (HEALTH.has(info.path)) {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (info.path === '/openapi/v2') return sendOpenApiV2(req, res);
      if ((info.path === '/api' || info.path === '/apis') && discoveryFormat(req.headers.accept) === 'aggregated') {
        const { body, etag } = aggregatedDiscovery(info.path, crdKinds(env.store));
        sendJson(res, 200, body, { 'Content-Type': AGGREGATED_CONTENT_TYPE, ETag: etag, Vary: 'Accept' });
        return;
      }
      const custom = crdKinds(env.store);
      const doc = discoveryDoc(info.path, env.address(), custom) ?? openApiV3(info.path, custom);
      if (!doc) throw notFoundPath();
      sendJson(res, 200, doc);
      return;
    }

    const kind = resolveKind(info.group, info.version, info.resource) ?? findCustomKind(env.store, info.group, info.version, info.resource);
    if (!kind) throw notFoundPath();
    if (kind.namespaced === false && info.namespace && kind.kind !== 'Namespace') throw notFoundPath();
    env.auth.check(user, { verb: info.verb, group: info.group, resource: info.resource, subresource: info.subresource, namespace: info.namespace, name: info.name });
    // Sent on every request an authorized user makes for a deprecated kind, as kube-apiserver does.
    if (kind.deprecation) addWarnings(res, [kind.deprecation]);

    let body: any;
    const contentType = String(req.headers['content-type'] ?? 'application/json');
    if (method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE') {
      const text = await readBody(req, undefined, contentType.startsWith('application/vnd.kubernetes.protobuf') ? 'latin1' : 'utf8');
      if (contentType.startsWith('application/vnd.kubernetes.protobuf')) {
        body = decodeProtobuf(Buffer.from(text, 'latin1'));
      } else if (text.trim()) {
        try {
          body = isApplyPatch(contentType) ? parseYaml(text) : JSON.parse(text);
        } catch {
          throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
        }
      }
    }
    const ctx: Ctx = { env, req, res, query: url.searchParams, info, kind, resource: resourceKey(kind), user, body, contentType, accept: parseAccept(req.headers.accept) };
    await dispatch(ctx);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err) => sendError(res, err));
  };
  // HTTP/1.1 only (no ALPN h2): clients fall back to it, and exec/attach/port-forward upgrade from it.
  const server: Server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest) : createServer(onRequest);
  server.keepAliveTimeout = 30_000;
  server.on('upgrade', createStreamingServer(env));

  return {
    get port() {
      return port;
    },
    faults,
    requests,
    listen(p = 0) {
      return new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.once('error', onError);
        server.listen(p, host, () => {
          server.off('error', onError);
          port = (server.address() as AddressInfo).port;
          resolve(port);
        });
      });
    },
    close() {
      for (const s of [...env.streams]) s.destroy();
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** /openapi/v2 as JSON, or as protobuf when that is what the client asks for (client-go does). */
function sendOpenApiV2(req: IncomingMessage, res: ServerResponse): void {
  const accept = String(req.headers.accept ?? '');
  if (accept.includes('application/com.github.proto-openapi.spec.v2')) {
    const body = encodeOpenApiV2(openApiV2());
    res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': body.length });
    res.end(body);
    return;
  }
  sendJson(res, 200, openApiV2());
}

function resolveKind(group: string, version: string, plural: string): SimKind | undefined {
  if (group === 'metrics.k8s.io') return METRICS_KINDS.find((k) => k.version === version && k.plural === plural);
  if (group === 'authorization.k8s.io') return AUTHZ_KINDS.find((k) => k.version === version && k.plural === plural);
  return findKind(group, version, plural);
}

function dispatch(ctx: Ctx): void | Promise<void> {
  const { info, kind } = ctx;
  if (kind.group === 'metrics.k8s.io') return handleMetrics(ctx);
  if (kind.group === 'authorization.k8s.io') return handleReview(ctx);
  const sub = info.subresource;
  // exec, attach and port-forward come as upgrades (streams/upgrade.ts); a plain request is refused as kube-apiserver does.
  if (sub && kind.kind === 'Pod' && STREAMING.has(sub)) {
    streamTarget(ctx.env, info, ctx.query);
    throw new SimError(400, 'BadRequest', 'Upgrade request required');
  }
  if (sub === 'proxy' && kind.kind === 'Pod') {
    throw new SimError(400, 'BadRequest', `pods "${info.name}" cannot proxy: the embedded cluster simulates containers, so pods/proxy is not available`);
  }
  if (sub === 'eviction' && kind.kind === 'Pod' && info.verb === 'create') return handleEviction(ctx);
  if (sub) {
    if (!kind.subresources?.includes(sub as 'status' | 'scale' | 'log')) throw notFoundPath();
    if (sub === 'log') {
      if (info.verb !== 'get') throw methodNotAllowed();
      return handleLog(ctx);
    }
    if (sub === 'scale') return handleScale(ctx);
    // status
    if (info.verb === 'get') return handleGet(ctx);
    if (info.verb === 'update') return handleUpdate(ctx);
    if (info.verb === 'patch') return handlePatch(ctx);
    throw methodNotAllowed();
  }
  switch (info.verb) {
    case 'get':
      return handleGet(ctx);
    case 'list':
      validateListOptions(ctx.query, false);
      return handleListWhenFresh(ctx);
    case 'watch':
      validateListOptions(ctx.query, true, ctx.env.watchList);
      return handleWatch(ctx);
    case 'create':
      if (info.name) throw methodNotAllowed();
      return handleCreate(ctx);
    case 'update':
      if (!info.name) throw methodNotAllowed();
      return handleUpdate(ctx);
    case 'patch':
      if (!info.name) throw methodNotAllowed();
      return handlePatch(ctx);
    case 'delete':
      return handleDelete(ctx);
    case 'deletecollection':
      if (!kind.verbs?.includes('deletecollection')) throw methodNotAllowed();
      return handleDeleteCollection(ctx);
    default:
      throw methodNotAllowed();
  }
}
