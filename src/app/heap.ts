// How much garbage the dashboard may hold. V8 lets the heap grow to up to four times what is live
// before collecting it all; a dashboard whose objects are replaced several times a second would sit
// at about twice the memory it needs (and memory once taken is rarely given back). The heap grows by
// 50% between full collections while the first lists come in, then by 25% (the factor is read at
// each collection, so changing it at run time is safe; it costs a few % of a core). 25% from the
// start made the first full table of 10k pods 0.3 s slower; 50% costs ~0.05 s.
import { setFlagsFromString } from 'node:v8';
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterState } from '../store/types.js';

export const LOADING_HEAP_GROWING_PERCENT = 50;
export const STEADY_HEAP_GROWING_PERCENT = 25;

/** Bounds the heap for loading now, and tightens it once no watcher is syncing any more (and one has started). */
export function boundHeap(store: StoreApi<ClusterState>, set: (flags: string) => void = setFlagsFromString): () => void {
  set(`--heap-growing-percent=${LOADING_HEAP_GROWING_PERCENT}`);
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
