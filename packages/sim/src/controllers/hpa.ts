// HorizontalPodAutoscalers (autoscaling/v2) as kube-controller-manager's horizontal-pod-autoscaler
// controller runs them, every 15 s: read the target's scale, the resource metrics of its pods (from the
// simulated metrics.k8s.io), compute the replica count (usage ratio × ready pods, 10% tolerance,
// between minReplicas and maxReplicas, scale-up at most max(4 pods, 100%) per period, scale-down the
// highest recommendation of the last 5 minutes), scale the target and report status, conditions and the
// SuccessfulRescale event with the controller's wording. Object, Pods and External metrics are not
// simulated: they read <unknown>.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { fmtCpu, fmtMem, isReady, matchesSelector, milliCpu, bytes } from './util.js';

const HPA = 'horizontalpodautoscalers.autoscaling';
const SYNC_MS = 15_000;
const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_MS = 5 * 60_000;
const COMPONENT = 'horizontal-pod-autoscaler';
const TARGETS: Record<string, string> = { Deployment: 'deployments.apps', StatefulSet: 'statefulsets.apps', ReplicaSet: 'replicasets.apps' };

/** What the metrics API says a pod uses now, per resource (millicores, bytes), or undefined without metrics. */
export type PodUsage = (pod: KubeObject) => { cpu: number; memory: number } | undefined;

interface Computed {
  replicas: number;
  current: any;
  error?: string;
  /** For the event's reason: "cpu resource utilization (percentage of request)". */
  description: string;
}

function requestOf(pod: KubeObject, resource: string): { total: number; missing?: string } {
  let total = 0;
  for (const c of pod.spec?.containers ?? []) {
    const q = c.resources?.requests?.[resource];
    if (q === undefined) return { total: 0, missing: c.name };
    total += resource === 'cpu' ? milliCpu(q) : bytes(q);
  }
  return { total };
}

function computeResource(metric: any, pods: KubeObject[], usage: PodUsage, currentReplicas: number): Computed {
  const r = metric.resource;
  const name: 'cpu' | 'memory' = r.name;
  const target = r.target ?? {};
  const withMetrics = pods.map((p) => ({ p, u: usage(p) })).filter((x) => x.u);
  if (!withMetrics.length) {
    return { replicas: currentReplicas, current: { type: '' }, error: `failed to get ${name} utilization: unable to get metrics for resource ${name}: no metrics returned from resource metrics API`, description: '' };
  }
  const used = withMetrics.reduce((a, x) => a + x.u![name], 0);
  const fmt = (v: number) => (name === 'cpu' ? fmtCpu(Math.round(v)) : fmtMem(Math.round(v)));
  const ready = pods.filter(isReady).length || withMetrics.length;
  if (target.type === 'AverageValue') {
    const avg = used / withMetrics.length;
    const want = name === 'cpu' ? milliCpu(target.averageValue) : bytes(target.averageValue);
    const ratio = avg / (want || 1);
    const replicas = Math.abs(ratio - 1) <= TOLERANCE ? currentReplicas : Math.ceil((used / (want || 1)));
    return { replicas, current: { type: 'Resource', resource: { name, current: { averageValue: fmt(avg) } } }, description: `${name} resource` };
  }
  let requested = 0;
  for (const { p } of withMetrics) {
    const q = requestOf(p, name);
    if (q.missing) return { replicas: currentReplicas, current: { type: '' }, error: `failed to get ${name} utilization: missing request for ${name} in container ${q.missing} of Pod ${p.metadata.name}`, description: '' };
    requested += q.total;
  }
  const utilization = Math.floor((used * 100) / requested);
  const ratio = utilization / (target.averageUtilization || 100);
  const replicas = Math.abs(ratio - 1) <= TOLERANCE ? currentReplicas : Math.ceil(ratio * ready);
  return { replicas, current: { type: 'Resource', resource: { name, current: { averageUtilization: utilization, averageValue: fmt(used / withMetrics.length) } } }, description: `${name} resource utilization (percentage of request)` };
}

