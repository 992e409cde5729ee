// Benchmark of the log pipeline at high line rates (not a timed test): a local HTTP server plays a
// kubelet writing `rate` lines/s for `seconds` into one pod's log; the real controller follows it
// (HTTP, line splitting, dedupe, sanitizing, ring buffer, throttled snapshots) and a frame sink lays
// out the visible rows on every snapshot like the view does. Reports lines lost (must be 0; lines
// evicted from the ring are counted apart), frame times, event-loop delay and RSS over time.
//   npm run build && node --expose-gc dist/logs/benchLogs.js [--seconds 30] [--rate 10000] [--capacity 5000]
// (--expose-gc: the heap is sampled after a full collection, so it shows what is really retained)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { makeApi } from '../kube/api.js';
import { createLogController, type LogController } from './logController.js';
import { layout } from './logLayout.js';

export interface BenchOptions {
  seconds?: number;
  rate?: number;
  capacity?: number;
  width?: number;
  height?: number;
  /** Called on every snapshot. Default: lay out the visible rows like the view (a string sink). */
  frame?: (c: LogController) => void;
  /** Frame times measured by the caller (e.g. from snapshot to Ink's write); replaces the timing of frame(). */
  frameTimes?: number[];
  log?: (line: string) => void;
}

export interface BenchReport {
  seconds: number;
  rate: number;
  sent: number;
  received: number;
  /** Lines missing or out of order among those received: must be 0. */
  lost: number;
  /** Lines still in flight (TCP backpressure) when the catch-up deadline passed: the pipeline was too slow. */
  late: number;
  /** Lines pushed out of the ring because it was full (expected: received − capacity). */
  evicted: number;
  frames: number;
  frameMs: { p50: number; p95: number; max: number };
  loopDelayMs: { p50: number; p95: number; max: number };
  rssMb: number[];
  /** Live heap per second (after a full GC when run with --expose-gc: then it is what is retained). */
  heapMb: number[];
  /** Growth over the second half of the run, MB (flat ≈ 0). RSS alone is a sawtooth: V8 collects
   * old-generation garbage late, so compare heapMb under --expose-gc for retention. */
  rssGrowthSecondHalfMb: number;
  heapGrowthSecondHalfMb: number;
}

const NS = 'bench';
const POD = 'bench-0';

/** A fake API server: the pod and its endless log at `rate` lines/s. */
function startFakeKubelet(rate: number, seconds: number): Promise<{ url: string; sent: () => number; close: () => void; done: Promise<void> }> {
  let sent = 0;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const base = Date.UTC(2026, 0, 1);
  const line = (i: number) => {
    // Timestamps advancing at the line rate (like a real container), some colour and a control
    // sequence to keep the sanitizer honest.
    const ns = Math.floor((i * 1e9) / rate);
    const ms = Math.floor(ns / 1e6);
    const ts = new Date(base + ms).toISOString().replace('Z', `${String(ns % 1e6).padStart(6, '0')}Z`);
    const extra = i % 50 === 0 ? ' \x1b[31mERROR\x1b[0m \x1b]0;title\x07' : '';
    return `${ts} 10.8.0.${i % 250} - - "GET /api/items/${i % 97} HTTP/1.1" 200 seq=${i}${extra}\n`;
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === `/api/v1/namespaces/${NS}/pods/${POD}`) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({
        apiVersion: 'v1', kind: 'Pod', metadata: { name: POD, namespace: NS, uid: 'u1' },
        spec: { containers: [{ name: 'app', image: 'bench' }] },
        status: { phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 0, ready: true, image: 'bench', imageID: '', state: { running: { startedAt: new Date(base).toISOString() } } }] },
      }));
      return;
    }
    if (path !== `/api/v1/namespaces/${NS}/pods/${POD}/log`) {
      res.statusCode = 404;
      res.end('{"kind":"Status","code":404,"message":"not found"}');
      return;
    }
    res.setHeader('content-type', 'text/plain');
    const t0 = Date.now();
    const timer = setInterval(() => {
      const due = Math.min(rate * seconds, Math.floor(((Date.now() - t0) / 1000) * rate));
      let chunk = '';
      while (sent < due) chunk += line(sent++);
      if (chunk) res.write(chunk);
      if (sent >= rate * seconds) {
        clearInterval(timer);
        finish();
      }
    }, 10);
    req.on('close', () => clearInterval(timer));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, sent: () => sent, close: () => server.close(), done });
    });
  });
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
};

