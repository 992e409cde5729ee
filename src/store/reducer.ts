// The pure reducer behind the cluster store. One call per batch; only slices that changed get a new
// Map, and the `kinds` record itself is new only when at least one slice changed, so selectors can
// memoize on identity and unrelated views do not re-render.
import type { KObj } from '../resources/types.js';
import type { ClusterState, KindSlice, StoreChange, WatchKey, WatcherPhase } from './types.js';
import { applyOrderEdits, sortedByName, type OrderEdit } from './order.js';

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
  // Maps being edited in this batch: copied at most once per key per batch, and kept only if dirty.
  // The edits are kept too, to move the slice's sorted array along; a replace re-sorts instead.
  const working = new Map<WatchKey, { map: Map<string, KObj>; dirty: boolean; edits?: OrderEdit[] }>();
  let watchers: ClusterState['watchers'] | undefined;
  let metrics: Pick<ClusterState, 'podMetrics' | 'nodeMetrics' | 'metricsAvailable'> | undefined;

  const current = (key: WatchKey): Map<string, KObj> | undefined => working.get(key)?.map ?? state.kinds[key]?.byUid;
  const editable = (key: WatchKey) => {
    let w = working.get(key);
    if (!w) {
      w = { map: copyMap(state.kinds[key]?.byUid), dirty: !state.kinds[key], edits: state.kinds[key] ? [] : undefined };
      working.set(key, w);
    }
    return w;
  };

  for (const ch of changes) {
    switch (ch.type) {
      case 'upsert': {
        // Copy the slice only when something really differs (a resync of identical objects is free).
        const cur = current(ch.key);
        let w = working.get(ch.key);
        for (const obj of ch.objects) {
          const uid = obj.metadata.uid;
          if (sameObject((w?.map ?? cur)?.get(uid), obj)) continue;
          w ??= editable(ch.key);
          w.edits?.push({ before: w.map.get(uid), after: obj });
          w.map.set(uid, obj);
          w.dirty = true;
        }
        if (!cur) editable(ch.key); // an empty upsert still creates the slice
        break;
      }
      case 'delete': {
        const cur = current(ch.key);
        if (!cur) break;
        let w = working.get(ch.key);
        for (const uid of ch.uids) {
          if (!(w?.map ?? cur).has(uid)) continue;
          w ??= editable(ch.key);
          w.edits?.push({ before: w.map.get(uid) });
          w.map.delete(uid);
          w.dirty = true;
        }
        break;
      }
      case 'replace': {
        // Keep the old instance of unchanged objects so memoized rows stay memoized.
        const old = current(ch.key);
        const next = new Map<string, KObj>();
        let reused = 0;
        for (const obj of ch.objects) {
          const prev = old?.get(obj.metadata.uid);
          if (prev && sameObject(prev, obj)) {
            if (!next.has(obj.metadata.uid)) reused++;
            next.set(obj.metadata.uid, prev);
          } else next.set(obj.metadata.uid, obj);
        }
        const unchanged = old !== undefined && reused === next.size && next.size === old.size;
        const prevDirty = working.get(ch.key)?.dirty ?? false;
        working.set(ch.key, { map: next, dirty: prevDirty || !unchanged || !state.kinds[ch.key] });
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
  for (const [key, w] of working) {
    if (!w.dirty) continue;
    kinds ??= { ...state.kinds };
    const prev = state.kinds[key];
    const sorted = prev && w.edits ? applyOrderEdits(prev.sorted, w.edits) : sortedByName(w.map.values());
    const slice: KindSlice = { byUid: w.map, sorted, version: (prev?.version ?? 0) + 1 };
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

/** forEach + set copies a large Map about twice as fast as `new Map(old)` (which goes through the iterator protocol). */
function copyMap(old: Map<string, KObj> | undefined): Map<string, KObj> {
  const m = new Map<string, KObj>();
  old?.forEach((v, k) => m.set(k, v));
  return m;
}
