// The data side of a running kdash: the store, the watch manager feeding it, and the metrics poller.
// Shared by the dashboard and --once, so both show exactly the same data.
import type { StoreApi } from 'zustand/vanilla';
import type { Session } from '../kube/session.js';
import { createClusterStore, dispatchChanges } from '../store/index.js';
import type { ClusterState, StoreChange } from '../store/types.js';
import { createWatchManager, type WatchManager } from '../watchers/manager.js';
import { createMetricsPoller, type MetricsPoller } from '../metrics/poller.js';
import type { FirstList } from './firstList.js';

export interface Runtime {
  store: StoreApi<ClusterState>;
  watches: WatchManager;
  metrics: MetricsPoller;
  stop(): Promise<void>;
}

export function startRuntime(session: Session, opts: { metricsIntervalMs?: number; first?: Pick<FirstList, 'store' | 'watches'> } = {}): Runtime {
  // The first list started before the session's checks (firstList.ts) already holds the store.
  const store = opts.first?.store ?? createClusterStore();
  const apply = (changes: StoreChange[]) => dispatchChanges(store, changes);
  const watches = opts.first?.watches ?? createWatchManager(session.api, store, { reauth: session.reloadCredentials });
  const nodesAllowed = session.permissions.can('list', 'nodes', '').allowed !== false;
  const metrics = createMetricsPoller(session.api, apply, {
    namespace: session.allNamespaces ? undefined : session.namespace,
    allNamespaces: session.allNamespaces,
    nodes: nodesAllowed,
    intervalMs: opts.metricsIntervalMs,
  });
  return {
    store,
    watches,
    metrics,
    async stop() {
      metrics.stop();
      await watches.stopAll();
    },
  };
}
