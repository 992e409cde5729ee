import { describe, expect, it } from 'vitest';
import type { KObj } from '../../src/resources/types.js';
import { applyChanges, initialClusterState, selectObjects } from '../../src/store/index.js';
import type { ClusterState, StoreChange } from '../../src/store/types.js';

const obj = (ns: string, name: string, uid: string, rv = '1'): KObj => ({ kind: 'Pod', metadata: { namespace: ns, name, uid, resourceVersion: rv } });
const shown = (s: ClusterState, key = 'pods@') => selectObjects(s, key).map((o) => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`);
const byKubectl = (objects: Iterable<KObj>) =>
  [...objects]
    .map((o) => [o.metadata.namespace!, o.metadata.name, o.metadata.resourceVersion!] as const)
    .sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([ns, n, rv]) => `${ns}/${n}@${rv}`);

describe("the store keeps kubectl's order", () => {
  it('orders by namespace, then name in byte order, through adds, updates and deletes', () => {
    let s = applyChanges(initialClusterState(), [
      { type: 'replace', key: 'pods@', objects: [obj('b', 'web-10', '1'), obj('b', 'web-9', '2'), obj('a', 'zz', '3'), obj('b', 'Web', '4')] },
    ]);
    expect(shown(s)).toEqual(['a/zz@1', 'b/Web@1', 'b/web-10@1', 'b/web-9@1']);
    s = applyChanges(s, [
      { type: 'upsert', key: 'pods@', objects: [obj('b', 'web-9', '2', '7'), obj('a', 'aa', '5')] },
      { type: 'delete', key: 'pods@', objects: [obj('b', 'web-10', '1')] },
    ]);
    expect(shown(s)).toEqual(['a/aa@1', 'a/zz@1', 'b/Web@1', 'b/web-9@7']);
  });

  it('a pod deleted and recreated under the same name in one batch shows once, as the new one', () => {
    let s = applyChanges(initialClusterState(), [{ type: 'replace', key: 'pods@', objects: [obj('n', 'db-0', 'old'), obj('n', 'db-1', 'x')] }]);
    const before = s.kinds['pods@'].objects;
    s = applyChanges(s, [
      { type: 'upsert', key: 'pods@', objects: [obj('n', 'db-0', 'new', '9')] },
      { type: 'delete', key: 'pods@', objects: [obj('n', 'db-0', 'old')] },
    ]);
    expect(selectObjects(s, 'pods@').map((o) => o.metadata.uid)).toEqual(['new', 'x']);
    expect(before.map((o) => o.metadata.uid)).toEqual(['old', 'x']); // the previous state is untouched
  });

  it('matches a full sort after many random batches of churn', () => {
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let next = 0;
    const live = new Map<string, KObj>();
    const fresh = () => {
      const o = obj(`ns-${rnd(3)}`, `pod-${rnd(500)}-${next}`, `u${next++}`);
      live.set(o.metadata.uid, o);
      return o;
    };
    let s = applyChanges(initialClusterState(), [{ type: 'replace', key: 'pods@', objects: Array.from({ length: 200 }, fresh) }]);
    for (let batch = 0; batch < 60; batch++) {
      const changes: StoreChange[] = [];
      for (let k = 0; k < 8; k++) {
        const uids = [...live.keys()];
        const roll = rnd(3);
        if (roll === 0) changes.push({ type: 'upsert', key: 'pods@', objects: [fresh()] });
        else if (roll === 1) {
          const o = live.get(uids[rnd(uids.length)])!;
          const changed = { ...o, metadata: { ...o.metadata, resourceVersion: String(batch * 10 + k + 2) } };
          live.set(o.metadata.uid, changed);
          changes.push({ type: 'upsert', key: 'pods@', objects: [changed] });
        } else {
          const gone = live.get(uids[rnd(uids.length)])!;
          live.delete(gone.metadata.uid);
          changes.push({ type: 'delete', key: 'pods@', objects: [gone] });
        }
      }
      if (batch === 30) changes.push({ type: 'replace', key: 'pods@', objects: [...live.values()] });
      s = applyChanges(s, changes);
      expect(shown(s)).toEqual(byKubectl(live.values()));
      expect(s.kinds['pods@'].objects.length).toBe(live.size);
    }
  });
});
