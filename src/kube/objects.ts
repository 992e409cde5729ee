// One generic object client: any kind that a resource descriptor (src/resources) or, later, discovery
// describes — group, version, plural, namespaced — gets get, list, create, replace, patch (merge,
// strategic, JSON), delete (with uid/resourceVersion preconditions) and its /scale subresource, over
// the one transport (src/kube/http.ts). Watches use the same paths (src/watchers). No per-kind code here.
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeJson } from './http.js';

/** Where a kind lives in the API: what a descriptor (src/resources/types.ts ResourceKind) carries. */
export interface ResourceRef {
  group: string; // '' for core
  version: string;
  plural: string;
  namespaced: boolean;
}

/** Kubernetes JSON as the API server sends it (timestamps are RFC 3339 strings). */
export type Obj = Record<string, any> & { metadata?: Record<string, any> };

export interface PathParts {
  /** Ignored for cluster-scoped kinds; omitted for a namespaced kind = across all namespaces. */
  namespace?: string;
  name?: string;
  /** 'scale', 'status', 'log', … (needs a name). */
  subresource?: string;
}

/** /api/v1/namespaces/NS/pods/NAME/log, /apis/apps/v1/deployments, /api/v1/nodes/NAME … */
export function resourcePath(r: ResourceRef, p: PathParts = {}): string {
  const enc = encodeURIComponent;
  let path = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  if (r.namespaced && p.namespace) path += `/namespaces/${enc(p.namespace)}`;
  path += `/${r.plural}`;
  if (p.name !== undefined) {
    path += `/${enc(p.name)}`;
    if (p.subresource) path += `/${p.subresource}`;
  } else if (p.subresource) throw new Error(`the ${p.subresource} subresource needs an object name`);
  return path;
}

export type PatchType = 'merge' | 'strategic' | 'json';

const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  merge: 'application/merge-patch+json', // RFC 7386
  strategic: 'application/strategic-merge-patch+json', // built-in kinds only
  json: 'application/json-patch+json', // RFC 6902
};

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
}

export interface DeleteOptions {
  /** 0 = kubectl delete --grace-period=0 --force. */
  gracePeriodSeconds?: number;
  /** The server refuses (409) when the name now belongs to another object, or the object changed. */
  preconditions?: { uid?: string; resourceVersion?: string };
  /** Default Background, like kubectl delete: owned pods go with their workload. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

/** Options of a write: `dryRun` (dryRun=All: checked and admitted by the server, nothing stored). */
export interface WriteOptions {
  dryRun?: boolean;
  /** Each Warning the server sent (deprecations, unknown fields, admission warnings). */
  onWarning?(text: string): void;
}

/** Server-side apply: the manager owning the fields sent; `force` takes fields another manager owns. */
export interface ApplyOptions extends WriteOptions {
  fieldManager: string;
  force?: boolean;
}

export interface ObjectClient {
  get(r: ResourceRef, namespace: string, name: string): Promise<Obj>;
  /** One list (items carry no kind/apiVersion, as the server sends them). */
  list(r: ResourceRef, namespace?: string, q?: ListQuery): Promise<Obj[]>;
  create(r: ResourceRef, namespace: string, body: Obj): Promise<Obj>;
  /** PUT: the body's metadata.resourceVersion makes it conditional (409 when the object changed). */
  replace(r: ResourceRef, namespace: string, name: string, body: Obj, opts?: WriteOptions): Promise<Obj>;
  patch(r: ResourceRef, namespace: string, name: string, body: unknown, type?: PatchType): Promise<Obj>;
  /** Server-side apply (PATCH application/apply-patch+yaml): creates the object when it does not exist. */
  apply(r: ResourceRef, namespace: string, name: string, body: Obj, opts: ApplyOptions): Promise<Obj>;
  delete(r: ResourceRef, namespace: string, name: string, opts?: DeleteOptions): Promise<Obj | undefined>;
  /** The autoscaling/v1 Scale of a kind that has the /scale subresource. */
  getScale(r: ResourceRef, namespace: string, name: string): Promise<Obj>;
  /** Replaces the Scale; its metadata.resourceVersion makes the write conditional. */
  replaceScale(r: ResourceRef, namespace: string, name: string, scale: Obj): Promise<Obj>;
}

/**
 * Reads (get, list, the Scale) give up after this long with "no answer from <origin> within 30 s": they
 * come before a confirm or a result, and a hung server must not hang kdash. Writes are not timed — a
 * write that timed out may still have happened, and saying it failed would be untrue.
 */
export const READ_TIMEOUT_MS = 30_000;

function writeQuery(o: WriteOptions, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  if (o.dryRun) q.set('dryRun', 'All');
  return q.size ? `?${q}` : '';
}

export function objectClient(kc: KubeConfig, readTimeoutMs = READ_TIMEOUT_MS): ObjectClient {
  const read = { timeoutMs: readTimeoutMs };
  const at = (r: ResourceRef, namespace: string, name?: string, subresource?: string) => resourcePath(r, { namespace, name, subresource });
  return {
    get: (r, ns, name) => kubeJson(kc, at(r, ns, name), read),
    async list(r, ns, q = {}) {
      const params = new URLSearchParams();
      if (q.labelSelector) params.set('labelSelector', q.labelSelector);
      if (q.fieldSelector) params.set('fieldSelector', q.fieldSelector);
      if (q.limit !== undefined) params.set('limit', String(q.limit));
      const query = params.size ? `?${params}` : '';
      const list = await kubeJson<{ items?: Obj[] }>(kc, `${resourcePath(r, { namespace: ns })}${query}`, { ...read, gzip: true });
      return list?.items ?? [];
    },
    create: (r, ns, body) => kubeJson(kc, at(r, ns), { method: 'POST', body }),
    replace: (r, ns, name, body, o = {}) =>
      kubeJson(kc, `${at(r, ns, name)}${writeQuery(o)}`, { method: 'PUT', body, onWarning: o.onWarning }),
    apply: (r, ns, name, body, o) =>
      kubeJson(kc, `${at(r, ns, name)}${writeQuery(o, { fieldManager: o.fieldManager, ...(o.force ? { force: 'true' } : {}) })}`, {
        method: 'PATCH',
        body, // JSON is YAML: kubectl sends apply patches as YAML, JSON reads the same
        contentType: 'application/apply-patch+yaml',
        onWarning: o.onWarning,
      }),
    patch: (r, ns, name, body, type = 'merge') =>
      kubeJson(kc, at(r, ns, name), { method: 'PATCH', body, contentType: PATCH_CONTENT_TYPE[type] }),
    delete(r, ns, name, o = {}) {
      // As client-go sends it: the options as query parameters, and the preconditions in the body.
      const policy = o.propagationPolicy ?? 'Background';
      const q = new URLSearchParams({ propagationPolicy: policy });
      const body: Obj = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: policy };
      if (o.gracePeriodSeconds !== undefined) {
        q.set('gracePeriodSeconds', String(o.gracePeriodSeconds));
        body.gracePeriodSeconds = o.gracePeriodSeconds;
      }
      const pre = Object.fromEntries(Object.entries(o.preconditions ?? {}).filter(([, v]) => v));
      if (Object.keys(pre).length) body.preconditions = pre;
      return kubeJson(kc, `${at(r, ns, name)}?${q}`, { method: 'DELETE', body });
    },
    getScale: (r, ns, name) => kubeJson(kc, at(r, ns, name, 'scale'), read),
    replaceScale: (r, ns, name, scale) => kubeJson(kc, at(r, ns, name, 'scale'), { method: 'PUT', body: scale }),
  };
}
