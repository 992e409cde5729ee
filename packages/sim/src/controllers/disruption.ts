// PodDisruptionBudgets as kube-controller-manager's disruption controller keeps them: for each budget,
// the pods its selector matches (expectedPods), the ready ones not being disrupted (currentHealthy), how
// many must stay (desiredHealthy, from minAvailable or maxUnavailable, numbers or percentages) and so
// how many may go now (disruptionsAllowed), with the DisruptionAllowed condition. The eviction
// subresource (deletion.ts, evictionBlocked) reads that status as kube-apiserver does.
import type { ClusterStore, KubeObject } from '../types.js';
import { SimError } from '../types.js';
import type { Ctx } from './context.js';
import { isReady, matchesSelector, parseTime } from './util.js';

const PDB = 'poddisruptionbudgets.policy';
/** How long an evicted pod stays in disruptedPods without being deleted before it counts again (DeletionTimeout). */
const DISRUPTION_TIMEOUT_MS = 2 * 60_000;

const live = (p: KubeObject) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

function budgetOf(v: unknown, expected: number, roundUp: boolean): number {
  if (typeof v === 'string' && v.endsWith('%')) {
    const x = (Number(v.slice(0, -1)) * expected) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(v) || 0;
}

/** The status a budget should have now. */
export function pdbStatus(pdb: KubeObject, pods: KubeObject[], now: number): Record<string, any> {
  const matching = pods.filter((p) => live(p) && matchesSelector(pdb.spec?.selector, p.metadata.labels));
  const disrupted: Record<string, string> = {};
  for (const [name, at] of Object.entries<string>(pdb.status?.disruptedPods ?? {})) {
    const pod = matching.find((p) => p.metadata.name === name);
    if (pod && !pod.metadata.deletionTimestamp && now - parseTime(at) < DISRUPTION_TIMEOUT_MS) disrupted[name] = at;
  }
  const expectedPods = matching.length;
  const currentHealthy = matching.filter((p) => isReady(p) && !p.metadata.deletionTimestamp && !disrupted[p.metadata.name!]).length;
  let desiredHealthy: number;
  if (pdb.spec?.minAvailable !== undefined) desiredHealthy = budgetOf(pdb.spec.minAvailable, expectedPods, true);
  else if (pdb.spec?.maxUnavailable !== undefined) desiredHealthy = Math.max(0, expectedPods - budgetOf(pdb.spec.maxUnavailable, expectedPods, true));
  else desiredHealthy = 0;
  const disruptionsAllowed = Math.max(0, currentHealthy - desiredHealthy);
  const prev = (pdb.status?.conditions ?? []).find((c: any) => c.type === 'DisruptionAllowed');
  const status = disruptionsAllowed > 0 ? 'True' : 'False';
  const condition = {
    type: 'DisruptionAllowed',
    status,
    reason: status === 'True' ? 'SufficientPods' : 'InsufficientPods',
    message: '',
    observedGeneration: pdb.metadata.generation ?? 1,
    lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  };
  return {
    ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
    conditions: [condition],
    currentHealthy,
    desiredHealthy,
    disruptionsAllowed,
    expectedPods,
    observedGeneration: pdb.metadata.generation ?? 1,
  };
}

export function startDisruptionController(ctx: Ctx): { onEvent(resource: string, obj: KubeObject): void } {
  const { store } = ctx;
  const queue = ctx.queue('disruption', (ns) => {
    const pods = store.list('pods', ns);
    for (const pdb of store.list(PDB, ns)) {
      const status = pdbStatus(pdb, pods, ctx.now());
      if (JSON.stringify(pdb.status) === JSON.stringify(status)) continue;
      store.mutate(PDB, ns, pdb.metadata.name!, (o) => ({ ...o, status }));
    }
  });
  for (const pdb of store.list(PDB)) queue.add(pdb.metadata.namespace ?? '');
  // disruptedPods expire: look again now and then.
  ctx.every(30_000, () => {
    for (const pdb of store.list(PDB)) if (pdb.status?.disruptedPods) queue.add(pdb.metadata.namespace ?? '');
  });
  return {
    onEvent(resource, obj) {
      const ns = obj.metadata.namespace;
      if (!ns) return;
      if (resource === PDB || (resource === 'pods' && store.list(PDB, ns).length)) queue.add(ns);
    },
  };
}

/**
 * The eviction subresource's budget check: 429 with kube-apiserver's message when a budget that
 * selects the pod allows no disruption now; otherwise the budget records the pod as disrupted.
 */
export function admitEviction(store: ClusterStore, pod: KubeObject, now: number, dryRun: boolean): void {
  const ns = pod.metadata.namespace;
  const budgets = store.list(PDB, ns).filter((b) => matchesSelector(b.spec?.selector, pod.metadata.labels));
  if (!budgets.length || pod.metadata.deletionTimestamp || !live(pod)) return;
  if (budgets.length > 1) throw new SimError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const pdb = budgets[0];
  // An unready pod may go when the budget is already met (unhealthyPodEvictionPolicy IfHealthyBudget).
  if (!isReady(pod) && (pdb.status?.currentHealthy ?? 0) >= (pdb.status?.desiredHealthy ?? 0)) return;
  if ((pdb.status?.disruptionsAllowed ?? 0) <= 0) {
    throw new SimError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
      causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} needs ${pdb.status?.desiredHealthy ?? 0} healthy pods and has ${pdb.status?.currentHealthy ?? 0} currently` }],
    });
  }
  if (dryRun || !isReady(pod)) return;
  const at = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  store.mutate(PDB, ns, pdb.metadata.name!, (o) => ({ ...o, status: { ...o.status, disruptionsAllowed: o.status.disruptionsAllowed - 1, disruptedPods: { ...o.status.disruptedPods, [pod.metadata.name!]: at } } }));
}
