// kubectl's order for a table — namespace, then name, in byte order, as the API server lists them —
// kept by the store for every slice, so a view that shows objects in that order never sorts: a batch
// places only what it changed (a binary search and a move each) instead of sorting 10k objects again.
import type { KObj } from '../resources/types.js';

export function compareByName(a: KObj, b: KObj): number {
  const x = a.metadata.namespace ?? '';
  const y = b.metadata.namespace ?? '';
  if (x !== y) return x < y ? -1 : 1;
  const m = a.metadata.name;
  const n = b.metadata.name;
  return m < n ? -1 : m > n ? 1 : 0;
}

export function sortedByName(objects: Iterable<KObj>): KObj[] {
  return Array.from(objects).sort(compareByName);
}

/** An edit to one slice in a batch: `before` is the object the slice held (absent for an addition). */
export interface OrderEdit {
  before?: KObj;
  after?: KObj;
}

/** A new array: `sorted` with the edits applied, still in order. `sorted` itself is not touched. */
export function applyOrderEdits(sorted: readonly KObj[], edits: readonly OrderEdit[]): KObj[] {
  const out = sorted.slice();
  for (const { before, after } of edits) {
    if (before) {
      const at = indexOf(out, before);
      if (at >= 0) {
        // Same uid, same name: a new version takes the old one's place.
        if (after && compareByName(before, after) === 0) {
          out[at] = after;
          continue;
        }
        out.splice(at, 1);
      }
    }
    if (after) out.splice(lowerBound(out, after), 0, after);
  }
  return out;
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

/** Where `obj` (by uid) sits; names are unique in a scope, but a batch may briefly hold two objects of one name. */
function indexOf(arr: readonly KObj[], obj: KObj): number {
  for (let i = lowerBound(arr, obj); i < arr.length && compareByName(arr[i], obj) === 0; i++) {
    if (arr[i].metadata.uid === obj.metadata.uid) return i;
  }
  return -1;
}
