// kubectl's order for a table — namespace, then name, in byte order, as the API server lists them.
// The store keeps every slice as one array in that order: a view that shows it never sorts, and a
// batch finds each object by binary search, so applying a change to 10k objects copies one array
// (no per-uid map to copy, which was most of the garbage a batch made).
import type { KObj } from '../resources/types.js';
import { compareByName } from '../resources/order.js';

export function sortedByName(objects: Iterable<KObj>): KObj[] {
  return Array.from(objects).sort(compareByName);
}

/** First index whose object does not sort before `obj`. */
function lowerBound(arr: readonly KObj[], obj: KObj): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareByName(arr[mid], obj) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where the object with `obj`'s uid sits (found by its name; a batch may briefly hold two objects of one name), or -1. */
export function indexOfObject(arr: readonly KObj[], obj: KObj): number {
  for (let i = lowerBound(arr, obj); i < arr.length && compareByName(arr[i], obj) === 0; i++) {
    if (arr[i].metadata.uid === obj.metadata.uid) return i;
  }
  return -1;
}

/** Same object as far as any view can tell: same uid and the same (opaque) resourceVersion. */
export function sameObject(a: KObj | undefined, b: KObj): boolean {
  if (!a) return false;
  const rv = b.metadata.resourceVersion;
  return rv !== undefined && a.metadata.resourceVersion === rv;
}

/**
 * `sorted` with `deletes` removed and `upserts` put in place (a new version takes its old one's
 * place; new objects are merged in), still in order. Returns `sorted` itself when nothing differs.
 */
export function applyToSorted(sorted: KObj[], upserts: readonly KObj[], deletes: readonly KObj[]): KObj[] {
  let out: KObj[] | undefined;
  const editable = () => (out ??= sorted.slice());
  if (deletes.length) {
    const gone: number[] = [];
    for (const d of deletes) {
      const at = indexOfObject(sorted, d);
      if (at >= 0) gone.push(at);
    }
    if (gone.length) out = without(sorted, gone);
  }
  const added = new Map<string, KObj>(); // by uid: the last copy wins
  for (const o of upserts) {
    const arr = out ?? sorted;
    const at = indexOfObject(arr, o);
    if (at < 0) added.set(o.metadata.uid, o);
    else if (!sameObject(arr[at], o)) editable()[at] = o;
  }
  if (added.size === 0) return out ?? sorted;
  return mergeSorted(out ?? sorted, sortedByName(added.values()));
}

/** `arr` without the entries at `indexes` (any order, no repeats), copied in runs between them. */
function without(arr: readonly KObj[], indexes: number[]): KObj[] {
  indexes.sort((x, y) => x - y);
  const out: KObj[] = new Array(arr.length - indexes.length);
  let k = 0;
  let from = 0;
  for (const at of indexes) {
    for (let i = from; i < at; i++) out[k++] = arr[i];
    from = at + 1;
  }
  for (let i = from; i < arr.length; i++) out[k++] = arr[i];
  return out;
}

/** First index from `lo` whose object sorts after `obj` (equal names keep the older first, as a merge does). */
function upperBound(arr: readonly KObj[], obj: KObj, lo: number): number {
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareByName(arr[mid], obj) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Both sorted lists as one. A batch adds a few objects to thousands: each finds its place by binary
 * search and the runs between are copied, instead of comparing every object of the slice by name.
 */
function mergeSorted(a: readonly KObj[], b: readonly KObj[]): KObj[] {
  const out: KObj[] = new Array(a.length + b.length);
  let k = 0;
  let from = 0;
  for (const o of b) {
    const at = upperBound(a, o, from);
    for (let i = from; i < at; i++) out[k++] = a[i];
    out[k++] = o;
    from = at;
  }
  for (let i = from; i < a.length; i++) out[k++] = a[i];
  return out;
}

/**
 * The content of a relist in order, keeping the previous instance of every unchanged object (so
 * memoized rows stay memoized). Duplicate uids keep the last copy.
 */
export function replaceSorted(previous: readonly KObj[] | undefined, objects: readonly KObj[]): KObj[] {
  const byUid = new Map<string, KObj>();
  for (const o of objects) {
    const at = previous ? indexOfObject(previous, o) : -1;
    byUid.set(o.metadata.uid, at >= 0 && sameObject(previous![at], o) ? previous![at] : o);
  }
  return sortedByName(byUid.values());
}
