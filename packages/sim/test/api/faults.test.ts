import { Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../../src/index.js';
import { apiError, bareSim, clients, pod, raw, readWatch, waitFor } from './support.js';

let sim: Sim;
let core: ReturnType<typeof clients>['core'];

beforeAll(async () => {
  sim = await bareSim();
  ({ core } = clients(sim.kubeConfig('admin')));
});
afterAll(() => sim.stop());

describe('fault injection', () => {
  it('failNext answers the next N requests with 500, then recovers', async () => {
    sim.faults.failNext(2, 500);
    for (let i = 0; i < 2; i++) {
      const e = await apiError(core.listNamespacedPod({ namespace: 'default' }));
      expect(e).toMatchObject({ kind: 'Status', code: 500, reason: 'InternalError' });
    }
    expect((await core.listNamespacedPod({ namespace: 'default' })).kind).toBe('PodList');
  });

  it('failNext with 429 sends Retry-After: 1', async () => {
    sim.faults.failNext(1, 429);
    const r = await raw(sim, '/api/v1/namespaces/default/pods');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(await r.json()).toMatchObject({ code: 429, reason: 'TooManyRequests' });
  });

  it('dropWatches cuts every open watch abruptly', async () => {
    const w = new Watch(sim.kubeConfig('admin'));
    let ended: unknown = 'open';
    await w.watch('/api/v1/namespaces/default/pods', { resourceVersion: String(sim.store.rv) }, () => {}, (err) => (ended = err ?? 'clean'));
    await waitFor(() => sim.requests.count('GET') > 0, 'watch registered');
    sim.faults.dropWatches();
    await waitFor(() => ended !== 'open', 'watch cut');
  });

  it('expireNextWatch makes the next watch answer 410 once', async () => {
    sim.faults.expireNextWatch();
    const first = await readWatch(await raw(sim, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${sim.store.rv}`));
    expect(first.events).toHaveLength(1);
    expect(first.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    const reading = readWatch(await raw(sim, `/api/v1/namespaces/default/pods?watch=1&timeoutSeconds=1&resourceVersion=${sim.store.rv}`));
    await sim.clock.advance(1000);
    const second = await reading;
    expect(second).toEqual({ events: [], ended: true });
  });

  it('restart keeps state on the same port and cuts connections', async () => {
    await core.createNamespacedPod({ namespace: 'default', body: pod('survivor') });
    const res = await raw(sim, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${sim.store.rv}`);
    const reading = readWatch(res).catch(() => ({ events: [], ended: true }));
    await sim.restart();
    expect((await reading).ended).toBe(true);
    const p = await core.readNamespacedPod({ namespace: 'default', name: 'survivor' });
    expect(p.metadata?.name).toBe('survivor');
  });

  it('counts requests by method and logs mutating ones', async () => {
    sim.requests.reset();
    await core.listNamespacedPod({ namespace: 'default' });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'counted' } } });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'counted' });
    expect(sim.requests.count('GET')).toBe(1);
    expect(sim.requests.count()).toBe(3);
    expect(sim.requests.mutating()).toEqual([
      { method: 'POST', path: '/api/v1/namespaces/default/configmaps' },
      { method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/counted' },
    ]);
  });
});
