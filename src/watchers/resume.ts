// When a watcher may trust what it had after a failure (watcher.ts), beside identity.ts which says
// whether the server is still the one its rows came from. The rules: resume from the last
// resourceVersion only on the same server; the first watch after a loss (the probe) must bring an
// event or a bookmark before its short deadline, else the server does not know that version (it
// never issued it) and the watcher relists; 410, or "Too large resource version", relists too. And
// how long to wait before the next attempt: the server's Retry-After, else a backoff that stays short
// while the server is only restarting.
import { isTooLargeResourceVersion, KubeHttpError } from '../kube/http.js';
import type { ServerVerdict } from './identity.js';
import { backoffDelay, sleep, type WatcherTimings } from './timing.js';

/** How a watch stream ended without an error; heard = events and bookmarks received. */
export interface WatchEnd {
  gone: boolean;
  events: number;
  heard: number;
}

/** Back after a failure: only the same server's history continues ours (a replaced or unknown one → relist). */
export const mayResume = (verdict: ServerVerdict): boolean => verdict === 'same';

/** The server-side timeout of a watch: the probe's is short; others spread over [min, 2·min) so watches do not reconnect in lockstep. */
export function watchTimeoutSec(probe: boolean, t: Pick<WatcherTimings, 'probeTimeoutSec' | 'watchTimeoutSec'>, rand = Math.random): number {
  return probe ? t.probeTimeoutSec : Math.round(t.watchTimeoutSec * (1 + rand()));
}

/**
 * A watch that ended without an error: relist when the server said our version is gone, or when the
 * watch brought neither an event nor a bookmark by its deadline (it was not watching: the server does
 * not know our version). The probe after a failure must always be heard; later watches once this
 * server has shown that it sends bookmarks. `early`: it ended too soon to tell (backed off, so a server
 * that ends every watch at once, or answers 410 right after a fresh list, does not make us spin).
 */
export function judgeWatchEnd(
  end: WatchEnd,
  o: { probe: boolean; justListed: boolean; elapsedMs: number; bookmarksSeen: boolean },
  t: Pick<WatcherTimings, 'minWatchMs'>,
): { relist: boolean; early: boolean } {
  const early = end.events === 0 && o.elapsedMs < t.minWatchMs && (!end.gone || o.justListed);
  const relist = end.gone || (end.heard === 0 && !early && (o.probe || o.bookmarksSeen));
  return { relist, early };
}

/** The answer to the watch request itself says our version is unknown: 410 Gone, or one the server never issued. */
export const versionUnknown = (err: unknown): boolean => (err instanceof KubeHttpError && err.code === 410) || isTooLargeResourceVersion(err);

/**
 * No HTTP answer at all (refused, reset, cut, silent), a proxy's 502/503/504 in front of it, a 403
 * while a restarted server syncs its RBAC, or a 401 just after re-reading the credentials: the server
 * is coming back, be there soon after it is.
 */
export function serverAway(err: unknown): boolean {
  return !(err instanceof KubeHttpError) || ([401, 403, 502, 503, 504].includes(err.code) && !retryAfter(err));
}

const retryAfter = (err: unknown): err is KubeHttpError & { retryAfterSec: number } =>
  err instanceof KubeHttpError && err.retryAfterSec !== undefined && [429, 503, 504].includes(err.code);

/** Retry-After when the server gave one; a short cap while it is away (serverAway); else exponential. */
export function retryDelay(err: unknown, failures: number, t: WatcherTimings): number {
  if (retryAfter(err)) return Math.round(err.retryAfterSec * 1000 * (1 + Math.random() * 0.2));
  return backoffDelay(failures, serverAway(err) ? { ...t, backoffMaxMs: Math.min(t.backoffMaxMs, t.refusedBackoffMaxMs) } : t);
}

/**
 * The watchers of one session waiting for a server that went away: the first one to hear it again
 * wakes the others, so every view is back within one round trip of the first instead of each at the
 * end of its own backoff.
 */
export interface Reconnects {
  /** Waits ms, or less when another watcher hears the server meanwhile (or the signal aborts). */
  wait(ms: number, signal: AbortSignal): Promise<void>;
  /** A request got an HTTP answer after a failure. */
  heard(): void;
}

export function createReconnects(): Reconnects {
  const waiting = new Set<() => void>();
  return {
    wait(ms, signal) {
      const woken = new AbortController();
      const wake = () => woken.abort();
      waiting.add(wake);
      return sleep(ms, AbortSignal.any([signal, woken.signal])).finally(() => waiting.delete(wake));
    },
    heard() {
      for (const wake of [...waiting]) wake();
    },
  };
}
