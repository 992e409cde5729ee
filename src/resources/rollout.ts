// Small pure helpers about workloads that actions (undo, history, restart) and views share.
import type { KObj } from './types.js';
import { selectorToString } from './labels.js';

/** The rollout revision a ReplicaSet (or ControllerRevision) carries; 0 when absent. */
export function revisionOf(obj: KObj): number {
  const fromAnnotation = obj.metadata.annotations?.['deployment.kubernetes.io/revision'];
  if (fromAnnotation !== undefined) {
    const n = Number.parseInt(fromAnnotation, 10);
    return Number.isNaN(n) ? 0 : n;
  }
  // ControllerRevisions (stateful sets, daemon sets) keep it in .revision.
  return typeof obj.revision === 'number' ? obj.revision : 0;
}

/** True when `obj` has an owner reference to `uid`. */
export function ownedBy(obj: KObj, uid: string): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
}

/** The controlling owner, if any (the one with controller: true). */
export function controllerOf(obj: KObj): { kind: string; name: string; uid: string } | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
}

/** "container=image" pairs of a pod template (containers only, in order). */
export function podTemplateImages(template: any): Array<{ container: string; image: string }> {
  const containers: any[] = template?.spec?.containers ?? [];
  return containers.map((c) => ({ container: String(c.name ?? ''), image: String(c.image ?? '') }));
}

/**
 * The label selector string that picks a workload's pods: spec.selector of deployments, replica sets,
 * stateful sets, daemon sets and jobs; spec.selector (a plain map) of services. undefined when none,
 * because an empty selector would select every pod.
 */
export function workloadSelector(obj: KObj): string | undefined {
  const sel = obj.spec?.selector;
  if (!sel) return undefined;
  const s =
    obj.kind === 'Service' || (!('matchLabels' in sel) && !('matchExpressions' in sel))
      ? selectorToString(sel as Record<string, string>)
      : selectorToString(sel.matchLabels, sel.matchExpressions);
  return s === '' ? undefined : s;
}