export async function runLogBench(o: BenchOptions = {}): Promise<BenchReport> {
  const seconds = o.seconds ?? 30;
  const rate = o.rate ?? 10_000;
  const capacity = o.capacity ?? 5_000;
  const log = o.log ?? (() => {});
  const kubelet = await startFakeKubelet(rate, seconds);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server: kubelet.url, skipTLSVerify: true }],
    users: [{ name: 'bench', token: 'bench' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench', namespace: NS }],
    currentContext: 'bench',
  });
  const controller = createLogController(makeApi(kc), { kind: 'pod', namespace: NS, pod: POD, tail: 0 }, { capacity });
  const width = o.width ?? 160;
  const height = o.height ?? 48;
  const frame =
    o.frame ??
    ((c: LogController) => {
      const s = c.getSnapshot();
      layout((a, b) => c.lines(a, b), s.first, s.end, undefined, { width, height: height - 2, wrap: false, timestamps: false, prefix: 'none' });
    });
  const frameMs: number[] = [];
  const unsubscribe = controller.subscribe(() => {
    const t = performance.now();
    frame(controller);
    frameMs.push(performance.now() - t);
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const rssMb: number[] = [];
  const heapMb: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  const sampler = setInterval(() => {
    const s = controller.getSnapshot();
    gc?.();
    const m = process.memoryUsage();
    rssMb.push(Math.round(m.rss / 1e5) / 10);
    heapMb.push(Math.round(m.heapUsed / 1e5) / 10);
    log(`t=${rssMb.length}s sent=${kubelet.sent()} received=${s.end} held=${s.end - s.first} rss=${rssMb.at(-1)}MB heap=${heapMb.at(-1)}MB frames=${frameMs.length}`);
  }, 1000);

  await kubelet.done;
  // Let the tail of the stream arrive.
  const deadline = Date.now() + 30_000;
  while (controller.getSnapshot().end < kubelet.sent() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  clearInterval(sampler);
  loop.disable();
  unsubscribe();

  // Every held line must be the next sequence number: nothing lost or duplicated in between.
  const s = controller.getSnapshot();
  const held = controller.lines(s.first, s.end);
  let outOfOrder = 0;
  let prev = -1;
  for (const l of held) {
    const m = /seq=(\d+)/.exec(l.plain);
    const n = m ? Number(m[1]) : NaN;
    if (prev >= 0 && n !== prev + 1) outOfOrder++;
    prev = n;
  }
  const sent = kubelet.sent();
  controller.dispose();
  kubelet.close();
  const growth = (xs: number[]) => {
    const half = xs.slice(Math.floor(xs.length / 2));
    return half.length > 1 ? Math.round((half[half.length - 1] - half[0]) * 10) / 10 : 0;
  };
  return {
    seconds,
    rate,
    sent,
    received: s.end,
    lost: outOfOrder,
    late: Math.max(0, sent - s.end),
    evicted: s.dropped,
    frames: (o.frameTimes ?? frameMs).length,
    frameMs: { p50: pct(o.frameTimes ?? frameMs, 50), p95: pct(o.frameTimes ?? frameMs, 95), max: pct(o.frameTimes ?? frameMs, 100) },
    loopDelayMs: { p50: loop.percentile(50) / 1e6, p95: loop.percentile(95) / 1e6, max: loop.max / 1e6 },
    rssMb,
    heapMb,
    rssGrowthSecondHalfMb: growth(rssMb),
    heapGrowthSecondHalfMb: growth(heapMb),
  };
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const key = ({ '--seconds': 'seconds', '--rate': 'rate', '--capacity': 'capacity' } as const)[argv[i] as '--seconds'];
    if (!key) continue;
    const v = Number(argv[++i]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${argv[i - 1]} needs a positive number`);
    o[key] = v;
  }
  return o;
}

export function formatReport(r: BenchReport): string {
  return [
    `log bench: ${r.rate} lines/s for ${r.seconds}s`,
    `  lines sent ${r.sent}, received ${r.received}, lost ${r.lost} (must be 0), late ${r.late}, evicted from the ring ${r.evicted} (capacity)`,
    `  frames ${r.frames}: p50 ${r.frameMs.p50} ms, p95 ${r.frameMs.p95} ms, max ${r.frameMs.max} ms`,
    `  event-loop delay: p50 ${r.loopDelayMs.p50.toFixed(1)} ms, p95 ${r.loopDelayMs.p95.toFixed(1)} ms, max ${r.loopDelayMs.max.toFixed(1)} ms`,
    `  RSS MB per second: ${r.rssMb.join(' ')}`,
    `  heap MB per second: ${r.heapMb.join(' ')}`,
    `  growth over the second half: RSS ${r.rssGrowthSecondHalfMb} MB, heap ${r.heapGrowthSecondHalfMb} MB`,
  ].join('\n');
}

/** Runs a bench from the command line and exits 0 when no line was lost. */
export function benchMain(run: (o: BenchOptions) => Promise<BenchReport>): void {
  let opts: BenchOptions;
  try {
    opts = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  run({ ...opts, log: (l) => process.stderr.write(`${l}\n`) }).then(
    (r) => {
      process.stdout.write(`${formatReport(r)}\n`);
      process.exit(r.lost === 0 && r.late === 0 ? 0 : 1);
    },
    (err) => {
      process.stderr.write(`bench failed: ${err?.message ?? err}\n`);
      process.exit(1);
    },
  );
}

// Run directly: node dist/logs/benchLogs.js --seconds 30 (the name is checked too: in the bundle of the
// log view benchmark, this module shares that file's import.meta.url)
if (process.argv[1]?.endsWith('benchLogs.js') && import.meta.url === pathToFileURL(process.argv[1]).href) benchMain(runLogBench);
