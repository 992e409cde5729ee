import { Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../../src/index.js';
import { bareSim, clients, pod, raw, readWatch, waitFor } from './support.js';

let sim: Sim;
let core: ReturnType<typeof clients>['core'];

beforeAll(async () => {
  sim = await bareSim({ historySize: 50, bookmarkIntervalMs: 1000 });
  ({ core } = clients(sim.kubeConfig('admin')));
});
afterAll(() => sim.stop());

describe('watch', () => {
  it('streams changes from a resourceVersion through client-node, including deletions', async () => {
    const list = await core.listNamespacedPod({ namespace: 'default' });
    const seen: string[] = [];
    const w = new Watch(sim.kubeConfig('admin'));
    let doneErr: unknown = 'not done';
    const ac = await w.watch('/api/v1/namespaces/default/pods', { resourceVersion: list.metadata!.resourceVersion }, (type, obj) => seen.push(`${type} ${obj.metadata.name}`), (err) => (doneErr = err));
    await core.createNamespacedPod({ namespace: 'default', body: pod('w1') });
    await core.patchNamespacedPod({ namespace: 'default', name: 'w1', body: [{ op: 'add', path: '/metadata/labels', value: { a: 'b' } }] }, undefined);
    await core.deleteNamespacedPod({ namespace: 'default', name: 'w1' });
    await waitFor(() => seen.length >= 3, 'three events');
    expect(seen).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
    ac.abort();
    await waitFor(() => doneErr !== 'not done', 'watch end');
  });

  it('sends the current state as ADDED when no resourceVersion is given', async () => {
    await core.createNamespacedPod({ namespace: 'default', body: pod('existing') });
    const res = await raw(sim, '/api/v1/namespaces/default/pods?watch=1');
    const { events } = await readWatch(res, (ev) => ev.some((e) => e.object.metadata.name === 'existing'));
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Pod', metadata: { name: 'existing' } } });
  });

  it('supports the legacy /watch/ path form for one object', async () => {
    const rv = sim.store.rv;
    const res = await raw(sim, `/api/v1/watch/namespaces/default/pods/existing?resourceVersion=${rv}`);
    const reading = readWatch(res, (ev) => ev.length >= 1);
    await core.createNamespacedPod({ namespace: 'default', body: pod('other') });
    await core.patchNamespacedPod({ namespace: 'default', name: 'existing', body: [{ op: 'add', path: '/metadata/annotations', value: { x: '1' } }] });
    const { events } = await reading;
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['MODIFIED existing']);
  });

  it('turns label-selector transitions into ADDED and DELETED for the watcher', async () => {
    const rv = sim.store.rv;
    const res = await raw(sim, `/api/v1/namespaces/default/pods?watch=true&labelSelector=role%3Dweb&resourceVersion=${rv}`);
    const reading = readWatch(res, (ev) => ev.length >= 2);
    await core.patchNamespacedPod({ namespace: 'default', name: 'other', body: [{ op: 'add', path: '/metadata/labels', value: { role: 'web' } }] });
    await core.patchNamespacedPod({ namespace: 'default', name: 'other', body: [{ op: 'replace', path: '/metadata/labels', value: { role: 'db' } }] });
    const { events } = await reading;
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
  });

  it('answers an ERROR event with a 410 Expired Status for a version older than the history', async () => {
    const old = sim.store.rv;
    for (let i = 0; i < 60; i++) await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: `churn-${i}` } } });
    expect(sim.store.oldestRv).toBeGreaterThan(old);
    const res = await raw(sim, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${old}`);
    const { events, ended } = await readWatch(res);
    expect(ended).toBe(true);
    expect(events).toEqual([{ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${old} (${sim.store.oldestRv})`, reason: 'Expired', code: 410 } }]);
  });

  it('client-node reports the 410 to the done callback', async () => {
    const w = new Watch(sim.kubeConfig('admin'));
    const events: string[] = [];
    let done: any = 'pending';
    await w.watch('/api/v1/namespaces/default/pods', { resourceVersion: '1' }, (type, obj) => events.push(`${type} ${obj.code ?? ''}`), (err) => (done = err));
    await waitFor(() => done !== 'pending', 'done');
    expect(events).toEqual(['ERROR 410']);
  });

  it('sends BOOKMARK events with only the resourceVersion when asked', async () => {
    const res = await raw(sim, `/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${sim.store.rv}`);
    const reading = readWatch(res, (ev) => ev.some((e) => e.type === 'BOOKMARK'));
    await sim.clock.advance(1000);
    const { events } = await reading;
    const b = events.find((e) => e.type === 'BOOKMARK');
    expect(b.object).toEqual({ kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(sim.store.rv) } });
  });

  it('ends cleanly at timeoutSeconds', async () => {
    const res = await raw(sim, `/api/v1/namespaces/default/pods?watch=1&timeoutSeconds=30&resourceVersion=${sim.store.rv}`);
    const reading = readWatch(res);
    await sim.clock.advance(30_000);
    const { events, ended } = await reading;
    expect(ended).toBe(true);
    expect(events).toEqual([]);
  });

  it('streams kubectl-style Table watches with column definitions on the first event only', async () => {
    const res = await raw(sim, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${sim.store.rv}`, { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    const reading = readWatch(res, (ev) => ev.length >= 2);
    await core.createNamespacedPod({ namespace: 'default', body: pod('t1') });
    await core.createNamespacedPod({ namespace: 'default', body: pod('t2') });
    const { events } = await reading;
    expect(events[0].object.kind).toBe('Table');
    expect(events[0].object.columnDefinitions.map((c: any) => c.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(events[0].object.rows[0].cells.slice(0, 3)).toEqual(['t1', '0/1', 'Pending']);
    expect(events[1].object.columnDefinitions).toBeUndefined();
  });
});

describe('watch resume with selectors', () => {
  it('reports an object that left the selection between the list and the watch as DELETED', async () => {
    const s2 = await bareSim();
    try {
      const { core: c } = clients(s2.kubeConfig('admin'));
      await c.createNamespacedPod({ namespace: 'default', body: pod('mover', 'default', { role: 'web' }) });
      const list = await c.listNamespacedPod({ namespace: 'default', labelSelector: 'role=web' });
      expect(list.items).toHaveLength(1);
      await c.patchNamespacedPod({ namespace: 'default', name: 'mover', body: [{ op: 'replace', path: '/metadata/labels/role', value: 'db' }] });
      const res = await raw(s2, `/api/v1/namespaces/default/pods?watch=1&labelSelector=role%3Dweb&resourceVersion=${list.metadata!.resourceVersion}`);
      const { events } = await readWatch(res, (ev) => ev.length >= 1);
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['DELETED mover']);
    } finally {
      await s2.stop();
    }
  });
});

describe('a WatchList of a large state', () => {
  // 70 objects of 1 MB: more than the 64 MB a slow watcher may fall behind. The state is written as
  // the client reads it (as the watch cache sends initial events), never cut off as a slow consumer.
  it('sends all of it, then the end bookmark at the state it sent, then what changed meanwhile', async () => {
    const big = await bareSim();
    try {
      const data = { blob: 'x'.repeat(1024 * 1024) };
      for (let i = 0; i < 70; i++) {
        const r = await raw(big, '/api/v1/namespaces/default/configmaps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ metadata: { name: `big-${i}` }, data }) });
        expect(r.status).toBe(201);
      }
      const rvBefore = String(big.store.rv);
      const res = await raw(big, '/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
      // A change while the state is still on its way (nothing has been read yet).
      const late = await raw(big, '/api/v1/namespaces/default/configmaps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'late' } }) });
      expect(late.status).toBe(201);
      const { events, ended } = await readWatch(res, (ev) => ev.some((e) => e.object.metadata.name === 'late'));
      expect(ended).toBe(false);
      const names = events.map((e) => `${e.type} ${e.object.metadata.name ?? e.object.metadata.resourceVersion}`);
      expect(names).toEqual([...Array.from({ length: 70 }, (_, i) => `ADDED big-${i}`).sort(), `BOOKMARK ${rvBefore}`, 'ADDED late']);
      expect(events[70].object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    } finally {
      await big.stop();
    }
  }, 60_000);
});
