// The simulated clock. 'real' follows wall time, optionally sped up (speed 10 = ten simulated seconds
// per real second, and timers fire ten times sooner). 'manual' moves only when a test calls advance(),
// which fires due timers in time order so that tests are deterministic and need no sleeps.
import type { SimClock } from './types.js';
import { simDebug } from './debug.js';

export interface ClockOptions {
  mode: 'real' | 'manual';
  /** real mode: simulated ms per real ms (default 1). */
  speed?: number;
  /** Simulated start time, ms since epoch (default: now). */
  start?: number;
}

export function createClock(opts: ClockOptions): SimClock {
  return opts.mode === 'manual' ? manualClock(opts.start ?? Date.now()) : realClock(opts.speed ?? 1, opts.start);
}

function realClock(speed: number, start?: number): SimClock {
  if (!(speed > 0)) throw new Error(`clock speed must be positive, got ${speed}`);
  const realStart = Date.now();
  const simStart = start ?? realStart;
  return {
    mode: 'real',
    now: () => simStart + Math.floor((Date.now() - realStart) * speed),
    setTimeout(fn, ms) {
      const t = setTimeout(fn, Math.max(0, ms / speed));
      t.unref?.();
      return () => clearTimeout(t);
    },
    setInterval(fn, ms) {
      const t = setInterval(fn, Math.max(1, ms / speed));
      t.unref?.();
      return () => clearInterval(t);
    },
    advance() {
      return Promise.reject(new Error('advance() is only for manual clocks'));
    },
  };
}

interface Timer {
  due: number;
  seq: number;
  fn: () => void;
  every?: number;
  cancelled: boolean;
}

/** Binary min-heap on (due, seq): equal due times fire in the order they were scheduled. */
class TimerHeap {
  private items: Timer[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Timer | undefined {
    return this.items[0];
  }
  push(t: Timer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): Timer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

function manualClock(start: number): SimClock {
  let now = start;
  let seq = 0;
  const heap = new TimerHeap();
  let advancing: Promise<void> = Promise.resolve();

  const schedule = (fn: () => void, ms: number, every?: number): (() => void) => {
    const t: Timer = { due: now + Math.max(0, ms), seq: seq++, fn, every, cancelled: false };
    heap.push(t);
    return () => {
      t.cancelled = true;
    };
  };

  const run = async (ms: number): Promise<void> => {
    const target = now + Math.max(0, ms);
    for (;;) {
      const next = heap.peek();
      if (!next || next.due > target) break;
      heap.pop();
      if (next.cancelled) continue;
      now = Math.max(now, next.due);
      if (next.every !== undefined) {
        next.due = now + Math.max(1, next.every);
        next.seq = seq++;
        heap.push(next);
      }
      try {
        next.fn();
      } catch (err) {
        // A failing timer must not stop time for every other component.
        simDebug('a timer threw', err);
      }
      // Let promise chains and I/O started by this timer settle before the next one fires.
      await new Promise<void>((r) => setImmediate(r));
    }
    now = Math.max(now, target);
  };

  return {
    mode: 'manual',
    now: () => now,
    setTimeout: (fn, ms) => schedule(fn, ms),
    setInterval: (fn, ms) => schedule(fn, ms, ms),
    advance(ms) {
      // Serialize concurrent advance() calls so time never goes backwards.
      advancing = advancing.then(() => run(ms));
      return advancing;
    },
  };
}

/**
 * Runs `fn` with the clock reading `t`, so objects created inside get that creationTimestamp (the store
 * stamps creations with clock.now()). For what happened before the runtime started: a scenario's
 * objects, and the events it records with their own times. The store offers no other way: create()
 * always stamps clock.now(), and update()/mutate() keep the stored creationTimestamp.
 */
export function atTime<T>(clock: SimClock, t: number, fn: () => T): T {
  const c = clock as { now: () => number };
  const real = c.now;
  c.now = () => t;
  try {
    return fn();
  } finally {
    c.now = real;
  }
}
