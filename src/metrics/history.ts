// Bounded usage history for the charts: one ring buffer per pod, workload, node and namespace.
// Memory stays bounded: each ring holds `capacity` samples, and rings not fed for a whole
// capacity's worth of samples (deleted pods) are dropped.
import type { Usage } from './usage.js';

export type HistoryTarget =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'workload'; namespace: string; name: string }
  | { kind: 'node'; name: string }
  | { kind: 'namespace'; name: string };

export interface Series {
  t: number[];
  cpuMilli: number[];
  memBytes: number[];
}

/** "pod:ns/name", "workload:ns/name", "node:name", "namespace:name". */
export function historyKey(target: { kind: string; namespace?: string; name: string }): string {
  if (target.kind === 'pod' || target.kind === 'workload') return `${target.kind}:${target.namespace ?? ''}/${target.name}`;
  return `${target.kind}:${target.name}`;
}

/** Maps a pod to its workload name (in the same namespace), or undefined for a bare pod. */
export type WorkloadOf = (namespace: string, podName: string, labels?: Record<string, string>) => string | undefined;

/**
 * Guess from the labels controllers put on pods (metrics-server copies pod labels onto PodMetrics):
 * Deployment pods are "<rs>-<rand>" with rs "<deployment>-<pod-template-hash>"; StatefulSet pods
 * "<sts>-<ordinal>"; DaemonSet pods "<ds>-<rand>"; Job pods carry job-name. The lead may pass an
 * exact mapping from ownerReferences instead (usage.ts workloadOfPod).
 */
export const workloadFromLabels: WorkloadOf = (_ns, podName, labels) => {
  if (!labels) return undefined;
  const hash = labels['pod-template-hash'];
  if (hash) {
    const i = podName.lastIndexOf(`-${hash}-`);
    if (i > 0) return podName.slice(0, i);
  }
  if (labels['statefulset.kubernetes.io/pod-name'] === podName) {
    const m = /^(.+)-\d+$/.exec(podName);
    if (m) return m[1];
  }
  if (labels['job-name']) return labels['job-name'];
  if (labels['controller-revision-hash'] && labels['pod-template-generation']) {
    const m = /^(.+)-[a-z0-9]{5}$/.exec(podName);
    if (m) return m[1];
  }
  return undefined;
};

class Ring {
  private readonly t: number[] = [];
  private readonly cpu: number[] = [];
  private readonly mem: number[] = [];
  private start = 0;
  lastFedSample = 0;

  constructor(private readonly capacity: number) {}

  push(t: number, u: Usage, sampleNo: number): void {
    this.lastFedSample = sampleNo;
    if (this.t.length < this.capacity) {
      this.t.push(t);
      this.cpu.push(u.cpuMilli);
      this.mem.push(u.memBytes);
      return;
    }
    this.t[this.start] = t;
    this.cpu[this.start] = u.cpuMilli;
    this.mem[this.start] = u.memBytes;
    this.start = (this.start + 1) % this.capacity;
  }

  series(): Series {
    const order = (a: number[]) => [...a.slice(this.start), ...a.slice(0, this.start)];
    return { t: order(this.t), cpuMilli: order(this.cpu), memBytes: order(this.mem) };
  }
}

export interface Sample {
  /** ms since epoch of the poll. */
  t: number;
  /** Usage by "ns/name". */
  pods: Map<string, Usage>;
  /** Pod labels by "ns/name", for the default workload mapping. */
  podLabels?: Map<string, Record<string, string>>;
  /** Usage by node name; omitted when nodes are not polled. */
  nodes?: Map<string, Usage>;
}

export class MetricsHistory {
  readonly capacity: number;
  private readonly rings = new Map<string, Ring>();
  /** workload key → pod keys seen in its samples (for one series per pod). */
  private readonly members = new Map<string, Set<string>>();
  private readonly listeners = new Set<() => void>();
  private samples = 0;
  private workloadOf: WorkloadOf;
  /** Bumped on every recorded sample; views compare it to redraw. */
  version = 0;

