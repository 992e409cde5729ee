// Display helpers ported from apimachinery/kubectl so ages and sizes read exactly like kubectl's.
import { escapeInvisible } from '../text/sanitize.js';

/** apimachinery util/duration.HumanDuration: "45s", "3m12s", "15m", "5h30m", "20h", "2d3h", "30d", "2y10d". */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // kubectl tolerates up to 2s of clock skew as "now".
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** apimachinery util/duration.ShortHumanDuration: one unit only ("45s", "3m", "5h", "2d", "1y"). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Parses an RFC 3339 timestamp; undefined when absent or unparsable. */
export function parseTime(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

/** kubectl printers.go translateTimestampSince: "<unknown>" for a missing time, else HumanDuration. */
export function translateTimestampSince(ts: string | undefined | null, now: number): string {
  const t = parseTime(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** Seconds since a timestamp, for sorting AGE-like columns numerically (-1 when unknown). */
export function secondsSince(ts: string | undefined | null, now: number): number {
  const t = parseTime(ts);
  return t === undefined ? -1 : Math.trunc((now - t) / 1000);
}

/** kubectl top's CPU(cores) cell: Quantity.MilliValue() rounds up ("12.3" → "13m"); the epsilon absorbs float noise. */
export function formatCpu(milli: number): string {
  return `${Math.max(0, Math.ceil(milli - 1e-9))}m`;
}

/** kubectl top's MEMORY(bytes) cell: whole mebibytes ("45Mi"). */
export function formatMem(bytes: number): string {
  return `${Math.trunc(bytes / (1024 * 1024))}Mi`;
}

/** apimachinery labels.FormatLabels: sorted "k=v,k2=v2", "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z as kubectl describe prints times ("Mon, 02 Jan 2006 15:04:05 +0000"); always UTC here. */
export function formatRfc1123Z(ts: string | undefined | null): string {
  const t = parseTime(ts);
  if (t === undefined) return '<unknown>';
  const d = new Date(t);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

/**
 * Cluster text is untrusted: replace C0/C1 control characters (ESC, BEL, CR…) and DEL so an object
 * name or message can never move the cursor or retitle the terminal. Newlines are kept only if asked
 * (a CR is never kept: it could overwrite what was printed before it).
 */
export function sanitize(text: string, keepNewlines = false): string {
  const re = keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g;
  // Line breaks and tabs inside one cell read best as spaces; anything else becomes a visible U+FFFD.
  return escapeInvisible(text.replace(re, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : '\uFFFD')));
}
