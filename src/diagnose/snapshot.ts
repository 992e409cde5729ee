// Reads one namespace's snapshot for the rules: one list per kind through the object client, in
// parallel. A kind the account may not list (403) or the cluster does not serve (404) is skipped and
// named, so the diagnosis can say which rules did not run; cluster-scoped kinds (storage classes,
// nodes) are read only to add detail and skipped silently when refused — a student never has them.
import type { KubeConfig } from '@kubernetes/client-node';
import { READ_TIMEOUT_MS, resourcePath, type ObjectClient, type ResourceRef } from '../kube/objects.js';
import { kubeText } from '../kube/http.js';
import { describeError, statusCodeOf } from '../kube/errors.js';
import type { KObj } from '../resources/types.js';
import { tryParseQuantity } from '../metrics/quantity.js';
import type { Diagnosis, NamespaceSnapshot, Skipped } from './types.js';
import { diagnoseNamespace } from './diagnose.js';

const ref = (group: string, version: string, plural: string, namespaced = true): ResourceRef => ({ group, version, plural, namespaced });

/** The namespaced kinds the rules read, by the snapshot field they fill. */
export const SNAPSHOT_KINDS = {
  pods: ref('', 'v1', 'pods'),
  deployments: ref('apps', 'v1', 'deployments'),
  replicaSets: ref('apps', 'v1', 'replicasets'),
  statefulSets: ref('apps', 'v1', 'statefulsets'),
  daemonSets: ref('apps', 'v1', 'daemonsets'),
  services: ref('', 'v1', 'services'),
  endpointSlices: ref('discovery.k8s.io', 'v1', 'endpointslices'),
  events: ref('', 'v1', 'events'),
  quotas: ref('', 'v1', 'resourcequotas'),
  limitRanges: ref('', 'v1', 'limitranges'),
  pvcs: ref('', 'v1', 'persistentvolumeclaims'),
  hpas: ref('autoscaling', 'v2', 'horizontalpodautoscalers'),
  ingresses: ref('networking.k8s.io', 'v1', 'ingresses'),
} as const;

export type SnapshotKind = keyof typeof SNAPSHOT_KINDS;

const STORAGE_CLASSES = ref('storage.k8s.io', 'v1', 'storageclasses', false);
const NODES = ref('', 'v1', 'nodes', false);
const POD_METRICS = ref('metrics.k8s.io', 'v1beta1', 'pods');

export interface SnapshotOptions {
  /** Objects the caller already holds live (the dashboard's watched slices): not listed again. */
  cached?: (kind: SnapshotKind) => KObj[] | undefined;
  /** The highest memory seen per "pod/container" (the dashboard's metrics history). */
  memoryPeak?: Map<string, number>;
  now?: () => number;
  /** Whether the account may list this kind here (the session's permissions): false skips it without a request. */
  can?: (r: ResourceRef) => boolean;
  /** Told of each kind the server refused (403), so a caller that reads again can stop asking. */
  onRefused?: (r: ResourceRef) => void;
}

function skipReason(err: unknown, plural: string): string {
  const code = statusCodeOf(err);
  if (code === 403) return `not allowed to list ${plural}`;
  if (code === 404) return `this cluster does not serve ${plural}`;
  return describeError(err);
}

/** Reads the namespace's snapshot; rejects only when the pods themselves cannot be read. */
export async function readSnapshot(client: ObjectClient, namespace: string, opts: SnapshotOptions = {}): Promise<NamespaceSnapshot> {
  const skipped: Skipped[] = [];
  const entries = Object.entries(SNAPSHOT_KINDS) as Array<[SnapshotKind, ResourceRef]>;
  const lists = await Promise.all(entries.map(async ([field, r]) => {
    const held = opts.cached?.(field);
    if (held) return held;
    if (field !== 'pods' && opts.can && !opts.can(r)) {
      skipped.push({ kind: r.plural, reason: `not allowed to list ${r.plural}` });
      return [];
    }
    try {
      return (await client.list(r, namespace)) as KObj[];
    } catch (err) {
      if (statusCodeOf(err) === 403) opts.onRefused?.(r);
      if (field === 'pods') throw err;
      skipped.push({ kind: r.plural, reason: skipReason(err, r.plural) });
      return [];
    }
  }));
  const optional = async (r: ResourceRef, ns?: string) => {
    if (opts.can && !opts.can(r)) return undefined;
    try {
      return (await client.list(r, ns)) as KObj[];
    } catch (err) {
      if (statusCodeOf(err) === 403) opts.onRefused?.(r);
      return undefined;
    }
  };
  const [storageClasses, nodes, podMetrics] = await Promise.all([optional(STORAGE_CLASSES), optional(NODES, undefined), optional(POD_METRICS, namespace)]);
  const snap = Object.fromEntries(entries.map(([field], i) => [field, lists[i]])) as Record<SnapshotKind, KObj[]>;
  return {
    namespace,
    now: (opts.now ?? Date.now)(),
    ...snap,
    storageClasses,
    nodes,
    usage: podMetrics ? containerUsage(podMetrics) : undefined,
    memoryPeak: opts.memoryPeak,
    skipped: skipped.sort((a, b) => a.kind.localeCompare(b.kind)),
  };
}

/** metrics.k8s.io PodMetrics → usage per "pod/container". */
export function containerUsage(items: KObj[]): Map<string, { cpuMilli: number; memBytes: number }> {
  const out = new Map<string, { cpuMilli: number; memBytes: number }>();
  for (const m of items) {
    for (const c of m.containers ?? []) {
      out.set(`${m.metadata.name}/${c.name}`, { cpuMilli: (tryParseQuantity(c.usage?.cpu) ?? 0) * 1000, memBytes: tryParseQuantity(c.usage?.memory) ?? 0 });
    }
  }
  return out;
}

/** The last `lines` lines of a container's previous run (the crash's own words), or [] when there are none. */
export async function previousLogLines(kc: KubeConfig, namespace: string, pod: string, container: string, lines = 5): Promise<string[]> {
  const q = new URLSearchParams({ container, previous: 'true', tailLines: String(lines) });
  const path = `${resourcePath(SNAPSHOT_KINDS.pods, { namespace, name: pod, subresource: 'log' })}?${q}`;
  try {
    const text = await kubeText(kc, path, { timeoutMs: READ_TIMEOUT_MS });
    return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1).slice(-lines);
  } catch {
    return []; // no previous run kept (or not allowed): the finding stands without it
  }
}

/** Reads and diagnoses one namespace. */
export async function diagnoseLive(client: ObjectClient, namespace: string, opts: SnapshotOptions = {}): Promise<Diagnosis> {
  const snap = await readSnapshot(client, namespace, opts);
  return { namespace, findings: diagnoseNamespace(snap), skipped: snap.skipped, at: snap.now };
}
