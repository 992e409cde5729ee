// One list+watch of a kind in one scope, and the loop that keeps it alive: the initial state (list.ts:
// WatchList or the paged list), watch from the list's resourceVersion with bookmarks and a server timeout, resume on clean close, relist on 410,
// backoff with jitter, a watchdog for silent connections, calm handling of 403, and a phase the
// header shows. resourceVersion is opaque: stored and compared as a string, never parsed.
//
// After a connection loss nothing is trusted until proven: the server's identity is checked (a
// replaced cluster → relist), and the watch that resumes from the old resourceVersion must bring an
// event or a bookmark before its short deadline, else the watcher relists (a server that never issued
// that version answers with silence; the rules are in resume.ts). Until then the phase is not 'live'.
import { StringDecoder } from 'node:string_decoder';
import type { KubeConfig } from '@kubernetes/client-node';
import type { WatchKey, WatcherPhase } from '../store/types.js';
import { describeError, oneLine } from '../kube/errors.js';
import { kubeRequest, KubeHttpError } from '../kube/http.js';
import type { ServerVerdict } from './identity.js';
import type { RowCodec } from './tableRows.js';
import { backoffDelay, DEFAULT_TIMINGS, idleTimer, sleep, WatchdogError, type WatcherTimings } from './timing.js';
import { createLister, type WatcherSink } from './list.js';
import { judgeWatchEnd, mayResume, retryDelay, serverAway, versionUnknown, watchTimeoutSec, type Reconnects, type WatchEnd } from './resume.js';
import type { WatchListSupport } from './watchList.js';
import { applyWatchEvent } from './events.js';

export type { WatcherSink } from './list.js';

export interface WatchTarget {
  key: WatchKey;
  /** Collection path, e.g. /api/v1/namespaces/ns1/pods or /apis/apps/v1/deployments. */
  path: string;
  /** Rows in another form than whole objects: the server's Table (./tableRows.ts). */
  rows?: RowCodec;
}

export interface Watcher {
  readonly key: WatchKey;
  /** Aborts in-flight requests and timers; resolves when the loop has exited. Nothing is written after. */
  stop(): Promise<void>;
}

/** What a watcher asks of the rest of the session (the manager shares one of each between watchers). */
export interface WatcherHooks {
  /** After a connection loss that began at lostAt: is this still the cluster our rows came from? */
  checkServer?(lostAt: number): Promise<ServerVerdict>;
  /** After a 401: re-read the kubeconfig (re-run exec plugins); resolves with one line saying so. */
  reauth?(): Promise<string>;
  /** Whether this server serves WatchList (watchList.ts); absent = always the paged list. */
  watchList?: WatchListSupport;
  /** List once and never watch (`--once`): the phase goes live after the list and no watch is opened. */
  listOnly?: boolean;
  /** Shared by the session's watchers: the first to hear a server that was away wakes the others. */
  reconnects?: Reconnects;
  /** A list (or WatchList) has come in full: the rows are this server's. */
  listed?(): void;
}

/** The header's words for a failure: the server is on screen already (src/kube/errors.ts). */
const briefly = (err: unknown) => describeError(err, { brief: true });

/** Time past a watch's own deadline before a silent connection counts as dead. */
const DEADLINE_GRACE_MS = 5000;

