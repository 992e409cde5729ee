// Watcher behaviour against a hand-driven server: silent connections and expiring continue tokens.
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterStore, dispatchChanges, selectObjects } from '../../src/store/index.js';
import type { WatcherPhase } from '../../src/store/types.js';
import { createBatcher } from '../../src/watchers/batcher.js';
import { startWatcher, type Watcher } from '../../src/watchers/watcher.js';
import { cm, sendJson, startFakeServer, type FakeServer } from './fakeServer.js';
import { until } from '../support/until.js';

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

function rig() {
  const store = createClusterStore();
  const phases: WatcherPhase[] = [];
  const batcher = createBatcher((c) => dispatchChanges(store, c), { intervalMs: 20, minDelayMs: 1 });
  const sink = {
    ...batcher,
    phase: (k: string, p: WatcherPhase) => {
      phases.push(p);
      batcher.phase(k, p);
    },
  };
  return { store, phases, sink, batcher };
}

describe('watcher against a hand-driven server', () => {
  it('detects a silent connection with the watchdog and reconnects', async () => {
    let watches = 0;
    server = await startFakeServer((_req, res, url) => {
      if (url.searchParams.get('watch')) {
        watches++;
        // Headers, then nothing at all: a dead connection as seen from the client.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        return;
      }
      sendJson(res, 200, { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items: [cm('a', '5')] });
    });
    const { store, phases, sink } = rig();
    // The same server (its identity checks out): the watcher resumes rather than relists.
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, sink, { watchdogMs: 300, backoffBaseMs: 20, backoffMaxMs: 50 }, { checkServer: async () => 'same' });
    await until(() => selectObjects(store.getState(), KEY).length === 1);
    await until(() => watches >= 2);
    const down = phases.find((p) => p.phase === 'reconnecting');
    expect(down).toMatchObject({ phase: 'reconnecting', attempt: 1 });
    expect((down as { lastError?: string }).lastError).toMatch(/no data from the server/);
    // It resumed from the list's resourceVersion instead of relisting.
    const watchUrls = server.requests.filter((u) => u.searchParams.get('watch'));
    expect(watchUrls.every((u) => u.searchParams.get('resourceVersion') === '10')).toBe(true);
    expect(server.requests.filter((u) => !u.searchParams.get('watch'))).toHaveLength(1);
    expect(watchUrls[0].searchParams.get('allowWatchBookmarks')).toBe('true');
    expect(Number(watchUrls[0].searchParams.get('timeoutSeconds'))).toBeGreaterThan(0);
  });

  it('restarts a paged list whose continue token expired (410) and keeps all pages', async () => {
    let expired = false;
    server = await startFakeServer((_req, res, url) => {
      if (url.searchParams.get('watch')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        return;
      }
      const cont = url.searchParams.get('continue');
      if (!cont) return sendJson(res, 200, { kind: 'ConfigMapList', metadata: { resourceVersion: '20', continue: 'p2' }, items: [cm('a', '1'), cm('b', '2')] });
      if (cont === 'p2' && !expired) {
        expired = true;
        return sendJson(res, 410, { kind: 'Status', code: 410, reason: 'Expired', message: 'The provided continue parameter is too old' });
      }
      return sendJson(res, 200, { kind: 'ConfigMapList', metadata: { resourceVersion: '20' }, items: [cm('c', '3')] });
    });
    const { store, sink } = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, sink, { pageSize: 2, backoffBaseMs: 20 });
    await until(() => store.getState().watchers[KEY]?.phase === 'live');
    const names = selectObjects(store.getState(), KEY).map((o) => o.metadata.name).sort();
    expect(names).toEqual(['a', 'b', 'c']);
    const lists = server.requests.filter((u) => !u.searchParams.get('watch'));
    expect(lists.map((u) => u.searchParams.get('continue'))).toEqual([null, 'p2', null, 'p2']);
    expect(lists.every((u) => u.searchParams.get('limit') === '2')).toBe(true);
    // Trimmed on arrival, and given the kind the list items lack.
    const a = selectObjects(store.getState(), KEY).find((o) => o.metadata.name === 'a')!;
    expect(a.metadata.managedFields).toBeUndefined();
    expect(a.kind).toBe('ConfigMap');
  });

  it('resumes from the last bookmark after a clean close, and handles an ERROR 410 event by relisting', async () => {
    let watches = 0;
    server = await startFakeServer((_req, res, url) => {
      if (!url.searchParams.get('watch')) {
        return sendJson(res, 200, { kind: 'ConfigMapList', metadata: { resourceVersion: '10' }, items: [cm('a', '5')] });
      }
      watches++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (watches === 1) {
        // A change, then a bookmark that moves the resourceVersion past it, then a clean end.
        res.write(`${JSON.stringify({ type: 'ADDED', object: { kind: 'ConfigMap', ...cm('b', '11') } })}\n`);
        res.end(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '50' } } })}\n`);
      } else if (watches === 2) {
        res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } })}\n`);
      } else res.flushHeaders();
    });
    const { store, phases, sink } = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, sink, { backoffBaseMs: 20 });
    await until(() => watches >= 3);
    const rvs = server.requests.filter((u) => u.searchParams.get('watch')).map((u) => u.searchParams.get('resourceVersion'));
    expect(rvs).toEqual(['10', '50', '10']);
    expect(server.requests.filter((u) => !u.searchParams.get('watch'))).toHaveLength(2);
    // b came by watch, and the relist (which does not have it) removed it again.
    await until(() => selectObjects(store.getState(), KEY).map((o) => o.metadata.name).join() === 'a');
    expect(phases.map((p) => p.phase)).toEqual(['syncing', 'live']);
  });

  it('after a cut connection, watches again from the last event it saw', async () => {
    let watches = 0;
    server = await startFakeServer((_req, res, url) => {
      if (!url.searchParams.get('watch')) {
        return sendJson(res, 200, { kind: 'ConfigMapList', metadata: { resourceVersion: '10' }, items: [] });
      }
      watches++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (watches === 1) {
        res.write(`${JSON.stringify({ type: 'ADDED', object: cm('b', '17') })}\n`, () => res.socket?.destroy());
      } else res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '17' } } })}\n`);
    });
    const { store, phases, sink } = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, sink, { backoffBaseMs: 20 }, { checkServer: async () => 'same' });
    await until(() => watches >= 2 && store.getState().watchers[KEY]?.phase === 'live');
    expect(server.requests.filter((u) => u.searchParams.get('watch')).map((u) => u.searchParams.get('resourceVersion'))).toEqual(['10', '17']);
    expect(selectObjects(store.getState(), KEY).map((o) => o.metadata.name)).toEqual(['b']);
    expect(phases.map((p) => p.phase)).toEqual(['syncing', 'live', 'reconnecting', 'live']);
  });

  it('turns a 401 into a clear stale phase at once and retries slowly', async () => {
    server = await startFakeServer((_req, res) =>
      sendJson(res, 401, { kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' }),
    );
    const { store, sink } = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, sink, { backoffBaseMs: 10, backoffMaxMs: 60_000 });
    await until(() => store.getState().watchers[KEY]?.phase === 'stale');
    const p = store.getState().watchers[KEY] as { lastError?: string };
    expect(p.lastError).toMatch(/401 Unauthorized.*credentials rejected/);
    expect(server.requests).toHaveLength(1);
  });
});

const forbiddenStatus = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'configmaps is forbidden: User "vgauthier" cannot watch resource "configmaps"' };

// A restarting kube-apiserver answers 403 for a moment before its RBAC caches sync: a watcher that
// was live must not call the view forbidden (and empty it) for that, only for a 403 that lasts.
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
    const r = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 10, backoffMaxMs: 30, minWatchMs: 1, forbiddenGraceMs: 10_000 });
    await until(() => watches >= 4);
    await until(() => r.phases[r.phases.length - 1]?.phase === 'live');
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
    const r = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 10, backoffMaxMs: 30, minWatchMs: 1, forbiddenGraceMs: 200 });
    await until(() => r.phases.some((p) => p.phase === 'forbidden'));
    await until(() => selectObjects(r.store.getState(), KEY).length === 0);
  });

  it('once access that worked comes back, the forbidden view is live again within seconds (the badge goes)', async () => {
    let watches = 0;
    let denied = false;
    server = await startFakeServer((_req, res, url) => {
      if (denied) return sendJson(res, 403, forbiddenStatus);
      if (url.searchParams.get('watch')) {
        watches++;
        if (watches === 1) {
          denied = true; // access is taken away while the watch is open
          return res.end();
        }
        return void res.writeHead(200).flushHeaders();
      }
      sendJson(res, 200, { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items: [cm('a', '5')] });
    });
    const r = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 10, backoffMaxMs: 30, minWatchMs: 1, forbiddenGraceMs: 200 });
    await until(() => r.store.getState().watchers[KEY]?.phase === 'forbidden');
    denied = false;
    await until(() => r.store.getState().watchers[KEY]?.phase === 'live' && selectObjects(r.store.getState(), KEY).length === 1, 'one row, live', 8_000);
  });

  it('a 403 on the very first list is forbidden at once (a namespace-only student, no retry storm)', async () => {
    server = await startFakeServer((_req, res) => sendJson(res, 403, forbiddenStatus));
    const r = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 10, backoffMaxMs: 30, forbiddenGraceMs: 10_000 });
    await until(() => r.phases.some((p) => p.phase === 'forbidden'));
    expect(server.requests).toHaveLength(1);
  });
});

// What kube-apiserver v1.36 does with a resourceVersion it never issued or no longer has, and with
// overload: the watcher must relist, or wait as told, rather than sit on rows it cannot vouch for.
describe('resourceVersions the server does not know', () => {
  const list = (rv: string, names: string[]) => ({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: rv }, items: names.map((n) => cm(n, rv)) });
  const names = (r: ReturnType<typeof rig>) => selectObjects(r.store.getState(), KEY).map((o) => o.metadata.name).join();

  it('relists when the watch resumed after a connection loss stays silent until its deadline (a server that never issued that version)', async () => {
    let watches = 0;
    let lists = 0;
    server = await startFakeServer((_req, res, url) => {
      if (!url.searchParams.get('watch')) return sendJson(res, 200, lists++ === 0 ? list('900', ['old-1', 'old-2']) : list('12', ['new-1']));
      watches++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (watches === 1) return void res.socket?.destroy(); // the old server dies
      // 200, then silence; the server ends the watch at timeoutSeconds without a word.
      res.flushHeaders();
      setTimeout(() => res.end(), Number(url.searchParams.get('timeoutSeconds')) * 1000);
    });
    const r = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 20, probeTimeoutSec: 1 }, { checkServer: async () => 'same' });
    // Live, and the watch from the new list's version has reached the server.
    const watchRvs = () => server!.requests.filter((u) => u.searchParams.get('watch')).map((u) => u.searchParams.get('resourceVersion'));
    await until(() => names(r) === 'new-1' && r.store.getState().watchers[KEY]?.phase === 'live' && watchRvs().length >= 3);
    expect(watchRvs().slice(0, 3)).toEqual(['900', '900', '12']);
    // Between the cut and the relist the old rows were never called live again.
    const afterCut = r.phases.slice(r.phases.findIndex((p) => p.phase === 'reconnecting'));
    expect(afterCut.filter((p) => p.phase === 'live')).toHaveLength(1);
  });

  it('relists on an ERROR event "Too large resource version" (504)', async () => {
    let lists = 0;
    server = await startFakeServer((_req, res, url) => {
      if (!url.searchParams.get('watch')) return sendJson(res, 200, lists++ === 0 ? list('900', ['old']) : list('5', ['new']));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (url.searchParams.get('resourceVersion') === '900') {
        const status = { kind: 'Status', code: 504, reason: 'Timeout', message: 'Timeout: Too large resource version: 900, current: 5' };
        return void res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      }
      res.flushHeaders();
    });
    const r = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 20 });
    await until(() => names(r) === 'new');
    expect(r.phases.some((p) => p.phase === 'stale')).toBe(false);
  });

  it('a watch that ends at its deadline without the bookmark this server always sends is taken as frozen: relist', async () => {
    let watches = 0;
    let lists = 0;
    server = await startFakeServer((_req, res, url) => {
      if (!url.searchParams.get('watch')) return sendJson(res, 200, lists++ === 0 ? list('10', ['a']) : list('20', ['a', 'b']));
      watches++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // The first watch shows that this server sends bookmarks; the second is silent to its end.
      if (watches === 1) return void res.end(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '10' } } })}\n`);
      if (watches === 2) return void setTimeout(() => res.end(), 100);
      res.flushHeaders();
    });
    const r = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 20, minWatchMs: 50 });
    await until(() => names(r) === 'a,b');
    expect(lists).toBe(2);
  });

  it('waits as long as Retry-After says on 429, not its own short backoff', async () => {
    const at: number[] = [];
    server = await startFakeServer((_req, res, url) => {
      if (url.searchParams.get('watch')) return void res.writeHead(200).flushHeaders();
      at.push(Date.now());
      if (at.length <= 2) {
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1' });
        return void res.end(JSON.stringify({ kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'Too many requests, please try again later.' }));
      }
      sendJson(res, 200, list('3', ['x']));
    });
    const r = rig();
    watcher = startWatcher(server.kc, { key: KEY, path: PATH }, r.sink, { backoffBaseMs: 10, backoffMaxMs: 50 });
    await until(() => names(r) === 'x');
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(1000);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(1000);
  });
});
