// What the server serves: every resource of every API group, read from its discovery documents the way
// kubectl's discovery client does — aggregated discovery (`/api` and `/apis` as
// apidiscovery.k8s.io/v2 APIGroupDiscoveryList: two requests for the whole cluster) where the server
// offers it, else the legacy documents (`/api`, `/api/v1`, `/apis`, then `/apis/G/V` per group version).
// Through the one transport (http.ts). The caller caches the answer per context (src/app/kinds.ts).
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeJson } from './http.js';

/** One resource as discovery lists it (subresources folded into their parent). */
export interface ApiResource {
  group: string; // '' for core
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** 'scale', 'status', 'log', … */
  subresources: string[];
}

/** Aggregated discovery first, plain JSON when the server has no aggregated form (as client-go asks). */
export const AGGREGATED_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

export interface DiscoveryOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Every resource the server lists, one entry per group and plural, in its group's preferred version
 * (a resource served only in another version keeps that version). A group version that fails to answer
 * (an aggregated API that is down: metrics.k8s.io without its server) is left out, as kubectl does,
 * instead of failing the whole discovery.
 */
export async function discoverResources(kc: KubeConfig, opts: DiscoveryOptions = {}): Promise<ApiResource[]> {
  const read = { timeoutMs: opts.timeoutMs ?? 15_000, signal: opts.signal, accept: AGGREGATED_ACCEPT, gzip: true };
  const [core, groups] = await Promise.all([kubeJson(kc, '/api', read), kubeJson(kc, '/apis', read)]);
  const out: ApiResource[] = [];
  for (const doc of [core, groups]) {
    if (doc?.kind === 'APIGroupDiscoveryList') out.push(...fromAggregated(doc));
    else out.push(...(await fromLegacy(kc, doc, { ...read, accept: 'application/json' })));
  }
  return dedupe(out);
}

/** apidiscovery.k8s.io/v2: items (groups) → versions (preferred first) → resources. */
export function fromAggregated(doc: any): ApiResource[] {
  const out: ApiResource[] = [];
  for (const g of doc.items ?? []) {
    const group = String(g?.metadata?.name ?? '');
    for (const v of g.versions ?? []) {
      for (const r of v.resources ?? []) {
        if (typeof r?.resource !== 'string') continue;
        out.push({
          group,
          version: String(v.version),
          plural: r.resource,
          singular: r.singularResource || String(r.responseKind?.kind ?? '').toLowerCase(),
          kind: String(r.responseKind?.kind ?? ''),
          namespaced: r.scope === 'Namespaced',
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          verbs: r.verbs ?? [],
          subresources: (r.subresources ?? []).map((s: any) => String(s.subresource)),
        });
      }
    }
  }
  return out;
}

/** One legacy APIResourceList (`/api/v1`, `/apis/G/V`): subresources (`pods/log`) go to their parent. */
export function fromResourceList(group: string, version: string, list: any): ApiResource[] {
  const out = new Map<string, ApiResource>();
  const subs: Array<[string, string]> = [];
  for (const r of list?.resources ?? []) {
    const name = String(r?.name ?? '');
    const slash = name.indexOf('/');
    if (slash > 0) {
      subs.push([name.slice(0, slash), name.slice(slash + 1)]);
      continue;
    }
    out.set(name, {
      group,
      version,
      plural: name,
      singular: r.singularName || String(r.kind ?? '').toLowerCase(),
      kind: String(r.kind ?? ''),
      namespaced: r.namespaced === true,
      shortNames: r.shortNames ?? [],
      categories: r.categories ?? [],
      verbs: r.verbs ?? [],
      subresources: [],
    });
  }
  for (const [parent, sub] of subs) out.get(parent)?.subresources.push(sub);
  return Array.from(out.values());
}

async function fromLegacy(kc: KubeConfig, doc: any, read: { timeoutMs: number; signal?: AbortSignal; accept: string; gzip: boolean }): Promise<ApiResource[]> {
  // /api → APIVersions {versions: ['v1']}; /apis → APIGroupList {groups: [{name, versions, preferredVersion}]}.
  const wanted: Array<{ group: string; version: string; path: string }> = [];
  if (doc?.kind === 'APIVersions') for (const v of doc.versions ?? []) wanted.push({ group: '', version: v, path: `/api/${v}` });
  for (const g of doc?.groups ?? []) {
    const preferred = g.preferredVersion?.version;
    const versions: string[] = (g.versions ?? []).map((v: any) => String(v.version));
    // The preferred version first: it wins when a resource is served in several.
    for (const v of [...versions.filter((x) => x === preferred), ...versions.filter((x) => x !== preferred)]) {
      wanted.push({ group: g.name, version: v, path: `/apis/${g.name}/${v}` });
    }
  }
  const lists = await inBatches(wanted, 8, (w) => kubeJson(kc, w.path, read).then((l) => fromResourceList(w.group, w.version, l)).catch(() => []));
  return lists.flat();
}

async function inBatches<T, R>(items: T[], width: number, run: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/** One entry per group/plural: the first seen (its group's preferred version) wins. */
function dedupe(all: ApiResource[]): ApiResource[] {
  const seen = new Set<string>();
  return all.filter((r) => {
    const key = `${r.plural}.${r.group}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
