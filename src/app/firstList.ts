// The first screen's data, started the moment the kubeconfig is read (src/app/connect.ts `early`),
// before reachability, the namespace check and the permission reviews, which run alongside it: the
// runtime's store and watch manager, with the first view's kind already being listed. The runtime
// (runtime.ts) adopts them once the session is checked; the dashboard loads Ink meanwhile.
import type { StoreApi } from 'zustand/vanilla';
import type { ResourceKind } from '../resources/types.js';
import { createClusterStore } from '../store/index.js';
import type { ClusterState } from '../store/types.js';
import { createWatchManager, type WatchManager } from '../watchers/manager.js';
import type { EarlyScope, EarlyStart } from './connect.js';

export interface FirstList extends EarlyStart {
  store: StoreApi<ClusterState>;
  watches: WatchManager;
  /** The namespace the first view lists ('' = all or cluster-scoped). */
  namespace: string;
  /** Lets go of the first list's hold (a view holding the same watch keeps it running). */
  release(): void;
}

export function startFirstList(scope: EarlyScope, kind: ResourceKind, opts: { once?: boolean } = {}): FirstList {
  const store = createClusterStore();
  const watches = createWatchManager({ kc: scope.kc }, store, { reauth: scope.reloadCredentials, listOnly: opts.once });
  const namespace = !kind.namespaced || scope.allNamespaces ? '' : scope.namespace;
  const release = watches.use(kind.id, namespace);
  return { store, watches, namespace, release, stop: () => watches.stopAll() };
}