  constructor(opts: { capacity?: number; workloadOf?: WorkloadOf } = {}) {
    this.capacity = Math.max(2, Math.floor(opts.capacity ?? 60));
    this.workloadOf = opts.workloadOf ?? workloadFromLabels;
  }

  /** Lets the app switch to an exact owner-based mapping once the pods are in the store. */
  setWorkloadOf(fn: WorkloadOf): void {
    this.workloadOf = fn;
  }

  record(sample: Sample): void {
    for (const _ of this.steps(sample, Infinity));
  }

  /**
   * The same as record, giving the event loop a turn after every `podsPerStep` pods: at 50k pods a
   * sample is a few hundred ms of work, which would otherwise hold up keys and frames in one block.
   */
  async recordInSteps(sample: Sample, podsPerStep = 2000): Promise<void> {
    for (const _ of this.steps(sample, podsPerStep)) await nextTurn();
  }

  private *steps(sample: Sample, podsPerStep: number): Generator<void> {
    this.samples++;
    const workloads = new Map<string, Usage>();
    const namespaces = new Map<string, Usage>();
    let done = 0;
    for (const [key, usage] of sample.pods) {
      if (++done % podsPerStep === 0) yield;
      const slash = key.indexOf('/');
      const ns = key.slice(0, slash);
      const name = key.slice(slash + 1);
      this.push(historyKey({ kind: 'pod', namespace: ns, name }), sample.t, usage);
      add(namespaces, historyKey({ kind: 'namespace', name: ns }), usage);
      const workload = this.workloadOf(ns, name, sample.podLabels?.get(key));
      if (workload) {
        const wkey = historyKey({ kind: 'workload', namespace: ns, name: workload });
        add(workloads, wkey, usage);
        let set = this.members.get(wkey);
        if (!set) this.members.set(wkey, (set = new Set()));
        set.add(historyKey({ kind: 'pod', namespace: ns, name }));
      }
    }
    for (const [key, usage] of workloads) this.push(key, sample.t, usage);
    for (const [key, usage] of namespaces) this.push(key, sample.t, usage);
    for (const [name, usage] of sample.nodes ?? []) this.push(historyKey({ kind: 'node', name }), sample.t, usage);
    this.prune();
    this.version++;
    for (const fn of [...this.listeners]) fn();
  }

  series(key: string): Series {
    return this.rings.get(key)?.series() ?? { t: [], cpuMilli: [], memBytes: [] };
  }

  /** Pod keys ("pod:ns/name") that belonged to a workload while its history was recorded. */
  podsOf(workloadKey: string): string[] {
    return [...(this.members.get(workloadKey) ?? [])].filter((k) => this.rings.has(k)).sort();
  }

  has(key: string): boolean {
    return this.rings.has(key);
  }

  keys(): string[] {
    return [...this.rings.keys()];
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  private push(key: string, t: number, usage: Usage): void {
    let ring = this.rings.get(key);
    if (!ring) this.rings.set(key, (ring = new Ring(this.capacity)));
    ring.push(t, usage, this.samples);
  }

  /** Drops rings whose every sample has scrolled out of the window (deleted pods, nodes). */
  private prune(): void {
    for (const [key, ring] of this.rings) {
      if (this.samples - ring.lastFedSample >= this.capacity) this.rings.delete(key);
    }
    for (const [wkey, set] of this.members) {
      for (const pod of set) if (!this.rings.has(pod)) set.delete(pod);
      if (set.size === 0 && !this.rings.has(wkey)) this.members.delete(wkey);
    }
  }
}

/** Resolves after the event loop has had a turn (I/O such as a key press included). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function add(map: Map<string, Usage>, key: string, u: Usage): void {
  const cur = map.get(key);
  if (cur) {
    cur.cpuMilli += u.cpuMilli;
    cur.memBytes += u.memBytes;
  } else map.set(key, { cpuMilli: u.cpuMilli, memBytes: u.memBytes });
}
