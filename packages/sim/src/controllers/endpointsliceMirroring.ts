// The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): the Endpoints a user
// writes for a Service without a selector are mirrored into EndpointSlices, one per subset, so what reads
// slices (kubectl describe service, kube-proxy) sees them. Endpoints labelled skip-mirror (the API
// server's own `kubernetes`) and those of a Service with a selector are not mirrored.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';

const SLICES = 'endpointslices.discovery.k8s.io';
const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const MIRRORING = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';

interface Address { ip: string; hostname?: string; nodeName?: string; targetRef?: unknown }

function toEndpoint(a: Address, ready: boolean): Record<string, unknown> {
  return { addresses: [a.ip], conditions: { ready }, ...(a.hostname ? { hostname: a.hostname } : {}), ...(a.nodeName ? { nodeName: a.nodeName } : {}), ...(a.targetRef ? { targetRef: a.targetRef } : {}) };
}

export function startEndpointSliceMirroring(ctx: Ctx): { onEndpoints(ep: KubeObject): void; onService(svc: KubeObject): void } {
  const queue = ctx.queue('endpointslice-mirroring', (key) => sync(key));

  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const mine = ctx.store.list(SLICES, ns).filter((s) => s.metadata.labels?.[SERVICE_NAME] === name && s.metadata.labels?.[MANAGED_BY] === MIRRORING);
    const ep = ctx.store.get('endpoints', ns, name);
    const svc = ctx.cache.get('services', ns, name);
    const selector = svc?.spec?.selector as Record<string, string> | undefined;
    const mirror = ep && svc && !(selector && Object.keys(selector).length) && ep.metadata.labels?.[SKIP_MIRROR] !== 'true';
    const wanted = mirror
      ? (ep.subsets ?? []).map((ss: { addresses?: Address[]; notReadyAddresses?: Address[]; ports?: Array<Record<string, unknown>> }) => ({
          addressType: String(ss.addresses?.[0]?.ip ?? ss.notReadyAddresses?.[0]?.ip ?? '').includes(':') ? 'IPv6' : 'IPv4',
          endpoints: [...(ss.addresses ?? []).map((a) => toEndpoint(a, true)), ...(ss.notReadyAddresses ?? []).map((a) => toEndpoint(a, false))],
          ports: (ss.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
        }))
      : [];
    // Pair each wanted slice with an existing one, in order; extra slices go, missing ones are created.
    wanted.forEach((body: Record<string, unknown>, i: number) => {
      const have = mine[i];
      if (!have) {
        ctx.store.create(SLICES, {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            generateName: `${name}-`,
            namespace: ns,
            labels: { ...(ep!.metadata.labels ?? {}), [SERVICE_NAME]: name, [MANAGED_BY]: MIRRORING },
            ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name, uid: ep!.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
          },
          ...body,
        });
      } else if (JSON.stringify({ addressType: have.addressType, endpoints: have.endpoints, ports: have.ports }) !== JSON.stringify(body)) {
        ctx.store.mutate(SLICES, ns, have.metadata.name ?? '', (o) => ({ ...o, ...body }));
      }
    });
    for (const extra of mine.slice(wanted.length)) ctx.store.remove(SLICES, ns, extra.metadata.name ?? '');
  }

  const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
  return {
    onEndpoints: (ep) => queue.add(key(ep)),
    onService: (svc) => queue.add(key(svc)),
  };
}
