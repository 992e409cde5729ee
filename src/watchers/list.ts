// A watcher's initial state (watcher.ts): WatchList where the server serves it, else the paged list
// with page n+1 asked for as soon as page n's continue token has arrived. Every request is a child of
// the watcher's (its request controller: stop() aborts it) and every write goes through its sink.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KObj } from '../resources/types.js';
import { trimObject } from '../store/trim.js';
import type { WatchKey, WatcherPhase } from '../store/types.js';
import type { Batcher } from './batcher.js';
import { kubeJson, kubeRequest, KubeHttpError } from '../kube/http.js';
import type { RowCodec } from './tableRows.js';
import { idleTimer, WatchdogError, type WatcherTimings } from './timing.js';
import { fetchPage, type PageFetch, type PageMeta } from './pages.js';
import { readInitialEvents, refusesWatchList, WATCH_LIST_QUERY, type WatchListSupport } from './watchList.js';

export type WatcherSink = Pick<Batcher, 'upsert' | 'upsertMany' | 'remove' | 'replace' | 'phase' | 'columns'>;

/** A child of the watcher's controller for one request: aborted by stop() or by its own timers. */
export type RequestController = () => { ctl: AbortController; release: () => void };

export interface ListContext {
  kc: KubeConfig;
  key: WatchKey;
  path: string;
  rows?: RowCodec;
  t: WatcherTimings;
  /** Whether this server serves WatchList (absent = always the paged list). */
  watchList?: WatchListSupport;
  listOnly?: boolean;
  sink: WatcherSink;
  /** The watcher's phase, kept in step with what it shows ("loaded N of ~M"). */
  emit: (p: WatcherPhase) => void;
  request: RequestController;
  disposed: () => boolean;
  /** The watcher's own signal: aborted only by stop(). */
  stopped: AbortSignal;
}

class SilentWatchList extends Error {}

/** "about M" objects in all: those read so far and the server's count of the rest, when it gave one. */
const estimate = (loaded: number, remaining: unknown): number | undefined => (typeof remaining === 'number' && remaining >= 0 ? loaded + remaining : undefined);

/**
 * The initial state: WatchList where the server serves it, else the paged list. Resolves with its
 * resourceVersion. On the first sync, rows are emitted as they come (with "loaded N of ~M" in the
 * phase); a relist replaces the kind's rows once, at the end.
 */
