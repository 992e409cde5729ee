// One list+watch of a kind in one scope, and the loop that keeps it alive: paged list, watch from the
// list's resourceVersion with bookmarks and a server timeout, resume on clean close, relist on 410,
// backoff with jitter, a watchdog for silent connections, calm handling of 403, and a phase the
// header shows. resourceVersion is opaque: stored and compared as a string, never parsed.
import { StringDecoder } from 'node:string_decoder';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KObj } from '../resources/types.js';
import { trimObject } from '../store/trim.js';
import type { WatchKey, WatcherPhase } from '../store/types.js';
import type { Batcher } from './batcher.js';
import { describeError, kubeGet, KubeHttpError, oneLine, statusError } from './http.js';
import { backoffDelay, DEFAULT_TIMINGS, idleTimer, sleep, type WatcherTimings } from './timing.js';

export type WatcherSink = Pick<Batcher, 'upsert' | 'upsertMany' | 'remove' | 'replace' | 'phase'>;

export interface WatchTarget {
  key: WatchKey;
  /** Collection path, e.g. /api/v1/namespaces/ns1/pods or /apis/apps/v1/deployments. */
  path: string;
}

export interface Watcher {
  readonly key: WatchKey;
  /** Aborts in-flight requests and timers; resolves when the loop has exited. Nothing is written after. */
  stop(): Promise<void>;
}

/** How a watch stream ended without an error. */
type WatchEnd = { gone: boolean; events: number };

class WatchdogError extends Error {}

