// Watch: newline-delimited JSON events, one write (and flush) per event. Starts from a
// resourceVersion (replaying the store's history) or from "now" with the current state sent as ADDED,
// answers an ERROR event with a 410 Status when the version is older than the retained window, sends
// BOOKMARKs when asked (periodically and 2 s before the deadline, as the watch cache does), and ends
// cleanly at timeoutSeconds. A version the server has not reached yet is accepted and then nothing is
// sent until it does — no event, no bookmark — as kube-apiserver v1.36 does. Each event's object is
// serialized once by the store; watchers only concatenate strings.
import { EVENTS_CORE, EVENTS_NEW, toEventsV1 } from './eventConvert.js';
import { boolParam, parseIntParam, type Ctx, type StreamHandle } from './http.js';
import { FRESHNESS_WAIT_MS, includeObject } from './handlers.js';
import { apiVersionOf } from './kinds.js';
import { parseFieldSelector, parseLabelSelector, type Matcher } from './selectors.js';
import { badRequest } from './status.js';
import type { SimStoreEvent } from './store.js';
import { printerFor, tableRow } from './tables/table.js';
import type { KubeObject } from './types.js';

/** Slow consumers that fall this far behind are cut off, as the real server's watch cache does. */
const MAX_BUFFERED = 64 * 1024 * 1024;
/** The initial state is written in steps of about this much, each once the client has read the last. */
const INITIAL_BUFFERED = 1024 * 1024;

const convertedJson = new WeakMap<SimStoreEvent, string>();

