// Width helpers for the action dialogs: cluster text is sanitized, then cut to the cells it may use.
import stringWidth from 'string-width';
import { sanitizeCell } from '../../text/sanitize.js';
import { truncateToWidth } from '../../text/width.js';

/** Sanitized and cut to `width` terminal cells (wide characters count double), with … when cut. */
export function fit(text: string, width: number): string {
  return truncateToWidth(sanitizeCell(text), width);
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
