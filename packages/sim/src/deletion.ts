// Deletion as the registry and garbage collector do it: pods pass through Terminating (deletionTimestamp
// + grace period; the kubelet removes them), namespaces drain their contents, and owner-reference
// cascades follow propagationPolicy: Orphan strips ownerReferences from dependents, Foreground deletes
// dependents first (the owner waits with the foregroundDeletion finalizer), Background removes the
// owner at once and leaves dependents to the runtime's garbage collector.
import { sendJson, type Ctx, type ServerEnv } from './http.js';
import { dryRunRequested, present, selectEntries } from './handlers.js';
import { admitEviction } from './controllers/disruption.js';
import { customKindOf } from './crd.js';
import { kindOf } from './kinds.js';
import { badRequest, successStatus } from './status.js';
import { details, notFound, type SimStore } from './store.js';
import { SimError, type KubeObject } from './types.js';

type Propagation = 'Orphan' | 'Foreground' | 'Background';

export interface DeleteOpts {
  gracePeriodSeconds?: number;
  propagationPolicy?: Propagation;
  preconditions?: { uid?: string; resourceVersion?: string };
}

const FOREGROUND = 'foregroundDeletion';

function parseDeleteOptions(ctx: Ctx): DeleteOpts {
  const b = (typeof ctx.body === 'object' && ctx.body) || {};
  const q = ctx.query;
  const opts: DeleteOpts = {};
  const grace = b.gracePeriodSeconds ?? (q.get('gracePeriodSeconds') !== null ? Number(q.get('gracePeriodSeconds')) : undefined);
  if (grace !== undefined) {
    if (!Number.isInteger(grace)) throw badRequest(`invalid gracePeriodSeconds: ${grace}`);
    opts.gracePeriodSeconds = Math.max(0, grace);
  }
  let pol = b.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
  const orphan = b.orphanDependents ?? (q.get('orphanDependents') !== null ? q.get('orphanDependents') === 'true' : undefined);
  if (pol === undefined && orphan !== undefined) pol = orphan ? 'Orphan' : 'Background';
  if (pol !== undefined) {
    if (pol !== 'Orphan' && pol !== 'Foreground' && pol !== 'Background') {
      throw new SimError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${pol}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    opts.propagationPolicy = pol;
  }
  if (b.preconditions) opts.preconditions = b.preconditions;
  return opts;
}

/** Objects in the owner's namespace whose ownerReferences name the owner's uid. */
export function dependentsOf(store: SimStore, owner: KubeObject): Array<{ resource: string; obj: KubeObject }> {
  const uid = owner.metadata.uid;
  const out: Array<{ resource: string; obj: KubeObject }> = [];
  for (const r of store.resources()) {
    const entries = owner.metadata.namespace !== undefined ? store.entries(r, owner.metadata.namespace) : store.entries(r);
    for (const e of entries) if (e.obj.metadata.ownerReferences?.some((o) => o.uid === uid)) out.push({ resource: r, obj: e.obj });
  }
  return out;
}

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export interface DeleteResult {
  obj: KubeObject;
  gone: boolean;
}

/** Deletes one object with the registry's semantics. Used by DELETE, deletecollection and cascades. */
export function deleteObject(env: ServerEnv, resource: string, ns: string | undefined, name: string, opts: DeleteOpts, dryRun = false): DeleteResult {
  const r = deleteFromRegistry(env, resource, ns, name, opts, dryRun);
  // The Service registry deletes the Service's Endpoints with it, whoever wrote them.
  if (resource === 'services' && r.gone && !dryRun && env.store.get('endpoints', ns, name)) env.store.remove('endpoints', ns, name);
  return r;
}

function deleteFromRegistry(env: ServerEnv, resource: string, ns: string | undefined, name: string, opts: DeleteOpts, dryRun: boolean): DeleteResult {
  const { store, clock } = env;
  const e = store.entry(resource, ns, name);
  if (!e) throw notFound(resource, name);
  const obj = e.obj;
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== obj.metadata.uid) {
    throw new SimError(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`, details(resource, name));
  }
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw new SimError(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`, details(resource, name));
  }
  if (dryRun) return { obj: JSON.parse(e.json), gone: true };
  const kind = kindOf(resource);
  const now = clock.now();

  if (kind?.kind === 'Pod') {
    // Pod strategy CheckGracefulDelete: unscheduled or finished pods go at once.
    const phase = obj.status?.phase;
    let grace = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
    if (!obj.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (grace === 0) return { obj: store.remove(resource, ns, name)!, gone: true };
    const until = now + grace * 1000;
    const existing = obj.metadata.deletionTimestamp ? Date.parse(obj.metadata.deletionTimestamp) : Infinity;
    if (until >= existing) return { obj: JSON.parse(e.json), gone: false };
    const upd = store.mutate(resource, ns, name, (o) => ({ ...o, metadata: { ...o.metadata, deletionTimestamp: isoSeconds(until), deletionGracePeriodSeconds: grace } }))!;
    return { obj: upd, gone: false };
  }

  if (kind?.kind === 'Namespace') {
    const upd = store.mutate(resource, undefined, name, (o) => ({ ...o, metadata: { ...o.metadata, deletionTimestamp: o.metadata.deletionTimestamp ?? isoSeconds(now) }, status: { ...o.status, phase: 'Terminating' } }))!;
    for (const r of store.resources()) {
      if (!(kindOf(r) ?? customKindOf(store, r))?.namespaced) continue;
      for (const d of [...store.entries(r, name)]) {
        try {
          deleteObject(env, r, name, d.obj.metadata.name!, { propagationPolicy: 'Background' });
        } catch {
          // already gone
        }
      }
    }
    finalizer(env).track(resource, undefined, name);
    return { obj: upd, gone: false };
  }

  const policy = opts.propagationPolicy ?? 'Background';
  if (policy === 'Orphan') {
    for (const d of dependentsOf(store, obj)) {
      store.mutate(d.resource, d.obj.metadata.namespace, d.obj.metadata.name!, (o) => ({
        ...o,
        metadata: { ...o.metadata, ownerReferences: (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid) },
      }));
    }
  }
  if (policy === 'Foreground') {
    const deps = dependentsOf(store, obj);
    if (deps.length > 0) {
      const upd = store.mutate(resource, ns, name, (o) => ({
        ...o,
        metadata: { ...o.metadata, deletionTimestamp: o.metadata.deletionTimestamp ?? isoSeconds(now), finalizers: [...new Set([...(o.metadata.finalizers ?? []), FOREGROUND])] },
      }))!;
      finalizer(env).track(resource, ns, name);
      for (const d of deps) {
        if (d.obj.metadata.deletionTimestamp && kindOf(d.resource)?.kind === 'Pod') continue;
        try {
          deleteObject(env, d.resource, d.obj.metadata.namespace, d.obj.metadata.name!, { propagationPolicy: 'Foreground' });
        } catch {
          // a dependent may vanish meanwhile
        }
      }
      finalizer(env).check();
      const still = store.entry(resource, ns, name);
      return still ? { obj: JSON.parse(still.json), gone: false } : { obj: upd, gone: true };
    }
  }
  // Other controllers' finalizers keep the object until they remove them.
  const others = (obj.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND);
  if (others.length) {
    const upd = store.mutate(resource, ns, name, (o) => ({ ...o, metadata: { ...o.metadata, deletionTimestamp: o.metadata.deletionTimestamp ?? isoSeconds(now) } }))!;
    return { obj: upd, gone: false };
  }
  return { obj: store.remove(resource, ns, name)!, gone: true };
}

/** Completes foreground deletions and namespace termination once nothing is left underneath. */
interface Finalizer {
  track(resource: string, ns: string | undefined, name: string): void;
  check(): void;
  stop(): void;
}

const finalizers = new WeakMap<ServerEnv, Finalizer>();

export function finalizer(env: ServerEnv): Finalizer {
  let f = finalizers.get(env);
  if (f) return f;
  const pending = new Map<string, { resource: string; ns: string | undefined; name: string }>();
  let scheduled = false;
  const check = () => {
    scheduled = false;
    for (const [key, p] of pending) {
      const e = env.store.entry(p.resource, p.ns, p.name);
      if (!e) {
        pending.delete(key);
        continue;
      }
      const empty = kindOf(p.resource)?.kind === 'Namespace'
        ? !env.store.resources().some((r) => (kindOf(r) ?? customKindOf(env.store, r))?.namespaced && env.store.entries(r, p.name).length > 0)
        : dependentsOf(env.store, e.obj).length === 0;
      if (empty) {
        pending.delete(key);
        env.store.remove(p.resource, p.ns, p.name);
      }
    }
  };
  const unsubscribe = env.store.subscribe((ev) => {
    if (pending.size === 0 || ev.type !== 'DELETED' || scheduled) return;
    scheduled = true;
    queueMicrotask(check);
  });
  f = {
    track: (resource, ns, name) => pending.set(`${resource}/${ns ?? ''}/${name}`, { resource, ns, name }),
    check,
    stop: unsubscribe,
  };
  finalizers.set(env, f);
  return f;
}

function deleteResponse(ctx: Ctx, r: DeleteResult, opts: DeleteOpts): void {
  if (r.gone && ctx.kind.kind !== 'Pod') {
    sendJson(ctx.res, 200, successStatus({ ...details(ctx.resource, r.obj.metadata.name!), uid: r.obj.metadata.uid }));
    return;
  }
  sendJson(ctx.res, !r.gone && opts.propagationPolicy === 'Foreground' ? 202 : 200, present(ctx, r.obj));
}

export function handleDelete(ctx: Ctx): void {
  const opts = parseDeleteOptions(ctx);
  const r = deleteObject(ctx.env, ctx.resource, (ctx.kind.namespaced ? ctx.info.namespace : undefined), ctx.info.name!, opts, dryRunRequested(ctx));
  deleteResponse(ctx, r, opts);
}

export function handleDeleteCollection(ctx: Ctx): void {
  const opts = parseDeleteOptions(ctx);
  const dry = dryRunRequested(ctx);
  const items: KubeObject[] = [];
  for (const e of [...selectEntries(ctx)]) {
    try {
      items.push(present(ctx, deleteObject(ctx.env, ctx.resource, e.obj.metadata.namespace, e.obj.metadata.name!, opts, dry).obj));
    } catch (err) {
      if (!(err instanceof SimError && err.code === 404)) throw err;
    }
  }
  sendJson(ctx.res, 200, { kind: `${ctx.kind.kind}List`, apiVersion: ctx.kind.group ? `${ctx.kind.group}/${ctx.kind.version}` : ctx.kind.version, metadata: { resourceVersion: String(ctx.env.store.rv) }, items });
}

/** POST pods/NAME/eviction (what `kubectl drain` sends): a graceful pod delete answered with a Success Status. */
export function handleEviction(ctx: Ctx): void {
  const body = (typeof ctx.body === 'object' && ctx.body) || {};
  const name = ctx.info.name!;
  const opts: DeleteOpts = {};
  if (Number.isInteger(body.deleteOptions?.gracePeriodSeconds)) opts.gracePeriodSeconds = Math.max(0, body.deleteOptions.gracePeriodSeconds);
  const pod = ctx.env.store.get('pods', ctx.info.namespace, name);
  if (pod) admitEviction(ctx.env.store, pod, ctx.env.clock.now(), dryRunRequested(ctx));
  deleteObject(ctx.env, 'pods', ctx.info.namespace, name, opts, dryRunRequested(ctx));
  sendJson(ctx.res, 201, successStatus());
}
