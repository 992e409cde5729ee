// Standard 5-field cron schedules (minute hour day-of-month month day-of-week), with ranges, steps,
// lists, month/day names and the @hourly-style macros, as CronJob accepts them. Times are UTC.

export interface CronSchedule {
  /** First scheduled time strictly after `after` (ms), or undefined if none within ~5 years. */
  next(after: number): number | undefined;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function field(src: string, min: number, max: number, names?: string[], nameBase = 0): Set<number> {
  const out = new Set<number>();
  const val = (s: string): number => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    const v = i >= 0 ? i + nameBase : Number(s);
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`value ${JSON.stringify(s)} out of range [${min}-${max}]`);
    return v;
  };
  for (const part of src.split(',')) {
    const [range, stepS] = part.split('/');
    const step = stepS === undefined ? 1 : Number(stepS);
    if (!Number.isInteger(step) || step < 1) throw new Error(`invalid step ${JSON.stringify(stepS)}`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') [lo, hi] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [lo, hi] = [val(a), val(b)];
    } else {
      lo = val(range);
      hi = stepS === undefined ? lo : max;
    }
    if (lo > hi) throw new Error(`invalid range ${JSON.stringify(range)}`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a schedule; throws an Error with a one-line reason when it is malformed. */
export function parseCron(expr: string): CronSchedule {
  let s = expr.trim();
  s = s.replace(/^(CRON_)?TZ=\S+\s+/, '');
  s = MACROS[s] ?? s;
  const parts = s.split(/\s+/);
  if (parts.length !== 5) throw new Error(`expected exactly 5 fields, found ${parts.length}: ${JSON.stringify(expr)}`);
  const minute = field(parts[0], 0, 59);
  const hour = field(parts[1], 0, 23);
  const dom = field(parts[2], 1, 31);
  const month = field(parts[3], 1, 12, MONTHS, 1);
  const dowRaw = field(parts[4], 0, 7, DAYS, 0);
  const dow = new Set([...dowRaw].map((d) => d % 7));
  const domStar = parts[2] === '*' || parts[2] === '?';
  const dowStar = parts[4] === '*' || parts[4] === '?';
  // Vixie cron: when both day fields are restricted, either may match.
  const dayOk = (d: Date) => {
    const a = dom.has(d.getUTCDate());
    const b = dow.has(d.getUTCDay());
    if (domStar && dowStar) return true;
    if (domStar) return b;
    if (dowStar) return a;
    return a || b;
  };
  return {
    next(after) {
      const d = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
      const limit = after + 5 * 366 * 86_400_000;
      while (d.getTime() <= limit) {
        if (!month.has(d.getUTCMonth() + 1)) {
          d.setUTCMonth(d.getUTCMonth() + 1, 1);
          d.setUTCHours(0, 0, 0, 0);
          continue;
        }
        if (!dayOk(d)) {
          d.setUTCDate(d.getUTCDate() + 1);
          d.setUTCHours(0, 0, 0, 0);
          continue;
        }
        if (!hour.has(d.getUTCHours())) {
          d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
          continue;
        }
        if (!minute.has(d.getUTCMinutes())) {
          d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
          continue;
        }
        return d.getTime();
      }
      return undefined;
    },
  };
}
