// Creating and deleting a workload's pods the way the controllers share it (controller_utils.go):
// pod from template + owner ref, quota admission, SuccessfulCreate/FailedCreate events.
import type { KubeObject } from '../types.js';
import { SimError } from '../types.js';
import type { Ctx } from './context.js';
import { admitLimitRanges } from '../limitRange.js';
import { admitServiceAccount } from '../serviceAccount.js';
import { admitPodCreate } from './quota.js';
import { defaultPodSpec, ownerRef, randomSuffix } from './util.js';

export function podFromTemplate(owner: KubeObject, template: any, name: string, extraLabels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(template?.metadata?.labels ?? {}), ...extraLabels },
      ...(template?.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [ownerRef(owner)],
    },
    spec: defaultPodSpec(template?.spec),
    status: { phase: 'Pending', qosClass: undefined },
  };
}

export type CreateResult = { ok: true; pod: KubeObject } | { ok: false; message: string; retryInMs: number };

/** Owners whose last pod creation was refused: no new attempt (or event) before `until`. */
const refused = new WeakMap<Ctx, Map<string, { until: number; delay: number; message: string }>>();

/**
 * Admits and creates one pod for `owner`, recording SuccessfulCreate, or FailedCreate with the API's
 * message ("Error creating: pods "x" is forbidden: exceeded quota: ...") when admission refuses it.
 */
export function createPodFor(ctx: Ctx, owner: KubeObject, pod: KubeObject): CreateResult {
  let gate = refused.get(ctx);
  if (!gate) refused.set(ctx, (gate = new Map()));
  const uid = owner.metadata.uid ?? '';
  const prior = gate.get(uid);
  // Refused creations back off (5s, 10s, 20s… up to 5 minutes) like the controllers' rate-limited queues,
  // so a quota-blocked replica set does not spin.
  if (prior && ctx.now() < prior.until) return { ok: false, message: prior.message, retryInMs: prior.until - ctx.now() };
  if (!pod.metadata.name) {
    const taken = (n: string) => !!ctx.cache.get('pods', pod.metadata.namespace, n);
    let n = `${owner.metadata.name}-${randomSuffix(ctx.rand)}`;
    while (taken(n)) n = `${owner.metadata.name}-${randomSuffix(ctx.rand)}`;
    pod.metadata.name = n;
  }
  delete pod.status.qosClass;
  try {
    // Controllers create pods through the API, so the mutating admission applies to them too.
    admitServiceAccount(pod, ctx.rand, ctx.store);
    admitLimitRanges(ctx.store, pod);
    admitPodCreate(ctx.store, pod);
    const created = ctx.store.create('pods', pod);
    ctx.events.emit(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, controllerName(owner));
    gate.delete(uid);
    return { ok: true, pod: created };
  } catch (err) {
    if (!(err instanceof SimError)) throw err;
    ctx.events.emit(owner, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, controllerName(owner));
    const delay = Math.min(300_000, prior ? prior.delay * 2 : 5000);
    gate.set(uid, { until: ctx.now() + delay, delay, message: err.message });
    return { ok: false, message: err.message, retryInMs: delay };
  }
}

export function deletePodFor(ctx: Ctx, owner: KubeObject, pod: KubeObject): void {
  ctx.deletePod(pod);
  ctx.events.emit(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, controllerName(owner));
}

export function controllerName(o: KubeObject): string {
  switch (o.kind) {
    case 'ReplicaSet': return 'replicaset-controller';
    case 'Deployment': return 'deployment-controller';
    case 'StatefulSet': return 'statefulset-controller';
    case 'DaemonSet': return 'daemonset-controller';
    case 'Job': return 'job-controller';
    case 'CronJob': return 'cronjob-controller';
    default: return 'controller-manager';
  }
}

/** Sets or clears a status condition, keeping lastTransitionTime when the status is unchanged. */
export function setCondition(conds: any[] | undefined, c: { type: string; status: string; reason?: string; message?: string }, nowIso: string, extra: Record<string, unknown> = {}): any[] {
  const list = [...(conds ?? [])];
  const i = list.findIndex((x) => x.type === c.type);
  const prev = i >= 0 ? list[i] : undefined;
  const next = { ...extra, ...c, lastTransitionTime: prev?.status === c.status ? prev.lastTransitionTime : nowIso };
  if (i >= 0) list[i] = next;
  else list.push(next);
  return list;
}

export const removeCondition = (conds: any[] | undefined, type: string): any[] => (conds ?? []).filter((c) => c.type !== type);
