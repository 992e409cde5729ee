// Discovery documents (/api, /api/v1, /apis, /apis/G, /apis/G/V, /version): the legacy per-group
// documents, and aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList on /api and /apis,
// what kubectl and client-go ask for first), both including the kinds CustomResourceDefinitions serve.
// Like kube-apiserver v1.36, v2beta1 is no longer served: asking only for it is a 406.
import { createHash } from 'node:crypto';
import { apiGroups, kindsIn } from './kinds.js';
import { SimError } from './types.js';
import { SERVER_VERSION } from './version.js';
import type { SimKind } from './types.js';


const SUB_VERBS = ['get', 'patch', 'update'];

function resourceEntries(k: SimKind): object[] {
  const main: Record<string, unknown> = { name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: k.verbs ?? [] };
  if (k.shortNames?.length) main.shortNames = k.shortNames;
  if (k.categories?.length) main.categories = k.categories;
  const out: object[] = [main];
  for (const sub of k.subresources ?? []) {
    if (sub === 'status') out.push({ name: `${k.plural}/status`, singularName: '', namespaced: k.namespaced, kind: k.kind, verbs: SUB_VERBS });
    if (sub === 'scale') out.push({ name: `${k.plural}/scale`, singularName: '', namespaced: k.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUB_VERBS });
    if (sub === 'log') out.push({ name: `${k.plural}/log`, singularName: '', namespaced: k.namespaced, kind: k.kind, verbs: ['get'] });
  }
  return out;
}

/** The discovery document for a path, or undefined when the path is not a discovery path. `extra`: the kinds CRDs serve. */
export function discoveryDoc(path: string, serverAddress: string, extra: readonly SimKind[] = []): object | undefined {
  if (path === '/version') return SERVER_VERSION;
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  if (path === '/api/v1') return resourceList('', 'v1', extra);
  const groups = apiGroups(extra);
  const groupDoc = (g: { name: string; versions: string[] }) => {
    const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
    return { name: g.name, versions, preferredVersion: versions[0] };
  };
  if (path === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupDoc) };
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  const g = groups.find((x) => x.name === m[1]);
  if (!g) return undefined;
  if (!m[2]) return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g) };
  if (!g.versions.includes(m[2])) return undefined;
  return resourceList(g.name, m[2], extra);
}

function resourceList(group: string, version: string, extra: readonly SimKind[]): object {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: kindsIn(group, version, extra).flatMap(resourceEntries),
  };
}

// ---------- aggregated discovery (apidiscovery.k8s.io/v2) ----------

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/**
 * How the Accept header of a request for /api or /apis is answered, clause by clause in the client's
 * order as the server's negotiation does: 'aggregated' (v2), 'legacy' (plain JSON), or a 406 when
 * nothing it lists is served (e.g. only v2beta1).
 */
export function discoveryFormat(accept: string | undefined): 'aggregated' | 'legacy' {
  if (!accept) return 'legacy';
  for (const clause of accept.split(',')) {
    const [type, ...params] = clause.split(';').map((x) => x.trim());
    const p = Object.fromEntries(params.map((x) => x.split('=').map((y) => y.trim())));
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') {
      if (type === 'application/yaml' || type === 'application/vnd.kubernetes.protobuf') return 'legacy';
      continue;
    }
    if (p.g === 'apidiscovery.k8s.io') {
      if (p.v === 'v2' && (p.as === undefined || p.as === 'APIGroupDiscoveryList')) return 'aggregated';
      continue;
    }
    if (!p.g && !p.as) return 'legacy';
  }
  throw new SimError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
}

const ref = (k: SimKind, group: string, version: string, kind: string) => (group === k.group && version === k.version ? { group: '', version: '', kind } : { group, version, kind });

function resourceDiscovery(k: SimKind): Record<string, unknown> {
  const r: Record<string, unknown> = { resource: k.plural, responseKind: ref(k, k.group, k.version, k.kind), scope: k.namespaced ? 'Namespaced' : 'Cluster', singularResource: k.singular, verbs: k.verbs ?? [] };
  // A custom resource's kind is named in full, as the apiextensions server reports it.
  if (k.custom) r.responseKind = { group: k.group, version: k.version, kind: k.kind };
  if (k.shortNames?.length) r.shortNames = k.shortNames;
  if (k.categories?.length) r.categories = k.categories;
  const subs: object[] = [];
  for (const sub of [...(k.subresources ?? [])].sort()) {
    if (sub === 'status') subs.push({ subresource: 'status', responseKind: k.custom ? { group: k.group, version: k.version, kind: k.kind } : ref(k, k.group, k.version, k.kind), verbs: SUB_VERBS });
    if (sub === 'scale') subs.push({ subresource: 'scale', responseKind: ref(k, 'autoscaling', 'v1', 'Scale'), verbs: SUB_VERBS });
    if (sub === 'log') subs.push({ subresource: 'log', responseKind: ref(k, k.group, k.version, k.kind), verbs: ['get'] });
  }
  if (k.kind === 'Pod') subs.push({ subresource: 'eviction', responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] });
  if (subs.length) r.subresources = subs.sort((a: any, b: any) => a.subresource.localeCompare(b.subresource));
  return r;
}

/** The APIGroupDiscoveryList for /api (the core group) or /apis (every other group), with its ETag. */
export function aggregatedDiscovery(path: '/api' | '/apis', extra: readonly SimKind[] = []): { body: object; etag: string } {
  const groups = path === '/api' ? [{ name: '', versions: ['v1'] }] : apiGroups(extra);
  const items = groups.map((g) => ({
    metadata: g.name ? { name: g.name } : {},
    versions: g.versions.map((v) => ({
      version: v,
      resources: kindsIn(g.name, v, extra)
        .sort((a, b) => a.plural.localeCompare(b.plural))
        .map(resourceDiscovery),
      freshness: 'Current',
    })),
  }));
  const body = { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
  const etag = `"${createHash('sha512').update(JSON.stringify(body)).digest('hex').toUpperCase()}"`;
  return { body, etag };
}
