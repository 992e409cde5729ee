// What the store keeps of a kind's objects when not all of it: a tree of the fields the views,
// the diagnosis, streams, logs and the class view read, taken from each object as it arrives
// (src/store/trim.ts). Describe and YAML read the whole object on demand (ports.getObject), so a
// field only they show need not be kept. The kept object has the same shape as the whole one: the
// readers need no change, and a field left out reads as absent.

/** `true` keeps a field whole; a tree keeps only its named fields (of each element, for a list). */
export type FieldTree = { readonly [field: string]: true | FieldTree };

/** The fields of `value` that `tree` names, at every level; lists keep their length and order. */
export function project(value: unknown, tree: FieldTree): any {
  if (Array.isArray(value)) return value.map((v) => project(v, tree));
  if (value === null || typeof value !== 'object') return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field in tree) {
    const v = src[field];
    if (v === undefined) continue;
    const sub = tree[field];
    out[field] = sub === true ? v : project(v, sub);
  }
  return out;
}
