// The manager against the embedded cluster: kinds start on use, feed one store, and stop cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApi } from '../../src/kube/api.js';
import { startSim, type Sim } from '@kdash/sim';
import { createClusterStore, selectByKind, selectObjects } from '../../src/store/index.js';
import { createWatchManager } from '../../src/watchers/manager.js';
import { FAST } from './helpers.js';
import { until } from '../support/until.js';
import { startProxy } from './proxy.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ scenario: 'empty', port: 0, runtime: false });
});
afterAll(async () => {
  await sim.stop();
});

describe('watch manager against the embedded cluster', () => {
  it('merges one kind watched in two namespaces and keeps them apart by key', async () => {
    sim.store.create('configmaps', { metadata: { name: 'one', namespace: 'default' } });
    sim.store.create('configmaps', { metadata: { name: 'two', namespace: 'kube-system' } });
    const store = createClusterStore();
    const mgr = createWatchManager(makeApi(sim.kubeConfig('admin')), store, { timings: FAST, batchIntervalMs: 20 });
    try {
      mgr.use('configmaps', 'default');
      mgr.use('configmaps', 'kube-system');
      await until(() => ['configmaps@default', 'configmaps@kube-system'].every((k) => store.getState().watchers[k]?.phase === 'live'));
      expect(selectObjects(store.getState(), 'configmaps@default').map((o) => o.metadata.name)).toEqual(['one']);
      expect(selectByKind(store.getState(), 'configmaps').map((o) => o.metadata.name).sort()).toEqual(['one', 'two']);
    } finally {
      await mgr.stopAll();
    }
  });

  it('dispose stops all traffic', async () => {
    const proxy = await startProxy(sim);
    const store = createClusterStore();
    const mgr = createWatchManager(makeApi(proxy.kubeConfig(sim.tokens.admin)), store, { timings: FAST, batchIntervalMs: 20 });
    try {
      for (const kind of ['pods', 'configmaps', 'services', 'deployments']) mgr.use(kind, 'default');
      mgr.use('nodes', undefined);
      await until(() => proxy.watches().length === 5 && proxy.open() === 5);
      await mgr.stopAll();
      // Every connection is closed, and nothing is asked or written any more, whatever the cluster does.
      await until(() => proxy.open() === 0);
      const asked = proxy.requests.length;
      const state = store.getState();
      expect(Object.values(state.watchers).every((p) => p.phase === 'stopped')).toBe(true);
      sim.faults.dropWatches();
      sim.store.create('configmaps', { metadata: { name: 'after-stop', namespace: 'default' } });
      // A watcher that is still running sees the change: proof that the stopped ones had their chance.
      const other = createClusterStore();
      const probe = createWatchManager(makeApi(sim.kubeConfig('admin')), other, { timings: FAST, batchIntervalMs: 20 });
      probe.use('configmaps', 'default');
      await until(() => selectObjects(other.getState(), 'configmaps@default').some((o) => o.metadata.name === 'after-stop'));
      await probe.stopAll();
      expect(proxy.requests.length).toBe(asked);
      expect(store.getState()).toBe(state);
    } finally {
      await mgr.stopAll();
      await proxy.close();
    }
  });
});
