// Follows one container's log and survives what real clusters do to long-lived streams:
// - the connection drops (network, API server restart): resume with sinceTime = the last timestamp
//   truncated to the second (an overlap) and drop the lines already seen (same timestamp + text);
//   when the server does not send the overlap back, lines may have been missed: a gap note;
// - the container restarts: the rest of the old run is read from previous=true, a restart note is
//   added, and the new run is followed from its first line;
// - the container is not running yet or crash-looping: poll the pod and say why we wait;
// - the pod is deleted, access is forbidden, there is no previous container: a clear note, then stop.
import type { Readable } from 'node:stream';
import type { Api } from '../kube/api.js';
import { LineSplitter } from './lineSplitter.js';
import { requestLog, type LogQuery, type LogResponse } from './logRequest.js';
import { containerStatus, describeContainerState, readPod, willRestart } from './podInfo.js';
import { floorToSecond, shortTime, splitTimestamp, tsKey } from './timestamps.js';
import type { StreamStatus } from './types.js';

export interface StreamSink {
  /** A log line: raw (unsanitized) text without its timestamp. */
  line(text: string, ts: string | undefined): void;
  note(kind: 'note' | 'gap' | 'restart' | 'error', text: string): void;
  status(s: StreamStatus): void;
}

export interface ContainerStreamOptions {
  namespace: string;
  pod: string;
  container: string;
  follow: boolean;
  previous?: boolean;
  /** Lines of history on the first connection; undefined = all. */
  tail?: number;
  maxLineLength?: number;
  /** Follow only: re-open a stream silent for this long (default 2 min; 0 = never). */
  idleReconnectMs?: number;
  /** Reconnect backoff: doubles from initialMs up to maxMs, with jitter. */
  retry?: { initialMs: number; maxMs: number };
}

export interface ContainerStream {
  dispose(): void;
  /** Settles when the stream stopped for good (ended, error, or disposed). */
  done: Promise<void>;
}

const DEFAULT_RETRY = { initialMs: 250, maxMs: 5_000 };
const DEFAULT_IDLE_RECONNECT_MS = 120_000;
/** Lines remembered for dedupe within the overlap second. */
const MAX_SEEN = 50_000;

export function startContainerStream(api: Api, opts: ContainerStreamOptions, sink: StreamSink): ContainerStream {
  const follower = new Follower(api, opts, sink);
  return { dispose: () => follower.dispose(), done: follower.done };
}

type Mode = 'tail' | 'resume' | 'fresh';

class Follower {
  private readonly abort = new AbortController();
  private readonly retry: { initialMs: number; maxMs: number };
  /** Dedupe state. lastTs: the newest timestamp seen (resume from its second). seen: how often each
   * "timestamp|text" was delivered within that second, i.e. what a resume may send again. Bounded by
   * the lines of one second. Timestamps need not be monotonic within the second. */
  private lastTs?: string;
  private maxKey?: string;
  private windowSecond = '';
  private seen = new Map<string, number>();
  /** Per resumed connection: sightings still expected back from the server's overlap. */
  private replay = new Map<string, number>();
  private replaying = false;
  private knownRestarts?: number;
  readonly done: Promise<void>;

  constructor(
    private readonly api: Api,
    private readonly o: ContainerStreamOptions,
    private readonly sink: StreamSink,
  ) {
    this.retry = o.retry ?? DEFAULT_RETRY;
    this.done = this.run().catch((err) => {
      if (this.disposed) return;
      this.sink.note('error', `log stream failed: ${String(err?.message ?? err)}`);
      this.sink.status({ phase: 'error', detail: 'failed' });
    });
  }

  get disposed(): boolean {
    return this.abort.signal.aborted;
  }

