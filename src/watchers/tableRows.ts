// The server's Table as a watcher's rows, for kinds without a hand-made descriptor
// (src/resources/serverTable.ts): lists and watches ask for `as=Table` with includeObject=Metadata, so
// each row stored is the object's metadata plus the cells `kubectl get` prints — never the whole object.
import type { KObj, TableColumnDefinition } from '../resources/types.js';
import { trimObject } from '../store/trim.js';

/** How a watcher asks for and reads rows in a form other than whole objects (see watcher.ts WatchTarget). */
export interface RowCodec {
  accept: string;
  query: Record<string, string>;
  /** The rows of one list page, and the columns when the page states them. */
  page(page: any): { items: KObj[]; columns?: TableColumnDefinition[] };
  /** The object of one watch event (a bookmark: just its metadata). */
  event(object: any): KObj | undefined;
}

/** Table v1 first; a server (an aggregated API) that cannot make one answers plain JSON, read as objects. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function rowObject(row: any): KObj | undefined {
  const meta = row?.object?.metadata;
  if (!meta?.uid) return undefined;
  return trimObject({ metadata: meta, cells: Array.isArray(row.cells) ? row.cells : [] });
}

export const tableRows: RowCodec = {
  accept: TABLE_ACCEPT,
  query: { includeObject: 'Metadata' },
  page(page) {
    if (page?.kind !== 'Table') return { items: ((page?.items ?? []) as KObj[]).map((o) => trimObject(o)) };
    const items: KObj[] = [];
    for (const row of page.rows ?? []) {
      const o = rowObject(row);
      if (o) items.push(o);
    }
    const columns = Array.isArray(page.columnDefinitions) && page.columnDefinitions.length ? page.columnDefinitions : undefined;
    return { items, columns };
  },
  event(object) {
    if (object?.kind !== 'Table') return object?.metadata ? trimObject(object as KObj) : undefined;
    // One row per event; a bookmark may come as a Table with no rows but its resourceVersion.
    return rowObject(object.rows?.[0]) ?? (object.metadata ? { metadata: object.metadata } as KObj : undefined);
  },
};
