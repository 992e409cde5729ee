// The registry verbs over HTTP: get, list, create, update (PUT), patch and the scale subresource.
// Delete lives in deletion.ts, watch in watch.ts.
import { randomUUID } from 'node:crypto';
import { admitPodCreate } from './controllers/quota.js';
import { randomSuffix } from './controllers/util.js';
import { admitServiceAccount } from './serviceAccount.js';
import { admitCrd, CRD_RESOURCE } from './crd.js';
import { admitLimitRanges } from './limitRange.js';
import { admitDefaultStorageClass } from './controllers/storage.js';
import { validateCustomObject } from './decode.js';
import { decodeBody } from './decode.js';
import { allocateServiceAddresses } from './serviceAlloc.js';
import { EVENTS_NEW, toEventsV1 } from './eventConvert.js';
import { boolParam, parseIntParam, sendJson, type Ctx } from './http.js';
import { applyDefaults, generateJobSelector, prepareForCreate, validate, validateScale, validateUpdate } from './admission.js';
import { apiVersionOf } from './kinds.js';
import { applyPatch } from './patch.js';
import { isApplyPatch, serverSideApply } from './apply.js';
import { managerName, recordUpdate, timestamp } from './managedFields.js';
import { parseFieldSelector, parseLabelSelector, selectorString } from './selectors.js';
import { badRequest, invalid } from './status.js';
import { canonicalJson, notFound, type Entry } from './store.js';
import { buildTable, type IncludeObject } from './tables/table.js';
import { SimError, type KubeObject } from './types.js';

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object as the client sees it (events.k8s.io/v1 events are converted from the stored core shape). */
export function present(ctx: Ctx, obj: KubeObject): KubeObject {
  return ctx.resource === EVENTS_NEW ? toEventsV1(obj) : obj;
}

function entryJson(ctx: Ctx, e: Entry): string {
  return ctx.resource === EVENTS_NEW ? JSON.stringify(toEventsV1(JSON.parse(e.json))) : e.json;
}

