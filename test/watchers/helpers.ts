// Test helpers for the watch layer: a watcher wired to its own store that records every phase it
// went through (waits: test/support/until.ts).
import type { KubeConfig } from '@kubernetes/client-node';
import type { StoreApi } from 'zustand/vanilla';
import { createClusterStore, dispatchChanges, selectObjects } from '../../src/store/index.js';
import type { ClusterState, WatcherPhase } from '../../src/store/types.js';
import { createBatcher } from '../../src/watchers/batcher.js';
import type { WatcherTimings } from '../../src/watchers/timing.js';
import { startWatcher, type Watcher, type WatcherHooks } from '../../src/watchers/watcher.js';

/** Short timings so the whole loop runs in milliseconds. */
export const FAST: Partial<WatcherTimings> = {
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  staleAfterMs: 60_000,
  watchdogMs: 30_000,
  requestTimeoutMs: 5_000,
  minWatchMs: 50,
};

export interface WatchRig {
  store: StoreApi<ClusterState>;
  watcher: Watcher;
  /** Every phase the watcher emitted, with when. */
  phases: Array<WatcherPhase & { at: number }>;
  /** Store notifications so far. */
  updates(): number;
  names(): string[];
  phase(): WatcherPhase['phase'] | undefined;
}

export function watchRig(kc: KubeConfig, key: string, path: string, timings: Partial<WatcherTimings> = {}, batchIntervalMs = 20, hooks: WatcherHooks = {}): WatchRig {
  const store = createClusterStore();
  let updates = 0;
  store.subscribe(() => updates++);
  const phases: WatchRig['phases'] = [];
  const batcher = createBatcher((c) => dispatchChanges(store, c), { intervalMs: batchIntervalMs, minDelayMs: 5 });
  const sink = {
    ...batcher,
    phase: (k: string, p: WatcherPhase) => {
      phases.push({ ...p, at: Date.now() });
      batcher.phase(k, p);
    },
  };
  const watcher = startWatcher(kc, { key, path }, sink, { ...FAST, ...timings }, hooks);
  return {
    store,
    watcher,
    phases,
    updates: () => updates,
    names: () => selectObjects(store.getState(), key).map((o) => o.metadata.name).sort(),
    phase: () => store.getState().watchers[key]?.phase,
  };
}
