// What a log view streams: turns its LogSourceSpec into stream targets. A pod: read it (retrying while
// the API is unreachable), check the container choice and follow one or all containers. A workload:
// its pod selector (given, or read from the workload once), then its pods — listed every pollMs, or
// fed by the caller from the store — so pods that appear later join and deleted ones leave.
import type { Api } from '../kube/api.js';
import { describeError } from '../kube/errors.js';
import { parseSelector, requirementsToString, type Requirement } from '../resources/labels.js';
import { pod as podKind } from '../resources/pod.js';
import type { KObj } from '../resources/types.js';
import { containerNames, readPod } from './podInfo.js';
import type { Target } from './streamSet.js';
import { DEFAULT_TAIL, type LogSourceSpec, type StreamStatus } from './types.js';
import { containersFor, resolveWorkloadSelector, selectPods } from './workloadLogs.js';

export interface LogSourceOptions {
  /** 'external': the caller calls setPods() (from the store); 'poll' (default): list every pollMs. */
  podFeed?: 'poll' | 'external';
  pollMs?: number;
}

/** Where the targets go: the live streams (a StreamSet). */
export interface TargetSink {
  setTargets(targets: Target[]): void;
}

/** What the source tells its owner (the log controller). */
export interface SourceHost {
  /** A line of the source's own, not yet sanitized: "no pods match …", or why it failed. */
  push(kind: 'note' | 'error', text: string): void;
  /** Several streams start: hold their first tails a moment so they can be merged by time. */
  holdFirstTails(): void;
  /** status, containers or multi changed. */
  changed(): void;
}

export class LogSource {
  /** The container choice: a name, '*' for all; a pod's default container once the pod is read. */
  container?: string;
  /** Choices for the container picker. */
  containers: string[] = [];
  /** Several streams at once: lines carry their source. */
  multi = false;
  /** Before streams exist, while no pods match, or after failing; undefined: the streams' status counts. */
  status?: StreamStatus;
  private generation = 0; // a stopped run's late results are dropped
  private streams?: TargetSink;
  private selector?: Requirement[]; // kept across restarts: a container switch does not re-read the workload
  private pods?: KObj[];
  private initialPods?: Set<string>;
  private pollTimer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly api: Api,
    private readonly spec: LogSourceSpec,
    private readonly opts: LogSourceOptions,
    private readonly host: SourceHost,
  ) {
    this.container = spec.container;
  }

  /** (Re)starts feeding targets to these streams, for the current container choice. */
  start(streams: TargetSink): void {
    const gen = this.stop();
    this.streams = streams;
    this.initialPods = undefined;
    this.status = { phase: 'connecting' };
    const run = this.spec.kind === 'pod' ? this.startPod(gen) : this.startWorkload(gen);
    run.catch((err) => {
      if (gen !== this.generation) return;
      this.fail(describeError(err));
    });
  }

  /** Stops polling, lets go of the streams and ignores what a running start still returns. Returns the new generation. */
  stop(): number {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    this.streams = undefined;
    return ++this.generation;
  }

  /** The current pods of the namespace (or just the workload's): for podFeed 'external'. */
  setPods(pods: KObj[]): void {
    if (this.spec.kind !== 'workload') return;
    this.pods = pods;
    if (this.selector) this.applyPods();
  }

  private async startPod(gen: number): Promise<void> {
    if (this.spec.kind !== 'pod') return;
    const { namespace, pod } = this.spec;
    for (let attempt = 0; ; attempt++) {
      const r = await readPod(this.api, namespace, pod);
      if (gen !== this.generation) return;
      if (r.kind === 'gone' || r.kind === 'forbidden') return this.fail(r.message);
      if (r.kind === 'pod') {
        this.containers = containerNames(r.pod);
        if (this.container && this.container !== '*' && !this.containers.includes(this.container)) {
          return this.fail(`container "${this.container}" is not valid for pod "${pod}" (containers: ${this.containers.join(', ')})`);
        }
        const names = containersFor(r.pod, this.container);
        this.container ??= names[0];
        this.multi = this.container === '*';
        if (this.multi) this.host.holdFirstTails();
        this.status = undefined;
        this.streams?.setTargets(names.map((c) => ({ pod, container: c, tail: this.tail })));
        return;
      }
      this.status = { phase: 'reconnecting', detail: r.message };
      this.host.changed();
      await delay(Math.min(5_000, 250 * 2 ** attempt));
      if (gen !== this.generation) return;
    }
  }

  private async startWorkload(gen: number): Promise<void> {
    if (this.spec.kind !== 'workload') return;
    const s = this.spec;
    this.multi = true;
    if (s.selector) {
      try {
        this.selector = parseSelector(s.selector);
      } catch (err) {
        return this.fail((err as Error).message);
      }
    } else if (!this.selector) {
      const r = await resolveWorkloadSelector(this.api, s.namespace, s.workloadKind, s.name);
      if (gen !== this.generation) return;
      if ('error' in r) return this.fail(r.error);
      this.selector = r.selector;
    }
    if (this.opts.podFeed === 'external') {
      if (this.pods) this.applyPods();
      return;
    }
    const poll = async () => {
      try {
        const items = await this.api.objects.list(podKind, s.namespace, { labelSelector: requirementsToString(this.selector!) });
        if (gen !== this.generation) return;
        this.pods = items as KObj[];
        this.applyPods();
      } catch (err) {
        if (gen !== this.generation) return;
        if (!this.pods) this.fail(describeError(err));
      }
    };
    await poll();
    if (gen !== this.generation) return;
    this.pollTimer = setInterval(() => void poll(), this.opts.pollMs ?? 2_000);
  }

  private applyPods(): void {
    if (!this.selector || !this.pods || !this.streams) return;
    const pods = selectPods(this.pods, this.selector).filter((p) => !isFinishedAndGone(p));
    const first = this.initialPods === undefined;
    if (first) {
      this.initialPods = new Set(pods.map((p) => p.metadata.name));
      this.host.holdFirstTails();
    }
    const names = new Set<string>();
    const targets: Target[] = [];
    for (const p of pods) {
      for (const n of containerNames(p)) names.add(n);
      // Pods present when the view opened start with the tail; pods that appear later from their first line.
      const tail = this.initialPods!.has(p.metadata.name) ? this.tail : undefined;
      for (const c of containersFor(p, this.container)) targets.push({ pod: p.metadata.name, container: c, tail });
    }
    this.containers = [...names];
    if (pods.length === 0 && first) this.host.push('note', `no pods match ${requirementsToString(this.selector)} yet`);
    this.status = pods.length === 0 ? { phase: 'waiting', detail: 'no pods' } : undefined;
    this.streams.setTargets(targets);
    this.host.changed();
  }

  private get tail(): number | undefined {
    const t = this.spec.tail ?? DEFAULT_TAIL;
    return t < 0 ? undefined : t;
  }

  private fail(message: string): void {
    this.host.push('error', message);
    this.status = { phase: 'error', detail: message };
    this.host.changed();
  }
}

/** A job's completed pods stay listed; their logs are still worth reading, so only deleted-and-done pods are skipped. */
function isFinishedAndGone(p: KObj): boolean {
  return Boolean(p.metadata.deletionTimestamp) && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed');
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
