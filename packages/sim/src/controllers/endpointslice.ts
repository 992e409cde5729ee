// EndpointSlice controller (pkg/controller/endpointslice, simplified to one slice per Service):
// the pods a Service selects, as addresses with ready/serving/terminating conditions and the
// Service's ports resolved to container ports. kubectl describe service reads these.
import type { KubeObject } from '../types.js';
import type { Ctx, WorkQueue } from './context.js';
import { matchesSelector } from './util.js';

const RESOURCE = 'endpointslices.discovery.k8s.io';
const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

/** The pod's Ready condition is True (podutil.IsPodReady). */
export function isReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** targetPort by number, or by the name of a container port of the pod (FindPort). */
export function resolvePort(svcPort: { port: number; targetPort?: number | string }, pod: KubeObject): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  }
  return undefined;
}

export interface ServiceTriggers {
  onPod(prev: KubeObject | undefined, next: KubeObject | undefined): void;
  onService(svc: KubeObject): void;
}

/** What wakes a per-Service controller (keyed ns/name): the Service itself, and a pod it selects before or after a change. */
export function serviceTriggers(ctx: Ctx, queue: WorkQueue): ServiceTriggers {
  const enqueueFor = (pod: KubeObject | undefined) => {
    if (!pod) return;
    const ns = pod.metadata.namespace ?? '';
    for (const svc of ctx.cache.list('services', ns)) {
      const sel = svc.spec?.selector as Record<string, string> | undefined;
      if (sel && Object.keys(sel).length && matchesSelector({ matchLabels: sel }, pod.metadata.labels)) queue.add(`${ns}/${svc.metadata.name}`);
    }
  };
  return {
    onPod(prev, next) {
      enqueueFor(prev);
      enqueueFor(next);
    },
    onService(svc) {
      queue.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
    },
  };
}

export function startEndpointSliceController(ctx: Ctx): ServiceTriggers {
  const queue = ctx.queue('endpointslice', (key) => sync(key));

  function sliceOf(ns: string, svc: string): KubeObject | undefined {
    // Only its own slices: the `kubernetes` Service's is the API server's.
    return ctx.store.list(RESOURCE, ns).find((s) => s.metadata.labels?.[SERVICE_NAME] === svc && s.metadata.labels?.[MANAGED_BY] === 'endpointslice-controller.k8s.io');
  }

  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const svc = ctx.cache.get('services', ns, name);
    const existing = sliceOf(ns, name);
    const selector = svc?.spec?.selector as Record<string, string> | undefined;
    if (!svc || !selector || Object.keys(selector).length === 0) {
      if (existing) ctx.store.remove(RESOURCE, ns, existing.metadata.name ?? '');
      return;
    }
    const pods = ctx.cache
      .list('pods', ns)
      .filter((p) => p.status?.podIP && matchesSelector({ matchLabels: selector }, p.metadata.labels))
      .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
    const svcPorts: Array<{ name?: string; port: number; targetPort?: number | string; protocol?: string }> = svc.spec?.ports ?? [];
    const endpoints = pods.map((p) => {
      const terminating = !!p.metadata.deletionTimestamp;
      const ready = isReady(p) && !terminating;
      return {
        addresses: [p.status.podIP],
        conditions: { ready, serving: isReady(p), terminating },
        nodeName: p.spec?.nodeName,
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
      };
    });
    const ports = svcPorts.map((sp) => ({ name: sp.name ?? '', port: pods.length ? (resolvePort(sp, pods[0]) ?? Number(sp.targetPort ?? sp.port)) : Number(typeof sp.targetPort === 'number' ? sp.targetPort : sp.port), protocol: sp.protocol ?? 'TCP' }));
    const body = { addressType: 'IPv4', endpoints, ports };
    if (existing) {
      if (JSON.stringify({ addressType: existing.addressType, endpoints: existing.endpoints, ports: existing.ports }) === JSON.stringify(body)) return;
      ctx.store.mutate(RESOURCE, ns, existing.metadata.name ?? '', (o) => ({ ...o, ...body }));
      return;
    }
    ctx.store.create(RESOURCE, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${name}-`,
        namespace: ns,
        labels: { [SERVICE_NAME]: name, [MANAGED_BY]: 'endpointslice-controller.k8s.io' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      ...body,
    });
  }

  return serviceTriggers(ctx, queue);
}
