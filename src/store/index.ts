// The app's single cluster store (zustand vanilla). Watchers and the metrics poller write it through
// applyChanges, one set() per batch; views read it through the memoized selectors.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyChanges, initialClusterState } from './reducer.js';
import type { ClusterState, StoreChange } from './types.js';

export function createClusterStore(): StoreApi<ClusterState> {
  return createStore<ClusterState>()(() => initialClusterState());
}

/** Applies one batch as a single set(); does nothing (no notification) when the batch changed nothing. */
export function dispatchChanges(store: StoreApi<ClusterState>, changes: StoreChange[]): void {
  if (changes.length === 0) return;
  const prev = store.getState();
  const next = applyChanges(prev, changes);
  if (next !== prev) store.setState(next, true);
}

export { applyChanges, initialClusterState } from './reducer.js';
export { keyOf, parseKey } from './keys.js';
export { trimObject } from './trim.js';
export {
  selectObjects,
  selectWatcher,
  selectByKind,
  selectWatchSummary,
  keysOfKind,
  type WatchSummary,
  type WatchSummaryEntry,
} from './selectors.js';
export type * from './types.js';
