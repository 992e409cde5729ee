// The APIs not backed by the store: pods/log (delegated to the runtime's log hub), metrics.k8s.io
// (the runtime's metrics), and authorization.k8s.io self reviews (answered from auth.ts rules).
import { boolParam, parseIntParam, sendJson, type Ctx } from './http.js';
import type { LogOptions } from './runtimeTypes.js';
import { parseLabelSelector } from './selectors.js';
import { badRequest } from './status.js';
import { notFound } from './store.js';
import { SimError, type KubeObject } from './types.js';

function runtimeOr503(ctx: Ctx) {
  const rt = ctx.env.runtime();
  if (!rt) throw new SimError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
  return rt;
}

export function parseLogOptions(q: URLSearchParams): LogOptions {
  const opts: LogOptions = {};
  const container = q.get('container');
  if (container) opts.container = container;
  if (boolParam(q, 'previous')) opts.previous = true;
  if (boolParam(q, 'timestamps')) opts.timestamps = true;
  const tail = parseIntParam(q, 'tailLines');
  if (tail !== undefined) opts.tailLines = tail;
  const sinceSeconds = parseIntParam(q, 'sinceSeconds');
  if (sinceSeconds !== undefined) {
    if (sinceSeconds < 1) throw new SimError(422, 'Invalid', `PodLogOptions "" is invalid: sinceSeconds: Invalid value: ${sinceSeconds}: must be greater than 0`);
    opts.sinceSeconds = sinceSeconds;
  }
  const sinceTime = q.get('sinceTime');
  if (sinceTime) {
    if (Number.isNaN(Date.parse(sinceTime))) throw badRequest(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
    opts.sinceTime = sinceTime;
  }
  if (opts.sinceSeconds !== undefined && opts.sinceTime) throw new SimError(422, 'Invalid', 'PodLogOptions "" is invalid: sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  const limit = parseIntParam(q, 'limitBytes');
  if (limit !== undefined) {
    if (limit < 1) throw new SimError(422, 'Invalid', `PodLogOptions "" is invalid: limitBytes: Invalid value: ${limit}: must be greater than 0`);
    opts.limitBytes = limit;
  }
  return opts;
}

export function handleLog(ctx: Ctx): void {
  const ns = ctx.info.namespace!;
  const pod = ctx.info.name!;
  if (!ctx.env.store.entry('pods', ns, pod)) throw notFound('pods', pod);
  const rt = runtimeOr503(ctx);
  const opts = parseLogOptions(ctx.query);
  const { res, env } = ctx;
  if (!boolParam(ctx.query, 'follow')) {
    const text = rt.logs.read(ns, pod, opts);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  // Errors (400 no previous container, 400 choose a container) are thrown before any byte is written.
  let sent = 0;
  let closed = false;
  const sub: { off?: () => void } = {};
  const close = (abrupt: boolean) => {
    if (closed) return;
    closed = true;
    sub.off?.();
    env.streams.delete(handle);
    if (abrupt) ctx.req.socket.destroy();
    else res.end();
  };
  const handle = { destroy: () => close(true) };
  const onData = (chunk: string) => {
    if (closed) return;
    if (!res.headersSent) writeHead();
    const out = chunk;
    if (opts.limitBytes !== undefined) {
      const room = opts.limitBytes - sent;
      const buf = Buffer.from(out, 'utf8');
      if (buf.length >= room) {
        res.write(buf.subarray(0, room));
        close(false);
        return;
      }
    }
    sent += Buffer.byteLength(out);
    res.write(out);
  };
  const writeHead = () => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
  };
  sub.off = rt.logs.follow(ns, pod, opts, onData, () => close(false));
  if (closed) {
    sub.off();
    return;
  }
  if (!res.headersSent) writeHead();
  env.streams.add(handle);
  res.on('close', () => close(false));
}

// ---------- metrics.k8s.io/v1beta1 ----------
export function handleMetrics(ctx: Ctx): void {
  const rt = runtimeOr503(ctx);
  const { info, query } = ctx;
  if (info.verb !== 'get' && info.verb !== 'list') throw new SimError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const nodes = info.resource === 'nodes';
  let items: KubeObject[] = nodes ? rt.metrics.nodeMetrics() : rt.metrics.podMetrics(info.namespace);
  if (info.name) {
    const found = items.find((m) => m.metadata.name === info.name && (nodes || m.metadata.namespace === info.namespace));
    if (!found) throw new SimError(404, 'NotFound', `${nodes ? 'nodemetrics' : 'podmetrics'}.metrics.k8s.io "${info.name}" not found`, { name: info.name, group: 'metrics.k8s.io', kind: nodes ? 'nodes' : 'pods' });
    sendJson(ctx.res, 200, found);
    return;
  }
  const label = parseLabelSelector(query.get('labelSelector') ?? undefined);
  if (label) items = items.filter(label);
  sendJson(ctx.res, 200, { kind: nodes ? 'NodeMetricsList' : 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
}

// ---------- authorization.k8s.io/v1 ----------
export function handleReview(ctx: Ctx): void {
  const { auth } = ctx.env;
  const body = ctx.body;
  if (ctx.info.verb !== 'create') throw new SimError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  if (typeof body !== 'object' || !body) throw badRequest('the body of the request was in an unknown format');
  const kind = ctx.kind.kind;
  const spec = body.spec ?? {};
  if (kind === 'SelfSubjectRulesReview') {
    const ns = spec.namespace ?? '';
    const rules = auth.rules(ctx.user, ns);
    sendJson(ctx.res, 201, { kind, apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { resourceRules: rules.resourceRules, nonResourceRules: rules.nonResourceRules, incomplete: false } });
    return;
  }
  if (kind === 'SelfSubjectAccessReview' || kind === 'LocalSubjectAccessReview' || kind === 'SubjectAccessReview') {
    // Only self reviews are answered for others' identities by admins; the student asks about themself.
    const user = kind === 'SelfSubjectAccessReview' ? ctx.user : { name: spec.user ?? '', groups: spec.groups ?? [] };
    let allowed: boolean;
    let reason = '';
    if (spec.nonResourceAttributes) {
      const a = { verb: spec.nonResourceAttributes.verb ?? 'get', path: spec.nonResourceAttributes.path ?? '/' };
      allowed = auth.allowedPath(user, a);
      if (allowed) reason = auth.reason(user, a);
    } else {
      const r = spec.resourceAttributes ?? {};
      const a = { verb: r.verb ?? '', group: r.group ?? '', resource: r.resource ?? '', subresource: r.subresource || undefined, namespace: (kind === 'LocalSubjectAccessReview' ? ctx.info.namespace : r.namespace) || undefined, name: r.name || undefined };
      allowed = auth.allowed(user, a);
      if (allowed) reason = auth.reason(user, a);
    }
    const status: Record<string, unknown> = { allowed };
    if (reason) status.reason = reason;
    sendJson(ctx.res, 201, { kind, apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null, ...(ctx.info.namespace ? { namespace: ctx.info.namespace } : {}) }, spec, status });
    return;
  }
  throw new SimError(404, 'NotFound', 'the server could not find the requested resource');
}
