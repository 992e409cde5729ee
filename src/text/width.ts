// Terminal-width text helpers: a cell counts as many columns as the terminal draws (wide
// characters count double), never as many as String.length says.
import stringWidth from 'string-width';

/** Cuts `s` to at most `width` columns, ending in … when something was cut. */
export function truncateToWidth(s: string, width: number): string {
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

/** Exactly `width` columns: cut as above, then padded on the right (or the left for 'right'). */
export function padToWidth(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const t = truncateToWidth(s, width);
  const pad = ' '.repeat(Math.max(0, width - stringWidth(t)));
  return align === 'right' ? pad + t : t + pad;
}
