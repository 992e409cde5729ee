// A restarting kube-apiserver answers 403 for a moment before its RBAC caches sync: a watcher that
// was live must not call the view forbidden (and empty it) for that, only for a 403 that lasts.
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterStore, dispatchChanges, selectObjects } from '../../src/store/index.js';
import type { WatcherPhase } from '../../src/store/types.js';
import { createBatcher } from '../../src/watchers/batcher.js';
import { startWatcher, type Watcher } from '../../src/watchers/watcher.js';
import { cm, sendJson, startFakeServer, type FakeServer } from './fakeServer.js';
import { waitFor } from './helpers.js';

const KEY = 'configmaps@x';
const PATH = '/api/v1/namespaces/x/configmaps';
let server: FakeServer | undefined;
let watcher: Watcher | undefined;

afterEach(async () => {
  await watcher?.stop();
  await server?.close();
  watcher = undefined;
  server = undefined;
});

const forbiddenStatus = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'configmaps is forbidden: User "vgauthier" cannot watch resource "configmaps"' };

function start() {
  const store = createClusterStore();
  const phases: WatcherPhase[] = [];
  const batcher = createBatcher((c) => dispatchChanges(store, c), { intervalMs: 20, minDelayMs: 1 });
  const sink = { ...batcher, phase: (k: string, p: WatcherPhase) => (phases.push(p), batcher.phase(k, p)) };
  return { store, phases, sink };
}

describe('403 after being live', () => {
  it('keeps the objects and reconnects when the 403s stop within the grace', async () => {
    let watches = 0;
    server = await startFakeServer((_req, res, url) => {
      if (url.searchParams.get('watch')) {
        watches++;
        // The first watch ends at once (the server went away); the next two are refused; then fine.
        if (watches === 1) return res.end();
        if (watches <= 3) return sendJson(res, 403, forbiddenStatus);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        return;
      }
      sendJson(res, 200, { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items: [cm('a', '5')] });
    });
    const r = start();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 10, backoffMaxMs: 30, minWatchMs: 1, forbiddenGraceMs: 10_000 });
    await waitFor(() => watches >= 4);
    await waitFor(() => r.phases[r.phases.length - 1]?.phase === 'live');
    expect(r.phases.some((p) => p.phase === 'forbidden')).toBe(false);
    expect(selectObjects(r.store.getState(), KEY).map((o) => o.metadata.name)).toEqual(['a']);
    const down = r.phases.find((p) => p.phase === 'reconnecting') as { lastError?: string } | undefined;
    expect(down?.lastError).toMatch(/forbidden/);
  });

  it('calls the view forbidden when the 403s outlast the grace', async () => {
    let watches = 0;
    server = await startFakeServer((_req, res, url) => {
      if (url.searchParams.get('watch')) {
        watches++;
        if (watches === 1) return res.end();
        return sendJson(res, 403, forbiddenStatus);
      }
      if (watches > 0) return sendJson(res, 403, forbiddenStatus);
      sendJson(res, 200, { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items: [cm('a', '5')] });
    });
    const r = start();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 10, backoffMaxMs: 30, minWatchMs: 1, forbiddenGraceMs: 200 });
    await waitFor(() => r.phases.some((p) => p.phase === 'forbidden'));
    await waitFor(() => selectObjects(r.store.getState(), KEY).length === 0);
  });

  it('a 403 on the very first list is forbidden at once (a namespace-only student, no retry storm)', async () => {
    server = await startFakeServer((_req, res) => sendJson(res, 403, forbiddenStatus));
    const r = start();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 10, backoffMaxMs: 30, forbiddenGraceMs: 10_000 });
    await waitFor(() => r.phases.some((p) => p.phase === 'forbidden'));
    expect(server.requests).toHaveLength(1);
  });
});
