// Field sets as server-side apply sees an object (sigs.k8s.io/structured-merge-diff): every leaf an
// object sets, named by a path of elements — `f:name` for a field, `k:{"name":"web"}` for an item of a
// list merged by key, `v:"x"` for an item of a set — walked with the kind's schema (schema/). A set is
// kept as the paths it holds; fieldsV1 (the trie managedFields carry) is built from and read into it.
import { TYPES, type FieldType } from './schema/schema.js';

type Json = any;
/** A path, its elements joined by NUL (never inside a JSON key). */
export type FieldPath = string;
export type FieldSet = Set<FieldPath>;

const SEP = '\u0000';
const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const joinPath = (parts: string[]): FieldPath => parts.join(SEP);
export const splitPath = (p: FieldPath): string[] => (p ? p.split(SEP) : []);

/** The key fields of a list merged by key. Ports are keyed with their protocol, which defaults to TCP. */
function listKeys(mergeKey: string): string[] {
  return mergeKey === 'containerPort' || mergeKey === 'port' ? [mergeKey, 'protocol'] : [mergeKey];
}

function keyOf(item: Json, mergeKey: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k of listKeys(mergeKey).sort()) out[k] = item?.[k] ?? (k === 'protocol' ? 'TCP' : undefined);
  return out;
}

/** `k:{"containerPort":80,"protocol":"TCP"}`: the keys sorted, as structured-merge-diff writes them. */
export function itemElement(item: Json, mergeKey: string): string {
  return `k:${JSON.stringify(keyOf(item, mergeKey))}`;
}

/** What a list holds and how its items are named, from the schema. */
export type ListShape = { kind: 'map'; mergeKey: string; of: FieldType } | { kind: 'set' } | { kind: 'atomic' };

/** How the schema says a field's value is merged and tracked. */
export function fieldInfo(type: FieldType, name: string): { type: FieldType; list: ListShape; atomic: boolean } | undefined {
  if (type.kind === 'map' || type.kind === 'object') {
    const of: FieldType = type.kind === 'map' ? type.of : { kind: 'object' };
    return { type: of, list: { kind: 'atomic' }, atomic: of.kind === 'scalar' };
  }
  if (type.kind !== 'ref') return undefined;
  const def = TYPES.get(type.name)!;
  const f = def.fields.get(name);
  if (!f) return undefined;
  let list: ListShape = { kind: 'atomic' };
  if (f.type.kind === 'list' && !f.atomic) {
    if (f.mergeKey) list = { kind: 'map', mergeKey: f.mergeKey, of: f.type.of };
    else if (f.set) list = { kind: 'set' };
  }
  const refAtomic = f.type.kind === 'ref' && TYPES.get(f.type.name)!.atomic;
  return { type: f.type, list, atomic: f.atomic || refAtomic };
}

/**
 * Every path a value sets (structured-merge-diff's ToFieldSet): scalars, atomic values and map entries
 * are members; items of keyed lists and sets are members too (`.` in fieldsV1) and hold their fields.
 * With `containers`, maps and lists are members as well: an Update owns a map or list it brought into
 * being (`"f:labels": {".": {}, …}`), as the real server's comparison with the empty object finds.
 */
export function toFieldSet(value: Json, type: FieldType, prefix: string[] = [], out: FieldSet = new Set(), containers = false): FieldSet {
  if (!isObj(value)) {
    if (prefix.length) out.add(joinPath(prefix));
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    const info = fieldInfo(type, k);
    const path = [...prefix, `f:${k}`];
    if (!info || info.atomic || v === null) {
      out.add(joinPath(path));
      continue;
    }
    if (Array.isArray(v)) {
      const list = info.list;
      if (list.kind === 'atomic') {
        out.add(joinPath(path));
      } else {
        if (containers) out.add(joinPath(path));
        for (const item of v) {
          const el = list.kind === 'map' ? itemElement(item, list.mergeKey) : `v:${JSON.stringify(item)}`;
          out.add(joinPath([...path, el]));
          if (list.kind === 'map') toFieldSet(item, list.of, [...path, el], out, containers);
        }
      }
      continue;
    }
    if (info.type.kind === 'map' || info.type.kind === 'object' || info.type.kind === 'ref') {
      toFieldSet(v, info.type, path, out, containers);
      // A map entry is a member itself (an empty map or struct sets nothing).
      if (type.kind === 'map' || type.kind === 'object' || (containers && info.type.kind !== 'ref')) out.add(joinPath(path));
    } else {
      out.add(joinPath(path));
    }
  }
  return out;
}

