// From buffered LogLines to the exact rows the log view shows: timestamps, pod/container prefixes,
// search highlights, wrapping or truncation to the width, and only as many lines as fit. Pure and
// UI-free, so the view, the benchmark and the tests share it.
import { findMatches, highlight, truncateColumns, wrapColumns } from '../text/ansiText.js';
import { sanitizeCell } from '../text/sanitize.js';
import { noteText } from './formatLine.js';
import type { LogLine } from './types.js';

export type PrefixMode = 'none' | 'pod' | 'container' | 'pod/container';

export interface LayoutOptions {
  width: number;
  /** Rows available for lines. */
  height: number;
  wrap: boolean;
  timestamps: boolean;
  prefix: PrefixMode;
  /** Search needle: matches are highlighted (the line loses its own colours then). */
  needle?: string;
}

const NOTE_COLOR: Record<string, number> = { gap: 33, restart: 35, error: 31, note: 36 };

/** "2026-11-21T21:17:34.123456789Z" → "2026-11-21T21:17:34.123Z" (milliseconds read better). */
export function displayTs(ts: string): string {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return ts;
  return `${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}${m[3]}`;
}

function prefixOf(line: LogLine, mode: PrefixMode): string {
  const src = line.source;
  if (!src || mode === 'none') return '';
  const label = mode === 'pod' ? src.pod : mode === 'container' ? src.container : `${src.pod}/${src.container}`;
  return `\x1b[${src.color}m${sanitizeCell(label)}\x1b[39m `;
}

/** One line as a single (unwrapped) decorated string. */
export function decorate(line: LogLine, o: Pick<LayoutOptions, 'timestamps' | 'prefix' | 'needle'>): string {
  const ts = o.timestamps && line.ts ? `\x1b[2m${displayTs(line.ts)}\x1b[22m ` : '';
  const prefix = prefixOf(line, o.prefix);
  let body: string;
  if (line.kind !== 'log') body = `\x1b[${NOTE_COLOR[line.kind] ?? 36}m${noteText(line)}\x1b[39m`;
  else if (o.needle) {
    const ms = findMatches(line.plain, o.needle);
    body = ms.length ? highlight(line.plain, ms) : line.text;
  } else body = line.text;
  return ts + prefix + body;
}

/** Rows of one line: several when wrapping (bounded by maxRows), one truncated row otherwise. */
export function lineRows(line: LogLine, o: LayoutOptions, maxRows = o.height): string[] {
  const s = decorate(line, o);
  return o.wrap ? wrapColumns(s, o.width, maxRows) : [truncateColumns(s, o.width)];
}

export interface Layout {
  rows: string[];
  /** Absolute index of the first line (partly) shown, and one past the last. */
  top: number;
  end: number;
  /** Whether the newest line is on screen. */
  atBottom: boolean;
}

/**
 * Lays out the window. `top` undefined means "follow": the newest lines fill the bottom.
 * Otherwise lines from `top` down. Never returns more than o.height rows.
 */
export function layout(getLines: (from: number, to: number) => LogLine[], first: number, end: number, top: number | undefined, o: LayoutOptions): Layout {
  const h = Math.max(0, o.height);
  if (h === 0 || end <= first) return { rows: [], top: first, end: first, atBottom: true };
  if (top === undefined) {
    const from = Math.max(first, end - h);
    const lines = getLines(from, end);
    const rows: string[] = [];
    let topIdx = end;
    for (let i = lines.length - 1; i >= 0 && rows.length < h; i--) {
      const r = lineRows(lines[i], o, h);
      rows.unshift(...r);
      topIdx = from + i;
    }
    return { rows: rows.slice(Math.max(0, rows.length - h)), top: topIdx, end, atBottom: true };
  }
  const start = Math.min(Math.max(top, first), end - 1);
  const lines = getLines(start, Math.min(end, start + h));
  const rows: string[] = [];
  let last = start;
  for (let i = 0; i < lines.length && rows.length < h; i++) {
    rows.push(...lineRows(lines[i], o, h - rows.length));
    last = start + i + 1;
  }
  return { rows: rows.slice(0, h), top: start, end: last, atBottom: last >= end };
}

/** The top index that shows `end` as the last line (for pausing a following view in place). */
export function topForBottom(getLines: (from: number, to: number) => LogLine[], first: number, end: number, o: LayoutOptions): number {
  return layout(getLines, first, end, undefined, o).top;
}
