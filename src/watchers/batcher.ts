// Buffers watcher output and applies it to the store in batches: at most one set() per interval
// (default 100 ms → ≤ 10 renders/s), so a burst of thousands of events is one render. Events for
// the same uid within a batch collapse to the last one; a replace (relist) supersedes what came before.
import type { KObj, TableColumnDefinition } from '../resources/types.js';
import type { StoreChange, WatchKey, WatcherPhase } from '../store/types.js';

export interface BatcherOptions {
  /** Minimum time between two applies. */
  intervalMs?: number;
  /**
   * Upper bound of the adaptive interval: when an apply is slow (a 50k-object slice is copied on each
   * change), the next one waits `loadFactor` times as long, so applying never takes more than about
   * 1/loadFactor of the CPU, while a change still shows within half a second. Defaults: 500 ms, 5.
   */
  maxIntervalMs?: number;
  loadFactor?: number;
  /** Delay before applying after a quiet period, so the chunks of one burst land together. */
  minDelayMs?: number;
  now?: () => number;
}

interface KeyBuffer {
  /** Set when a relist arrived in this batch: the whole new content, edited in place by later events. */
  replace?: Map<string, KObj>;
  /** uid → the object, and whether it was deleted (then it is the object as last seen). */
  ops: Map<string, { obj: KObj; deleted: boolean }>;
  phase?: WatcherPhase;
  columns?: TableColumnDefinition[];
}

export interface Batcher {
  upsert(key: WatchKey, obj: KObj): void;
  upsertMany(key: WatchKey, objs: KObj[]): void;
  remove(key: WatchKey, obj: KObj): void;
  replace(key: WatchKey, objs: KObj[]): void;
  phase(key: WatchKey, phase: WatcherPhase): void;
  /** A server-side Table's column definitions (with the rows they describe). */
  columns(key: WatchKey, columns: TableColumnDefinition[]): void;
  /** Applies what is pending now. */
  flush(): void;
  /** Flushes and stops the timer; later calls are ignored. */
  close(): void;
}

export function createBatcher(apply: (changes: StoreChange[]) => void, opts: BatcherOptions = {}): Batcher {
  const intervalMs = opts.intervalMs ?? 100;
  const minDelayMs = opts.minDelayMs ?? 10;
  const now = opts.now ?? Date.now;
  const maxIntervalMs = Math.max(intervalMs, opts.maxIntervalMs ?? 500);
  const loadFactor = opts.loadFactor ?? 5;
  let gapMs = intervalMs;
  const pending = new Map<WatchKey, KeyBuffer>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = -Infinity;
  let closed = false;

  const buf = (key: WatchKey): KeyBuffer => {
    let b = pending.get(key);
    if (!b) {
      b = { ops: new Map() };
      pending.set(key, b);
    }
    return b;
  };

  const schedule = () => {
    if (timer || closed) return;
    const delay = Math.max(minDelayMs, lastFlush + gapMs - now());
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, delay);
  };

  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (pending.size === 0) return;
    const changes: StoreChange[] = [];
    for (const [key, b] of pending) {
      if (b.columns) changes.push({ type: 'columns', key, columns: b.columns });
      if (b.replace) changes.push({ type: 'replace', key, objects: Array.from(b.replace.values()) });
      const upserts: KObj[] = [];
      const deletes: KObj[] = [];
      for (const { obj, deleted } of b.ops.values()) (deleted ? deletes : upserts).push(obj);
      if (upserts.length) changes.push({ type: 'upsert', key, objects: upserts });
      if (deletes.length) changes.push({ type: 'delete', key, objects: deletes });
      // The phase last, so "live" arrives together with the data that made it live.
      if (b.phase) changes.push({ type: 'phase', key, phase: b.phase });
    }
    pending.clear();
    const started = now();
    apply(changes);
    lastFlush = now();
    gapMs = Math.min(maxIntervalMs, Math.max(intervalMs, (lastFlush - started) * loadFactor));
  };

  const put = (key: WatchKey, obj: KObj, deleted: boolean) => {
    const b = buf(key);
    const uid = obj.metadata.uid;
    if (b.replace) {
      if (deleted) b.replace.delete(uid);
      else b.replace.set(uid, obj);
    } else {
      b.ops.set(uid, { obj, deleted });
    }
  };

  return {
    upsert(key, obj) {
      if (closed) return;
      put(key, obj, false);
      schedule();
    },
    upsertMany(key, objs) {
      if (closed) return;
      for (const o of objs) put(key, o, false);
      schedule();
    },
    remove(key, obj) {
      if (closed) return;
      put(key, obj, true);
      schedule();
    },
    replace(key, objs) {
      if (closed) return;
      const b = buf(key);
      b.ops.clear();
      b.replace = new Map(objs.map((o) => [o.metadata.uid, o]));
      schedule();
    },
    phase(key, phase) {
      if (closed) return;
      buf(key).phase = phase;
      schedule();
    },
    columns(key, columns) {
      if (closed) return;
      buf(key).columns = columns;
      schedule();
    },
    flush,
    close() {
      if (closed) return;
      flush();
      closed = true;
    },
  };
}
