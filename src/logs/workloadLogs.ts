// Logs of many containers at once: all pods of a workload (deployment, stateful set, daemon set, job,
// replica set, service) and/or all containers of a pod. A StreamSet follows a set of (pod, container)
// targets with a cap on concurrent streams; the caller tells it when the set changes (setTargets),
// e.g. from the store's pod list, so pods that appear later join the stream.
import type { Api } from '../kube/api.js';
import { describeError, statusCodeOf } from '../kube/errors.js';
import { labelSelectorRequirements, matchesSelector, type LabelSelectorExpression, type Requirement } from '../resources/labels.js';
import type { KObj } from '../resources/types.js';
import { startContainerStream, type ContainerStream, type StreamSink } from './logStream.js';
import { containerNames, defaultContainer } from './podInfo.js';
import type { StreamStatus, WorkloadKind } from './types.js';

export const DEFAULT_MAX_STREAMS = 10;

export interface Target {
  pod: string;
  container: string;
  /** History lines on the first connection (undefined: the whole log, for pods that appeared later). */
  tail?: number;
}

export const targetKey = (t: { pod: string; container: string }) => `${t.pod}/${t.container}`;

/** 'deploy', 'deployments', 'sts', … → the workload kind (kubectl's resource names and short names). */
export function workloadKindOf(word: string): WorkloadKind | undefined {
  const w = word.toLowerCase();
  const table: Record<string, WorkloadKind> = {
    deploy: 'deployment', deployment: 'deployment', deployments: 'deployment',
    sts: 'statefulset', statefulset: 'statefulset', statefulsets: 'statefulset',
    ds: 'daemonset', daemonset: 'daemonset', daemonsets: 'daemonset',
    job: 'job', jobs: 'job',
    rs: 'replicaset', replicaset: 'replicaset', replicasets: 'replicaset',
    svc: 'service', service: 'service', services: 'service',
  };
  return table[w];
}

/** The pods a workload selects: a service's spec.selector is a plain map, the others' a LabelSelector. [] = none. */
export function podSelectorOf(kind: WorkloadKind, selector: unknown): Requirement[] {
  if (!selector || typeof selector !== 'object') return [];
  if (kind === 'service') return labelSelectorRequirements(selector as Record<string, string>);
  const s = selector as { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorExpression[] };
  return labelSelectorRequirements(s.matchLabels, s.matchExpressions);
}

/** Reads the workload and returns the selector of its pods, or a one-line error. */
export async function resolveWorkloadSelector(
  api: Api,
  namespace: string,
  kind: WorkloadKind,
  name: string,
): Promise<{ selector: Requirement[] } | { error: string }> {
  try {
    let obj: any;
    if (kind === 'deployment') obj = await api.apps.readNamespacedDeployment({ name, namespace });
    else if (kind === 'statefulset') obj = await api.apps.readNamespacedStatefulSet({ name, namespace });
    else if (kind === 'daemonset') obj = await api.apps.readNamespacedDaemonSet({ name, namespace });
    else if (kind === 'replicaset') obj = await api.apps.readNamespacedReplicaSet({ name, namespace });
    else if (kind === 'job') obj = await api.batch.readNamespacedJob({ name, namespace });
    else obj = await api.core.readNamespacedService({ name, namespace });
    const selector = podSelectorOf(kind, obj?.spec?.selector);
    if (selector.length === 0) return { error: `${kind} "${name}" has no pod selector` };
    return { selector };
  } catch (err) {
    if (statusCodeOf(err) === 404) return { error: `${kind} "${name}" not found in namespace "${namespace}"` };
    return { error: describeError(err) };
  }
}

/** The pods of a workload, oldest first (kubectl orders by creation too), skipping finished-and-deleted ones. */
export function selectPods(pods: KObj[], selector: Requirement[]): KObj[] {
  return pods
    .filter((p) => matchesSelector(selector, p.metadata.labels))
    .sort((a, b) => timeOf(a.metadata.creationTimestamp) - timeOf(b.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name));
}

/** client-node's typed reads turn timestamps into Date objects; the store keeps JSON strings. */
function timeOf(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Which containers of a pod to follow: one named container (when the pod has it), the default, or all ('*'). */
export function containersFor(pod: KObj, choice: string | undefined): string[] {
  if (choice === '*') return containerNames(pod);
  if (choice) return containerNames(pod).includes(choice) ? [choice] : [];
  const d = defaultContainer(pod);
  return d ? [d] : [];
}

// Foreground colours that read well on dark and light backgrounds (red is left for errors).
const PALETTE = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94];

