// The EndpointSlice controller: what `kubectl describe service` lists as Endpoints.
import { afterEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

const slices = (s: Sim, svc: string) =>
  s.store.list('endpointslices.discovery.k8s.io', 'vgauthier').filter((e) => e.metadata.labels?.['kubernetes.io/service-name'] === svc);

async function until(cond: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('endpoint slices', () => {
  it('lists the ready pods a service selects, with the service port resolved, and follows scaling', async () => {
    sim = await startSim({ scenario: 'classroom', port: 0, speed: 20 });
    await until(() => slices(sim!, 'webnodb').length === 1);
    const [slice] = slices(sim!, 'webnodb');
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', port: 5000, protocol: 'TCP' }]);
    expect(slice.endpoints.filter((e: { conditions: { ready: boolean } }) => e.conditions.ready)).toHaveLength(3);
    expect(slice.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'webnodb' });
    sim.store.mutate('deployments.apps', 'vgauthier', 'webnodb', (d) => ({ ...d, spec: { ...d.spec, replicas: 4 } }));
    await until(() => (slices(sim!, 'webnodb')[0]?.endpoints ?? []).filter((e: { conditions: { ready: boolean } }) => e.conditions.ready).length === 4, 20_000);
  });

  it('goes away with its service', async () => {
    sim = await startSim({ scenario: 'classroom', port: 0 });
    await until(() => slices(sim!, 'redis').length === 1);
    sim.store.remove('services', 'vgauthier', 'redis');
    await until(() => slices(sim!, 'redis').length === 0);
  });
});
