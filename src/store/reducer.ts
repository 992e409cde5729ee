// The pure reducer behind the cluster store. One call per batch; only slices that changed get a new
// Map, and the `kinds` record itself is new only when at least one slice changed, so selectors can
// memoize on identity and unrelated views do not re-render.
import type { KObj } from '../resources/types.js';
import type { ClusterState, KindSlice, StoreChange, WatchKey, WatcherPhase } from './types.js';

export function initialClusterState(): ClusterState {
  return { kinds: {}, watchers: {} };
}

/** Same object as far as any view can tell: same uid and the same (opaque) resourceVersion. */
function sameObject(a: KObj | undefined, b: KObj): boolean {
  if (!a) return false;
  const rv = b.metadata.resourceVersion;
  return rv !== undefined && a.metadata.resourceVersion === rv;
}

function samePhase(a: WatcherPhase | undefined, b: WatcherPhase): boolean {
  if (!a || a.phase !== b.phase) return false;
  const ak = a as Record<string, unknown>;
  const bk = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ak), ...Object.keys(bk)]);
  for (const k of keys) if (ak[k] !== bk[k]) return false;
  return true;
}

export function applyChanges(state: ClusterState, changes: StoreChange[]): ClusterState {
  // Maps being edited in this batch: copied at most once per key per batch.
  const working = new Map<WatchKey, Map<string, KObj>>();
  let watchers: ClusterState['watchers'] | undefined;
  let metrics: Pick<ClusterState, 'podMetrics' | 'nodeMetrics' | 'metricsAvailable'> | undefined;

  const current = (key: WatchKey): Map<string, KObj> | undefined => working.get(key) ?? state.kinds[key]?.byUid;
  const editable = (key: WatchKey): Map<string, KObj> => {
    let m = working.get(key);
    if (!m) {
      const old = state.kinds[key]?.byUid;
      m = old ? new Map(old) : new Map();
      working.set(key, m);
    }
    return m;
  };

  for (const ch of changes) {
    switch (ch.type) {
      case 'upsert': {
        const cur = current(ch.key);
        // Copy the slice only when something really differs (a resync of identical objects is free).
        let target: Map<string, KObj> | undefined = working.get(ch.key);
        for (const obj of ch.objects) {
          const uid = obj.metadata.uid;
          if (!target && sameObject(cur?.get(uid), obj)) continue;
          target ??= editable(ch.key);
          if (!sameObject(target.get(uid), obj)) target.set(uid, obj);
        }
        if (!cur && !target) editable(ch.key); // an empty upsert still creates the slice
        break;
      }
      case 'delete': {
        const cur = current(ch.key);
        if (!cur) break;
        let target = working.get(ch.key);
        for (const uid of ch.uids) {
          if (!(target ?? cur).has(uid)) continue;
          target ??= editable(ch.key);
          target.delete(uid);
        }
        break;
      }
      case 'replace': {
        // Keep the old instance of unchanged objects so memoized rows stay memoized.
        const old = current(ch.key);
        const next = new Map<string, KObj>();
        for (const obj of ch.objects) {
          const prev = old?.get(obj.metadata.uid);
          next.set(obj.metadata.uid, prev && sameObject(prev, obj) ? prev : obj);
        }
        working.set(ch.key, next);
        break;
      }
      case 'phase': {
        const prev = (watchers ?? state.watchers)[ch.key];
        if (samePhase(prev, ch.phase)) break;
        watchers ??= { ...state.watchers };
        watchers[ch.key] = ch.phase;
        break;
      }
      case 'metrics': {
        metrics = {
          metricsAvailable: ch.available,
          podMetrics: ch.available ? ch.podMetrics : undefined,
          nodeMetrics: ch.available ? ch.nodeMetrics : undefined,
        };
        break;
      }
    }
  }

  let kinds: ClusterState['kinds'] | undefined;
  for (const [key, byUid] of working) {
    const old = state.kinds[key];
    if (old && sameContents(old.byUid, byUid)) continue;
    kinds ??= { ...state.kinds };
    const slice: KindSlice = { byUid, version: (old?.version ?? 0) + 1 };
    kinds[key] = slice;
  }

  if (!kinds && !watchers && !metrics) return state;
  return {
    ...state,
    ...(metrics ?? {}),
    kinds: kinds ?? state.kinds,
    watchers: watchers ?? state.watchers,
  };
}

/** True when both maps hold the very same object instances (a replace that changed nothing). */
function sameContents(a: Map<string, KObj>, b: Map<string, KObj>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [uid, obj] of a) if (b.get(uid) !== obj) return false;
  return true;
}
