// The manager's sharing, linger and shutdown, against a hand-driven server (counts what it receives).
import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from '../../src/kube/api.js';
import { createClusterStore } from '../../src/store/index.js';
import { createWatchManager, kindPath, type WatchManager } from '../../src/watchers/manager.js';
import { sendJson, startFakeServer, type FakeServer } from './fakeServer.js';
import { until } from '../support/until.js';

let server: FakeServer | undefined;
let manager: WatchManager | undefined;
let openWatches = 0;

afterEach(async () => {
  await manager?.stopAll();
  await server?.close();
  manager = undefined;
  server = undefined;
});

async function quietServer() {
  openWatches = 0;
  return startFakeServer((req, res, url) => {
    // A server with the WatchList feature off (as 1.33 by default): the watcher lists instead.
    if (url.searchParams.get('sendInitialEvents')) return sendJson(res, 422, { kind: 'Status', code: 422, reason: 'Invalid', message: 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled' });
    if (url.searchParams.get('watch')) {
      openWatches++;
      res.on('close', () => openWatches--);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      return;
    }
    sendJson(res, 200, { kind: 'List', metadata: { resourceVersion: '1' }, items: [] });
  });
}

// Collection lists (paged); the other GETs are the server identity the manager reads once, and the
// limit=1 count that goes with a WatchList attempt (this server answers WatchList with silence).
const lists = (s: FakeServer) => s.requests.filter((u) => !u.searchParams.get('watch') && u.searchParams.get('limit') && u.searchParams.get('limit') !== '1');

describe('watch manager', () => {
  it('builds kubectl URL paths from a descriptor', () => {
    expect(kindPath({ group: '', version: 'v1', plural: 'pods', namespaced: true }, 'ns1')).toBe('/api/v1/namespaces/ns1/pods');
    expect(kindPath({ group: '', version: 'v1', plural: 'pods', namespaced: true }, undefined)).toBe('/api/v1/pods');
    expect(kindPath({ group: 'apps', version: 'v1', plural: 'deployments', namespaced: true }, 'a')).toBe('/apis/apps/v1/namespaces/a/deployments');
    expect(kindPath({ group: '', version: 'v1', plural: 'nodes', namespaced: false }, 'ns1')).toBe('/api/v1/nodes');
  });

  it('shares one watcher per key and ignores the namespace for cluster-scoped kinds', async () => {
    server = await quietServer();
    const store = createClusterStore();
    manager = createWatchManager(makeApi(server.kc), store, { batchIntervalMs: 10 });
    expect(manager.keyOf('nodes', 'ns1')).toBe('nodes@');
    expect(manager.keyOf('pods', 'ns1')).toBe('pods@ns1');
    expect(manager.keyOf('pods', undefined)).toBe('pods@');
    manager.use('pods', 'ns1');
    manager.use('pods', 'ns1');
    manager.use('nodes', 'ns1');
    await until(() => openWatches === 2);
    expect(lists(server).map((u) => u.pathname).sort()).toEqual(['/api/v1/namespaces/ns1/pods', '/api/v1/nodes']);
    expect(manager.active()).toEqual(['nodes@', 'pods@ns1']);
    expect(() => manager!.use('nosuchkind', 'x')).toThrow(/unknown resource kind "nosuchkind"/);
  });

  it('keeps a released watcher for the linger time so flipping views does not relist', async () => {
    server = await quietServer();
    const store = createClusterStore();
    manager = createWatchManager(makeApi(server.kc), store, { batchIntervalMs: 10, lingerMs: 300 });
    const release1 = manager.use('pods', 'ns1');
    await until(() => store.getState().watchers['pods@ns1']?.phase === 'live');
    release1();
    release1(); // releasing twice counts once
    const release2 = manager.use('pods', 'ns1');
    expect(lists(server)).toHaveLength(1);
    release2();
    await until(() => store.getState().watchers['pods@ns1']?.phase === 'stopped');
    await until(() => openWatches === 0);
    expect(manager.active()).toEqual([]);
    expect(lists(server)).toHaveLength(1);
    // Asked for again after it stopped: a fresh list.
    manager.use('pods', 'ns1');
    await until(() => store.getState().watchers['pods@ns1']?.phase === 'live');
    expect(lists(server)).toHaveLength(2);
  });

  it('stopAll closes every connection and writes nothing afterwards', async () => {
    server = await quietServer();
    const store = createClusterStore();
    manager = createWatchManager(makeApi(server.kc), store, { batchIntervalMs: 10 });
    manager.use('pods', 'ns1');
    manager.use('deployments', 'ns1');
    await until(() => openWatches === 2);
    await manager.stopAll();
    expect(store.getState().watchers['pods@ns1']).toEqual({ phase: 'stopped' });
    expect(store.getState().watchers['deployments@ns1']).toEqual({ phase: 'stopped' });
    await until(() => openWatches === 0);
    const seen = server.requests.length;
    let writes = 0;
    store.subscribe(() => writes++);
    manager.use('services', 'ns1');
    await new Promise<void>((r) => setImmediate(r));
    expect(server.requests.length).toBe(seen);
    expect(writes).toBe(0);
  });
});
