// The runtime half of the embedded cluster: loads a scenario, then runs the controllers, scheduler,
// garbage collector, quota controller and simulated kubelet off one store subscription. Each store
// event updates the shared cache and wakes only the controllers that care about that object.
import { createLogHub } from '../logs.js';
import { createMetrics } from '../metrics.js';
import type { SimRuntime } from '../runtimeTypes.js';
import { at } from '../scenarios/build.js';
import { loadClassroom } from '../scenarios/classroom.js';
import { loadEmpty } from '../scenarios/empty.js';
import { loadCourse } from '../scenarios/course.js';
import { loadLarge, type LargeScenario, type LargeScenarioParams } from '../scenarios/large.js';
import type { ClusterStore, KubeObject, SimClock, StoreEvent } from '../types.js';
import { Cache, RESOURCES } from './cache.js';
import { ensureClusterDefaults, ensureNamespaceDefaults, startNamespaceDefaults, startNodeIpam } from './clusterDefaults.js';
import { makeCtx, type Ctx } from './context.js';
import { startCronJobController } from './cronjob.js';
import { startEndpointsController } from './endpoints.js';
import { startEndpointSliceController } from './endpointslice.js';
import { startEndpointSliceMirroring } from './endpointsliceMirroring.js';
import { startDaemonSetController } from './daemonset.js';
import { startDeploymentController } from './deployment.js';
import { EventRecorder } from './events.js';
import { startGarbageCollector } from './gc.js';
import { startJobController } from './job.js';
import { startKubelet } from './kubelet.js';
import { startQuotaController } from './quota.js';
import { startReplicaSetController } from './replicaset.js';
import { startScheduler } from './scheduler.js';
import { startStatefulSetController } from './statefulset.js';
import { startStorageController } from './storage.js';
import { startDisruptionController } from './disruption.js';
import { startHpaController } from './hpa.js';
import { parseTime, seededRandom } from './util.js';

export { admitPodCreate } from './quota.js';

export interface RuntimeOptions {
  /** `bare` (for tests) has only the system namespaces; `empty` is a usable cluster with nothing deployed. */
  scenario?: 'classroom' | 'class' | 'large' | 'empty' | 'bare' | string;
  large?: LargeScenarioParams;
  /** Seed for names and timings (default fixed, so a scenario plays out the same way each run). */
  seed?: number;
}

/** Internals exposed to tests and benchmarks (not part of the SimRuntime contract). */
export interface RuntimeInternals extends SimRuntime {
  ctx: Ctx;
  large?: LargeScenario;
}

