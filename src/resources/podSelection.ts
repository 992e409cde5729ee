// Which pods a workload or service selects, and which container of a pod is meant when none is named:
// shared by the log views (src/logs) and exec/port-forward (src/streams). Pure functions over JSON.
import { labelSelectorRequirements, matchesSelector, type LabelSelectorExpression, type Requirement } from './labels.js';
import { findKind } from './registry.js';
import type { KObj } from './types.js';

/** The kinds whose pods kdash can find from the object (a service by its selector). */
export type WorkloadKind = 'deployment' | 'statefulset' | 'daemonset' | 'job' | 'replicaset' | 'service';

const WORKLOAD_KINDS: readonly WorkloadKind[] = ['deployment', 'statefulset', 'daemonset', 'job', 'replicaset', 'service'];

/** 'deploy', 'deployments', 'sts', … → the workload kind (kubectl's names, from the descriptors). */
export function workloadKindOf(word: string): WorkloadKind | undefined {
  const singular = findKind(word)?.kind.toLowerCase();
  return WORKLOAD_KINDS.find((k) => k === singular);
}

/** The pods a workload selects: a service's spec.selector is a plain map, the others' a LabelSelector. [] = none. */
export function podSelectorOf(kind: WorkloadKind, selector: unknown): Requirement[] {
  if (!selector || typeof selector !== 'object') return [];
  if (kind === 'service') return labelSelectorRequirements(selector as Record<string, string>);
  const s = selector as { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorExpression[] };
  return labelSelectorRequirements(s.matchLabels, s.matchExpressions);
}

/** The pods of a workload, oldest first (kubectl orders by creation too), skipping finished-and-deleted ones. */
export function selectPods(pods: KObj[], selector: Requirement[]): KObj[] {
  return pods
    .filter((p) => matchesSelector(selector, p.metadata.labels))
    .sort((a, b) => timeOf(a.metadata.creationTimestamp) - timeOf(b.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name));
}

/** RFC 3339 as the server sends it (the object client and the store keep JSON, no Date objects). */
function timeOf(v: unknown): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Names of the pod's containers: init containers first (they run first), then the app containers. */
export function containerNames(pod: any): string[] {
  const init = (pod?.spec?.initContainers ?? []).map((c: any) => String(c.name));
  const main = (pod?.spec?.containers ?? []).map((c: any) => String(c.name));
  return [...init, ...main];
}

/** kubectl's default container: the kubectl.kubernetes.io/default-container annotation, else the first one
 * (mirrors podcmd.FindOrDefaultContainerByName). */
export function defaultContainer(pod: any): string | undefined {
  const annotated = pod?.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const main: string[] = (pod?.spec?.containers ?? []).map((c: any) => String(c.name));
  if (annotated && main.includes(annotated)) return annotated;
  return main[0];
}

