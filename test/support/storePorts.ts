// A view's ports over a store fed by hand, for tests of one view without a cluster: the store holds a
// kind's objects as a live watch would, and the ports answer what a view asks of them with no effect.
import type { StoreApi } from 'zustand/vanilla';
import { createClusterStore, dispatchChanges } from '../../src/store/index.js';
import type { ClusterState } from '../../src/store/types.js';
import type { KObj } from '../../src/resources/types.js';
import type { ViewPorts } from '../../src/views/ports.js';

/** A store whose watch `key` is live with `objects`. */
export function liveStore(key: string, objects: KObj[]): StoreApi<ClusterState> {
  const store = createClusterStore();
  dispatchChanges(store, [
    { type: 'replace', key, objects },
    { type: 'phase', key, phase: { phase: 'live', since: Date.now() } },
  ]);
  return store;
}

/** Ports over `store` in `namespace`, everything allowed, not read-only; `extra` adds what the view under test needs. */
export function storePorts(store: StoreApi<ClusterState>, namespace: string, extra: Record<string, unknown> = {}): ViewPorts {
  return {
    info: { contextName: 'test', server: 'https://x', user: 'u', namespace, allNamespaces: false, notes: [] },
    store,
    watch: () => () => {},
    can: () => ({ allowed: true }),
    readonly: { get: () => false, enable() {}, subscribe: () => () => {} },
    ...extra,
  } as unknown as ViewPorts;
}
