// The endpoints controller (pkg/controller/endpoint): for each Service with a selector, one v1
// Endpoints of the same name listing the pods it selects, ready ones under `addresses` and the others
// under `notReadyAddresses`, with the Service's ports resolved to each pod's container port. Endpoints
// of a Service without a selector are the user's: left alone. Both go when their Service goes (the
// Service registry and this controller delete them). Deprecated since v1.33, still what courses read.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { isReady, resolvePort, serviceTriggers, type ServiceTriggers } from './endpointslice.js';
import { matchesSelector } from './util.js';

const RESOURCE = 'endpoints';

interface SvcPort { name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string }
interface Address { ip: string; nodeName?: string; targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string } }
interface Port { name: string; port: number; protocol: string; appProtocol?: string }
interface Subset { addresses?: Address[]; notReadyAddresses?: Address[]; ports?: Port[] }

/** endpointsliceutil.ShouldPodBeInEndpoints: an address, not terminated, not being deleted. */
function inEndpoints(pod: KubeObject): boolean {
  if (!pod.status?.podIP || pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  const restart = pod.spec?.restartPolicy ?? 'Always';
  if (restart === 'Never') return phase !== 'Failed' && phase !== 'Succeeded';
  if (restart === 'OnFailure') return phase !== 'Succeeded';
  return true;
}

/**
 * The subsets of these pods, packed as endpoints.RepackSubsets does: addresses serving the same ports
 * share a subset; addresses sorted by IP, then UID.
 */
export function endpointSubsets(ns: string, pods: KubeObject[], svcPorts: SvcPort[], publishNotReady = false): Subset[] {
  const groups = new Map<string, Subset>();
  for (const pod of pods) {
    const address: Address = { ip: pod.status.podIP, nodeName: pod.spec?.nodeName, targetRef: { kind: 'Pod', namespace: ns, name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' } };
    if (!address.nodeName) delete address.nodeName;
    const ports: Port[] = [];
    for (const sp of svcPorts) {
      const port = resolvePort(sp, pod);
      if (port === undefined) continue; // FindPort failed: this pod does not serve that port.
      ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    if (svcPorts.length && !ports.length) continue;
    const key = JSON.stringify(ports);
    const subset = groups.get(key) ?? (ports.length ? { ports } : {});
    groups.set(key, subset);
    const list = publishNotReady || isReady(pod) ? 'addresses' : 'notReadyAddresses';
    (subset[list] ??= []).push(address);
  }
  const byIp = (a: Address, b: Address) => a.ip.localeCompare(b.ip, undefined, { numeric: true }) || a.targetRef.uid.localeCompare(b.targetRef.uid);
  for (const s of groups.values()) {
    s.addresses?.sort(byIp);
    s.notReadyAddresses?.sort(byIp);
  }
  return [...groups.values()];
}

export function startEndpointsController(ctx: Ctx): ServiceTriggers & { onEndpointsDeleted(ep: KubeObject): void } {
  const queue = ctx.queue('endpoints', (key) => sync(key));

  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const svc = ctx.cache.get('services', ns, name);
    const existing = ctx.store.get(RESOURCE, ns, name);
    if (!svc) {
      if (existing) ctx.store.remove(RESOURCE, ns, name);
      return;
    }
    const selector = svc.spec?.selector as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) return; // the user's Endpoints, if any
    const pods = ctx.cache.list('pods', ns).filter((p) => matchesSelector({ matchLabels: selector }, p.metadata.labels) && inEndpoints(p));
    const subsets = svc.spec?.ports?.length || svc.spec?.clusterIP === 'None' ? endpointSubsets(ns, pods, svc.spec?.ports ?? [], !!svc.spec?.publishNotReadyAddresses) : [];
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const body = { ...(subsets.length ? { subsets } : {}) };
    if (existing) {
      if (JSON.stringify(existing.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(labels)) return;
      ctx.store.mutate(RESOURCE, ns, name, (o) => {
        const { subsets: _old, ...rest } = o;
        return { ...rest, metadata: { ...o.metadata, labels }, ...body };
      });
      return;
    }
    ctx.store.create(RESOURCE, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels }, ...body });
  }

  return {
    ...serviceTriggers(ctx, queue),
    // Deleted by hand, the Endpoints of a Service with a selector come back.
    onEndpointsDeleted(ep) {
      queue.add(`${ep.metadata.namespace}/${ep.metadata.name}`);
    },
  };
}
