// The lines a log view holds: a ring buffer (oldest lines fall off), the merge by time of lines
// from several streams, and the counts the title shows. Lines arrive here already sanitized.
import { stripSgr } from '../text/sanitize.js';
import { RingBuffer } from './ringBuffer.js';
import { tsKey } from './timestamps.js';
import type { LineSource, LogLine, LogLineKind } from './types.js';

export class LineStore {
  private readonly buffer: RingBuffer<LogLine>;
  /** Log lines of several streams waiting to be ordered by time (see flush). */
  private pending: LogLine[] = [];
  private holdUntil = 0;
  private droppedBefore = 0; // evictions that belong to an earlier container/previous choice
  private gapCount = 0;
  private restartCount = 0;

  constructor(capacity: number) {
    this.buffer = new RingBuffer<LogLine>(capacity);
  }

  /** Adds a line. Log lines with a source wait for flush(); anything else flushes them first. */
  add(kind: LogLineKind, text: string, ts?: string, source?: LineSource): void {
    const plain = kind === 'log' ? stripSgr(text) : text;
    const line: LogLine = { kind, ts, text, plain };
    if (kind === 'gap') this.gapCount++;
    if (kind === 'restart') this.restartCount++;
    if (source) line.source = source;
    if (source && kind === 'log') {
      this.pending.push(line);
      if (this.pending.length >= this.buffer.capacity) this.flush();
    } else {
      this.flush(); // a note stays after the lines that came before it
      this.buffer.push(line);
    }
  }

  /** Lines of several streams are ordered by timestamp within each frame (and across the first
   * tails, which arrive pod by pod), so the view interleaves them in time, not in arrival bursts. */
  flush(): void {
    if (this.pending.length === 0) return;
    const keyed = this.pending.map((l, i) => ({ l, i, k: (l.ts && tsKey(l.ts)) || '' }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
    for (const { l } of keyed) this.buffer.push(l);
    this.pending = [];
  }

  /** Give the first tails of several streams a moment to arrive, so they can be interleaved by time. */
  hold(ms: number): void {
    this.holdUntil = Date.now() + ms;
  }

  /** How long the notifier should still wait for held tails (ms, ≤ 0 when not holding). */
  holdLeft(): number {
    return this.holdUntil - Date.now();
  }

  /** Empties the store for a new container/previous choice; indexes keep counting up. */
  clear(): void {
    this.buffer.clear();
    this.pending = [];
    this.holdUntil = 0;
    this.droppedBefore = this.buffer.dropped;
    this.gapCount = 0;
    this.restartCount = 0;
  }

  /** Drops waiting lines without storing them (the view is gone). */
  discardPending(): void {
    this.pending = [];
  }

  /** Held lines with absolute indexes in [from, to); waiting lines are not included until flushed. */
  slice(from: number, to: number): LogLine[] {
    return this.buffer.slice(from, to);
  }

  toArray(): LogLine[] {
    return this.buffer.toArray();
  }

  /** Absolute index range of held lines, [first, end), and the lines dropped since the last clear. */
  get first(): number {
    return this.buffer.firstIndex;
  }

  get end(): number {
    return this.buffer.endIndex;
  }

  get dropped(): number {
    return this.buffer.dropped - this.droppedBefore;
  }

  /** Gap and restart markers since the last clear. */
  get gaps(): number {
    return this.gapCount;
  }

  get restarts(): number {
    return this.restartCount;
  }
}
