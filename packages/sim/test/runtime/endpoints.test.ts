// The endpoints controller: the v1 Endpoints of a Service (what `kubectl get endpoints` lists), kept
// by kube-controller-manager from the pods the Service selects.
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/types.js';
import { bare, demoRig, deployment, ready, type Rig } from './harness.js';

let rig: Rig;
afterEach(() => rig?.stop());

const ep = (name: string): KubeObject | undefined => rig.store.get('endpoints', 'demo', name);
const ips = (list: Array<{ ip: string }> | undefined) => (list ?? []).map((a) => a.ip);
const podIps = (pred: (p: KubeObject) => boolean) => rig.pods('demo', pred).map((p) => p.status.podIP as string).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
const running = (p: KubeObject) => !!p.status?.podIP && !p.metadata.deletionTimestamp;

function service(name: string, spec: Record<string, unknown>): void {
  rig.store.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'demo', labels: { tier: 'front' } }, spec });
}

describe('the endpoints controller', () => {
  it("lists a service's ready pods with their node and pod, its ports resolved to the container port by name, and follows scaling", async () => {
    rig = await demoRig(2);
    const web = deployment('demo', 'web', 3);
    web.spec.template.spec.containers[0].ports = [{ name: 'http', containerPort: 8080 }];
    rig.store.create('deployments.apps', web);
    service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] });
    await rig.until('3 ready addresses', () => ep('web')?.subsets?.[0]?.addresses?.length === 3, 60_000);
    const [subset] = ep('web')!.subsets;
    expect(ep('web')!.subsets).toHaveLength(1);
    expect(subset.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(ips(subset.addresses)).toEqual(podIps(ready));
    const first = rig.pods('demo').find((p) => p.status.podIP === subset.addresses[0].ip)!;
    expect(subset.addresses[0]).toEqual({ ip: first.status.podIP, nodeName: first.spec.nodeName, targetRef: { kind: 'Pod', namespace: 'demo', name: first.metadata.name, uid: first.metadata.uid } });
    expect(ep('web')!.metadata.labels).toEqual({ tier: 'front' });

    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ({ ...d, spec: { ...d.spec, replicas: 5 } }));
    await rig.until('5 ready addresses', () => ep('web')?.subsets?.[0]?.addresses?.length === 5, 60_000);
    rig.store.mutate('deployments.apps', 'demo', 'web', (d) => ({ ...d, spec: { ...d.spec, replicas: 1 } }));
    await rig.until('1 address', () => ep('web')?.subsets?.[0]?.addresses?.length === 1 && !ep('web')!.subsets[0].notReadyAddresses, 60_000);
    expect(ips(ep('web')!.subsets[0].addresses)).toEqual(podIps(running));
  });

  it('puts a pod that is not ready under notReadyAddresses, with a numeric targetPort', async () => {
    rig = await demoRig(1);
    service('api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 9000, protocol: 'TCP' }] });
    rig.store.create('pods', { ...bare('demo', 'ok', { ports: [{ containerPort: 9000 }] }), metadata: { name: 'ok', namespace: 'demo', labels: { app: 'api' } } });
    // A readiness probe on a port the container does not listen on never passes.
    rig.store.create('pods', { ...bare('demo', 'nope', { ports: [{ containerPort: 9000 }], readinessProbe: { tcpSocket: { port: 9999 }, periodSeconds: 5 } }), metadata: { name: 'nope', namespace: 'demo', labels: { app: 'api' } } });
    await rig.until('one ready, one not', () => ep('api')?.subsets?.[0]?.addresses?.length === 1 && ep('api')?.subsets?.[0]?.notReadyAddresses?.length === 1, 30_000);
    const [subset] = ep('api')!.subsets;
    expect(subset.addresses[0].targetRef.name).toBe('ok');
    expect(subset.notReadyAddresses[0].targetRef.name).toBe('nope');
    expect(subset.ports).toEqual([{ name: '', port: 9000, protocol: 'TCP' }]);
  });

  it('creates empty Endpoints for a service that selects nothing, and deletes them with the service', async () => {
    rig = await demoRig(1);
    service('lonely', { selector: { app: 'none' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
    await rig.until('endpoints', () => !!ep('lonely'), 5000);
    expect(ep('lonely')!.subsets).toBeUndefined();
    // Deleted by hand, they come back; deleted with the service, they do not.
    rig.store.remove('endpoints', 'demo', 'lonely');
    await rig.until('endpoints recreated', () => !!ep('lonely'), 5000);
    rig.store.remove('services', 'demo', 'lonely');
    await rig.until('endpoints gone', () => !ep('lonely'), 5000);
  });

  it("keeps the user's Endpoints of a service without a selector, and deletes them with it", async () => {
    rig = await demoRig(1);
    service('external', { ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }] });
    const subsets = [{ addresses: [{ ip: '10.200.0.7' }], ports: [{ port: 5432, protocol: 'TCP' }] }];
    rig.store.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external', namespace: 'demo' }, subsets });
    // A pod with matching labels changes nothing: the service selects no pods.
    rig.store.create('pods', { ...bare('demo', 'db'), metadata: { name: 'db', namespace: 'demo', labels: { app: 'external' } } });
    await rig.run(20_000, 500);
    expect(ep('external')!.subsets).toEqual(subsets);
    rig.store.remove('services', 'demo', 'external');
    await rig.until('endpoints gone', () => !ep('external'), 5000);
  });

  it("mirrors the user's Endpoints of a selector-less service into an EndpointSlice, and follows their changes", async () => {
    rig = await demoRig(1);
    const slices = () => rig.store.list('endpointslices.discovery.k8s.io', 'demo').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'db');
    service('db', { ports: [{ name: 'pg', port: 5432, targetPort: 5432, protocol: 'TCP' }] });
    rig.store.create('endpoints', {
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'demo' },
      subsets: [{ addresses: [{ ip: '10.200.0.7' }], notReadyAddresses: [{ ip: '10.200.0.8' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }],
    });
    await rig.until('mirrored', () => slices().length === 1, 5000);
    const [slice] = slices();
    expect(slice.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.endpoints).toEqual([{ addresses: ['10.200.0.7'], conditions: { ready: true } }, { addresses: ['10.200.0.8'], conditions: { ready: false } }]);
    expect(slice.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    rig.store.mutate('endpoints', 'demo', 'db', (o) => ({ ...o, subsets: [{ addresses: [{ ip: '10.200.0.9' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }] }));
    await rig.until('follows', () => slices()[0]?.endpoints?.[0]?.addresses?.[0] === '10.200.0.9', 5000);
    rig.store.remove('endpoints', 'demo', 'db');
    await rig.until('slice gone', () => slices().length === 0, 5000);
  });
});
