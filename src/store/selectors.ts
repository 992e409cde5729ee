// Memoized selectors. Each memo is keyed on the identity of what it reads, so a batch that touches
// pods does not recompute (or re-render) a view of deployments.
import type { KObj, TableColumnDefinition } from '../resources/types.js';
import { parseKey } from './keys.js';
import { sortedByName } from './order.js';
import type { ClusterState, KindSlice, WatchKey, WatcherPhase } from './types.js';

const EMPTY: KObj[] = Object.freeze([]) as unknown as KObj[];

/**
 * The objects of one watch key in kubectl's order (namespace, then name), as an array that stays the
 * same instance while the slice does.
 */
export function selectObjects(state: ClusterState, key: WatchKey): KObj[] {
  return state.kinds[key]?.objects ?? EMPTY;
}

/** The server's Table columns of a key (kinds drawn from the server's Table), once a list stated them. */
export function selectColumns(state: ClusterState, key: WatchKey): TableColumnDefinition[] | undefined {
  return state.columns?.[key];
}

export function selectWatcher(state: ClusterState, key: WatchKey): WatcherPhase | undefined {
  return state.watchers[key];
}

/** Keys of one kind currently in the store, sorted (e.g. pods@ns1, pods@ns2). */
export function keysOfKind(state: ClusterState, kindId: string): WatchKey[] {
  const prefix = `${kindId}@`;
  return Object.keys(state.kinds).filter((k) => k.startsWith(prefix)).sort();
}

const byKindMemo = new Map<string, { slices: KindSlice[]; result: KObj[] }>();

/** All objects of a kind over every scope watched (pods@ns1 + pods@ns2 + pods@), deduplicated by uid. */
export function selectByKind(state: ClusterState, kindId: string): KObj[] {
  const slices = keysOfKind(state, kindId).map((k) => state.kinds[k]);
  const memo = byKindMemo.get(kindId);
  if (memo && memo.slices.length === slices.length && memo.slices.every((s, i) => s === slices[i])) return memo.result;
  let result: KObj[];
  if (slices.length === 0) result = EMPTY;
  else if (slices.length === 1) result = selectObjects(state, keysOfKind(state, kindId)[0]);
  else {
    // A cluster-wide watch and a namespaced one may both hold an object: keep one copy.
    const merged = new Map<string, KObj>();
    for (const s of slices) for (const o of s.objects) merged.set(o.metadata.uid, o);
    result = sortedByName(merged.values());
  }
  byKindMemo.set(kindId, { slices, result });
  return result;
}

export interface WatchSummaryEntry {
  key: WatchKey;
  kindId: string;
  namespace: string | undefined;
  phase: WatcherPhase;
  count: number;
}

export interface WatchSummary {
  entries: WatchSummaryEntry[];
  /** The worst phase over all watchers, for a one-word health badge. */
  health: 'live' | 'syncing' | 'reconnecting' | 'stale' | 'forbidden' | 'none';
  /** Total objects held. */
  objects: number;
}

// Order of badness for the health badge: a forbidden view is calm (not an outage), stale is worst.
const SEVERITY: Record<WatchSummary['health'], number> = {
  none: 0,
  live: 1,
  forbidden: 2,
  syncing: 3,
  reconnecting: 4,
  stale: 5,
};

let summaryMemo: { kinds: ClusterState['kinds']; watchers: ClusterState['watchers']; result: WatchSummary } | undefined;

/** Per-key phase and counts for the header; same instance until a slice or a phase changes. */
export function selectWatchSummary(state: ClusterState): WatchSummary {
  if (summaryMemo && summaryMemo.kinds === state.kinds && summaryMemo.watchers === state.watchers) return summaryMemo.result;
  const entries: WatchSummaryEntry[] = [];
  let health: WatchSummary['health'] = 'none';
  let objects = 0;
  for (const key of Object.keys(state.watchers).sort()) {
    const phase = state.watchers[key];
    if (phase.phase === 'stopped') continue; // a stopped watcher is no longer on screen
    const { kindId, namespace } = parseKey(key);
    const count = state.kinds[key]?.objects.length ?? 0;
    objects += count;
    entries.push({ key, kindId, namespace, phase, count });
    if (SEVERITY[phase.phase] > SEVERITY[health]) health = phase.phase;
  }
  const result: WatchSummary = { entries, health, objects };
  summaryMemo = { kinds: state.kinds, watchers: state.watchers, result };
  return result;
}
