// Server log timestamps (RFC3339Nano, e.g. 2026-11-21T21:17:34.123456789Z) are compared to dedupe
// lines after a reconnect. Trailing zeros of the fraction are trimmed by Go, so string order is not
// time order ("…:00.1Z" vs "…:00.10001Z"); tsKey pads the fraction so keys compare as strings.

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** A string key ordered like the instant, or undefined when ts is not RFC3339. */
export function tsKey(ts: string): string | undefined {
  const m = RFC3339.exec(ts);
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(9, '0');
  if (m[3] === 'Z') return `${m[1]}.${frac}`;
  // Offsets are rare in kubelet output; normalise through Date (millisecond precision is enough).
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}`;
}

/** Splits "TIMESTAMP text" as sent with timestamps=true. */
export function splitTimestamp(line: string): { ts?: string; text: string } {
  const sp = line.indexOf(' ');
  const head = sp < 0 ? line : line.slice(0, sp);
  if (head.length >= 20 && head.length <= 35 && head.charCodeAt(4) === 0x2d && head.charAt(10) === 'T') {
    return { ts: head, text: sp < 0 ? '' : line.slice(sp + 1) };
  }
  return { text: line };
}

/** The timestamp truncated to whole seconds (sinceTime is only reliably second-precise): an overlap. */
export function floorToSecond(ts: string): string {
  const m = RFC3339.exec(ts);
  if (!m) return ts;
  if (m[3] === 'Z') return `${m[1]}Z`;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  return Number.isNaN(ms) ? ts : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** "21:17:34.123" for titles and gap notes. */
export function shortTime(ts: string): string {
  const m = /T(\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?/.exec(ts);
  return m ? (m[2] ? `${m[1]}.${m[2].padEnd(3, '0')}` : m[1]) : ts;
}
