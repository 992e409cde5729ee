// Discovery documents (/api, /api/v1, /apis, /apis/G, /apis/G/V, /version), in the legacy
// (unaggregated) form: clients that ask for aggregated discovery fall back to it because the
// answer's content type is plain application/json.
import { apiGroups, kindsIn } from './kinds.js';
import type { SimKind } from './types.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '34',
  gitVersion: 'v1.34.0-kdash-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

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

/** The discovery document for a path, or undefined when the path is not a discovery path. */
export function discoveryDoc(path: string, serverAddress: string): object | undefined {
  if (path === '/version') return SERVER_VERSION;
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  if (path === '/api/v1') return resourceList('', 'v1');
  const groups = apiGroups();
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
  return resourceList(g.name, m[2]);
}

function resourceList(group: string, version: string): object {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: kindsIn(group, version).flatMap(resourceEntries),
  };
}
