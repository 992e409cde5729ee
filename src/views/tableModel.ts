// Pure table logic: sort, column sizing and the visible window (the `/` filter is tableFilter.ts). No
// React here, so it is tested as plain functions and stays fast at 50k rows.
import stringWidth from 'string-width';
import type { Column, ColumnContext, KObj, ResourceKind, Tone } from '../resources/types.js';
import { sanitizeCell } from '../text/sanitize.js';
import { padToWidth } from '../text/width.js';
import { compareByName } from '../resources/order.js';
import { namespaceColumn } from '../resources/columns.js';
import { tryParseQuantity } from '../metrics/quantity.js';

export function cellText(c: Column, obj: KObj, ctx: ColumnContext): string {
  try {
    return sanitizeCell(c.text ? c.text(obj, ctx) : String(c.value(obj, ctx)));
  } catch {
    return '?';
  }
}

export interface SortSpec {
  column: string; // column id
  desc: boolean;
}

/**
 * What a cell sorts by: numbers as they are; a ready fraction ("2/3") by its ratio, then its count;
 * a quantity ("250m", "1.5Gi", "12") by its value; anything else as text. So 10/10 sorts after 9/10
 * and 1Gi after 900Mi, not as text.
 */
export function sortValue(v: string | number): string | number {
  if (typeof v === 'number') return v;
  const frac = /^(\d+)\/(\d+)$/.exec(v);
  if (frac) {
    const [n, d] = [Number(frac[1]), Number(frac[2])];
    return (d === 0 ? 0 : n / d) + n * 1e-9;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.test(v)) return tryParseQuantity(v) ?? v;
  return v;
}

/** The columns a table can sort by: its own, and NAMESPACE (shown with all namespaces). */
function sortColumn(kind: ResourceKind, id: string): Column | undefined {
  return id === namespaceColumn.id ? namespaceColumn : kind.columns.find((c) => c.id === id);
}

/**
 * Default order is kubectl's: namespace, then name, in byte order as the API server lists them (the
 * store already keeps every slice in that order, so a view with no sort need not call this). A column
 * sort computes each row's value once (localeCompare was the hottest function at 10k rows), by value
 * (sortValue), numbers before text.
 */
export function sortRows(kind: ResourceKind, rows: KObj[], sort: SortSpec | undefined, ctx: ColumnContext): KObj[] {
  const col = sort && sortColumn(kind, sort.column);
  const dir = sort?.desc ? -1 : 1;
  if (!col) return dir === 1 ? rows.slice().sort(compareByName) : rows.slice().sort((a, b) => compareByName(b, a));
  const keyed = rows.map((o) => {
    let v: string | number = '';
    try {
      v = sortValue(col.value(o, ctx));
    } catch {
      // a broken object sorts as empty
    }
    return { o, v };
  });
  keyed.sort((a, b) => {
    const an = typeof a.v === 'number';
    const bn = typeof b.v === 'number';
    const d = an && bn ? (a.v as number) - (b.v as number) : an !== bn ? (an ? -1 : 1) : String(a.v).localeCompare(String(b.v), undefined, { numeric: true });
    return d * dir || compareByName(a.o, b.o);
  });
  return keyed.map((x) => x.o);
}

/** The sorted column's header carries an arrow: ↑ ascending, ↓ descending (as k9s marks it). */
export function sortedHeader(c: Column, sort: SortSpec | undefined): string {
  return sort?.column === c.id ? `${c.header}${sort.desc ? '↓' : '↑'}` : c.header;
}

/**
 * The columns a table shows before fitting: NAMESPACE first when one table spans all namespaces
 * (kubectl -A, k9s), the wide ones when asked for (a `glance` column always), metric ones when the
 * metrics API answers.
 */
export function tableColumns(kind: ResourceKind, opts: { allNamespaces: boolean; wide: boolean; metrics: boolean }): Column[] {
  const own = kind.columns.filter((c) => (opts.wide || !c.wide || c.glance) && (!c.metrics || opts.metrics));
  return kind.namespaced && opts.allNamespaces ? [namespaceColumn, ...own] : own;
}

/** Which window of rows is visible so that `selected` stays in view, moving as little as possible. */
export function visibleWindow(total: number, selected: number, height: number, previousTop: number): number {
  if (height <= 0 || total <= height) return 0;
  let top = Math.min(Math.max(previousTop, 0), total - height);
  if (selected < top) top = selected;
  else if (selected >= top + height) top = selected - height + 1;
  return top;
}

/**
 * Where the cursor and the window are on `rows`: the selected object's row (by uid, so it follows the
 * object while rows move; when the object is gone, the cursor stays where it was) and the first row shown.
 */
export function placeCursor(rows: KObj[], found: number, lastIndex: number, previousTop: number, height: number): { index: number; top: number } {
  const index = Math.max(0, Math.min(found < 0 ? lastIndex : found, rows.length - 1));
  return { index, top: visibleWindow(rows.length, index, height, previousTop) };
}