export function startWatcher(kc: KubeConfig, target: WatchTarget, out: WatcherSink, timings: Partial<WatcherTimings> = {}): Watcher {
  const t: WatcherTimings = { ...DEFAULT_TIMINGS, ...timings };
  const { key, path } = target;
  const master = new AbortController();
  let disposed = false;
  // Every write goes through here: after stop() nothing reaches the store, whatever is in flight.
  const sink: WatcherSink = {
    upsert: (k, o) => void (disposed || out.upsert(k, o)),
    upsertMany: (k, os) => void (disposed || out.upsertMany(k, os)),
    remove: (k, o) => void (disposed || out.remove(k, o)),
    replace: (k, os) => void (disposed || out.replace(k, os)),
    phase: (k, p) => void (disposed || out.phase(k, p)),
  };

  /** Where the next watch starts: the list's resourceVersion, then the last event or bookmark seen. undefined = relist. */
  let cursor: string | undefined;

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
    if (phase === 'live') return;
    liveSince = Date.now();
    emit({ phase: 'live', since: liveSince });
  };

  /** Records a failure and returns how long to wait before the next attempt. */
  const markDown = (err: unknown): number => {
    const now = Date.now();
    if (liveSince !== undefined && now - liveSince >= t.healthyAfterMs) failures = 0;
    liveSince = undefined;
    failures++;
    lastError = describeError(err);
    const unauthorized = err instanceof KubeHttpError && err.code === 401;
    if (downSince === undefined) {
      downSince = now;
      staleTimer = setTimeout(() => {
        staleTimer = undefined;
        if (downSince !== undefined) emit({ phase: 'stale', since: downSince, lastError });
      }, t.staleAfterMs);
    }
    if (unauthorized) {
      // Expired or revoked credentials do not fix themselves in a second: say so at once, retry slowly
      // (an exec plugin may hand out a fresh token next time).
      lastError = `${lastError} (credentials rejected: log in again or check the kubeconfig user)`;
      emit({ phase: 'stale', since: downSince, lastError });
      return t.backoffMaxMs;
    }
    if (phase === 'stale') emit({ phase: 'stale', since: downSince, lastError });
    else emit({ phase: 'reconnecting', attempt: failures, since: downSince, lastError });
    return backoffDelay(failures, t);
  };

  /** A child controller for one request: aborted by stop() or by its own timers. */
  const requestController = () => {
    const ctl = new AbortController();
    const onMaster = () => ctl.abort(master.signal.reason);
    master.signal.addEventListener('abort', onMaster, { once: true });
    return { ctl, release: () => master.signal.removeEventListener('abort', onMaster) };
  };

  async function getJson(pathAndQuery: string): Promise<any> {
    const { ctl, release } = requestController();
    const dog = idleTimer(t.requestTimeoutMs, () => ctl.abort(new WatchdogError(`no answer from the server in ${Math.round(t.requestTimeoutMs / 1000)}s`)));
    try {
      const res = await kubeGet(kc, pathAndQuery, { signal: ctl.signal, gzip: true });
      const chunks: Buffer[] = [];
      for await (const c of res.body) {
        dog.touch();
        chunks.push(c as Buffer);
      }
      if (!res.complete()) throw new Error('connection closed mid-list');
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      throw ctl.signal.reason instanceof WatchdogError ? ctl.signal.reason : err;
    } finally {
      dog.cancel();
      release();
    }
  }

  /** Paged list; returns the list's resourceVersion. Emits pages as they come on the first sync, then one replace. */
  async function list(firstSync: boolean): Promise<string> {
    for (let restarts = 0; ; restarts++) {
      const items: KObj[] = [];
      let cont: string | undefined;
      let rv = '';
      try {
        do {
          const q = new URLSearchParams({ limit: String(t.pageSize) });
          if (cont) q.set('continue', cont);
          const page = await getJson(`${path}?${q}`);
          if (disposed) return rv;
          const kind = typeof page.kind === 'string' ? page.kind.replace(/List$/, '') : undefined;
          const pageItems: KObj[] = [];
          for (const raw of (page.items ?? []) as KObj[]) {
            // List items carry no kind/apiVersion; views (YAML) want them like kubectl shows them.
            if (raw.kind === undefined && kind) raw.kind = kind;
            if (raw.apiVersion === undefined && page.apiVersion) raw.apiVersion = page.apiVersion;
            const obj = trimObject(raw);
            pageItems.push(obj);
            items.push(obj);
          }
          if (firstSync && pageItems.length) sink.upsertMany(key, pageItems);
          rv = String(page.metadata?.resourceVersion ?? '');
          cont = page.metadata?.continue || undefined;
        } while (cont);
      } catch (err) {
        // The continue token expired mid-list (410): start over from the first page.
        if (err instanceof KubeHttpError && err.code === 410 && cont && restarts < 3) continue;
        throw err;
      }
      sink.replace(key, items);
      return rv;
    }
  }

  /** One watch request from rv until the stream ends. Throws on errors (incl. watchdog). */
  async function watch(fromRv: string): Promise<WatchEnd> {
    const timeoutSec = Math.round(t.watchTimeoutSec * (1 + Math.random()));
    const q = new URLSearchParams({
      watch: '1',
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(timeoutSec),
    });
    if (fromRv) q.set('resourceVersion', fromRv);
    const { ctl, release } = requestController();
    let dogArmed = false;
    const dog = idleTimer(t.requestTimeoutMs, () =>
      ctl.abort(new WatchdogError(`no data from the server for ${Math.round((dogArmed ? t.watchdogMs : t.requestTimeoutMs) / 1000)}s`)),
    );
    let events = 0;
    try {
      const res = await kubeGet(kc, `${path}?${q}`, { signal: ctl.signal });
      if (disposed) return { gone: false, events };
      dogArmed = true;
      dog.reset(t.watchdogMs);
      markLive();
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
          const end = handleEvent(line);
          if (end === 'gone') return { gone: true, events };
          if (end !== undefined) {
            events++;
            cursor = end;
          }
          if (disposed) return { gone: false, events };
        }
        if (start > 0) buf = buf.slice(start);
      }
      // A cut connection can look like an ordinary end of stream: only a proper end is a clean close.
      if (!res.complete()) throw new Error('connection closed mid-stream');
      return { gone: false, events };
    } catch (err) {
      throw ctl.signal.reason instanceof WatchdogError ? ctl.signal.reason : err;
    } finally {
      dog.cancel();
      release();
      ctl.abort(); // closes the socket when we returned early (410 event)
    }
  }

  /** Applies one watch event line; returns the new resourceVersion, 'gone' on 410, or undefined. */
  function handleEvent(line: string): string | 'gone' | undefined {
    let ev: { type?: string; object?: any };
    try {
      ev = JSON.parse(line);
    } catch {
      throw new Error('malformed watch event from the server');
    }
    const obj = ev.object;
    switch (ev.type) {
      case 'ADDED':
      case 'MODIFIED': {
        if (!obj?.metadata?.uid) return undefined;
        sink.upsert(key, trimObject(obj as KObj));
        return obj.metadata.resourceVersion;
      }
      case 'DELETED': {
        if (!obj?.metadata?.uid) return undefined;
        sink.remove(key, obj as KObj);
        return obj.metadata.resourceVersion;
      }
      case 'BOOKMARK':
        return obj?.metadata?.resourceVersion;
      case 'ERROR': {
        const code = Number(obj?.code ?? 0);
        if (code === 410) return 'gone';
        throw statusError(code || 500, JSON.stringify(obj ?? {}));
      }
      default:
        return undefined;
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
        if (cursor === undefined) {
          cursor = await list(firstSync);
          if (disposed) break;
          firstSync = false;
          justListed = true;
          markLive();
        }
        started = Date.now();
        const end = await watch(cursor);
        if (disposed) break;
        forbiddenSince = undefined;
        if (end.gone) cursor = undefined;
        // A clean close resumes at once; but a server that ends every watch at once, or answers 410
        // right after a fresh list, must not make us spin.
        const early = end.events === 0 && Date.now() - started < t.minWatchMs && (!end.gone || justListed);
        earlyEnds = early ? earlyEnds + 1 : 0;
        if (early) await sleep(backoffDelay(earlyEnds, t), master.signal);
      } catch (err) {
        if (disposed) break;
        if (err instanceof KubeHttpError && err.code === 403) {
          // Once live, a 403 is first taken as transient: objects stay, the header says why, and
          // the watch is retried with backoff; only a 403 that lasts past the grace is "forbidden".
          forbiddenSince ??= Date.now();
          if (!firstSync && phase !== 'forbidden' && Date.now() - forbiddenSince < t.forbiddenGraceMs) {
            await sleep(markDown(err), master.signal);
            continue;
          }
          await forbidden(err);
          forbiddenSince = undefined;
          cursor = undefined;
          continue;
        }
        forbiddenSince = undefined;
        // 410 as the answer to the watch request itself (not as an event): relist, as for the event.
        if (err instanceof KubeHttpError && err.code === 410 && started > 0) {
          cursor = undefined;
          earlyEnds = justListed ? earlyEnds + 1 : 0;
          if (justListed) await sleep(backoffDelay(earlyEnds, t), master.signal);
          continue;
        }
        // Any other error: back off, then watch again from the last event seen (or list again).
        const delay = markDown(err);
        await sleep(delay, master.signal);
      }
    }
  }

  /** 403: say it once, drop what we had, and retry rarely (or never) instead of spamming the server. */
  async function forbidden(err: KubeHttpError): Promise<void> {
    if (staleTimer) clearTimeout(staleTimer);
    staleTimer = undefined;
    downSince = undefined;
    liveSince = undefined;
    failures = 0;
    if (phase !== 'forbidden') {
      sink.replace(key, []);
      emit({ phase: 'forbidden', message: oneLine(err.serverMessage ?? err.message) });
    }
    await sleep(t.forbiddenRetryMs > 0 ? t.forbiddenRetryMs : Infinity, master.signal);
  }

  const loop = run().catch((err) => {
    // The loop handles its own errors; anything here is a bug, shown rather than thrown.
    if (!disposed) emit({ phase: 'stale', since: Date.now(), lastError: describeError(err) });
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
