// `kdash --once`: the table exactly as `kubectl get` prints it (printers.HumanReadablePrinter through
// a tabwriter with minwidth 6, padding 3), rows sorted by namespace then name as the API server lists them.
import type { ColumnContext, KObj, ResourceKind } from './types.js';
import { sanitize } from './format.js';
import { tabwrite } from './tabWriter.js';

export interface PlainTableOptions {
  allNamespaces?: boolean;
  wide?: boolean;
  noHeaders?: boolean;
  /** Include the metric columns (CPU, MEM, %…) — kdash --once shows them when metrics answered. */
  metrics?: boolean;
}

export function cellText(col: ResourceKind['columns'][number], obj: KObj, ctx: ColumnContext): string {
  return col.text ? col.text(obj, ctx) : String(col.value(obj, ctx));
}

export function renderPlainTable(kind: ResourceKind, objs: KObj[], ctx: ColumnContext, opts: PlainTableOptions = {}): string {
  if (objs.length === 0) return '';
  const columns = kind.columns.filter((c) => (opts.metrics || !c.metrics) && (opts.wide || !c.wide));
  const withNs = Boolean(opts.allNamespaces && kind.namespaced);
  const sorted = [...objs].sort(
    (a, b) =>
      compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compare(a.metadata.name, b.metadata.name),
  );
  const rows: string[][] = [];
  if (!opts.noHeaders) rows.push([...(withNs ? ['NAMESPACE'] : []), ...columns.map((c) => c.header)]);
  for (const o of sorted) {
    // Tabs or newlines inside a cell would break the layout; control characters could drive the terminal.
    const cells = columns.map((c) => sanitize(cellText(c, o, ctx)));
    rows.push([...(withNs ? [sanitize(o.metadata.namespace ?? '')] : []), ...cells]);
  }
  return tabwrite(rows.map((r) => r.join('\t')).join('\n'), { minWidth: 6, padding: 3 }) + '\n';
}

/** kubectl's stderr line for an empty list. */
export function noResourcesMessage(kind: ResourceKind, namespace?: string, allNamespaces?: boolean): string {
  return kind.namespaced && !allNamespaces && namespace ? `No resources found in ${namespace} namespace.` : 'No resources found';
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