/** The row of the object with this uid; -1 when it is not in `rows` or no object was chosen yet. */
export function indexOfUid(rows: KObj[], uid: string | undefined): number {
  if (uid === undefined) return -1;
  // One render asks this of the same rows several times (cursor, window, what a batch shows); rows
  // arrays are never changed once made, so the last answer holds for the same array.
  if (lastFound.rows === rows && lastFound.uid === uid) return lastFound.index;
  // After a change the row has most often moved by a few places (rows added or removed above it):
  // looked for near where it was before scanning a 50k-row table from the top on every batch.
  const index = (lastFound.uid === uid ? nearIndexOfUid(rows, uid, lastFound.index) : undefined) ?? rows.findIndex((o) => o.metadata.uid === uid);
  lastFound = { rows, uid, index };
  return index;
}

const NEAR = 64;

function nearIndexOfUid(rows: KObj[], uid: string, was: number): number | undefined {
  if (was < 0) return undefined;
  for (let d = 0; d <= NEAR; d++) {
    if (rows[was - d]?.metadata.uid === uid) return was - d;
    if (d > 0 && rows[was + d]?.metadata.uid === uid) return was + d;
  }
  return undefined;
}
let lastFound: { rows?: KObj[]; uid?: string; index: number } = { index: -1 };

/**
 * After a change, which object the cursor now stands for. When the chosen object (`uid`) is not on
 * the cursor's row, the row there (`rows[index]`, its neighbour) becomes the chosen one: silently
 * when nothing was chosen yet, with `gone` when the chosen object left the view (it is not in
 * `scoped`, the rows before the `/` filter). An object the filter only hides stays chosen, so that
 * clearing the filter brings the cursor back to it. `scoped` undefined: the rows are not known to be
 * complete (still listing, reconnecting), so nothing is judged gone.
 */
export function followCursor(rows: KObj[], index: number, uid: string | undefined, scoped: KObj[] | undefined): { adopt?: KObj; gone: boolean } {
  const at = rows[index] as KObj | undefined;
  if (at?.metadata.uid === uid) return { gone: false };
  if (uid === undefined) return { adopt: at, gone: false };
  if (scoped && !scoped.some((o) => o.metadata.uid === uid)) return { adopt: at, gone: true };
  return { gone: false };
}

/** What a table drew last: the objects on screen, the cursor's row, the first row shown, the rows that fit. */
export interface Drawn {
  visible: KObj[];
  index: number;
  top: number;
  height: number;
}

/**
 * Whether the store's new rows (`next`, in the store's own order: no sort, filter or drill-down)
 * change what `last` drew: the objects on screen, where they sit, or how many there are. A change
 * anywhere else only moves counts, which the next clock tick draws.
 */
export function changeShows(last: Drawn | undefined, next: KObj[], selectedUid: string | undefined): boolean {
  if (!last || last.visible.length === 0) return true;
  const at = placeCursor(next, indexOfUid(next, selectedUid), last.index, last.top, last.height);
  if (at.top !== last.top || Math.min(last.height, next.length - at.top) !== last.visible.length) return true;
  return last.visible.some((o, i) => next[at.top + i] !== o);
}

export interface RenderedRow {
  uid: string;
  cells: string[];
  tone?: Tone;
}

export function renderRows(cols: Column[], rows: KObj[], ctx: ColumnContext): RenderedRow[] {
  return rows.map((o) => {
    let tone: Tone | undefined;
    for (const c of cols) {
      if (!c.tone) continue;
      try {
        tone = c.tone(o, ctx) ?? tone;
      } catch {
        // a broken object must not break the table
      }
      if (tone === 'error') break;
    }
    return { uid: o.metadata.uid, cells: cols.map((c) => cellText(c, o, ctx)), tone };
  });
}

/** Whether rows drawn as `drawn` (renderRows at an earlier time) read differently in `ctx` (a new time): an AGE that rolls over. */
export function rowsReadDifferently(cols: Column[], rows: KObj[], ctx: ColumnContext, drawn: RenderedRow[]): boolean {
  if (rows.length !== drawn.length) return true;
  const next = renderRows(cols, rows, ctx);
  return next.some((r, i) => r.tone !== drawn[i].tone || r.cells.some((c, j) => c !== drawn[i].cells[j]));
}

/** Who gives way first when a table is too wide: free text (MESSAGE, IMAGES), then the rest, then names. */
export type ShrinkGroup = 'first' | 'middle' | 'last';

export function shrinkGroup(c: Pick<Column, 'id' | 'squeeze'>): ShrinkGroup {
  if (c.squeeze) return c.squeeze;
  return c.id === 'name' || c.id === 'namespace' ? 'last' : 'middle';
}

/** kubectl's three spaces between columns; two when the table is short of room. */
export const GAP = 3;
export const NARROW_GAP = 2;

/**
 * Column widths from the header and the visible cells, never shrinking below `sticky` (so columns
 * do not jump while scrolling), then fitted into `width`: free text columns are cut first (to 10),
 * then the others (to 10, never below their header), then the names (to 8), then anything to 4. A
 * cut cell ends with "…" (fitCell).
 */
