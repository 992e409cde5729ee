// The rows a table shows: its kind watched in its scope, narrowed to a drill-down (label/field
// selector, owner), sorted, then filtered — each step memoized so typing in the filter never
// re-sorts and a batch elsewhere in the store costs nothing. Plus what the columns need (time,
// metrics, the pods of a workload) and the watch's phase.
import { useEffect, useMemo, useRef } from 'react';
import type { KObj } from '../resources/types.js';
import { matchesSelector, parseSelector } from '../resources/labels.js';
import { selectObjects, selectWatcher } from '../store/selectors.js';
import { keyOf } from '../store/keys.js';
import { useClock, useClusterState, useObjects, useServices, useObjectsByKind, useWatch, useWatches, worstPhase } from './context.js';
import { matchesFields } from './fieldSelector.js';
import type { TableSpec } from './screens.js';
import { createSearchWarmer, parseFilter, rowFilter } from './tableFilter.js';
import { sortRows, type SortSpec } from './tableModel.js';

export interface TableRowsOptions {
  sort?: SortSpec;
  filter: string;
  /** For a table in the store's own order: whether new rows change what is on screen (else they wait for the tick). */
  shows(next: KObj[]): boolean;
  /** Whether the clock's new time changes the text of what is on screen (an AGE); the tick draws only then. */
  tickShows?(now: number): boolean;
}

/** Columns whose order follows the clock: a table sorted by one re-sorts each tick. */
const TIME_SORTS = ['age', 'lastSeen', 'firstSeen', 'duration', 'lastSchedule', 'restarts'];

export function useTableRows(spec: TableSpec, { sort, filter: activeFilter, shows, tickShows }: TableRowsOptions) {
  const { kind } = spec;
  const { store } = useServices();
  const ns = kind.namespaced ? spec.namespace : '';
  // A derived table (the class view) watches the kinds it is computed from, cluster-wide.
  const derived = kind.derived;
  useWatch(derived ? undefined : kind.id, ns);
  useWatches(derived?.watches, '');
  // Workload CPU/MEM sums need the pods of the same scope.
  const needsPods = kind.id !== 'pods' && kind.columns.some((c) => c.metrics);
  useWatch(needsPods ? 'pods' : undefined, ns);
  // Sorted, filtered or drilled-down rows are recomputed on every change.
  const plain = !sort && !activeFilter && !spec.labelSelector && !spec.fieldSelector && !spec.ownerUid;
  const watched = useObjects(derived ? '' : keyOf(kind.id, ns), (next) => !plain || shows(next));
  const sources = useObjectsByKind(derived?.watches, '');
  const phase = useClusterState((s) =>
    derived ? worstPhase(derived.watches.map((id) => selectWatcher(s, keyOf(id, '')))) : selectWatcher(s, keyOf(kind.id, ns)),
  );
  // Pods only feed the CPU/MEM sums of a workload: the clock tick (or a metrics poll) picks them up.
  const allPods = useObjects(needsPods ? keyOf('pods', ns) : '', () => false);
  const pods = needsPods ? allPods : undefined;
  const podMetrics = useClusterState((s) => s.podMetrics);
  const nodeMetrics = useClusterState((s) => s.nodeMetrics);
  const metricsAvailable = useClusterState((s) => s.metricsAvailable);
  // The tick draws only what it changes: a change the table left for it, a time on screen whose text
  // moves, rows sorted or computed by time, or a NOT LIVE title that counts seconds.
  const drawnFrom = useRef({ watched, allPods });
  drawnFrom.current = { watched, allPods };
  const timeSorted = !!sort && TIME_SORTS.includes(sort.column);
  const now = useClock((t) => {
    const s = store.getState();
    if (derived || timeSorted) return true;
    if (selectObjects(s, keyOf(kind.id, ns)) !== drawnFrom.current.watched) return true;
    if (needsPods && selectObjects(s, keyOf('pods', ns)) !== drawnFrom.current.allPods) return true;
    const p = selectWatcher(s, keyOf(kind.id, ns))?.phase;
    if (p === 'stale' || p === 'reconnecting') return true;
    return tickShows ? tickShows(t) : true;
  });
  // Derived rows follow their sources and the clock (their columns are ages and "idle for").
  const objects = useMemo(() => (derived ? derived.rows(sources, now) : watched), [derived, sources, now, watched]);
  const ctx = useMemo(() => ({ now, podMetrics, nodeMetrics, pods }), [now, podMetrics, nodeMetrics, pods]);

  const filter = useMemo(() => parseFilter(activeFilter), [activeFilter]);
  const warmCtx = useRef(ctx);
  useEffect(() => {
    warmCtx.current = ctx;
  });
  const warmer = useMemo(() => createSearchWarmer(), []);
  useEffect(() => () => warmer.stop(), [warmer]);
  useEffect(() => warmer.update(kind, objects, warmCtx.current), [warmer, kind, objects]);
  const scoped = useMemo(() => {
    if (!spec.labelSelector && !spec.fieldSelector && !spec.ownerUid) return objects;
    const sel = spec.labelSelector ? safeSelector(spec.labelSelector) : undefined;
    return objects.filter(
      (o) =>
        (!sel || matchesSelector(sel, o.metadata.labels ?? {})) &&
        (!spec.fieldSelector || matchesFields(spec.fieldSelector, o)) &&
        (!spec.ownerUid || (o.metadata.ownerReferences ?? []).some((r) => r.uid === spec.ownerUid)),
    );
  }, [objects, spec.labelSelector, spec.fieldSelector, spec.ownerUid]);
  // Sort once per change of the objects (or of the sort); the filter then only scans the sorted rows,
  // so typing in the filter never re-sorts. Time columns re-sort each second, metric columns on each poll.
  const sortNow = timeSorted ? now : 0;
  const sortMetrics = sort && kind.columns.find((c) => c.id === sort.column)?.metrics ? podMetrics : undefined;
  // With no sort the store's own order (kubectl's) is the order: nothing to do per batch.
  const sorted = useMemo(
    () => (sort ? sortRows(kind, scoped, sort, ctx) : scoped),
    // ctx changes every second; only sorting by a time or metric column needs it (sortNow, sortMetrics).
    [scoped, sort, kind, sortNow, sortMetrics],
  );
  // Typing narrows the filter key by key: each key searches what the previous one kept (rowFilter).
  const filterSorted = useMemo(() => rowFilter(kind, sorted), [kind, sorted]);
  const rows = useMemo(() => (activeFilter ? filterSorted(filter, ctx) : sorted), [sorted, filterSorted, filter, activeFilter]);
  return { ns, scoped, rows, phase, ctx, filter, now, metricsAvailable: !!metricsAvailable };
}

function safeSelector(s: string) {
  try {
    return parseSelector(s);
  } catch {
    return undefined;
  }
}
