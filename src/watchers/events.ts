// One line of a live watch (watcher.ts) applied to the watcher's sink: ADDED/MODIFIED upsert (trimmed,
// or as the server's Table row), DELETED removes, a BOOKMARK only moves the cursor, and an ERROR event
// either says our resourceVersion is unknown (relist) or is thrown like any failure.
import type { KObj } from '../resources/types.js';
import type { WatchKey } from '../store/types.js';
import { trimObject } from '../store/trim.js';
import { statusError } from '../kube/http.js';
import type { WatcherSink } from './list.js';
import { versionUnknown } from './resume.js';
import type { RowCodec } from './tableRows.js';
import { parseWatchEvent } from './watchList.js';

/** The new resourceVersion (and whether a bookmark brought it), 'gone' when the watcher must relist, or undefined. */
export type WatchEventResult = { rv: string; bookmark: boolean } | 'gone' | undefined;

export function applyWatchEvent(line: string, key: WatchKey, sink: WatcherSink, rows?: RowCodec): WatchEventResult {
  const ev = parseWatchEvent(line);
  const obj = rows && ev.type !== 'ERROR' ? rows.event(ev.object) : ev.object;
  switch (ev.type) {
    case 'ADDED':
    case 'MODIFIED': {
      if (!obj?.metadata?.uid) return undefined;
      sink.upsert(key, trimObject(obj as KObj));
      return { rv: obj.metadata.resourceVersion, bookmark: false };
    }
    case 'DELETED': {
      if (!obj?.metadata?.uid) return undefined;
      sink.remove(key, obj as KObj);
      return { rv: obj.metadata.resourceVersion, bookmark: false };
    }
    case 'BOOKMARK':
      return typeof obj?.metadata?.resourceVersion === 'string' ? { rv: obj.metadata.resourceVersion, bookmark: true } : undefined;
    case 'ERROR': {
      const err = statusError(Number(obj?.code ?? 0) || 500, JSON.stringify(obj ?? {}));
      // 410: our version was compacted away; 504 "Too large": the server never issued it (replaced).
      if (versionUnknown(err)) return 'gone';
      throw err;
    }
    default:
      return undefined;
  }
}
