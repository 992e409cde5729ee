// The header's two lines laid out as plain text for one width, so that nothing overlaps and nothing is
// cut mid-word without an ellipsis (Ink's flex layout let the counters run into the quota).
//   line 1: kdash │ context │ server │ user U │ ns N │ READ-ONLY ............ ● live
//   line 2: pods 7  resourcequotas 1 ................ cpu 0.55/2 ▇▇▁▁▁▁  mem 0.7/2Gi ▇▇▁▁▁▁ …
// What gives way when the width is short, in order: the watch counters, the server, the user, the
// word "kdash", then the context is cut with "…". The quota stays (it drops its bars and its least
// telling resources first, see QuotaBar.quotaSegments) and so do the namespace and the health badge.
import stringWidth from 'string-width';
import { truncateToWidth } from '../text/width.js';

export interface Span {
  text: string;
  /** A named colour; 'dim' and 'bold' are styles. */
  color?: string;
  style?: 'bold' | 'dim';
}

export interface HeaderFacts {
  context: string;
  server: string;
  user: string;
  namespace: string; // 'all' for all namespaces
  readonly: boolean;
  health?: { text: string; color: string };
  /** One entry per watch ("pods 7", "events 12 (stale 4s)"), and the reason data is not live, if any. */
  counters: string[];
  why?: string;
}

/** The quota's segments for a width (QuotaBar's quotaSegments bound to the quotas in view). */
export type QuotaFit = (width: number) => Span[];

const SEP = ' │ ';
const GAP = 2;

export const spansWidth = (spans: Span[]) => spans.reduce((a, s) => a + stringWidth(s.text), 0);

/** Line 1: who and where, left; the health badge, right. Exactly `width` columns. */
export function headerLine1(f: HeaderFacts, width: number): Span[] {
  const right = f.health ? ` ${f.health.text}` : '';
  const room = width - stringWidth(right);
  const ro = f.readonly ? ['READ-ONLY'] : [];
  const ns = `ns ${f.namespace}`;
  const plans = [
    ['kdash', f.context, f.server, `user ${f.user}`, ns, ...ro],
    ['kdash', f.context, `user ${f.user}`, ns, ...ro],
    ['kdash', f.context, ns, ...ro],
    [f.context, ns, ...ro],
  ];
  let left = plans.map((p) => p.join(SEP)).find((t) => stringWidth(t) <= room);
  if (left === undefined) {
    // Only the context is left to cut: the namespace and READ-ONLY are worth more than its tail.
    const tail = SEP + [ns, ...ro].join(SEP);
    const ctxRoom = room - stringWidth(tail);
    left = ctxRoom >= 4 ? truncateToWidth(f.context, ctxRoom) + tail : truncateToWidth([ns, ...ro].join(SEP), Math.max(0, room));
  }
  const pad = ' '.repeat(Math.max(0, room - stringWidth(left)));
  const spans: Span[] = [{ text: left + pad, style: 'bold' }];
  if (f.health) spans.push({ text: right, color: f.health.color });
  return spans;
}

/**
 * Line 2: the quota, right, at the widest that fits; the counters, left, in what is left over
 * (whole entries only: the ones that do not fit are summed up as "+N"). Exactly `width` columns.
 */
export function headerLine2(f: HeaderFacts, width: number, quota: QuotaFit): Span[] {
  const q = quota(width);
  const qw = spansWidth(q);
  const room = width - qw - (qw > 0 ? GAP : 0);
  // The reason data is not live comes first, and is worth a cut (with …) rather than a drop.
  let left = f.why && room >= 8 ? truncateToWidth(f.why, room) : '';
  const parts = f.counters;
  for (let i = 0; i < parts.length; i++) {
    const next = (left ? left + '  ' : '') + parts[i];
    const rest = parts.length - i - 1;
    const more = rest > 0 ? `  +${rest}` : '';
    if (stringWidth(next + more) > room) {
      // Say how many watches are not listed, when even that fits.
      const skipped = `${left ? '  ' : ''}+${parts.length - i}`;
      if (stringWidth(left + skipped) <= room) left += skipped;
      break;
    }
    left = next;
  }
  const pad = ' '.repeat(Math.max(0, width - stringWidth(left) - qw));
  return [{ text: left + pad, style: 'dim' }, ...q];
}

/** Any further line (the notes), cut with "…" to the width. */
export function headerNote(text: string, width: number): string {
  return truncateToWidth(text, width);
}
