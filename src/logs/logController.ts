// The log view's model: owns the ring buffer and the streams for one log source (a pod, or all pods
// of a workload), and exposes a useSyncExternalStore-friendly subscribe/getSnapshot plus commands.
// Notifications are throttled (default ≤ 20/s), so 10k lines/s is ~20 renders/s, not 10k.
import type { Api } from '../kube/api.js';
import { describeError } from '../kube/errors.js';
import { parseSelector, requirementsToString, type Requirement } from '../resources/labels.js';
import type { KObj } from '../resources/types.js';
import { sanitizeCell, sanitizeLine, stripSgr } from '../text/sanitize.js';
import { containerNames, readPod } from './podInfo.js';
import { RingBuffer, DEFAULT_CAPACITY } from './ringBuffer.js';
import { saveLines, type SaveResult } from './saveLogs.js';
import { tsKey } from './timestamps.js';
import { DEFAULT_TAIL, type LogLine, type LogLineKind, type LogSourceSpec, type StreamStatus } from './types.js';
import { aggregateStatus, StreamSet, type Target } from './streamSet.js';
import { colorFor, containersFor, resolveWorkloadSelector, selectPods } from './workloadLogs.js';

export interface LogControllerOptions {
  /** Ring buffer size in lines (default 5,000). */
  capacity?: number;
  /** Concurrent streams for workloads / all containers (default 10). */
  maxStreams?: number;
  /** Where a workload's pods come from: 'external' = the caller calls setPods() (from the store);
   * 'poll' (default) = the controller lists them itself every pollMs. */
  podFeed?: 'poll' | 'external';
  pollMs?: number;
  /** Minimum time between notifications to subscribers (default 50 ms). */
  notifyMs?: number;
  /** Multi-stream views: how long the first tails are held to be merged by time (default 400 ms). */
  holdMs?: number;
  keepColors?: boolean;
  /** Directory for ctrl-s; default $KDASH_LOG_DIR or the current directory. */
  saveDir?: string;
  maxLineLength?: number;
  retry?: { initialMs: number; maxMs: number };
  now?: () => Date;
}

export interface LogSnapshot {
  version: number;
  /** "pod NS/NAME" or "deployment NS/NAME". */
  title: string;
  namespace: string;
  /** Current container choice: a name, '*' for all, undefined before the pod is read. */
  container?: string;
  /** Choices for the container picker (names; the view adds "all containers"). */
  containers: string[];
  previous: boolean;
  follow: boolean;
  status: StreamStatus;
  /** Absolute index range of held lines: [first, end). */
  first: number;
  end: number;
  dropped: number;
  streams: { active: number; pending: number; total: number };
  /** Lines carry a source (pod/container prefix). */
  multi: boolean;
  /** Gap and restart markers since the last (re)start: shown in the title. */
  gaps: number;
  restarts: number;
}

export type { SaveResult };

export interface LogController {
  subscribe(listener: () => void): () => void;
  getSnapshot(): LogSnapshot;
  /** Lines with absolute indexes in [from, to). */
  lines(from: number, to: number): LogLine[];
  /** A container name, or '*' for all containers. Restarts the streams with an empty buffer. */
  setContainer(container: string): void;
  setPrevious(previous: boolean): void;
  togglePrevious(): void;
  /** The current pods of the namespace (or just the workload's): for podFeed 'external'. */
  setPods(pods: KObj[]): void;
  /** Writes the held lines to a file and says where. */
  save(opts?: { timestamps?: boolean }): Promise<SaveResult>;
  dispose(): void;
}

export function createLogController(api: Api, spec: LogSourceSpec, opts: LogControllerOptions = {}): LogController {
  return new Controller(api, spec, opts);
}

class Controller implements LogController {
  private readonly buffer: RingBuffer<LogLine>;
  private readonly listeners = new Set<() => void>();
  private snapshot: LogSnapshot;
  private version = 0;
  private notifyTimer?: ReturnType<typeof setTimeout>;
  private lastNotify = 0;
  private endAtNotify = 0;
  /** Lines of multi-stream views waiting to be ordered by time (see flushPending). */
  private pending: LogLine[] = [];
  private holdUntil = 0;
  private streams?: StreamSet;
  private generation = 0;
  private container?: string;
  private previous: boolean;
  private containers: string[] = [];
  private multi = false;
  private ownStatus?: StreamStatus; // before streams exist, or when resolving failed
  private selector?: Requirement[];
  private pods?: KObj[];
  private initialPods?: Set<string>;
  private pollTimer?: ReturnType<typeof setInterval>;
  private disposed = false;
  private droppedBefore = 0; // evictions that belong to an earlier container/previous choice
  private gaps = 0;
  private restarts = 0;

