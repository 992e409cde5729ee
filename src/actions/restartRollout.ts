// kubectl rollout restart (polymorphichelpers/objectrestarter.go defaultObjectRestarter): stamp the pod
// template with kubectl.kubernetes.io/restartedAt so the controller rolls every pod.
import type { Api } from '../kube/api.js';
import { attempt, fail, ok, retryOnConflict, type ActionResult } from './result.js';
import { isRollable, kindOf, meta, pluralName, readTarget, refName, type TargetRef } from './targets.js';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** RFC 3339 without fractional seconds, like Go's time.RFC3339. */
export function rfc3339(d = new Date()): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function restartRollout(api: Api, ref: TargetRef, now = new Date()): Promise<ActionResult> {
  const k = kindOf(ref.kind);
  if (!k || !isRollable(ref.kind)) return fail(`${ref.kind} cannot be restarted (only deployments, stateful sets and daemon sets)`);
  return attempt(async () => {
    // Read as it is now (the object the person chose, by uid), then a patch conditional on that read.
    const obj = await retryOnConflict(async () => {
      const o = await readTarget(ref, () => api.objects.get(k, ref.namespace, ref.name));
      if (k.id === 'deployments' && o.spec?.paused) return undefined;
      await api.objects.patch(k, ref.namespace, ref.name, {
        metadata: { resourceVersion: meta(o).resourceVersion },
        spec: { template: { metadata: { annotations: { [RESTARTED_AT]: rfc3339(now) } } } },
      });
      return o;
    });
    if (!obj) return fail(`${pluralName(ref.kind)} "${ref.name}" can't restart paused deployment (run rollout resume first)`);
    // kubectl restarts these too, but their pods only change when deleted: say so.
    const onDelete = k.id !== 'deployments' && obj.spec?.updateStrategy?.type === 'OnDelete';
    return ok(`${refName(ref)} restarted${onDelete ? ' (updateStrategy OnDelete: each pod changes only when it is deleted)' : ''}`);
  });
}
