// Untrusted text (container logs, object fields) must never drive the terminal: no cursor moves,
// screen clears, title/clipboard writes or hyperlinks. Every control character is replaced by a
// visible, inert glyph (ESC → '␛', NUL → '␀', 8-bit CSI → '␛['), so the user sees that something
// was there. Only SGR colour sequences may survive, and only when the caller asks for colours.
// Invisible characters that change how text reads — bidi overrides and isolates (U+202E makes
// "report\u202Efdp.exe" read "reportexe.pdf"), zero-width characters, the BOM and the other Unicode
// format (Cf) characters, and the line/paragraph separators — are shown escaped, like `\u202e`.

const ESC = 0x1b;
const TAB_WIDTH = 8;
/** Anything a terminal could interpret (C0 incl. TAB/LF/CR/BS/ESC, DEL, C1), or an invisible character. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\p{Cf}\u2028\u2029]/u;
const INVISIBLE = /[\p{Cf}\u2028\u2029]/u;
const INVISIBLE_ALL = /[\p{Cf}\u2028\u2029]/gu;

/** How an invisible character is shown: `\u202e`, or `\u{e0001}` beyond the BMP. */
function escapeCodePoint(cp: number): string {
  const hex = cp.toString(16);
  return cp > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * Shows bidi overrides, zero-width and other format characters escaped. For text that another
 * sanitizer already made free of control characters (table cells, describe, error lines).
 */
export function escapeInvisible(s: string): string {
  if (!INVISIBLE.test(s)) return s;
  return s.replace(INVISIBLE_ALL, (ch) => escapeCodePoint(ch.codePointAt(0) as number));
}
const SGR_RESET = '\x1b[0m';

export interface SanitizeOptions {
  /** Keep SGR sequences (ESC[…m) whose parameters are only digits and ';'. Default false: drop them. */
  keepColors?: boolean;
  /** How to show a newline inside the text: the ␊ glyph (default) or a space (table cells). */
  newline?: 'glyph' | 'space';
  /** Expand TAB to spaces up to the next multiple of 8 (default) or to a single space. */
  tabs?: 'expand' | 'space';
}

/** The visible stand-in for one control character. */
function glyph(code: number): string {
  if (code === 0x7f) return '␡';
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // Unicode "control pictures"
  // C1 (0x80–0x9F) is the 8-bit form of ESC + (code − 0x40): 0x9B is CSI, shown as '␛['.
  return '␛' + String.fromCharCode(code - 0x40);
}

/** Length of a CSI sequence starting at i (s[i] = ESC, s[i+1] = '['), or 0 when it is unterminated. */
function csiEnd(s: string, i: number): number {
  let j = i + 2;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1; // final byte
    if (c < 0x20 || c > 0x3f) return 0; // not a parameter/intermediate byte: malformed
    j++;
  }
  return 0;
}

function isNumericSgr(s: string, start: number, end: number): boolean {
  // start..end covers the parameter bytes between '[' and 'm'
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x3b)) return false;
  }
  return true;
}

/**
 * Makes one log line safe to print. Fast path: a line without any control character is returned as is.
 * Tabs are expanded; SGR colours are kept only with keepColors (and then closed with a reset at the end).
 */
export function sanitizeLine(s: string, opts: SanitizeOptions = {}): string {
  if (!UNSAFE.test(s)) return s;
  const keepColors = opts.keepColors === true;
  const out: string[] = [];
  let col = 0; // visible column, for tab stops
  let runStart = 0; // start of the pending run of plain characters
  let keptSgr = false;
  const flush = (end: number) => {
    if (end > runStart) {
      out.push(s.slice(runStart, end));
      col += end - runStart;
    }
  };
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x7f && (c < 0x80 || c > 0x9f)) {
      // Format characters start at U+00AD; a surrogate pair is one code point (tags are U+E0000…).
      const wide = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      const ch = c < 0xad ? '' : s.slice(i, i + wide);
      if (!ch || !INVISIBLE.test(ch)) {
        i += wide;
        continue;
      }
      flush(i);
      const e = escapeCodePoint(ch.codePointAt(0) as number);
      out.push(e);
      col += e.length;
      i += wide;
      runStart = i;
      continue;
    }
    flush(i);
    if (c === 0x09) {
      const n = opts.tabs === 'space' ? 1 : TAB_WIDTH - (col % TAB_WIDTH);
      out.push(' '.repeat(n));
      col += n;
      i++;
    } else if (c === 0x0a && opts.newline === 'space') {
      out.push(' ');
      col++;
      i++;
    } else if (c === ESC && s.charCodeAt(i + 1) === 0x5b /* [ */) {
      const end = csiEnd(s, i);
      if (end > 0 && s.charCodeAt(end - 1) === 0x6d /* m */ && isNumericSgr(s, i + 2, end - 1)) {
        // A colour sequence: harmless, kept or dropped silently.
        if (keepColors) {
          out.push(s.slice(i, end));
          keptSgr = true;
        }
        i = end;
      } else {
        // Any other CSI (cursor, erase, DECSET/alternate screen, scroll region…): shown inert.
        out.push('␛');
        col++;
        i++;
      }
    } else {
      const g = glyph(c);
      out.push(g);
      col += g.length;
      i++;
    }
    runStart = i;
  }
  flush(s.length);
  if (keptSgr) out.push(SGR_RESET);
  return out.join('');
}

/** For table cells and titles: no colours, newlines and tabs become single spaces. */
export function sanitizeCell(s: string): string {
  return sanitizeLine(s, { newline: 'space', tabs: 'space' });
}

/** Removes SGR sequences from text that sanitizeLine produced (for search, width and saving). */
export function stripSgr(s: string): string {
  if (s.indexOf('\x1b') < 0) return s;
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}
