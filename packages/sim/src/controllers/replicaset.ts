// ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active pods, deletes the
// least valuable ones first when scaling down, and reports status and the ReplicaFailure condition.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { createPodFor, deletePodFor, podFromTemplate, removeCondition, setCondition } from './podFactory.js';
import { controllerRef, isActive, isAvailable, isReady, matchesSelector, parseTime } from './util.js';

const BURST = 500; // pods created per sync at most, like the real controller's burst

export interface Controller {
  enqueue(o: KubeObject): void;
}

export function startReplicaSetController(ctx: Ctx): Controller & { onPod(p: KubeObject): void } {
  const queue = ctx.queue('replicaset', (key) => sync(key));
  const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

  function sync(k: string): void {
    const [ns, name] = k.split('/');
    const rs = ctx.cache.get('replicasets.apps', ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const want = rs.spec?.replicas ?? 1;
    const pods = ctx.cache.controlledBy(rs, 'pods');
    const active = pods.filter(isActive);
    let failure: string | undefined;
    if (active.length < want) {
      const n = Math.min(BURST, want - active.length);
      for (let i = 0; i < n; i++) {
        const res = createPodFor(ctx, rs, podFromTemplate(rs, rs.spec?.template, ''));
        if (!res.ok) {
          failure = res.message;
          queue.addAfter(k, res.retryInMs); // quota may free up: retry after the back-off
          break;
        }
      }
    } else if (active.length > want) {
      for (const p of rankForDeletion(active).slice(0, active.length - want)) deletePodFor(ctx, rs, p);
    }
    updateStatus(rs, failure);
  }

  function updateStatus(rs: KubeObject, failure: string | undefined): void {
    const now = ctx.now();
    const pods = ctx.cache.controlledBy(rs, 'pods').filter(isActive);
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const status: any = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.filter((p) => matchesSelector({ matchLabels: rs.spec?.template?.metadata?.labels ?? {} }, p.metadata.labels)).length,
      readyReplicas: pods.filter(isReady).length,
      availableReplicas: pods.filter((p) => isAvailable(p, minReady, now)).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    let conds = rs.status?.conditions;
    if (failure) conds = setCondition(conds, { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: failure }, ctx.nowIso());
    else if (pods.length >= (rs.spec?.replicas ?? 1)) conds = removeCondition(conds, 'ReplicaFailure');
    if (conds?.length) status.conditions = conds;
    // Pods that become available only after minReadySeconds need another look then.
    if (minReady && status.readyReplicas > status.availableReplicas) queue.addAfter(key(rs), minReady * 1000);
    for (const k of ['readyReplicas', 'availableReplicas', 'fullyLabeledReplicas']) if (!status[k]) delete status[k];
    if (JSON.stringify(rs.status ?? {}) === JSON.stringify(status)) return;
    ctx.store.mutate('replicasets.apps', rs.metadata.namespace, rs.metadata.name ?? '', (o) => {
      if (o.metadata.uid !== rs.metadata.uid) return undefined;
      o.status = status;
      return o;
    });
  }

  return {
    enqueue: (o) => queue.add(key(o)),
    onPod(p) {
      const ref = controllerRef(p);
      if (ref?.kind === 'ReplicaSet') queue.add(`${p.metadata.namespace}/${ref.name}`);
    },
  };
}

/**
 * Which pods to delete first (ActivePodsWithRanks / controller.ActivePods ordering): unscheduled,
 * then pending, then not ready, then ready for less time, then more restarts, then newer.
 */
export function rankForDeletion(pods: KubeObject[]): KubeObject[] {
  const phaseRank = (p: KubeObject) => (p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2);
  const restarts = (p: KubeObject) => (p.status?.containerStatuses ?? []).reduce((n: number, c: any) => n + (c.restartCount ?? 0), 0);
  const readySince = (p: KubeObject) => parseTime(p.status?.conditions?.find((c: any) => c.type === 'Ready')?.lastTransitionTime) || 0;
  return [...pods].sort((a, b) =>
    (a.spec?.nodeName ? 1 : 0) - (b.spec?.nodeName ? 1 : 0) ||
    phaseRank(a) - phaseRank(b) ||
    (isReady(a) ? 1 : 0) - (isReady(b) ? 1 : 0) ||
    (isReady(a) && isReady(b) ? readySince(b) - readySince(a) : 0) ||
    restarts(b) - restarts(a) ||
    (parseTime(b.metadata.creationTimestamp) || 0) - (parseTime(a.metadata.creationTimestamp) || 0));
}
