// One kind in one scope as a live table: selection follows the object (by uid) while rows move,
// with the `/` filter, sort and marks; the app runs commands on it through the controls it hands up
// after each render. The title reads like k9s: `pods(vgauthier)[7]`, `pods(all)[…]` with -A.
import React, { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { KObj } from '../resources/types.js';
import { selectWatcher } from '../store/selectors.js';
import type { WatcherPhase } from '../store/types.js';
import { keyOf } from '../store/keys.js';
import { useClusterState, useNow, useObjects, useWatch } from './context.js';
import { scopeOf, type TableSpec } from './screens.js';
import type { TableControls } from './commands/types.js';
import { Table } from './Table.js';
import { phaseLabel } from './Header.js';
import { changeShows, fitColumns, followCursor, formatRow, indexOfUid, parseFilter, placeCursor, renderRows, searchTextOf, sortedHeader, sortRows, tableColumns, warmSearchTexts, type Drawn, type SortSpec } from './tableModel.js';
import { matchesSelector, parseSelector } from '../resources/labels.js';
import { LineInput } from './LineInput.js';
import { matchesFields } from './fieldSelector.js';

/**
 * What a table keeps while another screen is on top of it (the app holds it per place in the stack):
 * the chosen object by uid, its row, the sort and the marked objects. `scope` says which rows it was
 * about; in another scope (e.g. after `0`) only an object found again keeps the cursor.
 */
export interface TableMemory {
  scope: string;
  uid?: string;
  name?: string;
  index: number;
  top: number;
  sort?: SortSpec;
  marked: ReadonlyMap<string, KObj>;
}

export interface TableScreenProps {
  spec: TableSpec;
  /** Where this table was when it was last shown (by uid), restored on return. */
  memory?: TableMemory;
  onRemember?(memory: TableMemory): void;
  /** A one-line notice for the footer, e.g. that the chosen object is gone, or why a key does nothing here. */
  onNotice?(text: string, tone?: 'info' | 'error'): void;
  width: number;
  height: number;
  wide: boolean;
  /** The user asked for the wide columns (`o`): they may cut NAME to fit, and the title says when some do not. */
  preferWide?: boolean;
  /** After each render: the rows and the cursor, for the commands the app runs on this table. */
  onControls?(controls: TableControls): void;
  onFilterChange(filter: string): void;
}

export function TableScreen({ spec, width, height, wide, preferWide, onControls, onFilterChange, memory, onRemember, onNotice }: TableScreenProps) {
  const { kind } = spec;
  const ns = kind.namespaced ? spec.namespace : '';
  useWatch(kind.id, ns);
  // Workload CPU/MEM sums need the pods of the same scope.
  const needsPods = kind.id !== 'pods' && kind.columns.some((c) => c.metrics);
  useWatch(needsPods ? 'pods' : undefined, ns);
  const scopeKey = scopeOf(spec);
  const sameScope = memory?.scope === scopeKey;
  const [selectedUid, setSelectedUid] = useState<string | undefined>(memory?.uid);
  // Marked objects by uid, with the object as last seen (its name, when it is gone by the time of the action).
  const [marked, setMarked] = useState<ReadonlyMap<string, KObj>>(sameScope ? memory.marked : new Map());
  const markedUids = useMemo(() => new Set(marked.keys()), [marked]);
  // The sort is the kind's: it follows the table to another namespace (`0`), not to another kind.
  const sameKind = memory?.scope.startsWith(`${kind.id}:`) ?? false;
  const [sort, setSort] = useState<SortSpec | undefined>(sameKind ? memory?.sort : kind.defaultSort);
  const [filterInput, setFilterInput] = useState<string | undefined>(); // defined while typing
  const activeFilter = filterInput ?? spec.filter ?? '';
  // What was drawn last, to tell whether a change in the store shows on screen.
  const drawn = useRef<Drawn | undefined>(undefined);
  // Sorted, filtered or drilled-down rows are recomputed on every change.
  const plain = !sort && !activeFilter && !spec.labelSelector && !spec.fieldSelector && !spec.ownerUid;
  const objects = useObjects(keyOf(kind.id, ns), (next) => !plain || changeShows(drawn.current, next, selectedUid));
  const phase = useClusterState((s) => selectWatcher(s, keyOf(kind.id, ns)));
  // Pods only feed the CPU/MEM sums of a workload: the clock tick (or a metrics poll) picks them up.
  const allPods = useObjects(needsPods ? keyOf('pods', ns) : '', () => false);
  const pods = needsPods ? allPods : undefined;
  const podMetrics = useClusterState((s) => s.podMetrics);
  const nodeMetrics = useClusterState((s) => s.nodeMetrics);
  const metricsAvailable = useClusterState((s) => s.metricsAvailable);
  const now = useNow();

  const topRef = useRef(sameScope ? memory.top : 0);
  const lastSelIndex = useRef(sameScope ? memory.index : 0);
  // The chosen object's name, and whether it was seen in this scope (only then can it be "gone").
  const chosen = useRef<{ name?: string; seen: boolean }>({ name: memory?.name, seen: sameScope });
  const stickyRef = useRef<{ key: string; widths: number[] }>({ key: '', widths: [] });

  const ctx = useMemo(() => ({ now, podMetrics, nodeMetrics, pods }), [now, podMetrics, nodeMetrics, pods]);
  const allNamespaces = kind.namespaced && ns === '';
  const cols = useMemo(
    () => tableColumns(kind, { allNamespaces, wide, metrics: !!metricsAvailable }),
    [kind, allNamespaces, wide, metricsAvailable],
  );

  const filter = useMemo(() => parseFilter(activeFilter), [activeFilter]);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  useEffect(() => warmSearchTexts(kind, objects, ctxRef.current), [kind, objects]);
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
  const sortNow = sort && ['age', 'lastSeen', 'firstSeen', 'duration', 'lastSchedule', 'restarts'].includes(sort.column) ? now : 0;
  const sortMetrics = sort && kind.columns.find((c) => c.id === sort.column)?.metrics ? podMetrics : undefined;
  // With no sort the store's own order (kubectl's) is the order: nothing to do per batch.
  const sorted = useMemo(
    () => (sort ? sortRows(kind, scoped, sort, ctx) : scoped),
    // ctx changes every second; only sorting by a time or metric column needs it (sortNow, sortMetrics).
    [scoped, sort, kind, sortNow, sortMetrics],
  );
  const rows = useMemo(
    () => (activeFilter ? sorted.filter((o) => filter.test(o, () => searchTextOf(kind, o, ctx))) : sorted),
    [sorted, filter, activeFilter, kind],
  );

  // No per-change index of 10k rows: one scan, only when the rows or the selection change.
  const found = useMemo(() => indexOfUid(rows, selectedUid), [rows, selectedUid]);
  const bodyHeight = Math.max(1, height - 2); // header line + table header
  const { index: selIndex, top } = placeCursor(rows, found, lastSelIndex.current, topRef.current, bodyHeight);
  lastSelIndex.current = selIndex;
  topRef.current = top;
  const selected = rows[selIndex];
  if (found >= 0) chosen.current = { name: selected.metadata.name, seen: true };
  // Judged only on complete rows: while listing or reconnecting, a missing object may come back.
  const live = phase?.phase === 'live';
  const follow = useMemo(
    () => (found >= 0 ? { gone: false } : followCursor(rows, selIndex, selectedUid, live ? scoped : undefined)),
    [found, rows, selIndex, selectedUid, live, scoped],
  );
  useEffect(() => {
    if (follow.adopt?.metadata.uid === selectedUid && !follow.gone) return;
    if (!follow.adopt && !follow.gone) return;
    const was = chosen.current;
    setSelectedUid(follow.adopt?.metadata.uid);
    chosen.current = { name: follow.adopt?.metadata.name, seen: follow.adopt !== undefined };
    if (follow.gone && was.seen && was.name) {
      onNotice?.(`${kind.kind.toLowerCase()} ${was.name} is gone${follow.adopt ? ` — cursor on ${follow.adopt.metadata.name}` : ''}`);
    }
  }, [follow, selectedUid, kind, onNotice]);
  useEffect(() => {
    onRemember?.({ scope: scopeKey, uid: selectedUid, name: chosen.current.name, index: selIndex, top, sort, marked });
  });
  const visible = rows.slice(top, top + bodyHeight);
  drawn.current = { visible, index: selIndex, top, height: bodyHeight };
  const allRendered = renderRows(cols, visible, ctx);
  const stickyKey = `${kind.id}|${ns}|${cols.map((c) => c.id).join(',')}|${width}`;
  if (stickyRef.current.key !== stickyKey) stickyRef.current = { key: stickyKey, widths: [] };
  const fit = fitColumns(cols, allRendered, width - 3, stickyRef.current.widths, {
    preferWide,
    headers: cols.map((c) => sortedHeader(c, sort)),
  });
  // Sticky widths are kept per full column list, so columns do not jump while scrolling.
  fit.keep.forEach((ci, k) => (stickyRef.current.widths[ci] = Math.max(stickyRef.current.widths[ci] ?? 0, fit.widths[k])));
  const shownCols = fit.keep.map((i) => cols[i]);
  const widths = fit.widths;
  const headers = shownCols.map((c) => sortedHeader(c, sort));
  const rendered = allRendered.map((r) => ({ ...r, cells: fit.keep.map((i) => r.cells[i]) }));

  const move = (to: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, to));
    const o = rows[i];
    if (o) setSelectedUid(o.metadata.uid);
  };

  const controls: TableControls = {
    spec,
    kind,
    selected,
    // Exactly the marked objects (by uid), also those the filter hides now or that are gone: the
    // action names each one and reports what became of it.
    get targets() {
      const current = marked.size ? new Map(scoped.map((o) => [o.metadata.uid, o])) : undefined;
      return current ? [...marked.values()].map((o) => current.get(o.metadata.uid) ?? o) : selected ? [selected] : [];
    },
    index: selIndex,
    count: rows.length,
    page: bodyHeight,
    shownColumns: shownCols,
    sort,
    moveTo: move,
    toggleMark: () => {
      if (!selected) return;
      const next = new Map(marked);
      if (next.has(selected.metadata.uid)) next.delete(selected.metadata.uid);
      else next.set(selected.metadata.uid, selected);
      setMarked(next);
    },
    clearMarks: () => setMarked(new Map()),
    setSort,
    openFilter: () => setFilterInput(spec.filter ?? ''),
  };
  useLayoutEffect(() => {
    onControls?.(controls);
  });

  // k9s' title: kind(namespace)[count]; a drill-down says what it is of; the sort is the header's arrow.
  // Data the watcher cannot vouch for is never shown as current: dimmed rows and words that say so.
  const stale = phase?.phase === 'reconnecting' || phase?.phase === 'stale';
  const staleLabel = stale ? `  NOT LIVE (${phaseLabel(phase, now)}): rows may be out of date` : '';
  const scope = kind.namespaced ? (ns === '' ? 'all' : ns) : 'cluster';
  const title = `${kind.id}(${scope})[${rows.length}${rows.length !== scoped.length ? `/${scoped.length}` : ''}]${spec.title ? ` ${spec.title}` : ''}${
    marked.size ? ` marked:${marked.size}` : ''
  }${spec.filter && filterInput === undefined ? `  /${spec.filter}` : ''}${filter.error ? `  (${filter.error})` : ''}${
    preferWide && fit.droppedWide ? `  (+${fit.droppedWide} wide column${fit.droppedWide > 1 ? 's' : ''} need a wider terminal)` : ''
  }${staleLabel}`;

  return (
    <Box flexDirection="column" width={width} height={height}>
      {filterInput !== undefined ? (
        <LineInput
          prompt="/"
          value={filterInput}
          width={width}
          onChange={setFilterInput}
          onSubmit={(v) => {
            setFilterInput(undefined);
            onFilterChange(v);
          }}
          onCancel={() => setFilterInput(undefined)}
        />
      ) : (
        <Text wrap="truncate" color="cyan" bold>
          {title}
        </Text>
      )}
      <Table
        header={formatRow(headers, widths, shownCols, fit.gap)}
        rows={rendered.map((r) => ({ uid: r.uid, tone: r.tone, text: formatRow(r.cells, widths, shownCols, fit.gap) }))}
        selectedUid={selected?.metadata.uid}
        marked={markedUids}
        width={width}
        height={height - 1}
        emptyText={emptyText(spec, activeFilter, phase)}
        stale={stale}
      />
    </Box>
  );
}

function safeSelector(s: string) {
  try {
    return parseSelector(s);
  } catch {
    return undefined;
  }
}

function emptyText(spec: TableSpec, filter: string, phase: WatcherPhase | undefined): string {
  // 403 is "this view is not available to you", said calmly, once.
  if (phase?.phase === 'forbidden') return `${spec.kind.id} are not available to this account — ${phase.message}`;
  if (!phase || phase.phase === 'syncing') return `loading ${spec.kind.id}…`;
  if (filter) return `no ${spec.kind.id} match /${filter}`;
  return `no ${spec.kind.id}${spec.kind.namespaced && spec.namespace ? ` in namespace ${spec.namespace}` : ''}`;
}
