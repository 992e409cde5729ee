// The first screen streamed: a WatchList request (a watch with sendInitialEvents=true,
// resourceVersionMatch=NotOlderThan and bookmarks, kube-apiserver 1.27+ behind a gate, on by default
// in 1.32 and 1.34+) brings the current objects as ADDED events, rows appearing as they arrive, then a
// BOOKMARK annotated k8s.io/initial-events-end whose resourceVersion is where the live watch starts.
// A server that refuses it (400/422: the feature is off or unknown) is remembered as such and listed
// page by page instead; so is one that ends the stream without the end bookmark (it ignored the
// options and sent an ordinary watch). The watcher (watcher.ts) keeps every other rule.
import { StringDecoder } from 'node:string_decoder';
import type { KObj } from '../resources/types.js';
import { trimObject } from '../store/trim.js';
import { statusError, type KubeResponse } from '../kube/http.js';

/** What the session has learnt about the server, shared by all watchers: try WatchList until it says no. */
export interface WatchListSupport {
  state: 'unknown' | 'yes' | 'no';
}

export const WATCH_LIST_QUERY = { watch: '1', sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true' } as const;

export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** A refusal that means "no WatchList here" rather than a failure: the paged list is tried instead. */
export function refusesWatchList(code: number): boolean {
  return code === 400 || code === 422;
}

export type InitialEvents = { rv: string; items: KObj[] } | { unsupported: string };

/**
 * Reads a WatchList answer up to the initial-events-end bookmark. `onBatch` gets the objects of each
 * chunk as they arrive (trimmed like list items); `touch` is called per chunk (the watchdog).
 */
export async function readInitialEvents(res: KubeResponse, onBatch: (objs: KObj[]) => void, touch: () => void): Promise<InitialEvents> {
  const decoder = new StringDecoder('utf8');
  const items: KObj[] = [];
  let buf = '';
  for await (const chunk of res.body) {
    touch();
    buf += decoder.write(chunk as Buffer);
    const batch: KObj[] = [];
    let start = 0;
    let nl: number;
    let end: InitialEvents | undefined;
    while (end === undefined && (nl = buf.indexOf('\n', start)) >= 0) {
      const line = buf.slice(start, nl);
      start = nl + 1;
      if (line.trim() !== '') end = initialEvent(line, batch);
    }
    buf = buf.slice(start);
    for (const o of batch) items.push(o);
    if (batch.length) onBatch(batch);
    if (end) return 'unsupported' in end ? end : { rv: end.rv, items };
  }
  return { unsupported: 'the watch ended before the initial-events-end bookmark' };
}

/** One line of a watch stream, parsed (a line that is not JSON is the server's fault, said so). */
export function parseWatchEvent(line: string): { type?: string; object?: any } {
  try {
    return JSON.parse(line);
  } catch {
    throw new Error('malformed watch event from the server');
  }
}

/** One line: an ADDED object goes into batch; the end bookmark or anything not WatchList-like ends the read. */
function initialEvent(line: string, batch: KObj[]): InitialEvents | undefined {
  const ev = parseWatchEvent(line);
  const obj = ev.object;
  switch (ev.type) {
    case 'ADDED':
      if (obj?.metadata?.uid) batch.push(trimObject(obj as KObj));
      return undefined;
    case 'BOOKMARK':
      if (obj?.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true' && typeof obj.metadata.resourceVersion === 'string') return { rv: obj.metadata.resourceVersion, items: [] };
      return undefined;
    case 'ERROR':
      throw statusError(Number(obj?.code ?? 0) || 500, JSON.stringify(obj ?? {}));
    default:
      // A change before the end of the initial state: the server sent an ordinary watch.
      return { unsupported: `a ${String(ev.type)} event before the initial-events-end bookmark` };
  }
}
