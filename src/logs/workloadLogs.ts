// Which pods and containers a multi-stream log view follows: a workload's kind words and pod selector
// (deployment, stateful set, daemon set, job, replica set, service), its pods in kubectl's order, the
// containers to follow in each, and a stable colour per pod. The streams themselves: streamSet.ts.
import type { Api } from '../kube/api.js';
import { describeError, statusCodeOf } from '../kube/errors.js';
import { labelSelectorRequirements, matchesSelector, type LabelSelectorExpression, type Requirement } from '../resources/labels.js';
import { findKind } from '../resources/registry.js';
import type { KObj } from '../resources/types.js';
import { containerNames, defaultContainer } from './podInfo.js';
import type { WorkloadKind } from './types.js';

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

/** Reads the workload and returns the selector of its pods, or a one-line error. */
export async function resolveWorkloadSelector(
  api: Api,
  namespace: string,
  kind: WorkloadKind,
  name: string,
): Promise<{ selector: Requirement[] } | { error: string }> {
  try {
    const obj = await api.objects.get(findKind(kind)!, namespace, name);
    const selector = podSelectorOf(kind, obj?.spec?.selector);
    if (selector.length === 0) return { error: `${kind} "${name}" has no pod selector` };
    return { selector };
  } catch (err) {
    if (statusCodeOf(err) === 404) return { error: `${kind} "${name}" not found in namespace "${namespace}"` };
    return { error: describeError(err) };
  }
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

/** Which containers of a pod to follow: one named container (when the pod has it), the default, or all ('*'). */
export function containersFor(pod: KObj, choice: string | undefined): string[] {
  if (choice === '*') return containerNames(pod);
  if (choice) return containerNames(pod).includes(choice) ? [choice] : [];
  const d = defaultContainer(pod);
  return d ? [d] : [];
}

// Foreground colours that read well on dark and light backgrounds (red is left for errors).
const PALETTE = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94];

/** A colour per pod name, stable across runs (FNV-1a hash). */
export function colorFor(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PALETTE[h % PALETTE.length];
}