export function createLister(c: ListContext): (firstSync: boolean) => Promise<string> {
  const { kc, key, path, rows, t, sink, emit } = c;

  /** One list page, its metadata (continue, remainingItemCount) known as soon as it arrives (pages.ts). */
  function page(pathAndQuery: string, signal: AbortSignal): PageFetch {
    const { ctl, release } = c.request();
    const onAbort = () => ctl.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const dog = idleTimer(t.requestTimeoutMs, () => ctl.abort(new WatchdogError(`no answer from the server in ${Math.round(t.requestTimeoutMs / 1000)}s`)));
    const f = fetchPage(kc, pathAndQuery, ctl.signal, () => dog.touch(), rows?.accept);
    const done = () => {
      dog.cancel();
      release();
      signal.removeEventListener('abort', onAbort);
    };
    const why = (err: unknown) => {
      throw ctl.signal.reason instanceof WatchdogError ? ctl.signal.reason : err;
    };
    const body = f.page.catch(why).finally(done);
    return { meta: f.meta.catch(why), page: body };
  }

  /** Paged list; page n+1 is asked for as soon as page n's continue token has arrived, while n is read. */
  async function pagedList(firstSync: boolean): Promise<string> {
    for (let restarts = 0; ; restarts++) {
      const items: KObj[] = [];
      let cont: string | undefined;
      let rv = '';
      const attempt = new AbortController();
      const pageAt = (token: string | undefined) => {
        const q = new URLSearchParams({ limit: String(t.pageSize), ...rows?.query });
        if (token) q.set('continue', token);
        const f = page(`${path}?${q}`, attempt.signal);
        // A page abandoned after an earlier one failed must not be an unhandled rejection.
        f.page.catch(() => undefined);
        f.meta.catch(() => undefined);
        return f;
      };
      let current: PageFetch | undefined = pageAt(undefined);
      try {
        while (current) {
          const meta: PageMeta = await current.meta;
          const following: PageFetch | undefined = meta.continue ? pageAt(meta.continue) : undefined;
          const body: any = await current.page;
          if (c.disposed()) return rv;
          const kind = typeof body.kind === 'string' ? body.kind.replace(/List$/, '') : undefined;
          const pageItems: KObj[] = [];
          // A kind drawn from the server's Table: its rows and columns, no items.
          const read = rows?.page(body);
          if (read?.columns) sink.columns(key, read.columns);
          if (read) {
            pageItems.push(...read.items);
            items.push(...read.items);
          }
          for (const raw of (read ? [] : body.items ?? []) as KObj[]) {
            // List items carry no kind/apiVersion; views (YAML) want them like kubectl shows them.
            if (raw.kind === undefined && kind) raw.kind = kind;
            if (raw.apiVersion === undefined && body.apiVersion) raw.apiVersion = body.apiVersion;
            const obj = trimObject(raw);
            pageItems.push(obj);
            items.push(obj);
          }
          rv = String(body.metadata?.resourceVersion ?? '');
          cont = body.metadata?.continue || undefined;
          if (firstSync && pageItems.length) {
            sink.upsertMany(key, pageItems);
            if (cont) emit({ phase: 'syncing', loaded: items.length, total: estimate(items.length, body.metadata?.remainingItemCount) });
          }
          current = cont && cont === meta.continue ? following : cont ? pageAt(cont) : undefined;
          if (!cont) attempt.abort();
        }
      } catch (err) {
        attempt.abort();
        // The continue token expired mid-list (410): start over from the first page.
        if (err instanceof KubeHttpError && err.code === 410 && cont && restarts < 3) continue;
        throw err;
      }
      sink.replace(key, items);
      return rv;
    }
  }

  /**
   * WatchList: the initial state as events up to the end bookmark; the live watch then starts from
   * the bookmark's resourceVersion. undefined when the server does not serve it (the caller lists).
   */
  async function watchList(firstSync: boolean, support: WatchListSupport): Promise<string | undefined> {
    const q = new URLSearchParams({ ...WATCH_LIST_QUERY, timeoutSeconds: String(Math.max(t.watchTimeoutSec, 60)) });
    const { ctl, release } = c.request();
    const dog = idleTimer(t.requestTimeoutMs, () => ctl.abort(new WatchdogError(`no answer from the server in ${Math.round(t.requestTimeoutMs / 1000)}s`)));
    let total: number | undefined;
    try {
      let res;
      try {
        res = await kubeRequest(kc, `${path}?${q}`, { signal: ctl.signal });
      } catch (err) {
        // Refused as an option the server does not know (400/422): the paged list, now and from now on.
        // Anything else (a 403 included: the live watch would get it too) takes the watcher's usual path.
        if (!(err instanceof KubeHttpError) || !refusesWatchList(err.code)) throw err;
        support.state = 'no';
        return undefined;
      }
      // The total is not part of a WatchList: a one-item list says about how many there are.
      if (firstSync) {
        void kubeJson(kc, `${path}?limit=1`, { signal: ctl.signal })
          .then((b) => void (total = estimate(b?.items?.length ?? 0, b?.metadata?.remainingItemCount)))
          .catch(() => undefined);
      }
      // A server that ignores the options (before 1.27) answers an empty collection with silence.
      let heard = false;
      const quiet = setTimeout(() => heard || ctl.abort(new SilentWatchList()), t.watchListSilenceMs);
      let loaded = 0;
      const got = await readInitialEvents(
        res,
        (objs) => {
          if (!firstSync || c.disposed()) return;
          loaded += objs.length;
          sink.upsertMany(key, objs);
          emit({ phase: 'syncing', loaded, total });
        },
        () => {
          heard = true;
          clearTimeout(quiet);
          dog.touch();
        },
      ).finally(() => clearTimeout(quiet));
      if ('unsupported' in got) {
        support.state = 'no';
        return undefined;
      }
      support.state = 'yes';
      if (c.disposed()) return got.rv;
      sink.replace(key, got.items);
      return got.rv;
    } catch (err) {
      if (ctl.signal.reason instanceof SilentWatchList && !c.stopped.aborted) {
        support.state = 'no';
        return undefined;
      }
      throw ctl.signal.reason instanceof WatchdogError ? ctl.signal.reason : err;
    } finally {
      dog.cancel();
      release();
      ctl.abort(); // the stream continues past the bookmark: the live watch is a request of its own
    }
  }

  return async function list(firstSync: boolean): Promise<string> {
    // A kind drawn from the server's Table lists in pages (its rows come with their columns).
    const support = rows ? undefined : c.watchList;
    if (support && support.state !== 'no' && !c.listOnly) {
      const rv = await watchList(firstSync, support);
      if (rv !== undefined) return rv;
    }
    return pagedList(firstSync);
  };
}