export function startRuntime(store: ClusterStore, clock: SimClock, opts: RuntimeOptions = {}): RuntimeInternals {
  const scenario = opts.scenario ?? 'classroom';
  if (!['classroom', 'class', 'large', 'empty', 'bare'].includes(scenario)) throw new Error(`unknown scenario "${scenario}" (expected classroom, class, large or empty)`);
  const cache = new Cache();
  const rand = seededRandom(opts.seed ?? 20_261_121);
  const base = makeCtx(store, clock, cache, rand);
  const events = new EventRecorder(store, clock, { maxPerNamespace: opts.scenario === 'large' ? 200 : 1000 });
  const ctx: Ctx = Object.assign(base, { events });

  // 1. Controllers.
  const logs = createLogHub(clock, (ns, name) => cache.get('pods', ns, name), (ms, fn) => ctx.every(ms, fn));
  const kubelet = startKubelet(ctx, logs);
  const scheduler = startScheduler(ctx);
  const quota = startQuotaController(ctx);
  const rs = startReplicaSetController(ctx);
  const deploy = startDeploymentController(ctx);
  const sts = startStatefulSetController(ctx);
  const ds = startDaemonSetController(ctx);
  const job = startJobController(ctx);
  const cron = startCronJobController(ctx);
  const endpoints = startEndpointSliceController(ctx);
  const legacyEndpoints = startEndpointsController(ctx);
  const mirroring = startEndpointSliceMirroring(ctx);
  const gc = startGarbageCollector(ctx);
  const nsDefaults = startNamespaceDefaults(ctx);
  const ipam = startNodeIpam(ctx);
  const storage = startStorageController(ctx);
  const disruption = startDisruptionController(ctx);

  // Pod garbage collection (PodGCController): pods bound to a node that no longer exists are force-deleted.
  const podGc = ctx.queue('podgc', (node) => {
    if (cache.get('nodes', undefined, node)) return;
    for (const p of cache.list('pods')) if (p.spec?.nodeName === node) store.remove('pods', p.metadata.namespace, p.metadata.name ?? '');
  });

  function route(ev: StoreEvent, prev: KubeObject | undefined): void {
    const o = ev.object;
    const gone = ev.type === 'DELETED';
    const next = gone ? undefined : o;
    switch (ev.resource) {
      case 'pods':
        scheduler.onPod(prev, next);
        kubelet.onPod(prev, next);
        quota.onPod(prev, next);
        rs.onPod(o);
        sts.onPod(o);
        ds.onPod(o);
        job.onPod(o);
        endpoints.onPod(prev, next);
        legacyEndpoints.onPod(prev, next);
        if (gone) deploy.onPodGone(o);
        break;
      case 'nodes':
        scheduler.onNode(next);
        ds.onNode();
        if (next) ipam.onNode(next);
        if (gone) podGc.add(o.metadata.name ?? '');
        break;
      case 'replicasets.apps':
        if (!gone) rs.enqueue(o);
        deploy.onReplicaSet(o);
        break;
      case 'deployments.apps':
        if (!gone) deploy.enqueue(o);
        break;
      case 'statefulsets.apps':
        if (!gone) sts.enqueue(o);
        break;
      case 'daemonsets.apps':
        if (!gone) ds.enqueue(o);
        break;
      case 'jobs.batch':
        if (!gone) job.enqueue(o);
        cron.onJob(o);
        break;
      case 'cronjobs.batch':
        if (gone) cron.forget(o);
        else cron.enqueue(o);
        break;
      case 'services':
        endpoints.onService(o);
        legacyEndpoints.onService(o);
        mirroring.onService(o);
        break;
      case 'resourcequotas':
        if (!gone) quota.onQuota(o);
        break;
      case 'namespaces':
        if (ev.type === 'ADDED') nsDefaults.onNamespace(o.metadata.name ?? '');
        break;
      case 'serviceaccounts':
      case 'configmaps':
        if (gone) nsDefaults.onDeleted(ev.resource, o);
        break;
      default:
        break;
    }
    // count/<resource> quotas follow creations and deletions of every kind.
    if (ev.type !== 'MODIFIED' && ev.resource !== 'pods' && o.metadata.namespace) quota.onCountable(o.metadata.namespace);
    if (ev.type === 'ADDED') gc.onAdded(ev.resource, o);
    else if (ev.type === 'MODIFIED') gc.onModified(ev.resource, o);
    else gc.onDeleted(o);
  }

  const listener = (ev: StoreEvent) => {
    if (ctx.stopped) return;
    // Endpoints are not cached: the mirroring controller reads them from the store, and the endpoints
    // controller puts back managed ones deleted by hand.
    if (ev.resource === 'endpoints') {
      mirroring.onEndpoints(ev.object);
      if (ev.type === 'DELETED') legacyEndpoints.onEndpointsDeleted(ev.object);
    }
    // Storage and disruption budgets read the store, not the cache: few objects, rare changes.
    storage.onEvent(ev.resource, ev.object, ev.type === 'DELETED');
    disruption.onEvent(ev.resource, ev.object);
    if (!cache.tracks(ev.resource)) return;
    const prev = cache.apply(ev);
    route(ev, prev);
  };
  // 2. Take over whatever the store already holds (e.g. a previous runtime's cluster).
  for (const resource of RESOURCES) {
    for (const o of store.list(resource)) listener({ type: 'ADDED', resource, object: o, rv: store.rv });
  }
  for (const o of store.list('endpoints')) mirroring.onEndpoints(o);
  const unsubscribe = store.subscribe(listener);
  // 3. The scenario writes its objects already settled; the listener only indexes them and queues
  //    work, which runs after loading (controllers find nothing to change, the kubelet adopts the pods).
  const env = { store, clock, events, rand };
  let large: LargeScenario | undefined;
  // A store that already holds a cluster (a runtime restarted over it) is taken over as it is.
  const fresh = store.list('namespaces').length === 0 && store.list('nodes').length === 0;
  if (fresh && scenario === 'classroom') loadClassroom(env);
  else if (fresh && scenario === 'large') large = loadLarge(env, opts.large);
  else if (fresh && scenario === 'empty') loadEmpty(env);
  else if (fresh && scenario === 'class') loadCourse(env);
  // What the API server and kube-controller-manager create by themselves, dated (on a fresh cluster)
  // from when its namespace appeared.
  const since = (ns: string) => (fresh && parseTime(store.get('namespaces', undefined, ns)?.metadata.creationTimestamp)) || clock.now();
  at(env, since('default'), () => ensureClusterDefaults(store));
  for (const ns of store.list('namespaces')) at(env, since(ns.metadata.name ?? ''), () => ensureNamespaceDefaults(store, ns.metadata.name ?? ''));

  ctx.every(60_000, () => events.sweep());
  // Each kubelet reports its node status every 5 minutes when nothing changes (nodeStatusReportFrequency).
  const heartbeat = () => {
    for (const n of cache.list('nodes')) {
      store.mutate('nodes', undefined, n.metadata.name ?? '', (o) => {
        const at = ctx.nowIso();
        for (const c of o.status?.conditions ?? []) c.lastHeartbeatTime = at;
        return o;
      });
    }
  };
  ctx.every(300_000, heartbeat);
  const stopChurn = large?.startChurn((ms, fn) => ctx.every(ms, fn));

  const metrics = createMetrics(clock, { pods: () => kubelet.pods(), nodes: () => cache.list('nodes') });
  // The HPA controller reads the resource metrics API, as the real one does.
  startHpaController(ctx, (pod) => {
    const m = metrics.podMetrics(pod.metadata.namespace).find((x) => x.metadata.name === pod.metadata.name);
    if (!m) return undefined;
    return m.containers.reduce((a: { cpu: number; memory: number }, c: any) => ({ cpu: a.cpu + parseInt(c.usage.cpu, 10) / 1e6, memory: a.memory + parseInt(c.usage.memory, 10) * 1024 }), { cpu: 0, memory: 0 });
  });
  return {
    ctx,
    large,
    stop() {
      stopChurn?.();
      unsubscribe();
      base.stop();
      logs.close();
    },
    logs: { read: logs.read, follow: logs.follow },
    processExited: (ns, pod, container, code) => kubelet.processExited(ns, pod, container, code),
    metrics,
  };
}