  constructor(
    private readonly api: Api,
    private readonly spec: LogSourceSpec,
    private readonly opts: LogControllerOptions,
  ) {
    this.buffer = new RingBuffer<LogLine>(opts.capacity ?? DEFAULT_CAPACITY);
    this.container = spec.container;
    this.previous = spec.previous === true;
    this.snapshot = this.buildSnapshot();
    this.restart();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LogSnapshot => this.snapshot;

  lines(from: number, to: number): LogLine[] {
    return this.buffer.slice(from, to);
  }

  setContainer(container: string): void {
    if (container === this.container) return;
    this.container = container;
    this.restart();
  }

  setPrevious(previous: boolean): void {
    if (previous === this.previous) return;
    this.previous = previous;
    this.restart();
  }

  togglePrevious(): void {
    this.setPrevious(!this.previous);
  }

  setPods(pods: KObj[]): void {
    if (this.spec.kind !== 'workload') return;
    this.pods = pods;
    if (this.selector) this.applyPods();
  }

  async save(o: { timestamps?: boolean } = {}): Promise<SaveResult> {
    this.flushPending();
    return saveLines(this.buffer.toArray(), {
      dir: this.opts.saveDir ?? process.env.KDASH_LOG_DIR ?? process.cwd(),
      namespace: this.spec.namespace,
      name: this.spec.kind === 'pod' ? this.spec.pod : this.spec.name,
      at: (this.opts.now ?? (() => new Date()))(),
      format: { timestamps: o.timestamps, prefix: this.multi ? 'kubectl' : 'none' },
    });
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.streams?.dispose();
    this.streams = undefined;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.listeners.clear();
    this.pending = [];
  }

  // ── streams ──────────────────────────────────────────────────────────────

  private get follow(): boolean {
    return this.spec.follow !== false && !this.previous;
  }

  private restart(): void {
    if (this.disposed) return;
    const gen = ++this.generation;
    this.streams?.dispose();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    this.buffer.clear();
    this.pending = [];
    this.holdUntil = 0;
    this.droppedBefore = this.buffer.dropped;
    this.gaps = 0;
    this.restarts = 0;
    this.initialPods = undefined;
    this.ownStatus = { phase: 'connecting' };
    this.streams = new StreamSet(
      this.api,
      {
        namespace: this.spec.namespace,
        follow: this.follow,
        previous: this.previous,
        maxStreams: this.opts.maxStreams,
        maxLineLength: this.opts.maxLineLength,
        retry: this.opts.retry,
      },
      {
        line: (t, text, ts) => this.push('log', sanitizeLine(text, { keepColors: this.opts.keepColors !== false }), ts, t),
        note: (t, kind, text) => this.push(kind, sanitizeCell(text), undefined, t),
        changed: () => this.changed(),
      },
    );
    const run = this.spec.kind === 'pod' ? this.startPod(gen) : this.startWorkload(gen);
    run.catch((err) => {
      if (gen !== this.generation) return;
      this.fail(describeError(err));
    });
    this.changed();
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
        if (this.multi) this.holdFirstTails();
        this.ownStatus = undefined;
        this.streams?.setTargets(names.map((c) => ({ pod, container: c, tail: this.tail })));
        return;
      }
      this.ownStatus = { phase: 'reconnecting', detail: r.message };
      this.changed();
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
        const list = await this.api.core.listNamespacedPod({ namespace: s.namespace, labelSelector: requirementsToString(this.selector!) });
        if (gen !== this.generation) return;
        this.pods = (list.items ?? []) as unknown as KObj[];
        this.applyPods();
      } catch (err) {
        if (gen !== this.generation) return;
        if (!this.pods) this.fail(describeError(err));
      }
    };
    await poll();
    if (gen !== this.generation || this.disposed) return;
    this.pollTimer = setInterval(() => void poll(), this.opts.pollMs ?? 2_000);
  }

  private applyPods(): void {
    if (!this.selector || !this.pods || !this.streams) return;
    const pods = selectPods(this.pods, this.selector).filter((p) => !isFinishedAndGone(p));
    const first = this.initialPods === undefined;
    if (first) {
      this.initialPods = new Set(pods.map((p) => p.metadata.name));
      this.holdFirstTails();
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
    if (pods.length === 0 && first) this.push('note', `no pods match ${requirementsToString(this.selector)} yet`);
    this.ownStatus = pods.length === 0 ? { phase: 'waiting', detail: 'no pods' } : undefined;
    this.streams.setTargets(targets);
    this.changed();
  }

  /** Give the first tails of several streams a moment to arrive, so they can be interleaved by time. */
  private holdFirstTails(): void {
    this.holdUntil = Date.now() + (this.opts.holdMs ?? 400);
  }

  private get tail(): number | undefined {
    const t = this.spec.tail ?? DEFAULT_TAIL;
    return t < 0 ? undefined : t;
  }

  private fail(message: string): void {
    this.push('error', sanitizeCell(message));
    this.ownStatus = { phase: 'error', detail: message };
    this.changed();
  }

  // ── buffer and notifications ─────────────────────────────────────────────

  private push(kind: LogLineKind, text: string, ts?: string, t?: Target): void {
    const plain = kind === 'log' ? stripSgr(text) : text;
    const line: LogLine = { kind, ts, text, plain };
    if (kind === 'gap') this.gaps++;
    if (kind === 'restart') this.restarts++;
    if (t && this.multi) {
      line.source = { pod: t.pod, container: t.container, color: colorFor(this.spec.kind === 'pod' ? t.container : t.pod) };
    }
    if (line.source && kind === 'log') {
      this.pending.push(line);
      if (this.pending.length >= this.buffer.capacity) this.flushPending();
    } else {
      this.flushPending(); // a note stays after the lines that came before it
      this.buffer.push(line);
    }
    this.changed();
  }

  /** Lines of several streams are ordered by timestamp within each frame (and across the first
   * tails, which arrive pod by pod), so the view interleaves them in time, not in arrival bursts. */
  private flushPending(): void {
    if (this.pending.length === 0) return;
    const keyed = this.pending.map((l, i) => ({ l, i, k: (l.ts && tsKey(l.ts)) || '' }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
    for (const { l } of keyed) this.buffer.push(l);
    this.pending = [];
  }

  private changed(): void {
    if (this.disposed || this.notifyTimer) return;
    // A firehose (hundreds of lines between frames) is drawn at half the rate: nobody reads it
    // line by line, and the CPU is better spent keeping up with the stream.
    const base = this.opts.notifyMs ?? 50;
    const interval = this.buffer.endIndex - this.endAtNotify > 500 ? base * 2 : base;
    const wait = Math.max(0, interval - (Date.now() - this.lastNotify));
    const fire = () => {
      const hold = this.holdUntil - Date.now();
      if (hold > 0) {
        this.notifyTimer = setTimeout(fire, hold);
        return;
      }
      this.notifyTimer = undefined;
      this.flushPending();
      this.lastNotify = Date.now();
      this.endAtNotify = this.buffer.endIndex;
      this.snapshot = this.buildSnapshot();
      for (const l of [...this.listeners]) l();
    };
    this.notifyTimer = setTimeout(fire, wait);
  }

  private buildSnapshot(): LogSnapshot {
    const statuses = this.streams?.statuses() ?? [];
    const status = this.ownStatus ?? aggregateStatus(statuses);
    const s = this.spec;
    return {
      version: ++this.version,
      title: s.kind === 'pod' ? `pod ${s.namespace}/${s.pod}` : `${s.workloadKind} ${s.namespace}/${s.name}`,
      namespace: s.namespace,
      container: this.container,
      containers: this.containers,
      previous: this.previous,
      follow: this.follow,
      status,
      first: this.buffer.firstIndex,
      end: this.buffer.endIndex,
      dropped: this.buffer.dropped - this.droppedBefore,
      streams: this.streams?.counts() ?? { active: 0, pending: 0, total: 0 },
      multi: this.multi,
      gaps: this.gaps,
      restarts: this.restarts,
    };
  }
}

/** A job's completed pods stay listed; their logs are still worth reading, so only deleted-and-done pods are skipped. */
function isFinishedAndGone(p: KObj): boolean {
  return Boolean(p.metadata.deletionTimestamp) && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed');
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