export function includeObject(ctx: Ctx): IncludeObject {
  const v = ctx.query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function metadataOnly(ctx: Ctx, obj: KubeObject): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** Sends one object honouring Table / PartialObjectMetadata negotiation. */
export function sendObject(ctx: Ctx, code: number, obj: KubeObject): void {
  const shown = present(ctx, obj);
  if (ctx.accept.table && ctx.info.verb === 'get') {
    sendJson(ctx.res, code, buildTable(ctx.kind, [shown], ctx.env.clock.now(), includeObject(ctx), { resourceVersion: obj.metadata.resourceVersion }, ctx.accept.table));
  } else if (ctx.accept.partial && ctx.info.verb === 'get') {
    sendJson(ctx.res, code, metadataOnly(ctx, shown));
  } else {
    sendJson(ctx.res, code, shown);
  }
}

export function getEntryOr404(ctx: Ctx, name: string): Entry {
  const e = ctx.env.store.entry(ctx.resource, objectNamespace(ctx), name);
  if (!e) throw notFound(ctx.resource, name);
  return e;
}

export function handleGet(ctx: Ctx): void {
  const e = getEntryOr404(ctx, ctx.info.name!);
  if (!ctx.accept.table && !ctx.accept.partial) {
    sendJson(ctx.res, 200, entryJson(ctx, e));
    return;
  }
  sendObject(ctx, 200, e.obj);
}

interface ContinueToken {
  rv: number;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof t.start === 'string' && typeof t.rv === 'number') return t;
  } catch {
    // fall through
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

/** Matching entries for a list or deletecollection, honouring label/field selectors. */
export function selectEntries(ctx: Ctx): Entry[] {
  const label = parseLabelSelector(ctx.query.get('labelSelector') ?? undefined);
  const field = parseFieldSelector(ctx.query.get('fieldSelector') ?? undefined, ctx.kind.kind);
  const all = ctx.env.store.entries(ctx.resource, objectNamespace(ctx));
  if (!label && !field) return all as Entry[];
  return all.filter((e) => (!label || label(e.obj)) && (!field || field(e.obj)));
}

/** How long a list at a resourceVersion ahead of the server waits for it (the watch cache's 3 s). */
export const FRESHNESS_WAIT_MS = 3000;

/**
 * A list at a resourceVersion the server has not reached waits for it like kube-apiserver's watch cache
 * (waitUntilFreshAndBlock), then fails with its 504 "Too large resource version" and Retry-After: 1.
 */
export async function handleListWhenFresh(ctx: Ctx): Promise<void> {
  const { store, clock } = ctx.env;
  const param = ctx.query.get('resourceVersion') ?? '';
  const wanted = /^\d+$/.test(param) ? Number(param) : 0;
  if (wanted > store.rv) {
    const reached = await new Promise<boolean>((resolve) => {
      const stopWaiting = (ok: boolean) => {
        unsubscribe();
        cancel();
        resolve(ok);
      };
      const unsubscribe = store.subscribe(() => void (store.rv >= wanted && stopWaiting(true)));
      const cancel = clock.setTimeout(() => stopWaiting(false), FRESHNESS_WAIT_MS);
    });
    if (!reached) {
      throw new SimError(504, 'Timeout', `Timeout: Too large resource version: ${wanted}, current: ${store.rv}`, {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      });
    }
  }
  handleList(ctx);
}

export function handleList(ctx: Ctx): void {
  const { store } = ctx.env;
  const limit = parseIntParam(ctx.query, 'limit');
  const cont = ctx.query.get('continue');
  let items = selectEntries(ctx);
  const listRv = store.rv;
  if (cont) {
    const t = decodeContinue(cont);
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid].key <= t.start) lo = mid + 1;
      else hi = mid;
    }
    items = items.slice(lo);
  }
  const meta: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (limit !== undefined && limit > 0 && items.length > limit) {
    const last = items[limit - 1];
    meta.continue = Buffer.from(JSON.stringify({ rv: listRv, start: last.key }), 'utf8').toString('base64url');
    meta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  if (ctx.accept.table) {
    const objs = items.map((e) => (ctx.resource === EVENTS_NEW ? toEventsV1(JSON.parse(e.json)) : e.obj));
    sendJson(ctx.res, 200, buildTable(ctx.kind, objs, ctx.env.clock.now(), includeObject(ctx), meta, ctx.accept.table));
    return;
  }
  if (ctx.accept.partial) {
    sendJson(ctx.res, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: meta, items: items.map((e) => metadataOnly(ctx, e.obj)) });
    return;
  }
  // Lists are built from each object's stored serialization: no per-request JSON.stringify of 10k pods.
  const head = `{"kind":${JSON.stringify(`${ctx.kind.kind}List`)},"apiVersion":${JSON.stringify(apiVersionOf(ctx.kind))},"metadata":${JSON.stringify(meta)},"items":[`;
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) parts[i] = entryJson(ctx, items[i]);
  sendJson(ctx.res, 200, `${head}${parts.join(',')}]}`);
}

function requireBody(ctx: Ctx): KubeObject {
  if (!isObj(ctx.body)) throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json');
  const b = ctx.body as KubeObject;
  b.metadata = isObj(b.metadata) ? b.metadata : {};
  return b;
}

