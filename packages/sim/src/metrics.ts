// metrics.k8s.io as metrics-server serves it: PodMetrics and NodeMetrics. Usage is a smooth random
// walk around a per-container baseline (proportional to its requests; web servers and crashing
// containers run hotter), computed from the clock on demand — no per-pod timers.
import type { PodRt } from './controllers/podRuntime.js';
import { bytes, fnv32a, isoTime, milliCpu } from './controllers/util.js';
import type { KubeObject, SimClock } from './types.js';

const WINDOW = '30s';
const BUCKET_MS = 15_000; // metrics-server's default resolution

export interface MetricsSource {
  pods(): Iterable<PodRt>;
  nodes(): KubeObject[];
}

export interface Metrics {
  podMetrics(ns?: string): KubeObject[];
  nodeMetrics(): KubeObject[];
}

/** Integer hash of (seed, k) — cheap enough to call for every container of 10,000 pods. */
function mix(seed: number, k: number): number {
  let h = Math.imul(seed ^ Math.imul(k, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic value noise in [-1, 1], smoothly interpolated between 15s buckets. */
function noise(seed: number, t: number, periodMs: number): number {
  const x = t / periodMs;
  const i = Math.floor(x);
  const f = x - i;
  const v = (k: number) => (mix(seed, k) / 0xffffffff) * 2 - 1;
  const s = f * f * (3 - 2 * f);
  return v(i) * (1 - s) + v(i + 1) * s;
}

/** Busy-ness by what the container is: a Flask app serving requests is hotter than redis idling. */
function heat(image: string, behavior: string): number {
  if (behavior === 'crashloop') return 1.4;
  if (behavior === 'oomkill') return 2;
  if (/webnodb|flask|python|nginx/.test(image)) return 1.3;
  if (/redis/.test(image)) return 0.3;
  if (/tricky/.test(image)) return 0.2;
  return 0.6;
}

export function containerUsage(rt: PodRt, name: string, now: number): { cpuNano: number; memBytes: number } | undefined {
  const c = rt.containers.find((x) => x.name === name);
  if (!c || c.state !== 'running') return undefined;
  const req = rt.requests.get(name) ?? { cpu: 0, mem: 0, limMem: 0 };
  const seed = fnv32a(`${rt.uid}/${name}`);
  const h = heat(c.image, c.behavior);
  const baseCpu = Math.max(1, (req.cpu || 20) * 0.35 * h); // millicores
  const walk = 0.25 * noise(seed, now, 60_000) + 0.15 * noise(seed + 1, now, BUCKET_MS) + 0.1 * noise(seed + 2, now, 240_000);
  const cpuMilli = Math.max(0.2, baseCpu * (1 + walk));
  const baseMem = (req.mem || 24 * 2 ** 20) * (0.45 + 0.15 * h);
  let mem = baseMem * (1 + 0.08 * noise(seed + 3, now, 300_000));
  // A container heading for an OOM kill grows towards its limit.
  if (c.behavior === 'oomkill' && c.startedAt !== undefined) {
    const frac = Math.min(1, (now - c.startedAt) / Math.max(1000, c.runSeconds * 1000));
    const limit = req.limMem || req.mem * 2 || 256 * 2 ** 20;
    mem = baseMem + (limit * 0.98 - baseMem) * frac;
  }
  return { cpuNano: Math.round(cpuMilli * 1e6), memBytes: Math.round(mem) };
}

export function createMetrics(clock: SimClock, src: MetricsSource): Metrics {
  const stampOf = (now: number) => isoTime(Math.floor(now / BUCKET_MS) * BUCKET_MS);

  function podMetric(rt: PodRt, now: number, stamp: string, created: string): KubeObject | undefined {
    if (rt.phase !== 'Running' || rt.deleting) return undefined;
    const containers = [];
    for (const c of rt.containers) {
      const u = containerUsage(rt, c.name, now);
      if (u) containers.push({ name: c.name, usage: { cpu: `${u.cpuNano}n`, memory: `${Math.round(u.memBytes / 1024)}Ki` } });
    }
    if (!containers.length) return undefined;
    return {
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: rt.name, namespace: rt.ns, creationTimestamp: created, labels: rt.labels },
      timestamp: stamp,
      window: WINDOW,
      containers,
    };
  }

  return {
    podMetrics(ns) {
      const now = clock.now();
      const stamp = stampOf(now);
      const created = isoTime(now);
      const out: Array<[string, KubeObject]> = [];
      for (const rt of src.pods()) {
        if (ns !== undefined && rt.ns !== ns) continue;
        const m = podMetric(rt, now, stamp, created);
        if (m) out.push([rt.key, m]);
      }
      return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, m]) => m);
    },
    nodeMetrics() {
      const now = clock.now();
      const sums = new Map<string, { cpu: number; mem: number }>();
      for (const rt of src.pods()) {
        if (rt.phase !== 'Running' || rt.deleting) continue;
        const s = sums.get(rt.node) ?? { cpu: 0, mem: 0 };
        for (const c of rt.containers) {
          const u = containerUsage(rt, c.name, now);
          if (u) {
            s.cpu += u.cpuNano;
            s.mem += u.memBytes;
          }
        }
        sums.set(rt.node, s);
      }
      return src.nodes()
        .filter((n) => n.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'))
        .map((n) => {
          const name = n.metadata.name ?? '';
          const seed = fnv32a(name);
          const s = sums.get(name) ?? { cpu: 0, mem: 0 };
          // System overhead: kubelet, container runtime, kube-proxy, the OS.
          const cpu = s.cpu + (90 + 40 * noise(seed, now, 45_000)) * 1e6 + (milliCpu(n.status?.capacity?.cpu) / 1000) * 8e6;
          const mem = s.mem + 900 * 2 ** 20 + bytes(n.status?.capacity?.memory) * 0.04 * (1 + 0.05 * noise(seed + 1, now, 120_000));
          return {
            kind: 'NodeMetrics',
            apiVersion: 'metrics.k8s.io/v1beta1',
            metadata: { name, creationTimestamp: isoTime(now), labels: n.metadata.labels ?? {} },
            timestamp: stampOf(now),
            window: WINDOW,
            usage: { cpu: `${Math.round(cpu)}n`, memory: `${Math.round(mem / 1024)}Ki` },
          };
        });
    },
  };
}
