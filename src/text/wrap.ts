// Word wrap with a hanging indent, for the describe and YAML views: a line wider than the screen
// continues on the next rows, indented under its value, so no text is lost at the screen edge.
// Works on plain (sanitized, colourless) text and returns ranges, so the caller can cut its own
// coloured segments at the same places. Measured in terminal columns.
import { visibleWidth } from './ansiText.js';

export interface WrapRow {
  /** Start and end (exclusive) in the line, in UTF-16 units. */
  start: number;
  end: number;
  /** Columns of indentation to draw before this row (0 on the first row). */
  indent: number;
}

/** Where continuation rows start: a column of the line itself (see describeIndent, yamlIndent). */
export type IndentRule = (line: string) => number;

const leadingSpaces = (s: string) => s.length - s.trimStart().length;

/**
 * describe (a tabwriter's output): a "Key:   value" line continues under the value; a table row
 * (Events, Conditions) under its last column that starts on screen; other lines under themselves.
 */
export function describeIndent(line: string, width = Infinity): number {
  const lead = leadingSpaces(line);
  const gaps = [...line.slice(lead).matchAll(/ {2,}(?=\S)/g)].map((m) => lead + m.index + m[0].length);
  if (gaps.length === 0) return lead;
  const firstCell = line.slice(lead, gaps[0]).trimEnd();
  if (firstCell.endsWith(':')) return gaps[0];
  const onScreen = gaps.filter((g) => g < width - 10);
  return onScreen.length ? onScreen[onScreen.length - 1] : lead;
}

/** YAML: two columns right of the key, as go-yaml continues a folded scalar (`- ` counts as indent). */
export function yamlIndent(line: string): number {
  const m = /^ *(?:- )*/.exec(line)!;
  return m[0].length + 2;
}

/**
 * Cuts `line` into rows of at most `width` columns, breaking at spaces where it can. Rows after the
 * first are indented by rule(line), or by nothing when that would leave too little room.
 */
export function wrapRanges(line: string, width: number, rule: IndentRule): WrapRow[] {
  const w = Math.max(1, width);
  if (visibleWidth(line) <= w) return [{ start: 0, end: line.length, indent: 0 }];
  let indent = rule(line);
  // Hanging under a column that leaves less than a fifth of the screen is unreadable: go left then.
  if (w - indent < Math.max(16, Math.floor(w / 5))) indent = Math.min(leadingSpaces(line) + 4, Math.max(0, w - 16));
  const rows: WrapRow[] = [];
  let start = 0;
  while (start < line.length) {
    const room = rows.length === 0 ? w : w - indent;
    const end = fitEnd(line, start, room);
    if (end >= line.length) {
      rows.push({ start, end: line.length, indent: rows.length ? indent : 0 });
      break;
    }
    // Break after the last space in this row, unless the row would then hold nothing but indentation.
    const space = line.lastIndexOf(' ', end);
    const cut = space > start && line.slice(start, space).trim() !== '' ? space : end;
    rows.push({ start, end: cut, indent: rows.length ? indent : 0 });
    start = cut;
    while (line[start] === ' ') start++;
  }
  return rows;
}

/** The end of the longest run from `start` that fits `room` columns (at least one character). */
function fitEnd(s: string, start: number, room: number): number {
  let col = 0;
  let i = start;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const cw = visibleWidth(ch);
    if (col + cw > room && i > start) break;
    col += cw;
    i += ch.length;
  }
  return i;
}