export function startHpaController(ctx: Ctx, usage: PodUsage): void {
  const { store } = ctx;
  /** Recommendations of the last 5 minutes per HPA uid, for scale-down stabilization. */
  const history = new Map<string, Array<[number, number]>>();

  const setStatus = (hpa: KubeObject, status: Record<string, any>) => {
    const now = ctx.nowIso();
    const prev: any[] = hpa.status?.conditions ?? [];
    status.conditions = status.conditions.map((c: any) => {
      const old = prev.find((x) => x.type === c.type);
      return { ...c, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now };
    });
    store.mutate(HPA, hpa.metadata.namespace, hpa.metadata.name!, (o) => (JSON.stringify(o.status) === JSON.stringify({ ...o.status, ...status }) ? undefined : { ...o, status: { ...o.status, ...status } }));
  };

  const sync = (hpa: KubeObject) => {
    const ns = hpa.metadata.namespace;
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const resource = TARGETS[ref.kind];
    const target = resource ? store.get(resource, ns, ref.name) : undefined;
    if (!target) {
      const what = resource ? `${resource.split('.')[0]}/scale.${resource.split('.').slice(1).join('.')} "${ref.name}" not found` : `no matches for kind "${ref.kind}"`;
      ctx.events.emit(hpa, 'Warning', 'FailedGetScale', what, COMPONENT);
      setStatus(hpa, { currentReplicas: 0, desiredReplicas: 0, conditions: [{ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${what}` }] });
      return;
    }
    const currentReplicas = target.spec?.replicas ?? 1;
    if (currentReplicas === 0) {
      // A target scaled to zero by hand is left alone until someone scales it up again.
      setStatus(hpa, { currentReplicas: 0, desiredReplicas: 0, conditions: [{ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" }, { type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' }] });
      return;
    }
    const min = hpa.spec?.minReplicas ?? 1;
    const max = hpa.spec?.maxReplicas ?? min;
    const pods = store.list('pods', ns).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && matchesSelector(target.spec?.selector, p.metadata.labels));
    const results = (hpa.spec?.metrics ?? []).map((m: any): Computed => (m.type === 'Resource' ? computeResource(m, pods, usage, currentReplicas) : { replicas: currentReplicas, current: { type: '' }, error: `the ${m.type} metric is not simulated by the embedded cluster`, description: '' }));
    const good = results.filter((r: Computed) => !r.error);
    const ableToScale = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
    if (!good.length) {
      const err = results[0]?.error ?? 'no metrics';
      ctx.events.emit(hpa, 'Warning', 'FailedGetResourceMetric', err, COMPONENT);
      setStatus(hpa, { currentReplicas, desiredReplicas: 0, currentMetrics: results.map((r: Computed) => r.current), conditions: [{ ...ableToScale, reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" }, { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${err}` }] });
      return;
    }
    const best = good.reduce((a: Computed, b: Computed) => (b.replicas > a.replicas ? b : a));
    let desired = Math.min(max, Math.max(min, best.replicas));
    const limited = best.replicas > max || best.replicas < min;
    // Scale-down stabilization: the highest recommendation of the window.
    const now = ctx.now();
    const h = (history.get(hpa.metadata.uid!) ?? []).filter(([t]) => now - t < DOWNSCALE_WINDOW_MS);
    h.push([now, desired]);
    history.set(hpa.metadata.uid!, h);
    if (desired < currentReplicas) desired = Math.min(currentReplicas, Math.max(...h.map(([, r]) => r)));
    // behavior.scaleDown.selectPolicy Disabled: the HPA only scales up (and up to minReplicas).
    if (desired < currentReplicas && hpa.spec?.behavior?.scaleDown?.selectPolicy === 'Disabled') desired = Math.max(currentReplicas < min ? min : currentReplicas, desired);
    // Scale-up rate: at most max(4 pods, double) per period.
    if (desired > currentReplicas) desired = Math.min(desired, Math.max(currentReplicas + 4, currentReplicas * 2));
    const status: Record<string, any> = { currentReplicas, desiredReplicas: desired, currentMetrics: results.map((r: Computed) => r.current) };
    const conditions = [
      desired !== currentReplicas ? { ...ableToScale, reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` } : ableToScale,
      { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${best.description}` },
      limited
        ? { type: 'ScalingLimited', status: 'True', reason: best.replicas > max ? 'TooManyReplicas' : 'TooFewReplicas', message: `the desired replica count is ${best.replicas > max ? 'more than the maximum' : 'less than the minimum'} replica count` }
        : { type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' },
    ];
    if (desired !== currentReplicas) {
      store.mutate(resource!, ns, ref.name, (o) => ({ ...o, spec: { ...o.spec, replicas: desired } }));
      status.lastScaleTime = ctx.nowIso();
      ctx.events.emit(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${best.description} ${desired > currentReplicas ? 'above' : 'below'} target`, COMPONENT);
    }
    setStatus(hpa, { ...status, conditions });
  };

  const queue = ctx.queue('hpa', () => {
    for (const hpa of store.list(HPA)) sync(hpa);
  });
  ctx.every(SYNC_MS, () => queue.add('all'));
  queue.add('all');
}
