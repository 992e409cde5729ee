// kubectl rollout resume (polymorphichelpers/objectresumer.go): clear spec.paused on a deployment.
import type { Api } from '../kube/api.js';
import { setPaused } from './pauseRollout.js';
import type { ActionResult } from './result.js';
import type { TargetRef } from './targets.js';

export function resumeRollout(api: Api, ref: TargetRef): Promise<ActionResult> {
  return setPaused(api, ref, false);
}
