// kubectl rollout undo (polymorphichelpers/rollback.go). Deployments (DeploymentRollbacker.Rollback):
// pick the previous revision (second highest) or the one asked for, skip when the template already
// matches, copy that replica set's pod template minus pod-template-hash into the deployment and carry
// the replica set's annotations except the controller's bookkeeping ones. Stateful sets and daemon sets:
// the same with the template stored in their ControllerRevision.
import type { Api } from '../kube/api.js';
import { attempt, fail, ok, retryOnConflict, type ActionResult } from './result.js';
import { getRolloutHistory, TEMPLATE_HASH, type HistoryEntry } from './rolloutHistory.js';
import { isRollable, kindId, kindOf, meta, refName, templateImages, type Obj, type TargetRef } from './targets.js';

/** rollback.go annotationsToSkip: kept from the deployment, never copied from the replica set. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export interface UndoPlan {
  fromRevision: number;
  toRevision: number;
  fromImages: string[];
  toImages: string[];
  /** true when the current template already matches the target (kubectl skips the rollback) */
  noop: boolean;
}

/** Pure: deploymentRevision(): the target entry for toRevision (0/undefined = previous). Throws with kubectl's messages. */
export function pickRevision(entries: HistoryEntry[], name: string, kind: string, toRevision?: number): HistoryEntry {
  if (toRevision) {
    const hit = entries.find((e) => e.revision === toRevision);
    if (!hit) throw new Error(`unable to find specified revision ${toRevision} in history`);
    return hit;
  }
  const sorted = [...entries].sort((a, b) => b.revision - a.revision);
  if (sorted.length < 2) {
    throw new Error(kind === 'deployments' ? `no rollout history found for deployment "${name}"` : 'no last revision to roll back to');
  }
  return sorted[1];
}

/** Pod template without the pod-template-hash label, with keys sorted, for equality (equalIgnoreHash). */
function canonical(template: any): string {
  const t = JSON.parse(JSON.stringify(template ?? {}));
  if (t.metadata?.labels) delete t.metadata.labels[TEMPLATE_HASH];
  if (t.metadata?.labels && Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  if (t.metadata && Object.keys(t.metadata).length === 0) delete t.metadata;
  delete t.$patch;
  const sort = (v: any): any =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v;
  return JSON.stringify(sort(t));
}

export function sameTemplate(a: any, b: any): boolean {
  return canonical(a) === canonical(b);
}

function currentRevision(entries: HistoryEntry[], object: Obj): HistoryEntry | undefined {
  return entries.find((e) => sameTemplate(e.template, object.spec?.template)) ?? entries[entries.length - 1];
}

export async function planUndo(api: Api, ref: TargetRef, toRevision?: number): Promise<UndoPlan> {
  const { object, entries } = await getRolloutHistory(api, ref);
  const target = pickRevision(entries, ref.name, kindId(ref.kind), toRevision);
  const from = currentRevision(entries, object);
  return {
    fromRevision: from?.revision ?? 0,
    toRevision: target.revision,
    fromImages: templateImages(object.spec?.template),
    toImages: target.images,
    noop: sameTemplate(target.template, object.spec?.template),
  };
}

/** Pure: rollback.go's annotation rules: skipped keys from the deployment, the rest from the replica set. */
export function rollbackAnnotations(deployment: Obj, rsAnnotations: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const current = (meta(deployment).annotations ?? {}) as Record<string, string>;
  // kdash's own records (kdash down) belong to the deployment: the controller copies them onto replica
  // sets, and bringing an old copy back would make `up` restore a stale count.
  const skip = (k: string) => ANNOTATIONS_TO_SKIP.has(k) || k.startsWith('kdash.dev/');
  for (const [k, v] of Object.entries(current)) if (skip(k)) out[k] = v;
  for (const [k, v] of Object.entries(rsAnnotations ?? {})) if (!skip(k)) out[k] = v;
  return out;
}

export async function undoRollout(api: Api, ref: TargetRef, toRevision?: number): Promise<ActionResult> {
  const k = kindOf(ref.kind);
  const kind = kindId(ref.kind);
  if (!k || !isRollable(ref.kind)) {
    return fail(`${ref.kind} cannot be rolled back: only deployments, stateful sets and daemon sets can`);
  }
  return attempt(async () => {
    // Read, then a patch conditional on the object's resourceVersion: a 409 re-reads everything once.
    return retryOnConflict(async () => {
      const { object, entries } = await getRolloutHistory(api, ref);
      if (kind === 'deployments' && object.spec?.paused) {
        return fail("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
      }
      let target: HistoryEntry;
      try {
        target = pickRevision(entries, ref.name, kind, toRevision);
      } catch (e) {
        return fail((e as Error).message);
      }
      if (sameTemplate(target.template, object.spec?.template)) {
        return ok(`${refName(ref)} skipped rollback (current template already matches revision ${target.revision})`);
      }
      // Sent as plain JSON (Dates become RFC 3339 strings); the hash label stays with the replica set.
      const template = JSON.parse(JSON.stringify(target.template ?? {}));
      delete template.$patch;
      if (template.metadata?.labels) delete template.metadata.labels[TEMPLATE_HASH];
      // getDeploymentPatch: a JSON patch replacing the template (and the annotations), like kubectl;
      // the resourceVersion makes it conditional, so a change meanwhile answers 409 (retried above).
      const ops: object[] = [{ op: 'replace', path: '/spec/template', value: template }];
      if (kind === 'deployments') {
        ops.push({ op: 'add', path: '/metadata/annotations', value: rollbackAnnotations(object, target.annotations) });
      }
      ops.push({ op: 'replace', path: '/metadata/resourceVersion', value: meta(object).resourceVersion });
      await api.objects.patch(k, ref.namespace, ref.name, ops, 'json');
      return ok(`${refName(ref)} rolled back to revision ${target.revision}`);
    });
  });
}