export function startWatcher(
  kc: KubeConfig,
  target: WatchTarget,
  out: WatcherSink,
  timings: Partial<WatcherTimings> = {},
  hooks: WatcherHooks = {},
): Watcher {
  const t: WatcherTimings = { ...DEFAULT_TIMINGS, ...timings };
  const { key, path, rows } = target;
  const master = new AbortController();
  let disposed = false;
  // Every write goes through here: after stop() nothing reaches the store, whatever is in flight.
  const sink: WatcherSink = {
    upsert: (k, o) => void (disposed || out.upsert(k, o)),
    upsertMany: (k, os) => void (disposed || out.upsertMany(k, os)),
    remove: (k, o) => void (disposed || out.remove(k, o)),
    replace: (k, os) => void (disposed || out.replace(k, os)),
    phase: (k, p) => void (disposed || out.phase(k, p)),
    columns: (k, c) => void (disposed || out.columns(k, c)),
  };

  /** Where the next watch starts: the list's resourceVersion, then the last event or bookmark seen. undefined = relist. */
  let cursor: string | undefined;
  /** Set by a failure: the cursor (and the rows) may belong to another server, or a history it lost. */
  let unverified = false;
  /** This server sends bookmarks: a watch that ends without one was not really watching. */
  let bookmarksSeen = false;
  /** 401s in a row; the first re-reads the credentials and retries at once. */
  let unauthorizedRuns = 0;

  // Phase bookkeeping.
  let phase: WatcherPhase['phase'] = 'syncing';
  let liveSince: number | undefined;
  let downSince: number | undefined;
  let lastError: string | undefined;
  let failures = 0;
  let staleTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = (p: WatcherPhase) => {
    if (disposed) return;
    phase = p.phase;
    sink.phase(key, p);
  };

  const markLive = () => {
    if (staleTimer) clearTimeout(staleTimer);
    staleTimer = undefined;
    downSince = undefined;
    lastError = undefined;
    unverified = false;
    unauthorizedRuns = 0;
    if (phase === 'live') return;
    liveSince = Date.now();
    emit({ phase: 'live', since: liveSince });
  };

  /** Records a failure and returns how long to wait before the next attempt. */
  const markDown = (err: unknown, note?: string): number => {
    const now = Date.now();
    if (liveSince !== undefined && now - liveSince >= t.healthyAfterMs) failures = 0;
    liveSince = undefined;
    failures++;
    unverified = true;
    lastError = briefly(err) + (note ? ` — ${note}` : '');
    const unauthorized = err instanceof KubeHttpError && err.code === 401;
    if (downSince === undefined) {
      downSince = now;
      staleTimer = setTimeout(() => {
        staleTimer = undefined;
        if (downSince !== undefined) emit({ phase: 'stale', since: downSince, lastError });
      }, t.staleAfterMs);
    }
    if (unauthorized && (unauthorizedRuns > 1 || !hooks.reauth)) {
      // Fresh credentials did not help either (or there is nothing to re-read): say so at once, and
      // retry slowly (each retry re-reads the kubeconfig, so logging in again or fixing it is picked up).
      lastError = `${lastError} (credentials rejected: log in again or check the kubeconfig user)`;
      emit({ phase: 'stale', since: downSince, lastError });
      return t.backoffMaxMs;
    }
    if (phase === 'stale') emit({ phase: 'stale', since: downSince, lastError });
    else emit({ phase: 'reconnecting', attempt: failures, since: downSince, lastError });
    return retryDelay(err, failures, t);
  };

  /** A child controller for one request: aborted by stop() or by its own timers. */
  const requestController = () => {
    const ctl = new AbortController();
    const onMaster = () => ctl.abort(master.signal.reason);
    master.signal.addEventListener('abort', onMaster, { once: true });
    return { ctl, release: () => master.signal.removeEventListener('abort', onMaster) };
  };

  const list = createLister({
    kc,
    key,
    path,
    rows,
    t,
    watchList: hooks.watchList,
    listOnly: hooks.listOnly,
    sink,
    emit,
    request: requestController,
    disposed: () => disposed,
    stopped: master.signal,
  });

  /**
   * One watch request from rv until the stream ends. Throws on errors (incl. watchdog). A probe (the
   * first watch after a connection loss) has a short deadline and makes the watcher live only once an
   * event or a bookmark proves that the server knows rv.
   */
  async function watch(fromRv: string, probe: boolean): Promise<WatchEnd> {
    const timeoutSec = watchTimeoutSec(probe, t);
    const idleLimitMs = Math.min(t.watchdogMs, timeoutSec * 1000 + DEADLINE_GRACE_MS);
    const q = new URLSearchParams({
      watch: '1',
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(timeoutSec),
      ...rows?.query,
    });
    if (fromRv) q.set('resourceVersion', fromRv);
    const { ctl, release } = requestController();
    let dogArmed = false;
    const dog = idleTimer(t.requestTimeoutMs, () =>
      ctl.abort(new WatchdogError(`no data from the server for ${Math.round((dogArmed ? idleLimitMs : t.requestTimeoutMs) / 1000)}s`)),
    );
    let events = 0;
    let heard = 0;
    try {
      const res = await kubeRequest(kc, `${path}?${q}`, { signal: ctl.signal, accept: rows?.accept });
      if (disposed) return { gone: false, events, heard };
      if (unverified) hooks.reconnects?.heard();
      dogArmed = true;
      dog.reset(idleLimitMs);
      if (!probe) markLive();
      const decoder = new StringDecoder('utf8');
      let buf = '';
      for await (const chunk of res.body) {
        dog.touch();
        buf += decoder.write(chunk as Buffer);
        // One chunk may hold hundreds of events: walk it with an index, cut the remainder once.
        let start = 0;
        let nl: number;
        while ((nl = buf.indexOf('\n', start)) >= 0) {
          const line = buf.slice(start, nl);
          start = nl + 1;
          if (line.trim() === '') continue;
          const end = applyWatchEvent(line, key, sink, rows);
          if (end === 'gone') return { gone: true, events, heard };
          if (end !== undefined) {
            if (end.bookmark) bookmarksSeen = true;
            else events++;
            if (heard++ === 0 && probe) markLive();
            cursor = end.rv;
          }
          if (disposed) return { gone: false, events, heard };
        }
        if (start > 0) buf = buf.slice(start);
      }
      // A cut connection can look like an ordinary end of stream: only a proper end is a clean close.
      if (!res.complete()) throw new Error('connection closed mid-stream');
      return { gone: false, events, heard };
    } catch (err) {
      throw ctl.signal.reason instanceof WatchdogError ? ctl.signal.reason : err;
    } finally {
      dog.cancel();
      release();
      ctl.abort(); // closes the socket when we returned early (410 event)
    }
  }

  async function run(): Promise<void> {
    emit({ phase: 'syncing' });
    let firstSync = true;
    let earlyEnds = 0;
    let forbiddenSince: number | undefined;
    while (!disposed) {
      let justListed = false;
      let started = 0;
      try {
        // Back after a failure: a replaced cluster (or one we cannot tell) gets a fresh list.
        if (cursor !== undefined && unverified && !mayResume(await serverVerdict())) cursor = undefined;
        if (disposed) break;
        if (cursor === undefined) {
          cursor = await list(firstSync);
          if (disposed) break;
          if (unverified) hooks.reconnects?.heard();
          firstSync = false;
          justListed = true;
          markLive();
          hooks.listed?.();
        }
        if (hooks.listOnly) {
          // --once: the list is all it wanted; no watch is opened while it prints and exits.
          await sleep(Infinity, master.signal);
          break;
        }
        started = Date.now();
        const probe = unverified;
        const end = await watch(cursor, probe);
        if (disposed) break;
        forbiddenSince = undefined;
        // A clean close resumes at once, unless the watch did not prove our version (resume.ts).
        const { relist, early } = judgeWatchEnd(end, { probe, justListed, elapsedMs: Date.now() - started, bookmarksSeen }, t);
        if (relist) cursor = undefined;
        earlyEnds = early ? earlyEnds + 1 : 0;
        if (early) await sleep(backoffDelay(earlyEnds, t), master.signal);
      } catch (err) {
        if (disposed) break;
        if (err instanceof KubeHttpError && err.code === 403) {
          // Once live, a 403 is first taken as transient: objects stay (marked stale), the header says
          // why, and the watch is retried; only a 403 that lasts past the grace is "forbidden".
          forbiddenSince ??= Date.now();
          if (!firstSync && phase !== 'forbidden' && Date.now() - forbiddenSince < t.forbiddenGraceMs) {
            await backOff(err, markDown(err));
            continue;
          }
          await forbidden(err, !firstSync);
          forbiddenSince = undefined;
          cursor = undefined;
          continue;
        }
        forbiddenSince = undefined;
        // 410 as the answer to the watch request itself (not as an event), or a resourceVersion the
        // server never issued: relist, as for the event.
        if (versionUnknown(err) && started > 0) {
          cursor = undefined;
          earlyEnds = justListed ? earlyEnds + 1 : 0;
          if (justListed) await sleep(backoffDelay(earlyEnds, t), master.signal);
          continue;
        }
        // Rejected credentials: re-read the kubeconfig (and re-run exec plugins) before the retry.
        let note: string | undefined;
        if (err instanceof KubeHttpError && err.code === 401) {
          unauthorizedRuns++;
          if (hooks.reauth) note = await hooks.reauth().catch((e: unknown) => `could not re-read the credentials: ${briefly(e)}`);
          if (disposed) break;
        }
        // Any other error: back off, then check the server and watch again from the last event seen
        // (or list again).
        await backOff(err, markDown(err, note));
      }
    }
  }

  /** Waits before the next attempt; while the server is away, less if another watcher hears it first. */
  function backOff(err: unknown, ms: number): Promise<void> {
    return hooks.reconnects && serverAway(err) ? hooks.reconnects.wait(ms, master.signal) : sleep(ms, master.signal);
  }

  /** The server's identity after a failure; without a way to check, nothing is trusted. */
  async function serverVerdict(): Promise<ServerVerdict> {
    if (!hooks.checkServer) return 'unknown';
    return hooks.checkServer(downSince ?? Date.now()).catch(() => 'unknown' as const);
  }

  /** 403: say it once, drop what we had, and retry rarely (or never) instead of spamming the server. */
  async function forbidden(err: KubeHttpError, hadWorked: boolean): Promise<void> {
    if (staleTimer) clearTimeout(staleTimer);
    staleTimer = undefined;
    downSince = undefined;
    liveSince = undefined;
    failures = 0;
    if (phase !== 'forbidden') {
      sink.replace(key, []);
      emit({ phase: 'forbidden', message: oneLine(err.serverMessage ?? err.message) });
    }
    // Access that worked before is likely to come back (RBAC being edited, a server still syncing):
    // look again soon, so the view and the badge come back with it.
    const wait = hadWorked ? Math.min(t.forbiddenAfterLiveRetryMs, t.forbiddenRetryMs || Infinity) : t.forbiddenRetryMs;
    await sleep(wait > 0 ? wait : Infinity, master.signal);
  }

  const loop = run().catch((err) => {
    // The loop handles its own errors; anything here is a bug, shown rather than thrown.
    if (!disposed) emit({ phase: 'stale', since: Date.now(), lastError: briefly(err) });
  });

  return {
    key,
    async stop() {
      if (disposed) return loop;
      disposed = true;
      if (staleTimer) clearTimeout(staleTimer);
      master.abort();
      await loop;
    },
  };
}