/** The value at a path, or undefined. */
export function valueAt(obj: Json, path: FieldPath): Json {
  let cur = obj;
  for (const el of splitPath(path)) {
    if (cur === undefined || cur === null) return undefined;
    if (el.startsWith('f:')) {
      cur = isObj(cur) ? cur[el.slice(2)] : undefined;
    } else if (el.startsWith('k:')) {
      const want = JSON.parse(el.slice(2));
      cur = Array.isArray(cur) ? cur.find((i) => Object.entries(want).every(([k, v]) => (i?.[k] ?? (k === 'protocol' ? 'TCP' : undefined)) === v)) : undefined;
    } else if (el.startsWith('v:')) {
      const want = el.slice(2);
      cur = Array.isArray(cur) ? cur.find((i) => JSON.stringify(i) === want) : undefined;
    } else {
      return undefined;
    }
  }
  return cur;
}

/** Removes the value at a path (a field, or an item of a list). */
export function removeAt(obj: Json, path: FieldPath): void {
  const parts = splitPath(path);
  const last = parts.pop();
  if (!last) return;
  const parent = valueAt(obj, joinPath(parts));
  if (last.startsWith('f:')) {
    if (isObj(parent)) delete parent[last.slice(2)];
    return;
  }
  if (!Array.isArray(parent)) return;
  const item = valueAt(obj, path);
  const i = parent.indexOf(item);
  if (i >= 0) parent.splice(i, 1);
}

/** `.spec.template.spec.containers[name="nginx"].image`, as fieldpath.Path.String() prints it. */
export function pathString(path: FieldPath): string {
  return splitPath(path)
    .map((el) => {
      if (el.startsWith('f:')) return `.${el.slice(2)}`;
      if (el.startsWith('v:')) return `[=${el.slice(2)}]`;
      const key = JSON.parse(el.slice(2)) as Record<string, Json>;
      return `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    })
    .join('');
}

/** Path order: element by element, fields before keyed items before set items, then by text. */
export function comparePaths(a: FieldPath, b: FieldPath): number {
  const pa = splitPath(a);
  const pb = splitPath(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

interface Trie {
  member: boolean;
  children: Map<string, Trie>;
}

/** The fieldsV1 trie of a set: `{"f:data":{"f:a":{}}}`; `.` marks a member that also has children. */
export function toFieldsV1(set: FieldSet): Record<string, Json> {
  const root: Trie = { member: false, children: new Map() };
  for (const p of set) {
    let node = root;
    for (const el of splitPath(p)) {
      let next = node.children.get(el);
      if (!next) node.children.set(el, (next = { member: false, children: new Map() }));
      node = next;
    }
    node.member = true;
  }
  const write = (node: Trie): Record<string, Json> => {
    const out: Record<string, Json> = {};
    if (node.member && node.children.size) out['.'] = {};
    for (const k of [...node.children.keys()].sort()) out[k] = write(node.children.get(k)!);
    return out;
  };
  return write(root);
}

export function fromFieldsV1(trie: Json, prefix: string[] = [], out: FieldSet = new Set()): FieldSet {
  if (!isObj(trie)) return out;
  const keys = Object.keys(trie);
  if (prefix.length && (keys.length === 0 || keys.includes('.'))) out.add(joinPath(prefix));
  for (const k of keys) if (k !== '.') fromFieldsV1(trie[k], [...prefix, k], out);
  return out;
}

/** Members of a set that are leaves (not items whose fields are listed too): what values are compared on. */
export function isLeaf(set: FieldSet, path: FieldPath): boolean {
  const below = path + SEP;
  for (const p of set) if (p.startsWith(below)) return false;
  return true;
}
