// What every controller gets: the store, the clock, the shared cache, the event recorder, a seeded
// random source, tracked timers (so stop() cancels them all) and deduplicating work queues.
import type { ClusterStore, KubeObject, SimClock } from '../types.js';
import { SimError } from '../types.js';
import type { Cache } from './cache.js';
import type { EventRecorder } from './events.js';
import { isoTime } from './util.js';

export interface Ctx {
  store: ClusterStore;
  clock: SimClock;
  cache: Cache;
  events: EventRecorder;
  rand: () => number;
  /** A clock timer that stop() cancels. */
  after(ms: number, fn: () => void): () => void;
  every(ms: number, fn: () => void): () => void;
  queue(name: string, handler: (key: string) => void): WorkQueue;
  readonly stopped: boolean;
  now(): number;
  nowIso(): string;
  /** Graceful pod delete as the API server does it: deletionTimestamp now+grace; immediate when unscheduled or grace 0. */
  deletePod(pod: KubeObject, graceSeconds?: number): void;
}

/**
 * One FIFO of (controller, key) pairs shared by all controllers, processed in a microtask after the
 * store events that queued them. Reactions happen "immediately" without writing to the store from
 * inside a store listener (which would reorder watch events) and without the clock having to move.
 * Sharing one FIFO means a controller that re-queues itself runs after the controllers its writes
 * woke up (a deployment sees its replica sets' fresh status), as separate informers would allow.
 */
export class Dispatcher {
  private readonly pending = new Set<string>();
  private readonly handlers = new Map<string, (key: string) => void>();
  private readonly retries = new Map<string, number>();
  private scheduled = false;
  /** Per item: [clock time, syncs at that time]. A controller bug that makes two objects wake each other forever is throttled, not a frozen process. */
  private readonly spins = new Map<string, [number, number]>();

  constructor(private readonly ctx: Pick<Ctx, 'after' | 'stopped' | 'now'>) {}

  queue(name: string, handler: (key: string) => void): WorkQueue {
    this.handlers.set(name, handler);
    return {
      add: (key) => this.add(`${name}\u0000${key}`),
      addAfter: (key, ms) => this.ctx.after(Math.max(0, ms), () => this.add(`${name}\u0000${key}`)),
    };
  }

  private add(item: string): void {
    if (this.ctx.stopped) return;
    this.pending.add(item);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    let budget = 20_000; // yield now and then so one storm cannot starve I/O
    while (this.pending.size && budget-- > 0 && !this.ctx.stopped) {
      const item = this.pending.values().next().value as string;
      this.pending.delete(item);
      const sep = item.indexOf('\u0000');
      const name = item.slice(0, sep);
      const now = this.ctx.now();
      const spin = this.spins.get(item);
      if (spin && spin[0] === now) {
        if (++spin[1] > 200) {
          if (spin[1] === 201) console.error(`sim ${name}: ${item.slice(sep + 1)} keeps re-queueing itself; throttling it`);
          this.ctx.after(1000, () => this.add(item));
          continue;
        }
      } else {
        if (this.spins.size > 10_000) this.spins.clear();
        this.spins.set(item, [now, 1]);
      }
      try {
        this.handlers.get(name)?.(item.slice(sep + 1));
        this.retries.delete(item);
      } catch (err) {
        // A conflict or a vanished object: retry with back-off, like a rate-limited workqueue.
        const n = (this.retries.get(item) ?? 0) + 1;
        this.retries.set(item, n);
        if (n <= 8) this.ctx.after(50 * 2 ** n, () => this.add(item));
        else {
          this.retries.delete(item);
          if (!(err instanceof SimError)) console.error(`sim ${name}: ${item.slice(sep + 1)}: ${(err as Error).message}`);
        }
      }
    }
    if (this.pending.size && !this.scheduled && !this.ctx.stopped) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }
}

export interface WorkQueue {
  add(key: string): void;
  addAfter(key: string, ms: number): () => void;
}

export function makeCtx(store: ClusterStore, clock: SimClock, cache: Cache, rand: () => number): Omit<Ctx, 'events'> & { stop(): void } {
  const timers = new Set<() => void>();
  let stopped = false;
  // eslint-disable-next-line prefer-const
  let dispatcher: Dispatcher;
  const ctx = {
    store,
    clock,
    cache,
    rand,
    get stopped() {
      return stopped;
    },
    now: () => clock.now(),
    nowIso: () => isoTime(clock.now()),
    after(ms: number, fn: () => void) {
      if (stopped) return () => {};
      const c = () => {
        timers.delete(c);
        cancelRaw();
      };
      const cancelRaw = clock.setTimeout(() => {
        timers.delete(c);
        if (!stopped) fn();
      }, ms);
      timers.add(c);
      return c;
    },
    every(ms: number, fn: () => void) {
      if (stopped) return () => {};
      const cancelRaw = clock.setInterval(() => {
        if (!stopped) fn();
      }, ms);
      const c = () => {
        timers.delete(c);
        cancelRaw();
      };
      timers.add(c);
      return c;
    },
    queue(name: string, handler: (key: string) => void): WorkQueue {
      return dispatcher.queue(name, handler);
    },
    deletePod(pod: KubeObject, graceSeconds?: number) {
      const ns = pod.metadata.namespace;
      const name = pod.metadata.name ?? '';
      const grace = graceSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      if (!pod.spec?.nodeName || grace === 0 || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
        store.remove('pods', ns, name);
        return;
      }
      if (pod.metadata.deletionTimestamp) return;
      store.mutate('pods', ns, name, (p) => {
        if (p.metadata.deletionTimestamp) return undefined;
        p.metadata.deletionTimestamp = isoTime(clock.now() + grace * 1000);
        p.metadata.deletionGracePeriodSeconds = grace;
        return p;
      });
    },
    stop() {
      stopped = true;
      for (const c of [...timers]) c();
      timers.clear();
    },
  };
  dispatcher = new Dispatcher(ctx);
  return ctx;
}
