// Timings of the watch loop, all overridable so tests can run the whole loop in milliseconds.

export interface WatcherTimings {
  /** Objects per list page (limit=…). */
  pageSize: number;
  /**
   * Server-side watch timeout (timeoutSeconds); each watch picks a value in [min, 2·min) so watches do
   * not reconnect in lockstep. kube-apiserver sends a bookmark 2 s before that deadline, so a healthy
   * watch is never silent for longer: the bookmarks are the liveness signal.
   */
  watchTimeoutSec: number;
  /** No byte (events and bookmarks count) for this long on an open watch → abort and reconnect (never later than the watch's deadline + 5 s). */
  watchdogMs: number;
  /** timeoutSeconds of the watch that resumes after a connection loss: it must bring an event or a bookmark, else the watcher relists. */
  probeTimeoutSec: number;
  /** No response headers, or no byte during a list, for this long → abort. */
  requestTimeoutMs: number;
  /** Backoff after errors: base·2^(n-1), capped, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Backoff cap while the server refuses or cuts connections (it is restarting: be back soon after it is). */
  refusedBackoffMaxMs: number;
  /** A failure after being live this long starts the backoff from the base again. */
  healthyAfterMs: number;
  /** Down for longer than this → phase 'stale' (the header must never show old data as fresh). */
  staleAfterMs: number;
  /** How often a forbidden (403) list is retried; 0 = never. */
  forbiddenRetryMs: number;
  /** The same for a watcher that had been live before the 403s (access that worked tends to come back). */
  forbiddenAfterLiveRetryMs: number;
  /**
   * A watcher that was live and then gets 403 treats it as transient this long (a restarting
   * kube-apiserver answers 403 until its RBAC caches sync) before calling the view forbidden.
   */
  forbiddenGraceMs: number;
  /** A watch that closes cleanly sooner than this without any event counts as an early close (backed off). */
  minWatchMs: number;
  /** A WatchList answer with no byte for this long: the server ignored the options (before 1.27); list instead. */
  watchListSilenceMs: number;
}

export const DEFAULT_TIMINGS: WatcherTimings = {
  pageSize: 500,
  watchTimeoutSec: 30,
  watchdogMs: 65_000,
  probeTimeoutSec: 3,
  requestTimeoutMs: 30_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
  refusedBackoffMaxMs: 1_000,
  healthyAfterMs: 30_000,
  staleAfterMs: 5_000,
  forbiddenRetryMs: 30_000,
  forbiddenAfterLiveRetryMs: 5_000,
  forbiddenGraceMs: 30_000,
  minWatchMs: 1_000,
  watchListSilenceMs: 3_000,
};

/** Delay before retry number `attempt` (1-based): exponential, capped, jittered in [0.75, 1.25) of the step. */
export function backoffDelay(attempt: number, t: Pick<WatcherTimings, 'backoffBaseMs' | 'backoffMaxMs'>, rand = Math.random): number {
  const step = Math.min(t.backoffMaxMs, t.backoffBaseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.min(t.backoffMaxMs, Math.round(step * (0.75 + rand() * 0.5)));
}

/** Why a request was aborted by its idle timer (said instead of the abort itself). */
export class WatchdogError extends Error {}

/** A timer that fires when not touched for `ms`. */
export interface IdleTimer {
  touch(): void;
  /** Changes the allowed idle time (and restarts the count). */
  reset(ms: number): void;
  cancel(): void;
}

export function idleTimer(ms: number, onIdle: () => void): IdleTimer {
  let limit = ms;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = Date.now();
  let done = false;
  const arm = (delay: number) => {
    timer = setTimeout(() => {
      // Re-arming on every chunk would churn timers on busy watches: check the elapsed time instead.
      const idle = Date.now() - last;
      if (idle >= limit) {
        done = true;
        onIdle();
      } else arm(limit - idle);
    }, delay);
  };
  arm(limit);
  return {
    touch() {
      last = Date.now();
    },
    reset(next) {
      if (done) return;
      limit = next;
      last = Date.now();
      if (timer) clearTimeout(timer);
      arm(limit);
    },
    cancel() {
      done = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** Resolves after ms, or early when the signal aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    // setTimeout treats Infinity as 1 ms; an endless wait must only end on abort.
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    signal.addEventListener('abort', done, { once: true });
  });
}
