// The cluster's state: etcd + the generic registry of kube-apiserver, in memory. One global
// resourceVersion counter; a history of changes so watches can resume from an RV, bounded in size and
// compacted by age like kube-apiserver's compactor does to etcd every 5 minutes; every
// object kept both parsed (for selectors) and serialized (so lists and watch fan-out never
// re-serialize: a 10,000-pod list is a string join).
import { randomUUID } from 'node:crypto';
import { EVENTS_CORE, EVENTS_NEW, toCoreEvent, toEventsV1 } from './eventConvert.js';
import { apiVersionOf, kindOf } from './kinds.js';
import { SimError, type ClusterStore, type KubeObject, type Listener, type SimClock, type StoreEvent, type WatchEventType } from './types.js';
import { simDebug } from './debug.js';

/** A stored object. Never mutate `obj`; `json` is its serialization. */
export interface Entry {
  readonly obj: KubeObject;
  readonly json: string;
  readonly key: string;
}

/** A store event that also carries the object's serialization (written once, fanned out to every watcher). */
export interface SimStoreEvent extends StoreEvent {
  json: string;
}

/** The store plus read-only fast paths for the HTTP layer. */
export interface SimStore extends ClusterStore {
  /** Entries sorted by namespace then name (etcd key order). Core shape for events. Do not mutate. */
  entries(resource: string, namespace?: string): readonly Entry[];
  entry(resource: string, namespace: string | undefined, name: string): Entry | undefined;
  /** Resource keys that currently hold objects. */
  resources(): string[];
  since(fromRv: number): SimStoreEvent[] | undefined;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Real API messages name a resource as plural[.group]: `pods "x" not found`, `deployments.apps "x" not found`. */
export function notFound(resource: string, name: string): SimError {
  return new SimError(404, 'NotFound', `${resource} "${name}" not found`, details(resource, name));
}

export function details(resource: string, name: string): Record<string, unknown> {
  const dot = resource.indexOf('.');
  return dot < 0 ? { name, kind: resource } : { name, group: resource.slice(dot + 1), kind: resource.slice(0, dot) };
}

interface Bucket {
  byName: Map<string, Entry>;
  sorted?: Entry[];
}

interface Table {
  namespaces: Map<string, Bucket>;
  sorted?: Entry[];
}

export interface ClusterStoreOptions {
  /** Most changes kept for resuming watches (default 10 000). */
  historySize?: number;
  /** Simulated ms between compactions (default 5 minutes, kube-apiserver's --etcd-compaction-interval). */
  compactionIntervalMs?: number;
}

export function createClusterStore(clock: SimClock, opts: ClusterStoreOptions = {}): SimStore {
  const historySize = Math.max(1, opts.historySize ?? 10_000);
  const compactEveryMs = Math.max(1, opts.compactionIntervalMs ?? 300_000);
  const tables = new Map<string, Table>();
  const listeners = new Set<Listener>();
  // Ring buffer of the last `historySize` events.
  const history: SimStoreEvent[] = new Array(historySize);
  let historyStart = 0;
  let historyLen = 0;
  let rv = 1;
  let baseRv = 1;
  // Compaction runs at fixed ticks and compacts to the resourceVersion seen at the previous tick, so
  // history lives between one and two intervals. Ticks are evaluated lazily, before any read or write
  // of the history: rv cannot have moved since a tick that nobody observed.
  let nextCompaction = clock.now() + compactEveryMs;
  let rvAtLastTick = rv;

  function compactIfDue(): void {
    const now = clock.now();
    while (now >= nextCompaction) {
      compactTo(rvAtLastTick);
      rvAtLastTick = rv;
      nextCompaction += compactEveryMs;
    }
  }

  function nextRv(): number {
    compactIfDue();
    return ++rv;
  }

  function compactTo(target: number): void {
    while (historyLen > 0 && history[historyStart].rv <= target) {
      history[historyStart] = undefined as unknown as SimStoreEvent;
      historyStart = (historyStart + 1) % historySize;
      historyLen--;
    }
    baseRv = Math.max(baseRv, target);
  }

  const norm = (resource: string): string => (resource === EVENTS_NEW ? EVENTS_CORE : resource);
  const table = (resource: string): Table => {
    let t = tables.get(resource);
    if (!t) tables.set(resource, (t = { namespaces: new Map() }));
    return t;
  };
  const bucket = (t: Table, ns: string): Bucket => {
    let b = t.namespaces.get(ns);
    if (!b) t.namespaces.set(ns, (b = { byName: new Map() }));
    return b;
  };
  const copy = (e: Entry): KubeObject => JSON.parse(e.json);
  const out = (resource: string, e: Entry): KubeObject => (resource === EVENTS_NEW ? toEventsV1(copy(e)) : copy(e));
  const into = (resource: string, obj: KubeObject): KubeObject => {
    const o: KubeObject = JSON.parse(JSON.stringify(obj));
    return resource === EVENTS_NEW ? toCoreEvent(o) : o;
  };

  function record(type: WatchEventType, resource: string, e: Entry, atRv: number): void {
    const ev: SimStoreEvent = { type, resource, rv: atRv, json: e.json, object: JSON.parse(e.json) };
    // History keeps only the serialization; a replayed event parses its object on demand.
    const kept = new HistoryEvent(type, resource, atRv, e.json);
    if (historyLen < historySize) {
      history[(historyStart + historyLen) % historySize] = kept;
      historyLen++;
    } else {
      history[historyStart] = kept;
      historyStart = (historyStart + 1) % historySize;
      baseRv = history[historyStart].rv - 1;
    }
    for (const fn of listeners) {
      try {
        fn(ev);
      } catch (err) {
        simDebug('a store listener threw', err);
      }
    }
  }

  function put(resource: string, t: Table, ns: string, obj: KubeObject, isNew: boolean): Entry {
    const name = obj.metadata.name!;
    const e: Entry = { obj, json: JSON.stringify(obj), key: `${ns}\u0000${name}` };
    const b = bucket(t, ns);
    b.byName.set(name, e);
    if (isNew) {
      b.sorted = undefined;
      t.sorted = undefined;
    } else {
      replaceSorted(b.sorted, e);
      replaceSorted(t.sorted, e);
    }
    return e;
  }

  function fillTypeMeta(resource: string, obj: KubeObject): void {
    const k = kindOf(resource);
    if (!k) return;
    obj.apiVersion = apiVersionOf(k);
    obj.kind = k.kind;
  }

  function lookup(resource: string, namespace: string | undefined, name: string): Entry | undefined {
    return tables.get(norm(resource))?.namespaces.get(namespace ?? '')?.byName.get(name);
  }

  function sortedEntries(resource: string, namespace?: string): Entry[] {
    const t = tables.get(norm(resource));
    if (!t) return [];
    if (namespace !== undefined) {
      const b = t.namespaces.get(namespace);
      if (!b) return [];
      return (b.sorted ??= [...b.byName.values()].sort(byKey));
    }
    if (!t.sorted) {
      const names = [...t.namespaces.keys()].sort();
      t.sorted = [];
      for (const ns of names) {
        const b = t.namespaces.get(ns)!;
        b.sorted ??= [...b.byName.values()].sort(byKey);
        for (const e of b.sorted) t.sorted.push(e);
      }
    }
    return t.sorted;
  }

  function doUpdate(resource: string, obj: KubeObject, checkRv: boolean): KubeObject {
    const res = norm(resource);
    const ns = obj.metadata?.namespace ?? '';
    const name = obj.metadata?.name;
    if (!name) throw new SimError(422, 'Invalid', `${resource} "" is invalid: metadata.name: Required value: name is required`);
    const t = table(res);
    const old = t.namespaces.get(ns)?.byName.get(name);
    if (!old) throw notFound(resource, name);
    const next = into(resource, obj);
    const given = next.metadata.resourceVersion;
    if (checkRv && given && given !== old.obj.metadata.resourceVersion) {
      throw new SimError(409, 'Conflict',
        `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        details(resource, name));
    }
    const prev = old.obj;
    // Identity fields are owned by the server.
    next.metadata.uid = prev.metadata.uid;
    next.metadata.creationTimestamp = prev.metadata.creationTimestamp;
    next.metadata.namespace = prev.metadata.namespace;
    if (prev.metadata.deletionTimestamp && !next.metadata.deletionTimestamp) {
      next.metadata.deletionTimestamp = prev.metadata.deletionTimestamp;
      next.metadata.deletionGracePeriodSeconds = prev.metadata.deletionGracePeriodSeconds;
    }
    const prevGen = prev.metadata.generation ?? 1;
    next.metadata.generation = canonicalJson(next.spec) !== canonicalJson(prev.spec) ? prevGen + 1 : prevGen;
    fillTypeMeta(res, next);
    if (!next.metadata.ownerReferences?.length) delete next.metadata.ownerReferences;
    // An object being deleted goes away once its last finalizer is removed.
    if (next.metadata.deletionTimestamp && prev.metadata.finalizers?.length && !next.metadata.finalizers?.length) {
      const gone = store.remove(res, prev.metadata.namespace, name)!;
      return resource === EVENTS_NEW ? toEventsV1(gone) : gone;
    }
    const newRv = nextRv();
    next.metadata.resourceVersion = String(newRv);
    const e = put(res, t, ns, next, false);
    record('MODIFIED', res, e, newRv);
    return out(resource, e);
  }

  const store: SimStore = {
    get rv() {
      return rv;
    },
    get oldestRv() {
      compactIfDue();
      return baseRv;
    },
    get(resource, namespace, name) {
      const e = lookup(resource, namespace, name);
      return e && out(resource, e);
    },
    list(resource, namespace) {
      return sortedEntries(resource, namespace).map((e) => out(resource, e));
    },
    entries: sortedEntries,
    entry: lookup,
    resources: () => [...tables].filter(([, t]) => [...t.namespaces.values()].some((b) => b.byName.size > 0)).map(([k]) => k),
    create(resource, obj) {
      const res = norm(resource);
      const next = into(resource, obj);
      const md = (next.metadata ??= {});
      const ns = md.namespace ?? '';
      const t = table(res);
      if (!md.name && md.generateName) {
        const b = t.namespaces.get(ns);
        do md.name = md.generateName + randomSuffix();
        while (b?.byName.has(md.name));
      }
      if (!md.name) {
        throw new SimError(422, 'Invalid', `${kindOf(res)?.kind ?? resource} "" is invalid: metadata.name: Required value: name or generateName is required`);
      }
      if (t.namespaces.get(ns)?.byName.has(md.name)) {
        throw new SimError(409, 'AlreadyExists', `${resource} "${md.name}" already exists`, details(resource, md.name));
      }
      // The API handler sets a fresh uid before validation (a client's uid never gets here); others get one now.
      if (typeof md.uid !== 'string' || !md.uid) md.uid = randomUUID();
      md.creationTimestamp = new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      md.generation = 1;
      delete md.deletionTimestamp;
      delete md.deletionGracePeriodSeconds;
      if (!md.ownerReferences?.length) delete md.ownerReferences;
      fillTypeMeta(res, next);
      const newRv = nextRv();
      md.resourceVersion = String(newRv);
      const e = put(res, t, ns, next, true);
      record('ADDED', res, e, newRv);
      return out(resource, e);
    },
    update(resource, obj) {
      return doUpdate(resource, obj, true);
    },
    mutate(resource, namespace, name, fn) {
      const e = lookup(resource, namespace, name);
      if (!e) return undefined;
      const next = fn(out(resource, e));
      if (next === undefined) return undefined;
      next.metadata = { ...next.metadata, name, namespace: e.obj.metadata.namespace };
      delete next.metadata.resourceVersion;
      return doUpdate(resource, next, false);
    },
    remove(resource, namespace, name) {
      const res = norm(resource);
      const t = tables.get(res);
      const b = t?.namespaces.get(namespace ?? '');
      const old = b?.byName.get(name);
      if (!t || !b || !old) return undefined;
      b.byName.delete(name);
      b.sorted = undefined;
      t.sorted = undefined;
      const newRv = nextRv();
      // The DELETED event carries the deletion's resourceVersion, as etcd3 watches do.
      const last: KubeObject = JSON.parse(old.json);
      last.metadata.resourceVersion = String(newRv);
      const e: Entry = { obj: last, json: JSON.stringify(last), key: old.key };
      record('DELETED', res, e, newRv);
      return resource === EVENTS_NEW ? toEventsV1(JSON.parse(e.json)) : JSON.parse(e.json);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    since(fromRv) {
      compactIfDue();
      if (fromRv < baseRv) return undefined;
      const res: SimStoreEvent[] = [];
      // History is in RV order: binary search for the first event after fromRv.
      let lo = 0;
      let hi = historyLen;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (history[(historyStart + mid) % historySize].rv <= fromRv) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < historyLen; i++) res.push(history[(historyStart + i) % historySize]);
      return res;
    },
  };
  return store;
}

/** JSON with object keys sorted: equal for semantically equal objects whatever the key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().filter((k) => (v as any)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson((v as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

class HistoryEvent implements SimStoreEvent {
  constructor(
    readonly type: WatchEventType,
    readonly resource: string,
    readonly rv: number,
    readonly json: string,
  ) {}
  get object(): KubeObject {
    return JSON.parse(this.json);
  }
}

function byKey(a: Entry, b: Entry): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Swap an updated entry into a cached sorted array in place (same key, so order is kept). */
function replaceSorted(arr: Entry[] | undefined, e: Entry): void {
  if (!arr) return;
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid].key < e.key) lo = mid + 1;
    else hi = mid;
  }
  if (arr[lo]?.key === e.key) arr[lo] = e;
}

function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return s;
}
