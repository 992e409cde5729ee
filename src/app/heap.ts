// How much garbage the dashboard may hold. V8 lets the heap grow to up to four times what is live
// before collecting it all; a dashboard whose objects are replaced several times a second would sit
// at about twice the memory it needs. Once the first lists are in, the heap grows by 25% between
// full collections instead (the factor is read at each collection, so setting it late is safe; it
// costs a few % of a core). Not during the first lists: there it made the first full table of 10k
// pods 0.3 s slower.
import { setFlagsFromString } from 'node:v8';
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterState } from '../store/types.js';

export const STEADY_HEAP_GROWING_PERCENT = 25;

/** Tightens the heap once no watcher is syncing any more (and at least one has started). */
export function tightenHeapAfterFirstSync(store: StoreApi<ClusterState>, set: (flags: string) => void = setFlagsFromString): () => void {
  const check = (s: ClusterState): boolean => {
    const phases = Object.values(s.watchers);
    if (phases.length === 0 || phases.some((p) => p.phase === 'syncing')) return false;
    set(`--heap-growing-percent=${STEADY_HEAP_GROWING_PERCENT}`);
    return true;
  };
  if (check(store.getState())) return () => {};
  const stop = store.subscribe((s) => {
    if (check(s)) stop();
  });
  return stop;
}
