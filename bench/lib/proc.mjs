// CPU and memory of a process from /proc (Linux), the way top reads them.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds used so far (user + system) by the process, or null when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state (field 3).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK; // utime, stime
  } catch {
    return null;
  }
}

/** Resident and peak resident memory in MB. */
export function memoryMb(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: null, peak: null };
  }
}

export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

/**
 * Samples a process for `seconds`: its share of one core over the window (100% = one core busy)
 * and RSS each second (mean and max), while other work may run (e.g. a churning cluster).
 */
export async function sampleSteady(pid, seconds) {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  const rss = [];
  for (let i = 0; i < seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const m = memoryMb(pid);
    if (m.rss != null) rss.push(m.rss);
  }
  const c1 = cpuSeconds(pid);
  const wall = (performance.now() - t0) / 1000;
  return {
    seconds: wall,
    cpuPercent: c0 == null || c1 == null ? null : (100 * (c1 - c0)) / wall,
    rssMb: rss.length ? rss.reduce((a, b) => a + b, 0) / rss.length : null,
    rssMaxMb: rss.length ? Math.max(...rss) : null,
    peakMb: memoryMb(pid).peak,
  };
}
