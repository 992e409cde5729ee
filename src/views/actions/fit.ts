// Width helpers for the action dialogs: cluster text is sanitized, then cut to the cells it may use.
import stringWidth from 'string-width';
import { sanitizeCell } from '../../text/sanitize.js';

/** Sanitized and cut to `width` terminal cells (wide characters count double), with … when cut. */
export function fit(text: string, width: number): string {
  const s = sanitizeCell(text);
  if (width <= 0) return '';
  if (stringWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = stringWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Pads to exactly `width` cells (after fitting). */
export function pad(text: string, width: number): string {
  const s = fit(text, width);
  return s + ' '.repeat(Math.max(0, width - stringWidth(s)));
}

/** The lines that fit in `rows`, the last one saying how many were left out. */
export function clip(lines: string[], rows: number, from: 'start' | 'end' = 'start'): string[] {
  if (rows <= 0) return [];
  if (lines.length <= rows) return lines;
  const keep = rows - 1;
  const hidden = lines.length - keep;
  return from === 'start'
    ? [...lines.slice(0, keep), `… ${hidden} more`]
    : [`… ${hidden} earlier`, ...lines.slice(lines.length - keep)];
}
