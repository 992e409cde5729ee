// Which pods and containers a multi-stream log view follows: a workload's kind words and pod selector
// (deployment, stateful set, daemon set, job, replica set, service), its pods in kubectl's order, the
// containers to follow in each, and a stable colour per pod. The streams themselves: streamSet.ts.
import type { Api } from '../kube/api.js';
import { describeError, statusCodeOf } from '../kube/errors.js';
import type { Requirement } from '../resources/labels.js';
import { findKind } from '../resources/registry.js';
import type { KObj } from '../resources/types.js';
import { containerNames, defaultContainer, podSelectorOf, type WorkloadKind } from '../resources/podSelection.js';

export { podSelectorOf, selectPods, workloadKindOf } from '../resources/podSelection.js';

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
