// Line charts as text lines, with asciichart, sized to a box: downsampled to the width, never
// taller than the given rows, and safe for empty, single-sample, NaN and all-zero series.
import * as asciichart from 'asciichart';

export type ChartUnit = 'cpu' | 'memory';

/** Series colours: Ink colour names for legends, and the matching escape codes for asciichart. */
export const PALETTE: Array<{ ink: string; ansi: string }> = [
  { ink: 'cyan', ansi: asciichart.cyan },
  { ink: 'magenta', ansi: asciichart.magenta },
  { ink: 'yellow', ansi: asciichart.yellow },
  { ink: 'green', ansi: asciichart.green },
  { ink: 'blue', ansi: asciichart.blue },
  { ink: 'red', ansi: asciichart.red },
  { ink: 'cyanBright', ansi: asciichart.lightcyan },
  { ink: 'magentaBright', ansi: asciichart.lightmagenta },
  { ink: 'yellowBright', ansi: asciichart.lightyellow },
  { ink: 'greenBright', ansi: asciichart.lightgreen },
];

const Mi = 1024 * 1024;
const Gi = Mi * 1024;

/** Non-finite samples (NaN, ±Infinity) repeat the previous value; leading ones take the first good one (or 0). */
export function cleanSeries(values: readonly number[]): number[] {
  const first = values.find((v) => Number.isFinite(v)) ?? 0;
  let prev = first;
  return values.map((v) => (Number.isFinite(v) ? (prev = v) : prev));
}

/** At most `n` points: the mean of each of n equal buckets (series shorter than n are kept). */
export function downsample(values: readonly number[], n: number): number[] {
  if (n <= 0) return [];
  if (values.length <= n) return [...values];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * values.length) / n);
    const to = Math.max(from + 1, Math.floor(((i + 1) * values.length) / n));
    let sum = 0;
    for (let j = from; j < to; j++) sum += values[j];
    out.push(sum / (to - from));
  }
  return out;
}

/** Axis label for a value: millicores ("250m", cores past 10 cores) or binary bytes ("45Mi", "1.5Gi"). */
export function axisFormatter(unit: ChartUnit, max: number): (v: number) => string {
  if (unit === 'cpu') {
    if (max >= 10_000) return (v) => `${(v / 1000).toFixed(1)}`;
    return (v) => `${v.toFixed(max < 10 ? 1 : 0)}m`;
  }
  if (max >= 10 * Gi) return (v) => `${(v / Gi).toFixed(1)}Gi`;
  return (v) => `${(v / Mi).toFixed(max < 10 * Mi ? 1 : 0)}Mi`;
}

export interface ChartOptions {
  /** Columns available, axis labels included. */
  width: number;
  /** Rows available. */
  height: number;
  unit: ChartUnit;
  /** Colour each series (by PALETTE order); off for --no-color. */
  color?: boolean;
}

/**
 * The chart's lines (at most `height`, each at most `width` columns), or [] when there is nothing
 * to draw or no room. Several series must be aligned (same length, same timestamps).
 */
export function chartLines(series: ReadonlyArray<readonly number[]>, opts: ChartOptions): string[] {
  const rows = Math.floor(opts.height);
  const nonEmpty = series.filter((s) => s.length > 0);
  if (rows < 2 || nonEmpty.length === 0) return [];
  // A single sample is drawn as a short flat line rather than a lone axis mark.
  let clean = nonEmpty.map(cleanSeries).map((s) => (s.length === 1 ? [s[0], s[0]] : s));
  const dataMax = Math.max(0, ...clean.map((s) => Math.max(...s)));
  const dataMin = Math.min(0, ...clean.map((s) => Math.min(...s)));
  // A flat zero line still gets a real axis: one unit tall (1m or 1Mi).
  const max = dataMax > dataMin ? dataMax : dataMin + (opts.unit === 'cpu' ? 1 : Mi);
  const min = dataMin;
  const fmt = axisFormatter(opts.unit, max);
  const ticks = Array.from({ length: rows }, (_, k) => max - (k * (max - min)) / (rows - 1));
  const labelWidth = Math.max(2, ...ticks.map((t) => fmt(t).length));
  // Line = label + axis + one column per point (asciichart leaves the last one blank).
  const points = opts.width - labelWidth - 1;
  if (points < 2) return [];
  clean = clean.map((s) => downsample(s, points));
  const plotted = asciichart.plot(clean, {
    min,
    max,
    height: rows - 1,
    offset: 2,
    format: (x: number) => fmt(x).padStart(labelWidth).slice(-labelWidth),
    colors: opts.color === false ? undefined : clean.map((_, i) => PALETTE[i % PALETTE.length].ansi),
  });
  return plotted.split('\n').slice(0, rows);
}
