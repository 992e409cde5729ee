// The live streams of a multi-stream log view (a workload's pods, or all containers of a pod): one
// container stream per (pod, container) target, at most maxStreams at once. The caller says when the
// wanted set changes (setTargets); targets that must wait start as soon as a stream ends.
import type { Api } from '../kube/api.js';
import { startContainerStream, type ContainerStream, type StreamSink } from './logStream.js';
import type { StreamStatus } from './types.js';

export const DEFAULT_MAX_STREAMS = 10;

export interface Target {
  pod: string;
  container: string;
  /** History lines on the first connection (undefined: the whole log, for pods that appeared later). */
  tail?: number;
}

export const targetKey = (t: { pod: string; container: string }) => `${t.pod}/${t.container}`;

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
