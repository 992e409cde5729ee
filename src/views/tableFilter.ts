// The `/` filter of a table: what a typed filter means, each object's search text (cached), and
// filtering rows key by key as the person types. Pure, like tableModel.ts, whose cell text it searches.
import type { ColumnContext, KObj, ResourceKind } from '../resources/types.js';
import { matchesSelector, parseSelector, type Requirement } from '../resources/labels.js';
import { cellText } from './tableModel.js';

export interface Filter {
  raw: string;
  /** true when the expression is invalid (e.g. a bad regex): nothing is filtered and the bar says so. */
  error?: string;
  /**
   * Plain text, not inverted: the lower-case text that a kept row's search text contains. A filter
   * whose needle contains another's keeps a subset of that one's rows (rowFilter builds on this).
   */
  needle?: string;
  test(obj: KObj, searchText: () => string): boolean;
}

/**
 * The `/` filter, as in k9s: plain text is a case-insensitive substring (or a regex when it
 * parses as one and contains regex syntax), `-l app=web` is a label selector, a leading `!` inverts.
 */
export function parseFilter(raw: string): Filter {
  const text = raw.trim();
  if (!text) return { raw, test: () => true };
  let invert = false;
  let body = text;
  if (body.startsWith('!')) {
    invert = true;
    body = body.slice(1).trim();
  }
  const wrap = (f: Filter['test']): Filter['test'] => (invert ? (o, s) => !f(o, s) : f);
  if (body.startsWith('-l ') || body.startsWith('-l=')) {
    let sel: Requirement[];
    try {
      sel = parseSelector(body.slice(3).trim());
    } catch (e) {
      return { raw, error: `bad label selector: ${(e as Error).message}`, test: () => true };
    }
    return { raw, test: wrap((o) => matchesSelector(sel, o.metadata.labels ?? {})) };
  }
  const lower = body.toLowerCase();
  if (/[\\^$.*+?()[\]{}|]/.test(body)) {
    try {
      const re = new RegExp(body, 'i');
      return { raw, test: wrap((_o, s) => re.test(s())) };
    } catch {
      // Not a valid regex: fall back to a plain substring, which is what the user most likely meant.
    }
  }
  return { raw, needle: invert ? undefined : lower, test: wrap((_o, s) => s().toLowerCase().includes(lower)) };
}

/** Columns that change with time are left out of the search text so it can be cached per object. */
const timeColumns = new Set(['age', 'lastSeen', 'lastSchedule', 'duration', 'restarts']);
const searchCache = new WeakMap<KObj, string>();

export function searchTextOf(kind: ResourceKind, obj: KObj, ctx: ColumnContext): string {
  let s = searchCache.get(obj);
  if (s === undefined) {
    const parts = [obj.metadata.namespace ?? '', obj.metadata.name];
    for (const c of kind.columns) {
      if (timeColumns.has(c.id) || c.metrics || c.id === 'name' || c.id === 'namespace') continue;
      parts.push(cellText(c, obj, ctx));
    }
    s = parts.join(' ');
    searchCache.set(obj, s);
  }
  return s;
}

/** The search text in lower case, made once per object on the first plain-text filter that reads it. */
const lowerCache = new WeakMap<KObj, string>();

function lowerSearchTextOf(kind: ResourceKind, obj: KObj, ctx: ColumnContext): string {
  let s = lowerCache.get(obj);
  if (s === undefined) {
    s = searchTextOf(kind, obj, ctx).toLowerCase();
    lowerCache.set(obj, s);
  }
  return s;
}

/**
 * The `/` filter over one set of rows, as the person types it: a plain-text filter that extends an
 * earlier one (`app-1` after `app-`) searches only that one's rows, and one typed before (a
 * backspace) is answered from what it kept then — at 50k rows a full pass was most of a key's time.
 * The order of the rows is kept. Only the rows of plain-text filters the current one extends are
 * remembered, so the memory goes as the filter grows, mostly on the narrow end.
 */
export function rowFilter(kind: ResourceKind, rows: KObj[]): (filter: Filter, ctx: ColumnContext) => KObj[] {
  let kept = new Map<string, KObj[]>(); // needle → the rows it keeps
  return (filter, ctx) => {
    const needle = filter.needle;
    if (needle === undefined) return rows.filter((o) => filter.test(o, () => searchTextOf(kind, o, ctx)));
    const known = kept.get(needle);
    if (known) return known;
    // The narrowest rows of a filter this one extends; all rows when none does.
    let from = rows;
    const next = new Map<string, KObj[]>();
    for (const [n, r] of kept) {
      if (!needle.includes(n)) continue;
      next.set(n, r);
      if (r.length < from.length) from = r;
    }
    const out = from.filter((o) => lowerSearchTextOf(kind, o, ctx).includes(needle));
    next.set(needle, out);
    kept = next;
    return out;
  };
}

/**
 * Computes the search text of `rows` in the background, `chunk` rows per macrotask (a few ms each),
 * so that the first key typed into the filter of a 50k-row table does not compute them all at once
 * (~250 ms). Objects already done are skipped, so calling it again after a change costs a lookup
 * per row. Returns a cancel function.
 */
export function warmSearchTexts(kind: ResourceKind, rows: readonly KObj[], ctx: ColumnContext, chunk = 1000): () => void {
  let i = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    const end = Math.min(rows.length, i + chunk);
    for (; i < end; i++) searchTextOf(kind, rows[i], ctx);
    timer = i < rows.length ? setTimeout(step, 0) : undefined;
  };
  timer = setTimeout(step, 0);
  return () => clearTimeout(timer);
}

export interface SearchWarmer {
  /** The table's rows now; warmed at once for a new kind, else at most once per interval. */
  update(kind: ResourceKind, rows: readonly KObj[], ctx: ColumnContext): void;
  stop(): void;
}

/**
 * warmSearchTexts for a table whose rows change all the time: a change under churn (ten batches a
 * second) started a pass over every row, a lookup each, which at 50k rows was a few per cent of a core
 * for nothing. Passes now start at most once per `everyMs`, on the latest rows, so what a churning
 * table adds meanwhile is warmed a few seconds later (or, if `/` comes first, made as the filter runs).
 */
export function createSearchWarmer(everyMs = 5000, now: () => number = Date.now): SearchWarmer {
  let latest: { kind: ResourceKind; rows: readonly KObj[]; ctx: ColumnContext } | undefined;
  let warmedKind: ResourceKind | undefined;
  let lastStart = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelPass = () => {};
  const start = () => {
    timer = undefined;
    if (!latest) return;
    cancelPass();
    lastStart = now();
    warmedKind = latest.kind;
    cancelPass = warmSearchTexts(latest.kind, latest.rows, latest.ctx);
  };
  return {
    update(kind, rows, ctx) {
      latest = { kind, rows, ctx };
      if (kind !== warmedKind) {
        clearTimeout(timer);
        start();
      } else if (!timer) {
        timer = setTimeout(start, Math.max(0, lastStart + everyMs - now()));
      }
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      cancelPass();
      latest = undefined;
    },
  };
}
