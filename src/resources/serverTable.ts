// Kinds kdash has no hand-made descriptor for (Ingress, PVC, a CRD's Widgets…), described from discovery
// and drawn from the server's own Table (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): the
// columns are the server's column definitions — exactly what `kubectl get` prints, a CRD's
// additionalPrinterColumns included, priority > 0 only in wide output — and each stored row is the
// object's metadata plus its `cells`, never the whole object.
import type { ApiResource } from '../kube/discovery.js';
import { ageColumn, nameColumn } from './columns.js';
import { sanitize } from './format.js';
import type { ActionId, Column, KObj, ResourceKind, TableColumnDefinition } from './types.js';

/** kubectl's fully qualified name for a resource: `ingresses.networking.k8s.io`, `secrets` for core. */
export function qualifiedName(r: { plural: string; group: string }): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** An object's apiVersion for a resource: `apps/v1`, `v1` for core. */
export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** A descriptor for a resource discovery listed, whose columns come from the server's Table. */
export function servedKind(r: ApiResource): ResourceKind {
  const can = (verb: string) => r.verbs.includes(verb);
  // A Secret's describe and YAML would show its values: only its Table (NAME TYPE DATA AGE) here.
  const actions: ActionId[] = r.group === '' && r.plural === 'secrets' ? [] : ['describe', 'yaml'];
  if (can('delete')) actions.unshift('delete');
  if (r.subresources.includes('scale')) actions.unshift('scale');
  const names = [r.plural, r.singular, ...r.shortNames].map((n) => n.toLowerCase()).filter(Boolean);
  return {
    id: qualifiedName(r),
    kind: r.kind,
    group: r.group,
    version: r.version,
    plural: r.plural,
    namespaced: r.namespaced,
    aliases: Array.from(new Set(names)),
    // Until the first Table arrives (and for a server that sends no Table): kubectl's NAME and AGE.
    columns: [nameColumn, ageColumn],
    actions,
    serverTable: true,
    // A CRD's name is its resource's `plural.group`: Enter opens its objects.
    drillDown: r.group === 'apiextensions.k8s.io' && r.plural === 'customresourcedefinitions' ? (o) => ({ kind: o.metadata.name }) : undefined,
  };
}

const withColumns = new WeakMap<TableColumnDefinition[], Map<string, ResourceKind>>();

/** The kind with the columns of the Table its server sent (the same instance for the same definitions). */
export function withServerColumns(kind: ResourceKind, defs: TableColumnDefinition[] | undefined): ResourceKind {
  if (!kind.serverTable || !defs?.length) return kind;
  let byKind = withColumns.get(defs);
  if (!byKind) withColumns.set(defs, (byKind = new Map()));
  let k = byKind.get(kind.id);
  if (!k) byKind.set(kind.id, (k = { ...kind, columns: serverColumns(defs) }));
  return k;
}

/**
 * One Column per definition, reading the row's cells. NAME is the object's name (cell 0 of every
 * Table), AGE is computed from creationTimestamp so it ticks like the hand-made tables (the server's
 * cell is the age when it answered). Headers are kubectl's: the name upper-cased.
 */
export function serverColumns(defs: TableColumnDefinition[]): Column[] {
  const used = new Set<string>();
  return defs.map((d, i) => {
    const header = sanitize(String(d.name ?? '')).toUpperCase();
    const wide = (d.priority ?? 0) > 0 ? true : undefined;
    if (i === 0 && d.format === 'name') return claim(used, { ...nameColumn });
    if (header === 'AGE' && !wide) return claim(used, { ...ageColumn });
    const numeric = d.type === 'integer' || d.type === 'number';
    const id = header.toLowerCase().replace(/[^a-z0-9]+/g, '-') || `column-${i}`;
    const col: Column = {
      id,
      header,
      align: undefined,
      wide,
      value: (o) => {
        const c = cellOf(o, i);
        return numeric && typeof c === 'number' ? c : cellText(c);
      },
      text: (o) => cellText(cellOf(o, i)),
    };
    if (/^(message|reason|description|selector|images?|containers)$/i.test(d.name)) col.squeeze = 'first';
    return claim(used, col);
  });
}

function claim(used: Set<string>, col: Column): Column {
  let id = col.id;
  for (let n = 2; used.has(id); n++) id = `${col.id}-${n}`;
  used.add(id);
  return id === col.id ? col : { ...col, id };
}

const cellOf = (o: KObj, i: number): unknown => (Array.isArray(o.cells) ? o.cells[i] : undefined);

/** A cell as kubectl prints it: a missing value (a CRD column whose field is unset) is empty, others as Go's %v. */
export function cellText(c: unknown): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'object') return JSON.stringify(c);
  return String(c);
}
