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
    const gone = new Set<number>();
    for (const d of deletes) {
      const at = indexOfObject(sorted, d);
      if (at >= 0) gone.add(at);
    }
    if (gone.size) out = sorted.filter((_, i) => !gone.has(i));
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

function mergeSorted(a: readonly KObj[], b: readonly KObj[]): KObj[] {
  const out: KObj[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) out[k] = j >= b.length || (i < a.length && compareByName(a[i], b[j]) <= 0) ? a[i++] : b[j++];
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