  dispose(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    const { follow } = this.o;
    const first = await readPod(this.api, this.o.namespace, this.o.pod);
    if (first.kind === 'pod') this.knownRestarts = containerStatus(first.pod, this.o.container)?.restartCount ?? 0;
    let mode: Mode = 'tail';
    let failures = 0;
    let waitingShown = '';
    while (!this.disposed) {
      this.sink.status({ phase: failures > 0 && mode !== 'tail' ? 'reconnecting' : 'connecting' });
      const q: LogQuery = { container: this.o.container, follow, previous: this.o.previous, timestamps: true };
      if (mode === 'tail' || (mode === 'resume' && !this.lastTs)) q.tailLines = this.o.tail;
      else if (mode === 'resume' && this.lastTs) q.sinceTime = floorToSecond(this.lastTs);
      const res = await requestLog(this.api.kc, this.o.namespace, this.o.pod, q, this.abort.signal);
      if (this.disposed) return;
      if (!res.ok) {
        const verdict = classify(res);
        if (follow && (verdict === 'retry' || verdict === 'waiting')) {
          const phase = verdict === 'waiting' ? 'waiting' : 'reconnecting';
          if (verdict === 'waiting' && waitingShown !== res.message) {
            this.sink.note('note', res.message);
            waitingShown = res.message;
          }
          this.sink.status({ phase, detail: res.message });
          await this.sleep(this.backoff(failures++));
          continue;
        }
        if (res.status === 404 && mode !== 'tail') this.sink.note('error', `pod ${this.o.pod} was deleted`);
        else this.sink.note('error', res.message);
        this.sink.status({ phase: 'error', detail: res.message });
        return;
      }
      waitingShown = '';
      this.sink.status({ phase: follow ? 'following' : 'reading' });
      const got = await this.consume(res.body, mode === 'resume' && this.lastTs !== undefined);
      if (this.disposed) return;
      if (!follow) {
        this.sink.status({ phase: 'ended' });
        return;
      }
      failures = got > 0 ? 0 : failures + 1;
      const next = await this.afterEnd();
      if (next === 'stop') return;
      if (next === 'resume' && failures > 0) await this.sleep(this.backoff(failures - 1));
      mode = next;
    }
  }

  /** Reads one response to its end. Returns how many new lines it delivered. */
  private consume(body: Readable, resumed: boolean): Promise<number> {
    const splitter = new LineSplitter(this.o.maxLineLength);
    let delivered = 0;
    this.replaying = resumed;
    this.replay = resumed ? new Map(this.seen) : new Map();
    let checkGap = resumed && this.seen.size > 0;
    const gapFrom = this.lastTs;
    const onLine = (raw: string) => {
      const { ts, text } = splitTimestamp(raw);
      const key = ts ? tsKey(ts) : undefined;
      const fresh = this.accept(key, text);
      if (checkGap && key !== undefined) {
        checkGap = false;
        // sinceTime ≤ the last line's time, so the server should have sent it again first.
        if (fresh) this.sink.note('gap', `reconnected: lines after ${shortTime(gapFrom ?? '')} may be missing`);
      }
      if (!fresh) return;
      delivered++;
      this.sink.line(text, ts);
    };
    return new Promise<number>((resolve) => {
      let finished = false;
      let lastData = Date.now();
      // A follow stream that says nothing for idleReconnectMs is re-opened (with the usual overlap
      // and dedupe): a quiet container and a silently dead connection look the same from here.
      const idleMs = this.o.follow ? (this.o.idleReconnectMs ?? DEFAULT_IDLE_RECONNECT_MS) : 0;
      const watchdog = idleMs > 0 ? setInterval(() => Date.now() - lastData >= idleMs && body.destroy(), Math.min(idleMs, 5_000)) : undefined;
      const finish = (clean: boolean) => {
        if (finished) return;
        finished = true;
        if (watchdog) clearInterval(watchdog);
        // A cut connection may leave half a line: drop it, the resume sends the whole line again.
        if (clean && !this.disposed) for (const l of splitter.flush()) onLine(l);
        this.abort.signal.removeEventListener('abort', onAbort);
        resolve(delivered);
      };
      const onAbort = () => body.destroy();
      this.abort.signal.addEventListener('abort', onAbort, { once: true });
      body.on('data', (chunk: Buffer) => {
        lastData = Date.now();
        if (this.disposed) return;
        for (const l of splitter.push(chunk)) onLine(l);
      });
      body.once('end', () => finish(true));
      body.once('close', () => finish(false));
      body.once('error', () => finish(false));
    });
  }

