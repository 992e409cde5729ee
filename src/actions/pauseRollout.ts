// kubectl rollout pause (polymorphichelpers/objectpauser.go): set spec.paused on a deployment.
import type { Api } from '../kube/api.js';
import { attempt, fail, ok, retryOnConflict, type ActionResult } from './result.js';
import { kindOf, meta, pluralName, readTarget, refName, type TargetRef } from './targets.js';

/** Shared by pause and resume: only deployments can be paused, like kubectl. */
export async function setPaused(api: Api, ref: TargetRef, paused: boolean): Promise<ActionResult> {
  // Only deployments have spec.paused (kubectl's objectpauser): the one kind-specific rule here.
  const k = kindOf(ref.kind);
  if (!k || k.id !== 'deployments') {
    return fail(`${ref.kind} cannot be ${paused ? 'paused' : 'resumed'}: only deployments can`);
  }
  return attempt(() =>
    // Conditional on the read (resourceVersion): a change meanwhile is read again and judged again.
    retryOnConflict(async () => {
      const obj = await readTarget(ref, () => api.objects.get(k, ref.namespace, ref.name));
      if (Boolean(obj.spec?.paused) === paused) {
        // kubectl's words: `deployments.apps "x" is already paused` / `deployments.apps "x" is not paused`
        return fail(`${pluralName(ref.kind)} "${ref.name}" is ${paused ? 'already paused' : 'not paused'}`);
      }
      // null removes the field on resume (kubectl writes "paused": null too).
      await api.objects.patch(k, ref.namespace, ref.name, { metadata: { resourceVersion: meta(obj).resourceVersion }, spec: { paused: paused ? true : null } });
      return ok(`${refName(ref)} ${paused ? 'paused' : 'resumed'}`);
    }),
  );
}

export function pauseRollout(api: Api, ref: TargetRef): Promise<ActionResult> {
  return setPaused(api, ref, true);
}
