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

/**
 * Resolves once a watch key has been listed (its watcher left 'syncing': live, or an error it shows),
 * or after `ms`: a choice among its objects (a pod to forward to) is then made on a real list.
 */
export function whenListed(store: StoreApi<ClusterState>, key: string, ms = 10_000): Promise<ClusterState['watchers'][string] | undefined> {
  return new Promise((resolve) => {
    const check = () => {
      const w = store.getState().watchers[key];
      if (w && w.phase !== 'syncing') finish(w);
    };
    const finish = (w: ClusterState['watchers'][string] | undefined) => {
      off();
      clearTimeout(timer);
      resolve(w);
    };
    const off = store.subscribe(check);
    const timer = setTimeout(() => finish(store.getState().watchers[key]), ms);
    check();
  });
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