  /** Dedupe: on a resumed connection, a line from before the overlap window, or one delivered before
   * (counted: a line really written twice at the same instant is kept twice), is not new. */
  private accept(key: string | undefined, text: string): boolean {
    if (key === undefined) return true;
    const second = key.slice(0, 19);
    const id = `${key}|${text}`;
    if (this.replaying) {
      if (second < this.windowSecond) return false;
      const pending = this.replay.get(id) ?? 0;
      if (pending > 0) {
        this.replay.set(id, pending - 1);
        return false;
      }
    }
    if (this.maxKey === undefined || key > this.maxKey) {
      this.maxKey = key;
      this.lastTs = `${key}Z`; // tsKey is UTC without the zone letter
      if (second !== this.windowSecond) {
        this.windowSecond = second;
        for (const k of this.seen.keys()) if (k.slice(0, 19) < second) this.seen.delete(k);
      }
    }
    // Bounded even for a container writing absurd rates within one second (a resume may then repeat lines).
    if (second >= this.windowSecond && this.seen.size < MAX_SEEN) this.seen.set(id, (this.seen.get(id) ?? 0) + 1);
    return true;
  }

  /** After a follow stream ended: decide why, and what to do next. */
  private async afterEnd(): Promise<Mode | 'stop'> {
    let polls = 0;
    while (!this.disposed) {
      const r = await readPod(this.api, this.o.namespace, this.o.pod);
      if (this.disposed) return 'stop';
      if (r.kind === 'gone') {
        this.sink.note('error', `pod ${this.o.pod} was deleted`);
        this.sink.status({ phase: 'ended', detail: 'pod deleted' });
        return 'stop';
      }
      if (r.kind === 'error') {
        this.sink.status({ phase: 'reconnecting', detail: r.message });
        await this.sleep(this.backoff(polls++));
        continue;
      }
      if (r.kind === 'forbidden') return 'resume';
      const cs = containerStatus(r.pod, this.o.container);
      const restarts: number = cs?.restartCount ?? 0;
      if (this.o.previous) {
        this.sink.status({ phase: 'ended' });
        return 'stop';
      }
      if (this.knownRestarts !== undefined && restarts > this.knownRestarts) {
        await this.fillFromPrevious(restarts - this.knownRestarts);
        this.knownRestarts = restarts;
        this.sink.note('restart', `container ${this.o.container} restarted (restart #${restarts})`);
        if (cs?.state?.running) return 'fresh';
        continue;
      }
      this.knownRestarts ??= restarts;
      if (cs?.state?.running) return 'resume';
      if (cs?.state?.terminated && !willRestart(r.pod, cs)) {
        this.sink.note('note', `container ${this.o.container} ${describeContainerState(cs)}`);
        this.sink.status({ phase: 'ended', detail: describeContainerState(cs) });
        return 'stop';
      }
      this.sink.status({ phase: 'waiting', detail: cs?.state?.waiting?.reason ?? describeContainerState(cs) });
      await this.sleep(Math.min(this.backoff(polls++), 2_000));
    }
    return 'stop';
  }

  /** The old run's lines we had not received before it ended (from previous=true). */
  private async fillFromPrevious(restartsSince: number): Promise<void> {
    if (this.lastTs !== undefined) {
      const q: LogQuery = { container: this.o.container, previous: true, timestamps: true, sinceTime: floorToSecond(this.lastTs) };
      const res: LogResponse = await requestLog(this.api.kc, this.o.namespace, this.o.pod, q, this.abort.signal);
      if (res.ok) await this.consume(res.body, true);
    }
    if (restartsSince > 1) {
      this.sink.note('gap', `${restartsSince - 1} earlier run(s) of ${this.o.container} ended while disconnected; their logs are gone`);
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** Math.min(attempt, 16));
    return base / 2 + Math.random() * (base / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve();
      const t = setTimeout(done, ms);
      const signal = this.abort.signal;
      function done() {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** Which failed responses are worth retrying while following. */
function classify(res: { status: number; message: string }): 'retry' | 'waiting' | 'fatal' {
  if (res.status === 0 || res.status >= 500 || res.status === 429) return res.message === 'aborted' ? 'fatal' : 'retry';
  if (res.status === 400 && /waiting to start|ContainerCreating|PodInitializing|is not available|not running/i.test(res.message)) {
    return 'waiting';
  }
  return 'fatal';
}