function checkNamespace(ctx: Ctx, obj: KubeObject): void {
  if (!ctx.kind.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  const ns = ctx.info.namespace;
  if (!ns) throw badRequest('the server could not find the requested resource');
  if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  obj.metadata.namespace = ns;
}

const isDryRun = (ctx: Ctx) => ctx.query.getAll('dryRun').includes('All');

/** NamespaceLifecycle admission: no new objects in a missing or terminating namespace. */
function admitNamespace(ctx: Ctx, obj: KubeObject): void {
  const ns = obj.metadata.namespace;
  if (!ctx.kind.namespaced || !ns) return;
  const nsObj = ctx.env.store.entry('namespaces', undefined, ns);
  if (!nsObj) throw notFound('namespaces', ns);
  if (nsObj.obj.metadata.deletionTimestamp || nsObj.obj.status?.phase === 'Terminating') {
    throw new SimError(403, 'Forbidden', `${ctx.resource} "${obj.metadata.name ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, { name: obj.metadata.name, kind: ctx.info.resource });
  }
}

export function handleCreate(ctx: Ctx): void {
  const obj = requireBody(ctx);
  decodeBody(ctx, obj);
  createObject(ctx, obj);
}

/** Who makes this write, for managedFields: an Update by the request's field manager. */
function updater(ctx: Ctx) {
  const subresource = ctx.info.subresource === 'status' ? 'status' : undefined;
  return { manager: managerName(ctx.query, ctx.req), time: timestamp(ctx.env.clock.now()), apiVersion: apiVersionOf(ctx.kind), ...(subresource ? { subresource } : {}) };
}

/** Creates a decoded object; `applied` is set when a server-side apply creates it (its managers are set). */
function createObject(ctx: Ctx, obj: KubeObject, applied = false): void {
  checkNamespace(ctx, obj);
  if (ctx.resource === EVENTS_NEW) {
    obj.apiVersion = 'events.k8s.io/v1';
  } else {
    obj.apiVersion = apiVersionOf(ctx.kind);
  }
  obj.kind = ctx.kind.kind;
  applyDefaults(ctx.kind, obj);
  if (!applied) obj.metadata.managedFields = recordUpdate(ctx.kind, undefined, obj, updater(ctx));
  prepareForCreate(ctx.kind, obj);
  admitKind(ctx, obj, undefined);
  // FillObjectMetaSystemFields: the uid is the server's, and exists before validation (the Job strategy needs it).
  obj.metadata.uid = randomUUID();
  if (ctx.kind.kind === 'Job') {
    // The name is generated before validation too, so the job-name labels can carry it.
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${randomSuffix(Math.random)}`;
    generateJobSelector(obj);
  }
  // generateName is validated as a name with a suffix, as the real server's ValidateObjectMeta does.
  validate(ctx.kind, { ...obj, metadata: { ...obj.metadata, name: obj.metadata.name ?? (obj.metadata.generateName ? `${obj.metadata.generateName}x` : undefined) } }, true);
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw invalid(ctx.kind.kind, ctx.kind.group, '', [{ field: 'metadata.name', type: 'FieldValueRequired', message: 'Required value: name or generateName is required' }]);
  }
  admitNamespace(ctx, obj);
  if (obj.metadata.name && ctx.env.store.entry(ctx.resource, obj.metadata.namespace, obj.metadata.name)) {
    throw new SimError(409, 'AlreadyExists', `${ctx.resource} "${obj.metadata.name}" already exists`, { name: obj.metadata.name, ...(ctx.kind.group ? { group: ctx.kind.group } : {}), kind: ctx.kind.plural });
  }
  // Quota admission runs last, as in kube-apiserver's admission chain, so only creatable pods are charged.
  if (ctx.kind.kind === 'Pod') {
    admitServiceAccount(obj, Math.random, ctx.env.store);
    admitLimitRanges(ctx.env.store, obj);
    admitPodCreate(ctx.env.store, obj);
  }
  if (ctx.kind.kind === 'Service') allocateServiceAddresses(ctx.env.store, obj);
  if (isDryRun(ctx)) {
    obj.metadata.name ??= `${obj.metadata.generateName}dryrun`;
    obj.metadata.uid = '00000000-0000-0000-0000-000000000000';
    obj.metadata.creationTimestamp = new Date(ctx.env.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    sendJson(ctx.res, 201, present(ctx, obj));
    return;
  }
  const created = ctx.env.store.create(ctx.resource, obj);
  sendJson(ctx.res, 201, created);
}

/** Admission and validation of the kinds that have their own module (CRDs, custom resources, limit ranges…). */
function admitKind(ctx: Ctx, obj: KubeObject, current: KubeObject | undefined): void {
  if (ctx.resource === CRD_RESOURCE) admitCrd(obj, ctx.env.clock.now(), !current);
  if (ctx.kind.custom) validateCustomObject(ctx.kind, obj);
  if (ctx.kind.kind === 'PersistentVolumeClaim' && !current) admitDefaultStorageClass(ctx.env.store, obj);
}

/** Status-subresource semantics: the main resource cannot change status; /status changes only status. */
function splitStatus(ctx: Ctx, current: KubeObject, next: KubeObject): KubeObject {
  const hasStatus = ctx.kind.subresources?.includes('status');
  if (ctx.info.subresource === 'status') {
    return { ...current, metadata: { ...current.metadata, resourceVersion: next.metadata?.resourceVersion ?? current.metadata.resourceVersion }, status: next.status };
  }
  if (hasStatus) next.status = current.status;
  return next;
}

function commitUpdate(ctx: Ctx, current: KubeObject, next: KubeObject, applied = false): void {
  next.metadata = isObj(next.metadata) ? next.metadata : {};
  next.metadata.name = current.metadata.name;
  next.metadata.namespace = current.metadata.namespace;
  next.apiVersion = apiVersionOf(ctx.kind);
  next.kind = ctx.kind.kind;
  if (ctx.resource === EVENTS_NEW) next.apiVersion = 'events.k8s.io/v1';
  applyDefaults(ctx.kind, next);
  // The managers are the server's record: what a client sends in managedFields is not taken.
  if (!applied) next.metadata.managedFields = recordUpdate(ctx.kind, current, next, updater(ctx));
  if (!next.metadata.managedFields) delete next.metadata.managedFields;
  if (ctx.kind.kind === 'Service' && ctx.info.subresource !== 'status') allocateServiceAddresses(ctx.env.store, next, current);
  if (ctx.info.subresource !== 'status') admitKind(ctx, next, current);
  validateUpdate(ctx.kind, current, next, ctx.info.subresource === 'status');
  if (isDryRun(ctx)) {
    // A dry run goes through the same optimistic-concurrency check as the write (GuaranteedUpdate).
    const rv = next.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) {
      throw new SimError(409, 'Conflict', `Operation cannot be fulfilled on ${ctx.resource} "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, { name: current.metadata.name, kind: ctx.info.resource });
    }
    sendJson(ctx.res, 200, present(ctx, next));
    return;
  }
  if (unchanged(current, next)) {
    // etcd3's GuaranteedUpdate skips a write whose bytes are the stored ones: no new resourceVersion,
    // no watch event.
    sendJson(ctx.res, 200, current);
    return;
  }
  const updated = ctx.env.store.update(ctx.resource, next);
  sendJson(ctx.res, 200, updated);
}

/** The update would store what is stored (the server-owned metadata aside, which it keeps anyway). */
function unchanged(current: KubeObject, next: KubeObject): boolean {
  const rv = next.metadata.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) return false;
  const { uid, creationTimestamp, generation, resourceVersion, deletionTimestamp, deletionGracePeriodSeconds, managedFields } = current.metadata;
  const kept = { uid, creationTimestamp, generation, resourceVersion, deletionTimestamp, deletionGracePeriodSeconds, managedFields };
  const candidate = { ...next, metadata: { ...next.metadata, ...kept } };
  if (!candidate.metadata.ownerReferences?.length) delete candidate.metadata.ownerReferences;
  return canonicalJson(candidate) === canonicalJson(current);
}

export function handleUpdate(ctx: Ctx): void {
  const body = requireBody(ctx);
  decodeBody(ctx, body);
  const name = ctx.info.name!;
  if (body.metadata.name && body.metadata.name !== name) {
    throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
  }
  checkNamespace(ctx, body);
  const current = present(ctx, JSON.parse(getEntryOr404(ctx, name).json));
  commitUpdate(ctx, current, splitStatus(ctx, current, body));
}

/** Server-side apply: creates the object when it does not exist (201), else merges into it. */
function handleApply(ctx: Ctx): void {
  const e = ctx.env.store.entry(ctx.resource, objectNamespace(ctx), ctx.info.name!);
  const current = e ? present(ctx, JSON.parse(e.json)) : undefined;
  if (isObj(ctx.body)) decodeBody(ctx, ctx.body);
  const next = serverSideApply(ctx, current, ctx.body);
  if (!current) {
    if (next.metadata.name && next.metadata.name !== ctx.info.name) throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${ctx.info.name})`);
    next.metadata.name = ctx.info.name;
    createObject(ctx, next, true);
    return;
  }
  next.metadata.resourceVersion = current.metadata.resourceVersion;
  commitUpdate(ctx, current, splitStatus(ctx, current, next), true);
}

export function handlePatch(ctx: Ctx): void {
  if (isApplyPatch(ctx.contentType)) return handleApply(ctx);
  const name = ctx.info.name!;
  const current = present(ctx, JSON.parse(getEntryOr404(ctx, name).json));
  if (ctx.body === undefined) throw badRequest('the body of the request was empty');
  const patched = applyPatch(ctx.contentType, current, ctx.body);
  if (!isObj(patched)) throw badRequest('the patched object is not a JSON object');
  decodeBody(ctx, patched);
  const wanted = patched.metadata?.resourceVersion;
  if (wanted && wanted !== current.metadata.resourceVersion) {
    throw new SimError(409, 'Conflict', `Operation cannot be fulfilled on ${ctx.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, kind: ctx.info.resource });
  }
  patched.metadata = { ...patched.metadata, resourceVersion: current.metadata.resourceVersion };
  commitUpdate(ctx, current, splitStatus(ctx, current, patched as KubeObject));
}

// ---------- scale subresource (autoscaling/v1 Scale) ----------

function toScale(obj: KubeObject): KubeObject {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: selectorString(obj.spec?.selector).replace(/^<none>$/, '') },
  };
}

export function handleScale(ctx: Ctx): void {
  const name = ctx.info.name!;
  const e = getEntryOr404(ctx, name);
  const current: KubeObject = JSON.parse(e.json);
  const scale = toScale(current);
  if (ctx.info.verb === 'get') {
    sendJson(ctx.res, 200, scale);
    return;
  }
  let next: KubeObject;
  if (ctx.info.verb === 'update') {
    next = requireBody(ctx);
    const rv = next.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) {
      throw new SimError(409, 'Conflict', `Operation cannot be fulfilled on ${ctx.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, kind: ctx.info.resource });
    }
  } else if (ctx.info.verb === 'patch') {
    next = applyPatch(ctx.contentType, scale, ctx.body);
  } else {
    throw new SimError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  const replicas = next.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    validateScale({ ...ctx.kind, kind: 'Scale', group: 'autoscaling' }, name, replicas ?? -1);
  }
  if (isDryRun(ctx)) {
    sendJson(ctx.res, 200, { ...scale, spec: { replicas } });
    return;
  }
  const who = { ...updater(ctx), subresource: 'scale' };
  const updated = ctx.env.store.mutate(ctx.resource, objectNamespace(ctx), name, (o) => {
    const next = { ...o, spec: { ...o.spec, replicas } };
    const managedFields = recordUpdate(ctx.kind, o, next, who);
    return { ...next, metadata: { ...o.metadata, ...(managedFields ? { managedFields } : {}) } };
  })!;
  sendJson(ctx.res, 200, toScale(updated));
}

export const dryRunRequested = isDryRun;
export { boolParam };

/**
 * The namespace an object lives in. RequestInfo sets namespace = name for /api/v1/namespaces/NAME
 * (that is what RBAC sees), but the namespace object itself is cluster-scoped.
 */
function objectNamespace(ctx: { kind: { namespaced: boolean }; info: { namespace?: string } }): string | undefined {
  return ctx.kind.namespaced ? ctx.info.namespace : undefined;
}
