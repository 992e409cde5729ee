import { describe, expect, it } from 'vitest';
import type { KObj } from '../../src/resources/types.js';
import { applyChanges, createClusterStore, dispatchChanges, initialClusterState } from '../../src/store/index.js';

const pod = (uid: string, rv = '1', extra: Partial<KObj> = {}): KObj => ({
  kind: 'Pod',
  metadata: { name: `p-${uid}`, namespace: 'ns1', uid, resourceVersion: rv },
  ...extra,
});

const uids = (s: ReturnType<typeof initialClusterState>) => s.kinds['pods@ns1'].objects.map((o) => o.metadata.uid);

describe('applyChanges', () => {
  it('upserts, deletes and replaces objects by uid', () => {
    let s = initialClusterState();
    s = applyChanges(s, [{ type: 'upsert', key: 'pods@ns1', objects: [pod('a'), pod('b')] }]);
    expect(uids(s)).toEqual(['a', 'b']);
    s = applyChanges(s, [{ type: 'delete', key: 'pods@ns1', objects: [pod('a')] }]);
    expect(uids(s)).toEqual(['b']);
    s = applyChanges(s, [{ type: 'replace', key: 'pods@ns1', objects: [pod('c')] }]);
    expect(uids(s)).toEqual(['c']);
  });

  it('gives a new array only to the slices that changed', () => {
    let s = applyChanges(initialClusterState(), [
      { type: 'upsert', key: 'pods@ns1', objects: [pod('a')] },
      { type: 'upsert', key: 'deployments@ns1', objects: [pod('d')] },
    ]);
    const deploys = s.kinds['deployments@ns1'];
    const pods = s.kinds['pods@ns1'];
    s = applyChanges(s, [{ type: 'upsert', key: 'pods@ns1', objects: [pod('a', '2')] }]);
    expect(s.kinds['deployments@ns1']).toBe(deploys);
    expect(s.kinds['pods@ns1']).not.toBe(pods);
    expect(s.kinds['pods@ns1'].objects).not.toBe(pods.objects);
    expect(s.kinds['pods@ns1'].version).toBe(pods.version + 1);
  });

  it('returns the same state when a batch changes nothing', () => {
    const s = applyChanges(initialClusterState(), [
      { type: 'upsert', key: 'pods@ns1', objects: [pod('a')] },
      { type: 'phase', key: 'pods@ns1', phase: { phase: 'live', since: 5 } },
    ]);
    const same = applyChanges(s, [
      { type: 'upsert', key: 'pods@ns1', objects: [pod('a')] },
      { type: 'replace', key: 'pods@ns1', objects: [pod('a')] },
      { type: 'delete', key: 'pods@ns1', objects: [pod('nope')] },
      { type: 'phase', key: 'pods@ns1', phase: { phase: 'live', since: 5 } },
    ]);
    expect(same).toBe(s);
  });

  it('keeps unchanged object instances across a relist so rows stay memoized', () => {
    const a = pod('a');
    let s = applyChanges(initialClusterState(), [{ type: 'upsert', key: 'pods@ns1', objects: [a, pod('b')] }]);
    s = applyChanges(s, [{ type: 'replace', key: 'pods@ns1', objects: [pod('a'), pod('b', '7')] }]);
    expect(s.kinds['pods@ns1'].objects[0]).toBe(a);
    expect(s.kinds['pods@ns1'].objects[1].metadata.resourceVersion).toBe('7');
  });

  it('does not mutate the previous state', () => {
    const s1 = applyChanges(initialClusterState(), [{ type: 'upsert', key: 'pods@ns1', objects: [pod('a')] }]);
    const before = [...s1.kinds['pods@ns1'].objects];
    applyChanges(s1, [
      { type: 'delete', key: 'pods@ns1', objects: [pod('a')] },
      { type: 'upsert', key: 'pods@ns1', objects: [pod('z')] },
    ]);
    expect(s1.kinds['pods@ns1'].objects).toEqual(before);
  });

  it('records watcher phases and metrics', () => {
    const pm = new Map([['ns1/p-a', { cpuMilli: 5, memBytes: 10 }]]);
    let s = applyChanges(initialClusterState(), [
      { type: 'phase', key: 'nodes@', phase: { phase: 'forbidden', message: 'nodes is forbidden' } },
      { type: 'metrics', available: true, podMetrics: pm },
    ]);
    expect(s.watchers['nodes@']).toEqual({ phase: 'forbidden', message: 'nodes is forbidden' });
    expect(s.podMetrics).toBe(pm);
    s = applyChanges(s, [{ type: 'metrics', available: false }]);
    expect(s.metricsAvailable).toBe(false);
    expect(s.podMetrics).toBeUndefined();
  });
});

describe('createClusterStore', () => {
  it('applies a batch as one store notification and none for a no-op batch', () => {
    const store = createClusterStore();
    let notifications = 0;
    store.subscribe(() => notifications++);
    dispatchChanges(store, [
      { type: 'upsert', key: 'pods@ns1', objects: Array.from({ length: 100 }, (_, i) => pod(`u${i}`)) },
      { type: 'phase', key: 'pods@ns1', phase: { phase: 'live', since: 1 } },
    ]);
    expect(notifications).toBe(1);
    expect(store.getState().kinds['pods@ns1'].objects).toHaveLength(100);
    dispatchChanges(store, [{ type: 'upsert', key: 'pods@ns1', objects: [pod('u1')] }]);
    expect(notifications).toBe(1);
  });
});
