// Terminal output to plain text, enough to read titles and row names out of a frame.

// CSI sequences (cursor moves, colours, erases), OSC strings (titles), and two-byte escapes.
// A cursor position (CSI … H) becomes a newline so text from separate places never runs together.
const CUP = /\x1b\[[0-9;]*[Hf]/g;
const ANSI = /\x1b\[[0-9;?<>=!]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[()][0-9A-Za-z]|\x1b[@-Z\\-_=>78]/g;

export function stripAnsi(s) {
  return s.replace(CUP, '\n').replace(ANSI, '').replace(/\r/g, '');
}

const num = (s) => Number(s.replace(/,/g, ''));

/** The counts in table titles like `pods(team-001)[1234]` (kdash) or `pods(all)[1,234]` (k9s). */
export function titleCounts(text, kind = 'pods') {
  const re = new RegExp(`${kind}\\(([^)]*)\\)\\[([\\d,]+)(?:/([\\d,]+))?\\]`, 'gi');
  const out = [];
  for (const m of text.matchAll(re)) out.push({ scope: m[1], count: num(m[2]), of: m[3] === undefined ? undefined : num(m[3]) });
  return out;
}

export function pct(xs, p) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x, d = 1) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
