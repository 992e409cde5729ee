// Starts watchers when views need them and shares them: use(kind, ns) is ref-counted, and a released
// watcher lingers briefly so flipping between views does not relist. All watchers write through one
// batcher, so the store sees at most one set() per interval whatever the number of watchers. They also
// share one check of the server's identity after an outage, and one re-read of the credentials after
// a 401.
import type { StoreApi } from 'zustand/vanilla';
import type { Api } from '../kube/api.js';
import { resourcePath, type ResourceRef } from '../kube/objects.js';
import { kindById } from '../resources/registry.js';
import { dispatchChanges } from '../store/index.js';
import { keyOf as rawKeyOf } from '../store/keys.js';
import type { ClusterState, WatchKey } from '../store/types.js';
import { createBatcher, type Batcher } from './batcher.js';
import type { WatcherTimings } from './timing.js';
import { createServerIdentity } from './identity.js';
import { tableRows } from './tableRows.js';
import { startWatcher, type Watcher, type WatcherHooks } from './watcher.js';
import { createReconnects } from './resume.js';

/**
 * Where a watched kind lives: a descriptor, or anything else that says group/version/plural/namespaced;
 * `serverTable` kinds are watched as the server's Table (./tableRows.ts).
 */
export type KindRef = ResourceRef & { serverTable?: boolean };

export interface WatchManagerOptions {
  timings?: Partial<WatcherTimings>;
  /** Minimum time between two store updates (default 100 ms → ≤ 10/s). */
  batchIntervalMs?: number;
  /** How long a released watcher keeps running in case a view wants it back (default 15 s). */
  lingerMs?: number;
  /** Kind lookup; defaults to the resource registry. */
  resolveKind?: (kindId: string) => KindRef | undefined;
  /** After a 401: re-read the kubeconfig and re-run exec plugins; resolves with one line saying so. */
  reauth?: () => Promise<string>;
  /** Stream first syncs with WatchList where the server serves it (default true; false = paged lists only). */
  watchList?: boolean;
  /** List each kind once and open no watch (`--once`). */
  listOnly?: boolean;
}

export interface WatchManager {
  /** Starts (or shares) the watch of a kind in a namespace (undefined = all namespaces); call the result to release. */
  use(kindId: string, namespace: string | undefined): () => void;
  /** The store key a use() writes to (cluster-scoped kinds ignore the namespace). */
  keyOf(kindId: string, namespace: string | undefined): WatchKey;
  /** Keys with a running watcher. */
  active(): WatchKey[];
  /** Applies pending batched changes now. */
  flush(): void;
  /** Stops every watcher (in-flight requests aborted) and the batcher; nothing is written after it resolves. */
  stopAll(): Promise<void>;
}

/** The collection URL path of a kind: /api/v1/namespaces/ns/pods, /apis/apps/v1/deployments… */
export function kindPath(kind: KindRef, namespace: string | undefined): string {
  return resourcePath(kind, { namespace });
}

interface Entry {
  watcher: Watcher;
  refs: number;
  linger?: ReturnType<typeof setTimeout>;
}

export function createWatchManager(api: Pick<Api, 'kc'>, store: StoreApi<ClusterState>, opts: WatchManagerOptions = {}): WatchManager {
  const resolve = opts.resolveKind ?? kindById;
  const lingerMs = opts.lingerMs ?? 15_000;
  const batcher: Batcher = createBatcher((changes) => dispatchChanges(store, changes), { intervalMs: opts.batchIntervalMs });
  const entries = new Map<WatchKey, Entry>();
  const stopping = new Set<Promise<void>>();
  let closed = false;
  const namespaces = new Set<string>();
  const stopped = new AbortController();
  const identity = createServerIdentity(api.kc, () => Array.from(namespaces), stopped.signal);
  let identityRead = false;
  let reauthing: { at: number; note: Promise<string> } | undefined;
  const hooks: WatcherHooks = {
    watchList: opts.watchList === false ? undefined : { state: 'unknown' },
    listOnly: opts.listOnly,
    checkServer: (lostAt) => identity.check(lostAt),
    reconnects: createReconnects(),
    // The identity is only compared with after an outage: it is read once the first list has come in
    // full, so it never goes out ahead of (or beside) the list the first screen waits for. An outage
    // before then finds no anchor, which means relist (identity.ts).
    listed: opts.listOnly
      ? undefined
      : () => {
          if (identityRead) return;
          identityRead = true;
          void identity.remember();
        },
    // Every watcher gets the 401 at once: one re-read serves them all for a moment.
    reauth: opts.reauth
      ? () => {
          if (!reauthing || Date.now() - reauthing.at > 2000) reauthing = { at: Date.now(), note: opts.reauth!() };
          return reauthing.note;
        }
      : undefined,
  };

  const kindOf = (kindId: string): KindRef => {
    const k = resolve(kindId);
    if (!k) throw new Error(`unknown resource kind "${kindId}"`);
    return k;
  };

  const keyOf = (kindId: string, namespace: string | undefined): WatchKey =>
    rawKeyOf(kindId, kindOf(kindId).namespaced ? namespace || undefined : undefined);

  /** Stops one watcher and empties its slice, so memory follows what is on screen. */
  const retire = (key: WatchKey, entry: Entry) => {
    entries.delete(key);
    const p = entry.watcher.stop().then(() => {
      // A view may have asked for the key again meanwhile: then the new watcher owns the slice.
      if (closed || entries.has(key)) return;
      batcher.replace(key, []);
      batcher.phase(key, { phase: 'stopped' });
    });
    stopping.add(p);
    void p.finally(() => stopping.delete(p));
  };

  return {
    keyOf,
    use(kindId, namespace) {
      if (closed) return () => {};
      const kind = kindOf(kindId);
      const ns = kind.namespaced ? namespace || undefined : undefined;
      const key = rawKeyOf(kindId, ns);
      let entry = entries.get(key);
      if (ns) namespaces.add(ns);
      if (!entry) {
        const watcher = startWatcher(api.kc, { key, path: kindPath(kind, ns), rows: kind.serverTable ? tableRows : undefined }, batcher, opts.timings, hooks);
        entry = { watcher, refs: 0 };
        entries.set(key, entry);
      }
      if (entry.linger) {
        clearTimeout(entry.linger);
        entry.linger = undefined;
      }
      entry.refs++;
      const held = entry;
      let released = false;
      return () => {
        if (released || closed) return;
        released = true;
        held.refs--;
        if (held.refs > 0 || entries.get(key) !== held) return;
        held.linger = setTimeout(() => {
          held.linger = undefined;
          if (held.refs === 0 && entries.get(key) === held) retire(key, held);
        }, lingerMs);
      };
    },
    active() {
      return Array.from(entries.keys()).sort();
    },
    flush() {
      batcher.flush();
    },
    async stopAll() {
      if (closed) return;
      closed = true;
      stopped.abort();
      const all = Array.from(entries.entries());
      entries.clear();
      for (const [, e] of all) if (e.linger) clearTimeout(e.linger);
      await Promise.all([...all.map(([, e]) => e.watcher.stop()), ...stopping]);
      for (const [key] of all) batcher.phase(key, { phase: 'stopped' });
      batcher.close();
    },
  };
}
