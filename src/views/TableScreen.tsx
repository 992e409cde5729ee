// One kind in one scope as a live table: selection follows the object (by uid) while rows move,
// with the `/` filter, sort and marks; the app runs commands on it through the controls it hands up
// after each render. The title reads like k9s: `pods(vgauthier)[7]`, `pods(all)[…]` with -A.
import React, { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { Column, ColumnContext, KObj } from '../resources/types.js';
import type { WatcherPhase } from '../store/types.js';
import { withServerColumns } from '../resources/serverTable.js';
import { keyOf } from '../store/keys.js';
import { selectColumns } from '../store/selectors.js';
import { useClusterState, useServices } from './context.js';
import { scopeOf, type TableSpec } from './screens.js';
import type { TableControls } from './commands/types.js';
import { Table } from './Table.js';
import { phaseLabel } from './Header.js';
import { changeShows, fitColumns, formatRow, renderRows, rowsReadDifferently, sortedHeader, tableColumns, type Drawn, type RenderedRow } from './tableModel.js';
import { cursorReducer, initialCursor, placeOn, targetsOf, type TableMemory } from './tableCursor.js';
import { useTableRows } from './useTableRows.js';
import { LineInput } from './LineInput.js';
import { useDiagnosis } from './useDiagnosis.js';
import { namesConcerned } from '../diagnose/diagnose.js';


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

export function TableScreen({ spec: given, width, height, wide, preferWide, onControls, onFilterChange, memory, onRemember, onNotice }: TableScreenProps) {
  // A kind drawn from the server's Table takes its columns from the list (they are in the store).
  const givenNs = given.kind.namespaced ? given.namespace : '';
  const defs = useClusterState((s) => (given.kind.serverTable ? selectColumns(s, keyOf(given.kind.id, givenNs)) : undefined));
  const spec = useMemo(() => {
    const k = withServerColumns(given.kind, defs);
    return k === given.kind ? given : { ...given, kind: k };
  }, [given, defs]);
  const { kind } = spec;
  // Permissions first: a list this account may not make says so at once, never a spinner.
  const { can } = useServices();
  const denied = can({ verb: 'list', resource: kind.plural, group: kind.group }, givenNs || undefined);
  const scopeKey = scopeOf(spec);
  const [state, dispatch] = useReducer(cursorReducer, undefined, () => initialCursor(memory, scopeKey, kind));
  const { sort, marked } = state;
  const markedUids = useMemo(() => new Set(marked.keys()), [marked]);
  const [filterInput, setFilterInput] = useState<string | undefined>(); // defined while typing
  const activeFilter = filterInput ?? spec.filter ?? '';
  // What was drawn last, to tell whether a change in the store shows on screen.
  const drawn = useRef<Drawn | undefined>(undefined);
  // The cells drawn last and what they were drawn from, so a clock tick draws only when a text moves.
  const drawnCells = useRef<{ cols: Column[]; visible: KObj[]; ctx: ColumnContext; rendered: RenderedRow[] } | undefined>(undefined);
  const { ns, scoped, rows, phase, ctx, filter, now, metricsAvailable } = useTableRows(spec, {
    sort,
    filter: activeFilter,
    shows: (next) => changeShows(drawn.current, next, state.uid),
    tickShows: (t) => {
      const d = drawnCells.current;
      return !d || rowsReadDifferently(d.cols, d.visible, { ...d.ctx, now: t }, d.rendered);
    },
  });
  const allNamespaces = kind.namespaced && ns === '';
  const cols = useMemo(() => tableColumns(kind, { allNamespaces, wide, metrics: metricsAvailable }), [kind, allNamespaces, wide, metricsAvailable]);

  const bodyHeight = Math.max(1, height - 2); // header line + table header
  const { index: selIndex, top } = placeOn(state, rows, bodyHeight);
  const selected = rows[selIndex] as KObj | undefined;
  // Judged only on complete rows: while listing or reconnecting, a missing object may come back.
  const live = phase?.phase === 'live';
  useLayoutEffect(() => {
    const action = { type: 'sync', rows, scoped: live ? scoped : undefined, height: bodyHeight, kind } as const;
    if (cursorReducer(state, action) !== state) dispatch(action);
  }, [state, rows, scoped, live, bodyHeight, kind]);
  useEffect(() => {
    if (state.notice) onNotice?.(state.notice.text);
  }, [state.notice, onNotice]);
  useEffect(() => {
    onRemember?.({ scope: scopeKey, uid: state.uid, name: state.name, index: selIndex, top, sort, marked });
  });

  const visible = rows.slice(top, top + bodyHeight);
  // Rows whose object has an error or warning in the namespace's diagnosis get a `!` (x says why).
  const diagnosis = useDiagnosis(ns, 'markers', kind.actions.includes('diagnose'))?.diagnosis;
  // The names are gathered once per diagnosis: with thousands of findings, matching each visible row
  // against each finding on every render was a fifth of kdash's CPU under churn.
  const concerned = useMemo(() => namesConcerned((diagnosis?.findings ?? []).filter((f) => f.severity !== 'info'), kind.kind), [diagnosis, kind.kind]);
  const flagged = new Set(concerned.size ? visible.filter((o) => concerned.has(o.metadata.name)).map((o) => o.metadata.uid) : []);
  const allRendered = renderRows(cols, visible, ctx);
  // Sticky widths are kept per full column list, so columns do not jump while scrolling.
  const sticky = useRef<{ key: string; widths: number[] }>({ key: '', widths: [] });
  const stickyKey = `${kind.id}|${ns}|${cols.map((c) => c.id).join(',')}|${width}`;
  const stickyWidths = sticky.current.key === stickyKey ? sticky.current.widths : [];
  const fit = fitColumns(cols, allRendered, width - 3, stickyWidths, { preferWide, headers: cols.map((c) => sortedHeader(c, sort)) });
  useLayoutEffect(() => {
    drawn.current = { visible, index: selIndex, top, height: bodyHeight };
    drawnCells.current = { cols, visible, ctx, rendered: allRendered };
    const widths = sticky.current.key === stickyKey ? [...sticky.current.widths] : [];
    fit.keep.forEach((ci, k) => (widths[ci] = Math.max(widths[ci] ?? 0, fit.widths[k])));
    sticky.current = { key: stickyKey, widths };
  });
  const shownCols = fit.keep.map((i) => cols[i]);
  const widths = fit.widths;
  const headers = shownCols.map((c) => sortedHeader(c, sort));
  const rendered = allRendered.map((r) => ({ ...r, cells: fit.keep.map((i) => r.cells[i]) }));

  const controls: TableControls = {
    spec,
    kind,
    selected,
    get targets() {
      return targetsOf(state, scoped, selected);
    },
    index: selIndex,
    count: rows.length,
    page: bodyHeight,
    shownColumns: shownCols,
    sort,
    moveTo: (index) => dispatch({ type: 'moveTo', rows, index }),
    toggleMark: () => selected && dispatch({ type: 'toggleMark', object: selected }),
    clearMarks: () => dispatch({ type: 'clearMarks' }),
    setSort: (next) => dispatch({ type: 'sort', sort: next }),
    openFilter: () => setFilterInput(spec.filter ?? ''),
  };
  useLayoutEffect(() => {
    onControls?.(controls);
  });

  // k9s' title: kind(namespace)[count]; a drill-down says what it is of; the sort is the header's arrow.
  // Data the watcher cannot vouch for is never shown as current: dimmed rows and words that say so.
  const stale = phase?.phase === 'reconnecting' || phase?.phase === 'stale';
  const staleLabel = stale ? `  NOT LIVE (${phaseLabel(phase, now)}): rows may be out of date` : '';
  // The first list still arriving: how far it is (its rows are on screen and usable meanwhile).
  const loading = phase?.phase === 'syncing' && phase.loaded !== undefined ? `  loaded ${phase.loaded}${phase.total !== undefined ? ` of ~${phase.total}` : ''}` : '';
  const scope = kind.namespaced ? (ns === '' ? 'all' : ns) : 'cluster';
  const title = `${kind.id}(${scope})[${rows.length}${rows.length !== scoped.length ? `/${scoped.length}` : ''}]${spec.title ? ` ${spec.title}` : ''}${
    marked.size ? ` marked:${marked.size}` : ''
  }${spec.filter && filterInput === undefined ? `  /${spec.filter}` : ''}${filter.error ? `  (${filter.error})` : ''}${
    preferWide && fit.droppedWide ? `  (+${fit.droppedWide} wide column${fit.droppedWide > 1 ? 's' : ''} need a wider terminal)` : ''
  }${loading}${staleLabel}`;

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
        flagged={flagged}
        width={width}
        height={height - 1}
        emptyText={emptyText(spec, activeFilter, phase, denied.allowed ? undefined : denied.reason)}
        stale={stale}
      />
    </Box>
  );
}

function emptyText(spec: TableSpec, filter: string, phase: WatcherPhase | undefined, denied?: string): string {
  // 403 is "this view is not available to you", said calmly, once.
  if (phase?.phase === 'forbidden') return `${spec.kind.id} are not available to this account — ${phase.message}`;
  if (denied && phase?.phase !== 'live') return `${spec.kind.id} are not available to this account — ${denied}`;
  if (!phase || phase.phase === 'syncing') return `loading ${spec.kind.id}…`;
  if (filter) return `no ${spec.kind.id} match /${filter}`;
  return `no ${spec.kind.id}${spec.kind.namespaced && spec.namespace ? ` in namespace ${spec.namespace}` : ''}`;
}
