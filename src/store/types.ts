// The app's single store (zustand vanilla). Watchers and metrics are its only writers of cluster state.
import type { KObj, TableColumnDefinition } from '../resources/types.js';

/** Identifies one list+watch: a kind in one namespace, or cluster-wide ('' namespace). */
export type WatchKey = string; // `${kindId}@${namespace}` e.g. 'pods@vgauthier', 'nodes@'

export type WatcherPhase =
  /** loaded/total: the first list's progress ("loaded N of ~M"; total is the server's estimate, when it gave one). */
  | { phase: 'syncing'; loaded?: number; total?: number }
  | { phase: 'live'; since: number }
  | { phase: 'reconnecting'; attempt: number; since: number; lastError?: string }
  | { phase: 'stale'; since: number; lastError?: string }
  | { phase: 'forbidden'; message: string }
  | { phase: 'stopped' };

export interface KindSlice {
  /**
   * The objects in kubectl's order (namespace, then name), one per uid. A new array instance whenever
   * anything in it changed (so selectors can memoize on identity); never mutated.
   */
  objects: KObj[];
  /** Bumped on each applied batch that changed the slice. */
  version: number;
}

export interface ClusterState {
  /** One slice per WatchKey. */
  kinds: Record<WatchKey, KindSlice>;
  watchers: Record<WatchKey, WatcherPhase>;
  /** The server's Table columns of the keys whose kind is drawn from the server's Table (serverTable). */
  columns?: Record<WatchKey, TableColumnDefinition[]>;
  /** Pod/node usage from metrics.k8s.io (keys "ns/name" for pods, name for nodes); undefined when absent. */
  podMetrics?: Map<string, { cpuMilli: number; memBytes: number }>;
  nodeMetrics?: Map<string, { cpuMilli: number; memBytes: number }>;
  metricsAvailable?: boolean;
}

/** One batched change to one watch key, as applied by the pure reducer. */
export type StoreChange =
  | { type: 'upsert'; key: WatchKey; objects: KObj[] }
  /** The objects as last seen (a DELETED watch event carries the object): the store finds them by name. */
  | { type: 'delete'; key: WatchKey; objects: KObj[] }
  /** Replace all objects of a key (initial list or relist after 410: objects not present disappear). */
  | { type: 'replace'; key: WatchKey; objects: KObj[] }
  | { type: 'phase'; key: WatchKey; phase: WatcherPhase }
  /** The column definitions of a server-side Table (a list page states them). */
  | { type: 'columns'; key: WatchKey; columns: TableColumnDefinition[] }
  /** Written by src/metrics (the poller): latest usage; available=false when the metrics API is absent. */
  | {
      type: 'metrics';
      available: boolean;
      podMetrics?: Map<string, { cpuMilli: number; memBytes: number }>;
      nodeMetrics?: Map<string, { cpuMilli: number; memBytes: number }>;
    };
