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

/**
 * The young generation stays at its starting size (1 MB a semi-space). V8 doubles it, up to 16 MB a
 * semi-space, whenever a scavenge finds many survivors — as a first list of 10k pods does — and while
 * objects keep coming (churn) it never shrinks back: ~30 MB of RSS held for the session. The factor is
 * read at each growth, so it works when set at run time (on the node command line V8 raises it back
 * to 2). Measured at 10k pods on the embedded cluster: RSS 179 → 149 MB, CPU over the first 14 s the
 * same (2.2 s). test/app/heap.test.ts checks that it still holds on the running V8.
 */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

/** Bounds the heap for loading now, and tightens it once no watcher is syncing any more (and one has started). */
export function boundHeap(store: StoreApi<ClusterState>, set: (flags: string) => void = setFlagsFromString): () => void {
  set(YOUNG_GENERATION_FLAG);
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