export function columnWidths(
  headers: string[],
  rows: RenderedRow[],
  width: number,
  sticky: number[] = [],
  groups: ShrinkGroup[] = [],
  gap = GAP,
): number[] {
  const w = headers.map((h, i) => Math.max(stringWidth(h), sticky[i] ?? 0));
  for (const r of rows) r.cells.forEach((c, i) => (w[i] = Math.max(w[i], stringWidth(c))));
  const total = () => w.reduce((a, b) => a + b, 0) + gap * Math.max(0, w.length - 1);
  const phases: Array<{ group?: ShrinkGroup; floor: (i: number) => number }> = [
    { group: 'first', floor: () => 10 },
    { group: 'middle', floor: (i) => Math.max(stringWidth(headers[i]), 10) },
    { group: 'last', floor: () => 8 },
    { floor: () => 4 },
  ];
  for (const phase of phases) {
    for (;;) {
      const over = total() - width;
      if (over <= 0) return w;
      let widest = -1;
      w.forEach((x, i) => {
        if ((phase.group === undefined || (groups[i] ?? 'middle') === phase.group) && x > phase.floor(i) && (widest < 0 || x > w[widest])) widest = i;
      });
      if (widest < 0) break;
      w[widest] = Math.max(phase.floor(widest), w[widest] - over);
    }
  }
  return w;
}

/** Pads or cuts a cell to exactly `width` terminal columns (wide characters count double). */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  return padToWidth(text, width, align);
}

export function formatRow(cells: string[], widths: number[], cols: Pick<Column, 'align'>[], gap = GAP): string {
  return cells.map((c, i) => fitCell(c, widths[i], cols[i]?.align)).join(' '.repeat(gap));
}

export interface FittedColumns {
  keep: number[];
  widths: number[];
  gap: number;
  /** Wide columns asked for that did not fit the width. */
  droppedWide: number;
}

/**
 * Which columns fit the width. Optional columns go first — the -o wide ones (unless the user asked
 * for them with `o`: then they go last), the % metric ones, then CPU/MEM and the columns shown when
 * there is room — rightmost first, so that
 * NAME and STATUS are never squeezed to make room for them; then the gap narrows to two spaces; only
 * then are the remaining columns cut, by shrinkGroup.
 */
export function fitColumns(
  cols: Column[],
  rows: RenderedRow[],
  width: number,
  sticky: number[] = [],
  opts: { preferWide?: boolean; headers?: string[] } = {},
): FittedColumns {
  const headers = opts.headers ?? cols.map((c) => c.header);
  const natural = columnWidths(headers, rows, Number.MAX_SAFE_INTEGER, sticky);
  const optionalWide = (c: Column) => c.wide === true && !c.glance;
  const rank = (c: Column) =>
    optionalWide(c) ? (opts.preferWide ? 1 : 4) : c.metrics && c.header.startsWith('%') ? 3 : c.metrics || c.glance === 'room' ? 2 : 0;
  let keep = cols.map((_, i) => i);
  const total = (k: number[], gap: number) => k.reduce((a, i) => a + natural[i], 0) + gap * Math.max(0, k.length - 1);
  // Wide columns asked for with `o` may cut NAME and NAMESPACE down to 20 columns to fit.
  const named = (i: number) => (shrinkGroup(cols[i]) === 'last' ? Math.min(natural[i], 20) : natural[i]);
  const squeezed = (k: number[]) => k.reduce((a, i) => a + named(i), 0) + NARROW_GAP * Math.max(0, k.length - 1);
  // Below the -o wide columns, cutting long free text (MESSAGE) to 20 comes before dropping a column.
  const cut = (i: number) => (shrinkGroup(cols[i]) === 'first' ? Math.min(natural[i], 20) : natural[i]);
  const textCut = (k: number[]) => k.reduce((a, i) => a + cut(i), 0) + NARROW_GAP * Math.max(0, k.length - 1);
  for (const level of [4, 3, 2, 1]) {
    const over = level === 1 ? squeezed : level === 4 ? (k: number[]) => total(k, NARROW_GAP) : textCut;
    for (let i = keep.length - 1; i >= 0 && over(keep) > width; i--) {
      if (rank(cols[keep[i]]) === level) keep = keep.filter((_, j) => j !== i);
    }
  }
  const gap = total(keep, GAP) <= width ? GAP : NARROW_GAP;
  const kept = rows.map((r) => ({ ...r, cells: keep.map((i) => r.cells[i]) }));
  const widths = columnWidths(
    keep.map((i) => headers[i]),
    kept,
    width,
    keep.map((i) => sticky[i] ?? 0),
    keep.map((i) => shrinkGroup(cols[i])),
    gap,
  );
  const droppedWide = cols.filter((c, i) => optionalWide(c) && !keep.includes(i)).length;
  return { keep, widths, gap, droppedWide };
}
