// The log view's model for one log source (a pod, or all pods of a workload): a useSyncExternalStore-
// friendly subscribe/getSnapshot plus commands. It ties together what is streamed (logSource.ts), the
// live streams (streamSet.ts) and the lines held (lineStore.ts). Notifications are throttled
// (default ≤ 20/s), so 10k lines/s is ~20 renders/s, not 10k.
import type { Api } from '../kube/api.js';
import type { KObj } from '../resources/types.js';
import { sanitizeCell, sanitizeLine } from '../text/sanitize.js';
import { LineStore } from './lineStore.js';
import { LogSource } from './logSource.js';
import { DEFAULT_CAPACITY } from './ringBuffer.js';
import { dumpDir, saveLines, type SaveResult } from './saveLogs.js';
import { aggregateStatus, StreamSet, type Target } from './streamSet.js';
import type { LogLine, LogLineKind, LogSourceSpec, StreamStatus } from './types.js';
import { colorFor } from './workloadLogs.js';

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
  /** Directory for ctrl-s; default dumpDir(): $KDASH_LOG_DIR, else $XDG_STATE_HOME/kdash/dumps. */
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
  private readonly held: LineStore;
  private readonly source: LogSource;
  private readonly listeners = new Set<() => void>();
  private snapshot: LogSnapshot;
  private version = 0;
  private notifyTimer?: ReturnType<typeof setTimeout>;
  private lastNotify = 0;
  private endAtNotify = 0;
  private streams?: StreamSet;
  private previous: boolean;
  private disposed = false;

  constructor(
    private readonly api: Api,
    private readonly spec: LogSourceSpec,
    private readonly opts: LogControllerOptions,
  ) {
    this.held = new LineStore(opts.capacity ?? DEFAULT_CAPACITY);
    this.source = new LogSource(api, spec, opts, {
      push: (kind, text) => this.push(kind, sanitizeCell(text)),
      holdFirstTails: () => this.held.hold(this.opts.holdMs ?? 400),
      changed: () => this.changed(),
    });
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
    return this.held.slice(from, to);
  }

  setContainer(container: string): void {
    if (container === this.source.container) return;
    this.source.container = container;
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
    this.source.setPods(pods);
  }

  async save(o: { timestamps?: boolean } = {}): Promise<SaveResult> {
    this.held.flush();
    return saveLines(this.held.toArray(), {
      dir: this.opts.saveDir ?? dumpDir(),
      namespace: this.spec.namespace,
      name: this.spec.kind === 'pod' ? this.spec.pod : this.spec.name,
      at: (this.opts.now ?? (() => new Date()))(),
      format: { timestamps: o.timestamps, prefix: this.source.multi ? 'kubectl' : 'none' },
    });
  }

  dispose(): void {
    this.disposed = true;
    this.source.stop();
    this.streams?.dispose();
    this.streams = undefined;
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.listeners.clear();
    this.held.discardPending();
  }

  private get follow(): boolean {
    return this.spec.follow !== false && !this.previous;
  }

  /** A new container/previous choice: new streams, an empty buffer, and the source fills in the targets. */
  private restart(): void {
    if (this.disposed) return;
    this.streams?.dispose();
    this.held.clear();
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
    this.source.start(this.streams);
    this.changed();
  }

  private push(kind: LogLineKind, text: string, ts?: string, t?: Target): void {
    const source =
      t && this.source.multi
        ? { pod: t.pod, container: t.container, color: colorFor(this.spec.kind === 'pod' ? t.container : t.pod) }
        : undefined;
    this.held.add(kind, text, ts, source);
    this.changed();
  }

  private changed(): void {
    if (this.disposed || this.notifyTimer) return;
    // A firehose (hundreds of lines between frames) is drawn at half the rate: nobody reads it
    // line by line, and the CPU is better spent keeping up with the stream.
    const base = this.opts.notifyMs ?? 50;
    const interval = this.held.end - this.endAtNotify > 500 ? base * 2 : base;
    const wait = Math.max(0, interval - (Date.now() - this.lastNotify));
    const fire = () => {
      const hold = this.held.holdLeft();
      if (hold > 0) {
        this.notifyTimer = setTimeout(fire, hold);
        return;
      }
      this.notifyTimer = undefined;
      this.held.flush();
      this.lastNotify = Date.now();
      this.endAtNotify = this.held.end;
      this.snapshot = this.buildSnapshot();
      for (const l of [...this.listeners]) l();
    };
    this.notifyTimer = setTimeout(fire, wait);
  }

  private buildSnapshot(): LogSnapshot {
    const statuses = this.streams?.statuses() ?? [];
    const status = this.source.status ?? aggregateStatus(statuses);
    const s = this.spec;
    return {
      version: ++this.version,
      title: s.kind === 'pod' ? `pod ${s.namespace}/${s.pod}` : `${s.workloadKind} ${s.namespace}/${s.name}`,
      namespace: s.namespace,
      container: this.source.container,
      containers: this.source.containers,
      previous: this.previous,
      follow: this.follow,
      status,
      first: this.held.first,
      end: this.held.end,
      dropped: this.held.dropped,
      streams: this.streams?.counts() ?? { active: 0, pending: 0, total: 0 },
      multi: this.source.multi,
      gaps: this.held.gaps,
      restarts: this.held.restarts,
    };
  }
}
