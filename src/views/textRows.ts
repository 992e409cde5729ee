// What the text view (describe, YAML, help) draws, as plain data: the logical lines left visible by
// the folds, each wrapped to the width into rows of styled segments, with search matches marked.
// The component (TextScreen.tsx) only scrolls over these rows and maps styles to colours.
import { findMatches, type Match } from '../text/ansiText.js';
import { wrapRanges, type IndentRule } from '../text/wrap.js';
import type { Token, TokenKind } from '../text/yamlOutline.js';

export type SegStyle = TokenKind | 'marker';

export interface Seg {
  text: string;
  style: SegStyle;
  match?: boolean;
}

/** A token, or one of the view's own pieces (the fold marker). */
interface Piece {
  text: string;
  kind: SegStyle;
}

export interface Row {
  /** Index of the logical line this row shows (a part of). */
  line: number;
  /** Continuation rows draw this many columns of indentation first. */
  indent: number;
  segs: Seg[];
}

/** Logical lines left on screen when the blocks starting at `folded` lines are closed. */
export function visibleLines(count: number, ends: readonly number[] | undefined, folded: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; ) {
    out.push(i);
    i = folded.has(i) && ends ? Math.max(i + 1, ends[i]) : i + 1;
  }
  return out;
}

/** The folded block starting at each line that hides `line` (outermost first). */
export function foldsHiding(line: number, ends: readonly number[], folded: ReadonlySet<number>): number[] {
  return [...folded].filter((f) => f < line && ends[f] > line).sort((a, b) => a - b);
}

/** A folded line: `▸ spec: … (42 lines)`, keeping its indentation. */
function foldedTokens(line: string, tokens: Piece[], hidden: number): Piece[] {
  const lead = line.length - line.trimStart().length;
  const body: Piece[] = [];
  let at = 0;
  for (const t of tokens) {
    const from = Math.max(0, lead - at);
    if (from < t.text.length) body.push({ text: t.text.slice(from), kind: t.kind });
    at += t.text.length;
  }
  return [
    { text: ' '.repeat(lead), kind: 'plain' },
    { text: '▸ ', kind: 'marker' },
    ...body,
    { text: ` … (${hidden} ${hidden === 1 ? 'line' : 'lines'})`, kind: 'marker' },
  ];
}

export interface RowsInput {
  lines: string[];
  /** Per-line tokens (YAML); plain text otherwise. */
  tokens?: Token[][];
  ends?: number[];
  folded: ReadonlySet<number>;
  needle: string;
  width: number;
  indent: IndentRule;
}

export function buildRows(p: RowsInput): Row[] {
  const rows: Row[] = [];
  for (const i of visibleLines(p.lines.length, p.ends, p.folded)) {
    const own: Piece[] = p.tokens?.[i] ?? [{ text: p.lines[i], kind: 'plain' }];
    const hidden = p.folded.has(i) && p.ends ? p.ends[i] - i - 1 : 0;
    const tokens = hidden > 0 ? foldedTokens(p.lines[i], own, hidden) : own;
    const text = tokens.map((t) => t.text).join('');
    const matches = findMatches(text, p.needle, 1000);
    for (const r of wrapRanges(text, p.width, p.indent)) {
      rows.push({ line: i, indent: r.indent, segs: cut(tokens, matches, r.start, r.end) });
    }
  }
  return rows;
}

/** The segments of [start, end) of the line, split where a token or a match begins or ends. */
function cut(tokens: Piece[], matches: Match[], start: number, end: number): Seg[] {
  const segs: Seg[] = [];
  let at = 0;
  for (const t of tokens) {
    const a = Math.max(start, at);
    const b = Math.min(end, at + t.text.length);
    at += t.text.length;
    if (a >= b) continue;
    // Split this piece at match boundaries.
    const stops = new Set([a, b]);
    for (const m of matches) for (const x of [m.start, m.end]) if (x > a && x < b) stops.add(x);
    const sorted = [...stops].sort((x, y) => x - y);
    for (let k = 0; k + 1 < sorted.length; k++) {
      const s = sorted[k];
      const e = sorted[k + 1];
      const tokenStart = at - t.text.length;
      const match = matches.some((m) => m.start <= s && m.end >= e);
      segs.push({ text: t.text.slice(s - tokenStart, e - tokenStart), style: t.kind, ...(match ? { match } : {}) });
    }
  }
  return segs;
}
