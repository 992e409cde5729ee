// The API server is killed and a different one starts on the same port (a new cluster, new objects,
// resourceVersions that mean nothing for the old ones): the watchers must end up showing exactly the
// new server's objects within 5 s of it being back, and never call old rows live meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/kube/session.js';
import { startSim, type Sim } from '@kdash/sim';
import { createClusterStore, selectObjects } from '../../src/store/index.js';
import type { WatcherPhase } from '../../src/store/types.js';
import { createWatchManager, type WatchManager } from '../../src/watchers/manager.js';
import { makeApi } from '../../src/kube/api.js';
import { until } from '../support/until.js';
import { startProxy } from './proxy.js';

const sims: Sim[] = [];
let manager: WatchManager | undefined;
let dir: string | undefined;
afterEach(async () => {
  await manager?.stopAll();
  manager = undefined;
  for (const s of sims.splice(0)) await s.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function simWith(port: number, names: string[], tokens?: Sim['tokens']): Promise<Sim> {
  const sim = await startSim({ scenario: 'empty', runtime: false, port, tokens, tls: false }); // a replacement on the same port would bring a new CA
  sims.push(sim);
  for (const name of names) sim.store.create('configmaps', { metadata: { name, namespace: sim.student.namespace }, data: { from: String(sim.port) } });
  return sim;
}

/** Every phase a key went through, recorded from the store as it is written. */
function recordPhases(store: ReturnType<typeof createClusterStore>, key: string): Array<{ phase: WatcherPhase['phase']; names: string[] }> {
  const seen: Array<{ phase: WatcherPhase['phase']; names: string[] }> = [];
  store.subscribe((s) => {
    const p = s.watchers[key]?.phase;
    if (p) seen.push({ phase: p, names: selectObjects(s, key).map((o) => o.metadata.name) });
  });
  return seen;
}

describe('a replaced API server', () => {
  it('relists and shows only the new server’s objects within 5 s, never calling the old rows live', async () => {
    // The old server made more changes than the new one ever will: the watcher's resourceVersion is ahead of it.
    const old = await simWith(0, Array.from({ length: 10 }, (_, i) => `old-${i}`));
    for (let i = 0; i < 30; i++) old.store.mutate('configmaps', old.student.namespace, 'old-0', (o) => ({ ...o, data: { n: String(i) } }));
    const ns = old.student.namespace;
    const key = `configmaps@${ns}`;
    const store = createClusterStore();
    manager = createWatchManager(makeApi(old.kubeConfig('student')), store, { batchIntervalMs: 20 });
    manager.use('configmaps', ns);
    await until(() => store.getState().watchers[key]?.phase === 'live' && selectObjects(store.getState(), key).length === 10);
    const phases = recordPhases(store, key);

    await old.stop();
    await until(() => store.getState().watchers[key]?.phase !== 'live');
    // Same address, same users, a different cluster.
    const fresh = await simWith(old.port, ['new-a', 'new-b', 'new-c', 'new-d', 'new-e', 'new-f', 'new-g'], old.tokens);
    const back = Date.now();
    const expected = fresh.store.list('configmaps', ns).map((o) => o.metadata.name).sort();
    await until(() => {
      const s = store.getState();
      return s.watchers[key]?.phase === 'live' && selectObjects(s, key).map((o) => o.metadata.name).sort().join() === expected.join();
    }, 'the rows of the new server, live', 5_000);
    expect(Date.now() - back).toBeLessThan(5_000);
    // Between the outage and the relist, the old rows were never called live.
    const ghostsLive = phases.filter((p) => p.phase === 'live' && p.names.some((n) => n.startsWith('old-')));
    expect(ghostsLive).toEqual([]);
  });

  it('after a restart of the same server, checks that it is the same cluster and resumes without relisting', async () => {
    const sim = await simWith(0, ['a', 'b']);
    const ns = sim.student.namespace;
    const key = `configmaps@${ns}`;
    const proxy = await startProxy(sim);
    try {
      const store = createClusterStore();
      manager = createWatchManager(makeApi(proxy.kubeConfig(sim.tokens.student)), store, { batchIntervalMs: 20 });
      manager.use('configmaps', ns);
      // The identity check needs what it compares with: the uid of the student's namespace, read once
      // the watcher is live. A restart before that answer arrived leaves nothing to compare, and the
      // watcher rightly relists (nothing vouches for its rows).
      const anchor = `/api/v1/namespaces/${ns}`;
      await until(() => store.getState().watchers[key]?.phase === 'live' && proxy.watches().length === 1 && proxy.answered.some((u) => u.pathname === anchor));
      const cursor = proxy.watches()[0].searchParams.get('resourceVersion');
      await sim.restart();
      await until(() => store.getState().watchers[key]?.phase !== 'live');
      sim.store.create('configmaps', { metadata: { name: 'c', namespace: ns } });
      await until(() => store.getState().watchers[key]?.phase === 'live' && selectObjects(store.getState(), key).length === 3, 'three rows, live', 5_000);
      // One list in all: the resumed watch (from where it was) proved itself with an event or a bookmark.
      expect(proxy.lists().filter((u) => u.pathname.endsWith('/configmaps'))).toHaveLength(1);
      expect(proxy.watches()[1].searchParams.get('resourceVersion')).toBe(cursor);
      // The identity was read from something the student may read: its own namespace.
      expect(proxy.requests.filter((u) => u.pathname === anchor).length).toBeGreaterThanOrEqual(2);
    } finally {
      await proxy.close();
    }
  });

  it('after a 401 from a new server, re-reads the kubeconfig file, says so, and is live with the new objects', async () => {
    const old = await simWith(0, ['old-1', 'old-2']);
    dir = mkdtempSync(join(tmpdir(), 'kdash-reauth-'));
    const kubeconfig = join(dir, 'config');
    old.writeKubeconfig(kubeconfig);
    const session = await openSession({ kubeconfig });
    const ns = session.namespace;
    const key = `configmaps@${ns}`;
    const store = createClusterStore();
    let reauths = 0;
    manager = createWatchManager(session.api, store, {
      batchIntervalMs: 20,
      reauth: async () => (reauths++, session.reloadCredentials!()),
    });
    manager.use('configmaps', ns);
    await until(() => store.getState().watchers[key]?.phase === 'live' && selectObjects(store.getState(), key).length === 2);
    const errors: string[] = [];
    store.subscribe((s) => {
      const p = s.watchers[key];
      if (p && 'lastError' in p && p.lastError) errors.push(p.lastError);
    });
    await old.stop();
    // A new server with new tokens on the same port, and its kubeconfig written over the old one.
    const fresh = await simWith(old.port, ['new-1']);
    fresh.writeKubeconfig(kubeconfig);
    const back = Date.now();
    await until(() => {
      const s = store.getState();
      return s.watchers[key]?.phase === 'live' && selectObjects(s, key).map((o) => o.metadata.name).join() === 'new-1';
    }, 'new-1 alone, live', 5_000);
    expect(Date.now() - back).toBeLessThan(5_000);
    expect(reauths).toBeGreaterThanOrEqual(1);
    expect(errors.some((e) => /^401 Unauthorized.* — re-read the credentials from kubeconfig .*config$/.test(e))).toBe(true);
    expect(errors.some((e) => /credentials rejected/.test(e))).toBe(false);
  });

  it('is live again within 5 s of a server that turned connections away for a while (backoff capped while refused)', { timeout: 60_000 }, async () => {
    const sim = await simWith(0, ['a']);
    const ns = sim.student.namespace;
    const key = `configmaps@${ns}`;
    const store = createClusterStore();
    manager = createWatchManager(makeApi(sim.kubeConfig('student')), store, { batchIntervalMs: 20 });
    manager.use('configmaps', ns);
    await until(() => store.getState().watchers[key]?.phase === 'live');
    await sim.stop();
    // While it is away, something on its port accepts and drops every connection: count the attempts.
    let attempts = 0;
    const bouncer = createServer((sock) => {
      attempts++;
      sock.destroy();
    });
    await new Promise<void>((r) => bouncer.listen(sim.port, '127.0.0.1', r));
    try {
      // Long enough for an uncapped exponential backoff to be waiting 8 s and more between attempts.
      await until(() => attempts >= 6, 'six attempts', 40_000);
    } finally {
      await new Promise<void>((r) => bouncer.close(() => r()));
    }
    const fresh = await simWith(sim.port, ['b'], sim.tokens);
    const back = Date.now();
    await until(() => store.getState().watchers[key]?.phase === 'live' && selectObjects(store.getState(), key).map((o) => o.metadata.name).join() === 'b', 'b alone, live', 5_000);
    expect(Date.now() - back).toBeLessThan(5_000);
    expect(fresh.store.list('configmaps', ns)).toHaveLength(1);
  });
});
