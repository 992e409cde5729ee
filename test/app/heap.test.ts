import { describe, expect, it } from 'vitest';
import { createClusterStore, dispatchChanges } from '../../src/store/index.js';
import { boundHeap } from '../../src/app/heap.js';

describe('the heap is bounded while loading and tightened once the first lists are in', () => {
  it('waits while any watcher is syncing, then sets the flag once', () => {
    const store = createClusterStore();
    const set: string[] = [];
    boundHeap(store, (f) => set.push(f));
    expect(set).toEqual(['--heap-growing-percent=50']);
    set.length = 0;
    dispatchChanges(store, [
      { type: 'phase', key: 'pods@a', phase: { phase: 'syncing' } },
      { type: 'phase', key: 'deployments@a', phase: { phase: 'live', since: 1 } },
    ]);
    expect(set).toEqual([]);
    dispatchChanges(store, [{ type: 'phase', key: 'pods@a', phase: { phase: 'forbidden', message: 'no' } }]);
    expect(set).toEqual(['--heap-growing-percent=25']);
    dispatchChanges(store, [{ type: 'phase', key: 'nodes@', phase: { phase: 'syncing' } }]);
    dispatchChanges(store, [{ type: 'phase', key: 'nodes@', phase: { phase: 'live', since: 2 } }]);
    expect(set).toHaveLength(1);
  });
});
