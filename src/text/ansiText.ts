// Width-aware slicing and wrapping of text that sanitizeLine produced: printable characters plus,
// at most, SGR colour sequences (ESC[…m). Measured in terminal columns (wide CJK/emoji count 2).
// ASCII runs take a fast path: this runs for every visible row of the log view on every frame.
import stringWidth from 'string-width';

const SGR_AT = /\x1b\[[0-9;]*m/y;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const RESET = '\x1b[0m';

export function visibleWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  return stringWidth(s);
}

function charWidth(cp: number, ch: string): number {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  return stringWidth(ch);
}

/**
 * Cuts s into rows of at most `width` columns. Colours carry over: a row that ends inside a colour
 * is closed with a reset, and the next row reopens the active colours. maxRows bounds the work.
 */
export function wrapColumns(s: string, width: number, maxRows = Infinity): string[] {
  const w = Math.max(1, width);
  if (PRINTABLE_ASCII.test(s)) {
    if (s.length <= w) return [s];
    const rows: string[] = [];
    for (let i = 0; i < s.length && rows.length < maxRows; i += w) rows.push(s.slice(i, i + w));
    return rows;
  }
  const rows: string[] = [];
  let row = '';
  let col = 0;
  let active = ''; // SGR sequences in effect since the last reset
  let i = 0;
  while (i < s.length && rows.length < maxRows) {
    if (s.charCodeAt(i) === 0x1b) {
      SGR_AT.lastIndex = i;
      const m = SGR_AT.exec(s);
      if (m) {
        row += m[0];
        active = /^\x1b\[0?m$/.test(m[0]) ? '' : active + m[0];
        i += m[0].length;
        continue;
      }
    }
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const cw = charWidth(cp, ch);
    if (col + cw > w && col > 0) {
      rows.push(active ? row + RESET : row);
      row = active;
      col = 0;
    }
    row += ch;
    col += cw;
    i += ch.length;
  }
  if (rows.length < maxRows && (row !== '' || rows.length === 0)) rows.push(row);
  return rows;
}

/** The first `width` columns of s, with '…' in the last column when it was cut. */
export function truncateColumns(s: string, width: number): string {
  if (width <= 0) return '';
  if (PRINTABLE_ASCII.test(s)) return s.length <= width ? s : s.slice(0, width - 1) + '…';
  if (visibleWidth(s) <= width) return s;
  const [first] = wrapColumns(s, width - 1, 1);
  const open = first.includes('\x1b[') && !first.endsWith(RESET);
  return first + (open ? RESET : '') + '…';
}

export interface Match {
  start: number;
  end: number;
}

/** Ranges of needle in plain text; smart case: case-insensitive unless the needle has an upper-case letter. */
export function findMatches(plain: string, needle: string, max = 100): Match[] {
  if (!needle) return [];
  const sensitive = needle !== needle.toLowerCase();
  const hay = sensitive ? plain : plain.toLowerCase();
  const n = sensitive ? needle : needle.toLowerCase();
  const out: Match[] = [];
  let from = 0;
  while (out.length < max) {
    const at = hay.indexOf(n, from);
    if (at < 0) break;
    out.push({ start: at, end: at + n.length });
    from = at + Math.max(1, n.length);
  }
  return out;
}

export const HIGHLIGHT_ON = '\x1b[30;43m';

/** Plain text with each match wrapped in a highlight (black on yellow) that is reset after it. */
export function highlight(plain: string, matches: Match[]): string {
  if (matches.length === 0) return plain;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += plain.slice(at, m.start) + HIGHLIGHT_ON + plain.slice(m.start, m.end) + RESET;
    at = m.end;
  }
  return out + plain.slice(at);
}
