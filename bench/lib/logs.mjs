// The log view at 10,000 lines/s: runs the log benchmark in its own process (fresh heap, --expose-gc
// so retained memory is measured after a full collection) and adds its own CPU share.
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, loadAverage } from './proc.mjs';

const CHILD = fileURLToPath(new URL('./logChild.mjs', import.meta.url));

export function runLogBench(seconds) {
  return new Promise((resolve) => {
    const load = loadAverage();
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--expose-gc', CHILD, String(seconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let cpu = 0;
    const sample = setInterval(() => (cpu = cpuSeconds(child.pid) ?? cpu), 500);
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearInterval(sample);
      clearTimeout(timer);
      const wall = (performance.now() - t0) / 1000;
      try {
        const r = JSON.parse(out);
        resolve({ ...r, cpuPercent: (100 * cpu) / wall, load });
      } catch {
        resolve({ error: `log bench failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' / ')}` });
      }
    });
  });
}
