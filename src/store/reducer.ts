// The pure reducer behind the cluster store. One call per batch; only slices that changed get a new
// array, and the `kinds` record itself is new only when at least one slice changed, so selectors can
// memoize on identity and unrelated views do not re-render. Each slice is kept in kubectl's order
// (./order.ts), so objects are found by binary search rather than through a per-uid map.
import type { KObj } from '../resources/types.js';
import type { ClusterState, KindSlice, StoreChange, WatchKey, WatcherPhase } from './types.js';
import { applyToSorted, replaceSorted } from './order.js';

export function initialClusterState(): ClusterState {
  return { kinds: {}, watchers: {} };
}

function samePhase(a: WatcherPhase | undefined, b: WatcherPhase): boolean {
  if (!a || a.phase !== b.phase) return false;
  const ak = a as Record<string, unknown>;
  const bk = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ak), ...Object.keys(bk)]);
  for (const k of keys) if (ak[k] !== bk[k]) return false;
  return true;
}

const NONE: KObj[] = [];

export function applyChanges(state: ClusterState, changes: StoreChange[]): ClusterState {
  // The arrays this batch produced, per key (each change starts from the previous one's result).
  const working = new Map<WatchKey, KObj[]>();
  let watchers: ClusterState['watchers'] | undefined;
  let columns: ClusterState['columns'] | undefined;
  let metrics: Pick<ClusterState, 'podMetrics' | 'nodeMetrics' | 'metricsAvailable'> | undefined;

  const current = (key: WatchKey): KObj[] | undefined => working.get(key) ?? state.kinds[key]?.objects;

  for (const ch of changes) {
    switch (ch.type) {
      case 'upsert':
        // applyToSorted returns the same array when nothing really differs (a resync of identical objects is free).
        working.set(ch.key, applyToSorted(current(ch.key) ?? NONE, ch.objects, NONE));
        break;
      case 'delete': {
        const cur = current(ch.key);
        if (cur) working.set(ch.key, applyToSorted(cur, NONE, ch.objects));
        break;
      }
      case 'replace':
        working.set(ch.key, replaceSorted(current(ch.key), ch.objects));
        break;
      case 'phase': {
        const prev = (watchers ?? state.watchers)[ch.key];
        if (samePhase(prev, ch.phase)) break;
        watchers ??= { ...state.watchers };
        watchers[ch.key] = ch.phase;
        break;
      }
      case 'columns': {
        // The same definitions again (every list page states them) keep the old instance.
        const prev = (columns ?? state.columns)?.[ch.key];
        if (prev && JSON.stringify(prev) === JSON.stringify(ch.columns)) break;
        columns ??= { ...state.columns };
        columns[ch.key] = ch.columns;
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
  for (const [key, objects] of working) {
    const prev = state.kinds[key];
    // An empty upsert still creates the slice; a relist with the same content keeps the old one.
    if (prev && (objects === prev.objects || sameContent(prev.objects, objects))) continue;
    kinds ??= { ...state.kinds };
    const slice: KindSlice = { objects, version: (prev?.version ?? 0) + 1 };
    kinds[key] = slice;
  }

  if (!kinds && !watchers && !metrics && !columns) return state;
  return {
    ...state,
    ...(metrics ?? {}),
    ...(columns ? { columns } : {}),
    kinds: kinds ?? state.kinds,
    watchers: watchers ?? state.watchers,
  };
}

/** Same instances in the same order (what a relist of unchanged objects produces). */
function sameContent(a: KObj[], b: KObj[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