export function expiredStatus(requested: number | string, oldest: number): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${requested} (${oldest})`, reason: 'Expired', code: 410 };
}

export function handleWatch(ctx: Ctx): void {
  const { env, query, res, req } = ctx;
  const { store, clock } = env;
  const storeResource = ctx.resource === EVENTS_NEW ? EVENTS_CORE : ctx.resource;
  const ns = ctx.kind.namespaced ? ctx.info.namespace : undefined;
  let fieldSel = query.get('fieldSelector') ?? '';
  if (ctx.info.name) fieldSel = fieldSel ? `${fieldSel},metadata.name=${ctx.info.name}` : `metadata.name=${ctx.info.name}`;
  const label = parseLabelSelector(query.get('labelSelector') ?? undefined);
  const field = parseFieldSelector(fieldSel || undefined, ctx.kind.kind);
  const matcher: Matcher | undefined = label || field ? (o) => (!label || label(o)) && (!field || field(o)) : undefined;
  const rvParam = query.get('resourceVersion') ?? '';
  const bookmarks = boolParam(query, 'allowWatchBookmarks');
  const timeoutSeconds = parseIntParam(query, 'timeoutSeconds');
  // WatchList (sendInitialEvents=true): the current state as ADDED events, then (with bookmarks) one
  // BOOKMARK annotated k8s.io/initial-events-end. sendInitialEvents=false without a version starts
  // at "now" with no synthetic events, as the real server does.
  const initialEvents = boolParam(query, 'sendInitialEvents');
  const noInitialEvents = query.get('sendInitialEvents') === 'false';
  let fromRv: number | undefined;
  if (rvParam !== '' && rvParam !== '0') {
    fromRv = Number(rvParam);
    if (!Number.isInteger(fromRv) || fromRv < 0) throw badRequest(`resourceVersion: Invalid value: "${rvParam}": must be a non-negative integer`);
  }
  const table = ctx.accept.table;
  const include = includeObject(ctx);
  const printer = table ? printerFor(ctx.kind) : undefined;
  let sentColumns = false;

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  let closed = false;
  const cleanups: Array<() => void> = [];
  const close = (abrupt: boolean) => {
    if (closed) return;
    closed = true;
    for (const c of cleanups) c();
    env.streams.delete(handle);
    if (abrupt) req.socket.destroy();
    else res.end();
  };
  const handle: StreamHandle = { destroy: () => close(true) };
  env.streams.add(handle);
  res.on('close', () => close(false));

  const write = (line: string) => {
    if (closed) return;
    res.write(line);
    if (res.writableLength > MAX_BUFFERED) close(true);
  };

  const objectJson = (ev: SimStoreEvent): string => {
    if (ctx.resource !== EVENTS_NEW) return ev.json;
    let j = convertedJson.get(ev);
    if (!j) convertedJson.set(ev, (j = JSON.stringify(toEventsV1(JSON.parse(ev.json)))));
    return j;
  };
  const tableJson = (obj: KubeObject): string => {
    const t: Record<string, unknown> = { kind: 'Table', apiVersion: table, metadata: { resourceVersion: obj.metadata.resourceVersion } };
    if (!sentColumns) {
      t.columnDefinitions = printer!.columns;
      sentColumns = true;
    }
    t.rows = [tableRow(printer!, ctx.resource === EVENTS_NEW ? toEventsV1(obj) : obj, clock.now(), include)];
    return JSON.stringify(t);
  };
  const send = (type: string, ev: SimStoreEvent) => {
    write(`{"type":"${type}","object":${table ? tableJson(JSON.parse(ev.json)) : objectJson(ev)}}\n`);
  };
  const sendError = (status: object) => {
    write(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
    close(false);
  };

  if (env.expireNextWatch) {
    env.expireNextWatch = false;
    sendError(expiredStatus(rvParam || store.rv, store.oldestRv));
    return;
  }

  // WatchList at a version the server has not reached: wait for it like a list does (the watch
  // cache's 3 s), then an ERROR event with the 504 "Too large resource version".
  if (initialEvents && fromRv !== undefined && fromRv > store.rv) {
    const wanted = fromRv;
    const stop = () => {
      unsubscribe();
      cancel();
    };
    const unsubscribe = store.subscribe(() => {
      if (store.rv < wanted) return;
      stop();
      start();
    });
    const cancel = clock.setTimeout(() => {
      stop();
      sendError(tooLargeStatus(wanted, store.rv));
    }, FRESHNESS_WAIT_MS);
    cleanups.push(stop);
    return;
  }
  start();

  function start(): void {
    // With selectors, an object leaving the selection is DELETED for this watcher, one entering is ADDED.
    const selected = matcher ? new Set<string>() : undefined;
    const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const deliver = (ev: SimStoreEvent) => {
      if (ev.resource !== storeResource) return;
      const o = ev.object;
      if (ns !== undefined && o.metadata.namespace !== ns) return;
      if (!matcher || !selected) {
        send(ev.type, ev);
        return;
      }
      const key = keyOf(o);
      const was = selected.has(key);
      const now = ev.type !== 'DELETED' && matcher(o);
      if (ev.type === 'DELETED') {
        if (was || matcher(o)) send('DELETED', ev);
        selected.delete(key);
      } else if (now) {
        send(was ? 'MODIFIED' : 'ADDED', ev);
        selected.add(key);
      } else if (was || replaying) {
        // While replaying history we cannot know whether the client saw the object match at its
        // resourceVersion; a DELETED for an object it does not hold is harmless, a missed one is not.
        send('DELETED', ev);
        selected.delete(key);
      }
    };
    let replaying = false;
    // While the initial state is being written (below): no periodic bookmark in the middle of it.
    let sending = false;

    // Ahead of the server (it never issued this version, e.g. it was replaced): silence until it gets there.
    const aheadOf = fromRv !== undefined && !initialEvents && fromRv > store.rv ? fromRv : undefined;
    if (aheadOf !== undefined) {
      cleanups.push(store.subscribe((ev) => void (ev.rv > aheadOf && deliver(ev as SimStoreEvent))));
    } else if (fromRv !== undefined && !initialEvents) {
      const replay = store.since(fromRv);
      if (!replay) {
        sendError(expiredStatus(fromRv, store.oldestRv));
        return;
      }
      if (selected) for (const e of store.entries(storeResource, ns)) if (matcher!(e.obj)) selected.add(keyOf(e.obj));
      // Subscribing and replaying happen in the same tick: no change can slip between.
      cleanups.push(store.subscribe((ev) => deliver(ev as SimStoreEvent)));
      replaying = true;
      for (const ev of replay) deliver(ev);
      replaying = false;
    } else if (noInitialEvents) {
      cleanups.push(store.subscribe((ev) => deliver(ev as SimStoreEvent)));
    } else {
      // Subscribing and reading the current state happen in the same tick, likewise. The state is
      // written as fast as the client reads it, as the watch cache sends initial events: changes made
      // meanwhile wait behind it, and a large state is never taken for a slow consumer and cut off.
      const snapshotRv = store.rv;
      const state = store.entries(storeResource, ns).filter((e) => !matcher || matcher(e.obj));
      for (const e of state) selected?.add(keyOf(e.obj));
      const waiting: SimStoreEvent[] = [];
      sending = true;
      cleanups.push(store.subscribe((ev) => void (sending ? waiting.push(ev as SimStoreEvent) : deliver(ev as SimStoreEvent))));
      let next = 0;
      const pump = () => {
        while (next < state.length && !closed) {
          const e = state[next++];
          send('ADDED', { type: 'ADDED', resource: storeResource, object: e.obj, json: e.json, rv: Number(e.obj.metadata.resourceVersion) });
          if (res.writableLength > INITIAL_BUFFERED) {
            res.once('drain', pump);
            return;
          }
        }
        if (closed) return;
        sending = false;
        if (initialEvents && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' }, snapshotRv);
        for (const ev of waiting.splice(0)) deliver(ev);
      };
      pump();
    }

    function bookmark(annotations?: Record<string, string>, rv = store.rv): void {
      if (aheadOf !== undefined && store.rv < aheadOf) return;
      if (sending && !annotations) return;
      const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
      if (annotations) metadata.annotations = annotations;
      write(`{"type":"BOOKMARK","object":${JSON.stringify({ kind: ctx.kind.kind, apiVersion: ctx.resource === EVENTS_NEW ? 'events.k8s.io/v1' : apiVersionOf(ctx.kind), metadata })}}\n`);
    }
    if (bookmarks) cleanups.push(clock.setInterval(() => bookmark(), env.bookmarkIntervalMs));
    if (timeoutSeconds !== undefined && timeoutSeconds > 0) {
      if (bookmarks && timeoutSeconds > 2) cleanups.push(clock.setTimeout(() => bookmark(), timeoutSeconds * 1000 - 2000));
      cleanups.push(clock.setTimeout(() => close(false), timeoutSeconds * 1000));
    }
  }
}

/** The watch cache's answer to a version it did not reach in time (also a list's, see handlers.ts). */
function tooLargeStatus(wanted: number, current: number): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Timeout: Too large resource version: ${wanted}, current: ${current}`,
    reason: 'Timeout',
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    code: 504,
  };
}
