import { describe, expect, it } from 'vitest';
import type { KObj } from '../../src/resources/types.js';
import {
  applyChanges,
  initialClusterState,
  keyOf,
  parseKey,
  selectByKind,
  selectObjects,
  selectWatcher,
  selectWatchSummary,
} from '../../src/store/index.js';

const obj = (uid: string, ns = 'ns1', rv = '1'): KObj => ({ metadata: { name: uid, namespace: ns, uid, resourceVersion: rv } });

describe('selectors', () => {
  it('selectObjects returns the same array until its slice changes', () => {
    let s = applyChanges(initialClusterState(), [
      { type: 'upsert', key: 'pods@ns1', objects: [obj('a')] },
      { type: 'upsert', key: 'services@ns1', objects: [obj('s')] },
    ]);
    const first = selectObjects(s, 'pods@ns1');
    expect(first.map((o) => o.metadata.uid)).toEqual(['a']);
    s = applyChanges(s, [{ type: 'upsert', key: 'services@ns1', objects: [obj('s2')] }]);
    expect(selectObjects(s, 'pods@ns1')).toBe(first);
    s = applyChanges(s, [{ type: 'upsert', key: 'pods@ns1', objects: [obj('b')] }]);
    expect(selectObjects(s, 'pods@ns1').map((o) => o.metadata.uid)).toEqual(['a', 'b']);
    expect(selectObjects(s, 'pods@nothing')).toEqual([]);
    expect(selectObjects(s, 'pods@nothing')).toBe(selectObjects(s, 'deployments@x'));
  });

  it('selectByKind merges every scope of a kind and dedupes by uid', () => {
    let s = applyChanges(initialClusterState(), [
      { type: 'upsert', key: 'pods@ns1', objects: [obj('a'), obj('b')] },
      { type: 'upsert', key: 'pods@ns2', objects: [obj('c', 'ns2')] },
      { type: 'upsert', key: 'pods@', objects: [obj('a'), obj('c', 'ns2'), obj('d', 'ns3')] },
      { type: 'upsert', key: 'podsx@ns1', objects: [obj('zz')] },
    ]);
    const all = selectByKind(s, 'pods');
    expect(all.map((o) => o.metadata.uid).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(selectByKind(s, 'pods')).toBe(all);
    s = applyChanges(s, [{ type: 'upsert', key: 'services@ns1', objects: [obj('s')] }]);
    expect(selectByKind(s, 'pods')).toBe(all);
    s = applyChanges(s, [{ type: 'delete', key: 'pods@ns1', objects: [obj('b')] }]);
    expect(selectByKind(s, 'pods').map((o) => o.metadata.uid).sort()).toEqual(['a', 'c', 'd']);
  });

  it('summarizes phases and counts for the header, worst phase first', () => {
    let s = applyChanges(initialClusterState(), [
      { type: 'upsert', key: 'pods@ns1', objects: [obj('a'), obj('b')] },
      { type: 'phase', key: 'pods@ns1', phase: { phase: 'live', since: 1 } },
      { type: 'phase', key: 'nodes@', phase: { phase: 'forbidden', message: 'no' } },
    ]);
    let sum = selectWatchSummary(s);
    expect(sum.health).toBe('forbidden');
    expect(sum.objects).toBe(2);
    expect(sum.entries.find((e) => e.key === 'pods@ns1')).toMatchObject({ kindId: 'pods', namespace: 'ns1', count: 2 });
    expect(selectWatchSummary(s)).toBe(sum);
    s = applyChanges(s, [{ type: 'phase', key: 'pods@ns1', phase: { phase: 'stale', since: 9, lastError: 'connection refused' } }]);
    sum = selectWatchSummary(s);
    expect(sum.health).toBe('stale');
    expect(selectWatcher(s, 'pods@ns1')).toEqual({ phase: 'stale', since: 9, lastError: 'connection refused' });
  });

  it('builds and parses watch keys', () => {
    expect(keyOf('pods', 'ns1')).toBe('pods@ns1');
    expect(keyOf('nodes', undefined)).toBe('nodes@');
    expect(parseKey('pods@ns1')).toEqual({ kindId: 'pods', namespace: 'ns1' });
    expect(parseKey('nodes@')).toEqual({ kindId: 'nodes', namespace: undefined });
  });
});
