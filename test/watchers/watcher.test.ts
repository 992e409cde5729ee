// The watcher against the embedded cluster over real HTTP: what it asked for (through a recording
// proxy) and what ends up in the store after faults.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { startProxy, type RecordingProxy } from './proxy.js';
import { watchRig, type WatchRig } from './helpers.js';
import { until } from '../support/until.js';

const NS = 'default';
const KEY = `configmaps@${NS}`;
const PATH = `/api/v1/namespaces/${NS}/configmaps`;

let sim: Sim;
let proxy: RecordingProxy | undefined;
let rig: WatchRig | undefined;

beforeAll(async () => {
  // Plain HTTP: these tests time the watcher's reaction to injected faults in milliseconds; TLS handshakes are not what they measure.
  sim = await startSim({ scenario: 'empty', port: 0, runtime: false, tls: false });
});
afterAll(async () => {
  await sim.stop();
});
afterEach(async () => {
  await rig?.watcher.stop();
  await proxy?.close();
  rig = undefined;
  proxy = undefined;
  for (const o of sim.store.list('configmaps', NS)) sim.store.remove('configmaps', NS, o.metadata.name!);
});

const createCm = (name: string) => sim.store.create('configmaps', { metadata: { name, namespace: NS }, data: { v: name } });

describe('watcher against the embedded cluster', () => {
  it('pages the initial list with more than 500 objects', async () => {
    for (let i = 0; i < 1203; i++) createCm(`cm-${i}`);
    proxy = await startProxy(sim);
    rig = watchRig(proxy.kubeConfig(sim.tokens.admin), KEY, PATH);
    await until(() => rig!.phase() === 'live');
    expect(rig.names()).toHaveLength(1203);
    const lists = proxy.lists();
    expect(lists).toHaveLength(3);
    expect(lists.map((u) => u.searchParams.get('limit'))).toEqual(['500', '500', '500']);
    expect(lists[0].searchParams.get('continue')).toBeNull();
    expect(lists[1].searchParams.get('continue')).toBeTruthy();
    expect(lists[2].searchParams.get('continue')).toBeTruthy();
  });

  it('relists after 410 Gone and drops objects deleted meanwhile', async () => {
    for (const n of ['a', 'b', 'c']) createCm(n);
    proxy = await startProxy(sim);
    rig = watchRig(proxy.kubeConfig(sim.tokens.admin), KEY, PATH);
    await until(() => rig!.phase() === 'live' && proxy!.watches().length === 1);
    expect(rig.names()).toEqual(['a', 'b', 'c']);
    // Cut the watch, and change the cluster before the watcher is back: its resume gets 410.
    sim.faults.expireNextWatch();
    sim.faults.dropWatches();
    sim.store.remove('configmaps', NS, 'b');
    createCm('d');
    await until(() => rig!.names().join() === 'a,c,d');
    expect(proxy.lists()).toHaveLength(2);
    // After the relist it watches from the new list's resourceVersion, and says it is live.
    const afterRelist = () => proxy!.requests.slice(proxy!.requests.indexOf(proxy!.lists()[1]) + 1).filter((u) => u.searchParams.get('watch'));
    await until(() => afterRelist().length >= 1 && rig!.phase() === 'live');
    expect(afterRelist()[0].searchParams.get('resourceVersion')).not.toBe(proxy.watches()[0].searchParams.get('resourceVersion'));
    createCm('e');
    await until(() => rig!.names().join() === 'a,c,d,e');
  });

  it('resumes after a clean watch close without relisting', async () => {
    createCm('first');
    proxy = await startProxy(sim);
    rig = watchRig(proxy.kubeConfig(sim.tokens.admin), KEY, PATH, { watchTimeoutSec: 1 });
    await until(() => rig!.phase() === 'live');
    createCm('second');
    await until(() => rig!.names().includes('second'));
    // The server ends each watch after timeoutSeconds; the watcher picks up where it was.
    await until(() => proxy!.watches().length >= 3, 'three watches', 15_000);
    createCm('third');
    await until(() => rig!.names().join() === 'first,second,third');
    expect(proxy.lists()).toHaveLength(1);
    const rvs = proxy.watches().map((u) => u.searchParams.get('resourceVersion'));
    expect(rvs[1]).not.toBe(rvs[0]); // resumed from the last event seen, not from the list
    expect(rig.phases.map((p) => p.phase)).toEqual(['syncing', 'live']);
  });

  it('recovers after the server restarts', async () => {
    createCm('before');
    const seen = sim.requests.count();
    rig = watchRig(sim.kubeConfig('admin'), KEY, PATH);
    await until(() => rig!.phase() === 'live' && sim.requests.count() === seen + 2);
    await sim.restart();
    createCm('after');
    await until(() => rig!.names().join() === 'after,before');
    await until(() => rig!.phase() === 'live');
    expect(rig.phases.some((p) => p.phase === 'reconnecting')).toBe(true);
  });

  it('recovers after a run of 500s with backoff', async () => {
    const seen = sim.requests.count();
    rig = watchRig(sim.kubeConfig('admin'), KEY, PATH, { backoffBaseMs: 20, backoffMaxMs: 1000 });
    // Live, with the watch (the request after the list) open, so there is something to cut.
    await until(() => rig!.phase() === 'live' && sim.requests.count() === seen + 2);
    sim.faults.failNext(5, 500);
    sim.faults.dropWatches();
    createCm('meanwhile');
    await until(() => rig!.names().includes('meanwhile') && rig!.phase() === 'live');
    const down = rig.phases.filter((p) => p.phase === 'reconnecting') as Array<{ attempt: number; at: number; lastError?: string }>;
    // The cut connection, then five refused attempts, counted up in one outage.
    expect(down.map((p) => p.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(down[0].lastError).toMatch(/closed mid-stream|reset|aborted/);
    expect(down.slice(1).every((p) => /500 Internal Server Error/.test(p.lastError ?? ''))).toBe(true);
    // Exponential: the last wait (≥ 0.75·640 ms) dwarfs the first (≤ 1.25·20 ms).
    const gaps = down.slice(1).map((p, i) => p.at - down[i].at);
    expect(gaps.at(-1)!).toBeGreaterThan(4 * gaps[0]);
  });

  it('shows the data as stale when the watch stays down, and live again once it is back', async () => {
    createCm('x');
    const seen = sim.requests.count();
    rig = watchRig(sim.kubeConfig('admin'), KEY, PATH, { staleAfterMs: 150, backoffBaseMs: 10, backoffMaxMs: 30 });
    await until(() => rig!.phase() === 'live' && sim.requests.count() === seen + 2);
    sim.faults.failNext(100_000, 500);
    sim.faults.dropWatches();
    await until(() => rig!.phase() === 'stale');
    const stale = rig.store.getState().watchers[KEY] as { since: number; lastError?: string };
    const firstDown = rig.phases.find((p) => p.phase === 'reconnecting')!;
    expect(stale.since).toBe((firstDown as { since: number }).since);
    expect(stale.lastError).toMatch(/500/);
    // The objects stay on screen (marked stale), and the watcher keeps trying.
    expect(rig.names()).toEqual(['x']);
    sim.faults.failNext(0, 500);
    await until(() => rig!.phase() === 'live');
  });

  it('a student watching nodes gets forbidden once and no retry spam', async () => {
    proxy = await startProxy(sim);
    rig = watchRig(proxy.kubeConfig(sim.tokens.student), 'nodes@', '/api/v1/nodes', { backoffBaseMs: 5, backoffMaxMs: 10 });
    await until(() => rig!.phase() === 'forbidden');
    const phase = rig.store.getState().watchers['nodes@'] as { message: string };
    expect(phase.message).toMatch(/forbidden/i);
    expect(phase.message).not.toMatch(/^403/);
    // Let a busy watcher go through a run of errors with the same short backoff, so time clearly passes.
    const seen = sim.requests.count();
    const other = watchRig(sim.kubeConfig('student'), `configmaps@${sim.student.namespace}`, `/api/v1/namespaces/${sim.student.namespace}/configmaps`, {
      backoffBaseMs: 5,
      backoffMaxMs: 10,
    });
    try {
      await until(() => other.phase() === 'live' && sim.requests.count() === seen + 2);
      sim.faults.failNext(10, 500);
      sim.faults.dropWatches();
      await until(() => other.phases.filter((p) => p.phase === 'reconnecting').length >= 10 && other.phase() === 'live');
    } finally {
      await other.watcher.stop();
    }
    expect(proxy.requests).toHaveLength(1);
    expect(rig.phases.map((p) => p.phase)).toEqual(['syncing', 'forbidden']);
  });

  it('a burst of 1000 creates lands in the store in few batches', async () => {
    rig = watchRig(sim.kubeConfig('admin'), KEY, PATH, {}, 100);
    await until(() => rig!.phase() === 'live');
    const before = rig.updates();
    for (let i = 0; i < 1000; i++) createCm(`burst-${i}`);
    await until(() => rig!.names().length === 1000);
    expect(rig.updates() - before).toBeLessThanOrEqual(4);
  });
});