/** A colour per pod name, stable across runs (FNV-1a hash). */
export function colorFor(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PALETTE[h % PALETTE.length];
}

export interface StreamSetSink {
  line(t: Target, text: string, ts: string | undefined): void;
  note(t: Target | undefined, kind: 'note' | 'gap' | 'restart' | 'error', text: string): void;
  /** Any stream changed status (the caller aggregates through statuses()). */
  changed(): void;
}

export interface StreamSetOptions {
  namespace: string;
  follow: boolean;
  previous?: boolean;
  maxStreams?: number;
  maxLineLength?: number;
  retry?: { initialMs: number; maxMs: number };
}

interface Entry {
  target: Target;
  stream?: ContainerStream;
  status: StreamStatus;
  finished: boolean;
}

export class StreamSet {
  private readonly entries = new Map<string, Entry>();
  private readonly max: number;
  private lastCapNote = '';
  private disposed = false;

  constructor(
    private readonly api: Api,
    private readonly opts: StreamSetOptions,
    private readonly sink: StreamSetSink,
  ) {
    this.max = Math.max(1, opts.maxStreams ?? DEFAULT_MAX_STREAMS);
  }

  /** The full wanted set; streams for targets no longer wanted stop, new ones start as slots allow. */
  setTargets(targets: Target[]): void {
    if (this.disposed) return;
    const wanted = new Map(targets.map((t) => [targetKey(t), t]));
    for (const [key, e] of this.entries) {
      if (!wanted.has(key)) {
        e.stream?.dispose();
        this.entries.delete(key);
      }
    }
    for (const [key, t] of wanted) {
      if (!this.entries.has(key)) this.entries.set(key, { target: t, status: { phase: 'connecting' }, finished: false });
    }
    this.fill();
  }

  statuses(): StreamStatus[] {
    return [...this.entries.values()].filter((e) => e.stream).map((e) => e.status);
  }

  counts(): { active: number; pending: number; total: number } {
    let active = 0;
    let pending = 0;
    for (const e of this.entries.values()) {
      if (e.stream && !e.finished) active++;
      else if (!e.stream) pending++;
    }
    return { active, pending, total: this.entries.size };
  }

  dispose(): void {
    this.disposed = true;
    for (const e of this.entries.values()) e.stream?.dispose();
    this.entries.clear();
  }

  /** Starts waiting targets while fewer than max streams run; says so when some must wait. */
  private fill(): void {
    let active = [...this.entries.values()].filter((e) => e.stream && !e.finished).length;
    for (const e of this.entries.values()) {
      if (active >= this.max) break;
      if (e.stream) continue;
      this.start(e);
      active++;
    }
    const { pending, total } = this.counts();
    const note = pending > 0 ? `following ${this.max} of ${total} streams (limit ${this.max}); ${pending} waiting for a free slot` : '';
    if (note && note !== this.lastCapNote) this.sink.note(undefined, 'note', note);
    this.lastCapNote = note;
    this.sink.changed();
  }

  private start(e: Entry): void {
    const t = e.target;
    const sink: StreamSink = {
      line: (text, ts) => this.sink.line(t, text, ts),
      note: (kind, text) => this.sink.note(t, kind, text),
      status: (s) => {
        e.status = s;
        if ((s.phase === 'ended' || s.phase === 'error') && !e.finished) {
          e.finished = true;
          if (!this.disposed) queueMicrotask(() => this.fill()); // a slot is free
        }
        this.sink.changed();
      },
    };
    e.stream = startContainerStream(
      this.api,
      {
        namespace: this.opts.namespace,
        pod: t.pod,
        container: t.container,
        follow: this.opts.follow,
        previous: this.opts.previous,
        tail: t.tail,
        maxLineLength: this.opts.maxLineLength,
        retry: this.opts.retry,
      },
      sink,
    );
  }
}

/** Combines stream statuses into one for the title: the most urgent wins. */
export function aggregateStatus(statuses: StreamStatus[]): StreamStatus {
  if (statuses.length === 0) return { phase: 'connecting' };
  const order: StreamStatus['phase'][] = ['reconnecting', 'following', 'reading', 'waiting', 'connecting', 'error', 'ended'];
  for (const phase of order) {
    const s = statuses.find((x) => x.phase === phase);
    if (s) return statuses.length === 1 ? s : { phase, detail: s.detail };
  }
  return statuses[0];
}
