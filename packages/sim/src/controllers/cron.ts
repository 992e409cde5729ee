// CronJob schedules as kube-apiserver and the CronJob controller read them (robfig/cron's
// ParseStandard): 5 fields (minute hour day-of-month month day-of-week) with ranges, steps, lists and
// month/day names, the @hourly-style descriptors and @every <duration>; in UTC or spec.timeZone.
// Parse errors carry robfig's messages, which the API server returns on create/update.
import type { FieldCause } from '../status.js';

export interface CronSchedule {
  /** First scheduled time strictly after `after` (ms), or undefined if none within ~5 years. */
  next(after: number): number | undefined;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** strconv.Atoi plus robfig's mustParseInt (no negatives). */
function mustParseInt(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${s}`);
  return n;
}

interface Field {
  values: Set<number>;
  /** "*" or "?" without a step above 1: robfig's starBit, which decides how the two day fields combine. */
  star: boolean;
}

/** robfig getField/getRange: comma-separated ranges, each checked in robfig's order. */
function field(src: string, min: number, max: number, names?: string[], nameBase = 0): Field {
  const out: Field = { values: new Set(), star: false };
  const named = (s: string) => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    return i >= 0 ? i + nameBase : mustParseInt(s);
  };
  for (const expr of src.split(',')) {
    const rangeAndStep = expr.split('/');
    const lowAndHigh = rangeAndStep[0].split('-');
    let start: number;
    let end: number;
    let star = false;
    if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
      [start, end, star] = [min, max, true];
    } else {
      start = named(lowAndHigh[0]);
      if (lowAndHigh.length > 2) throw new Error(`too many hyphens: ${expr}`);
      end = lowAndHigh.length === 2 ? named(lowAndHigh[1]) : start;
    }
    let step = 1;
    if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expr}`);
    if (rangeAndStep.length === 2) {
      step = mustParseInt(rangeAndStep[1]);
      if (lowAndHigh.length === 1) end = max; // "N/step" means "N-max/step"
      if (step > 1) star = false;
    }
    if (start < min) throw new Error(`beginning of range (${start}) below minimum (${min}): ${expr}`);
    if (end > max) throw new Error(`end of range (${end}) above maximum (${max}): ${expr}`);
    if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
    if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
    for (let v = start; v <= end; v += step) out.values.add(v);
    out.star ||= star;
  }
  return out;
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, in ms. */
function parseDuration(s: string): number {
  const bad = () => new Error(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s.replace(/^[+-]/, '');
  const sign = s.startsWith('-') ? -1 : 1;
  if (rest === '0') return 0;
  if (!rest) throw bad();
  let total = 0;
  while (rest) {
    const num = /^(\d*)(\.\d*)?/.exec(rest)!;
    if (!num[1] && (!num[2] || num[2] === '.')) throw bad();
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (!unit) throw new Error(`time: missing unit in duration ${JSON.stringify(s)}`);
    if (!(unit in UNITS)) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(s)}`);
    total += Number(`${num[1] || '0'}${num[2] ?? ''}`) * UNITS[unit];
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

/** robfig's ConstantDelaySchedule: at least a second, whole seconds, counted from the last run's second. */
function every(delay: number): CronSchedule {
  const d = delay < 1000 ? 1000 : delay - (delay % 1000);
  return { next: (after) => after - (after % 1000) + d };
}

/** Parses a schedule; throws an Error with robfig's one-line reason when it is malformed. */
export function parseCron(expr: string, timeZone?: string): CronSchedule {
  let s = expr.trim();
  if (!s) throw new Error('empty spec string');
  // The controller still reads a TZ= prefix (validation refuses it on new objects).
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(s);
  if (tz) s = s.slice(tz[0].length).trim();
  const zone = tz?.[1] ?? timeZone;
  if (zone && !knownZone(zone)) throw new Error(`provided bad location ${zone}: unknown time zone ${zone}`);
  if (s.startsWith('@every ')) {
    try {
      return every(parseDuration(s.slice('@every '.length)));
    } catch (err) {
      throw new Error(`failed to parse duration ${s}: ${(err as Error).message}`);
    }
  }
  if (s.startsWith('@')) {
    if (!DESCRIPTORS[s]) throw new Error(`unrecognized descriptor: ${s}`);
    s = DESCRIPTORS[s];
  }
  const parts = s.split(/\s+/);
  if (parts.length !== 5) throw new Error(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
  const minute = field(parts[0], 0, 59).values;
  const hour = field(parts[1], 0, 23).values;
  const dom = field(parts[2], 1, 31);
  const month = field(parts[3], 1, 12, MONTHS, 1).values;
  const dow = field(parts[4], 0, 6, DAYS, 0);
  // robfig dayMatches: either day field being "*" means both must match, otherwise either may.
  const dayOk = (d: Date) => {
    const a = dom.values.has(d.getUTCDate());
    const b = dow.values.has(d.getUTCDay());
    return dom.star || dow.star ? a && b : a || b;
  };
  /** The next matching wall-clock minute after `after`, reading wall-clock time as if it were UTC. */
  const nextWall = (after: number): number | undefined => {
    const d = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
    const limit = after + 5 * 366 * 86_400_000;
    while (d.getTime() <= limit) {
      if (!month.has(d.getUTCMonth() + 1)) {
        d.setUTCMonth(d.getUTCMonth() + 1, 1);
        d.setUTCHours(0, 0, 0, 0);
      } else if (!dayOk(d)) {
        d.setUTCDate(d.getUTCDate() + 1);
        d.setUTCHours(0, 0, 0, 0);
      } else if (!hour.has(d.getUTCHours())) {
        d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      } else if (!minute.has(d.getUTCMinutes())) {
        d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      } else {
        return d.getTime();
      }
    }
    return undefined;
  };
  if (!zone || zone === 'UTC') return { next: nextWall };
  const offset = zoneOffset(zone);
  return {
    next(after) {
      // Walk wall-clock times in the zone; a wall time the clocks skip or repeat maps to the first instant after `after`.
      let wall = nextWall(after + offset(after));
      for (let i = 0; wall !== undefined && i < 4; i++, wall = nextWall(wall)) {
        const at = wall - offset(wall - offset(wall));
        if (at > after) return at;
      }
      return undefined;
    },
  };
}

/** The zone's UTC offset (ms) at an instant, from Intl (the same IANA database Go reads). */
function zoneOffset(zone: string): (at: number) => number {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return (at) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (at - (at % 1000));
  };
}

/** RFC 3339 in the zone, to the second, as Go's time.Format(time.RFC3339) prints it (Z for a zero offset). */
export function rfc3339In(at: number, zone?: string): string {
  const off = zone ? zoneOffset(zone)(at) : 0;
  const local = new Date(at - (at % 1000) + off).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return `${local}Z`;
  const m = Math.abs(off) / 60_000;
  return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** ValidateCronJobSpec's schedule and timeZone checks, with the API server's messages. */
export function cronJobCauses(spec: any): FieldCause[] {
  const causes: FieldCause[] = [];
  const schedule = spec?.schedule;
  if (typeof schedule === 'string' && schedule) {
    try {
      parseCron(schedule);
    } catch (err) {
      causes.push({ field: 'spec.schedule', type: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(schedule)}: ${(err as Error).message}` });
    }
    if (schedule.includes('TZ')) causes.push({ field: 'spec.schedule', type: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(schedule)}: cannot use TZ or CRON_TZ in schedule, use timeZone field instead` });
  }
  const tz = spec?.timeZone;
  if (tz !== undefined && tz !== null) {
    const bad = (why: string) => causes.push({ field: 'spec.timeZone', type: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(tz)}: ${why}` });
    if (tz === '') bad('timeZone must be nil or non-empty string');
    else if (String(tz).toLowerCase() === 'local') bad('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
    else if (!knownZone(String(tz))) bad(`unknown time zone ${tz}`);
  }
  return causes;
}

/** time.LoadLocation succeeds: an IANA name, spelled with its exact case (Intl alone ignores case). */
function knownZone(tz: string): boolean {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    return resolved === tz || resolved.toLowerCase() !== tz.toLowerCase();
  } catch {
    return false;
  }
}
