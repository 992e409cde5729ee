// kubectl's order for objects: namespace, then name, in byte order, as the API server lists them.
import type { KObj } from './types.js';

export function compareByName(a: KObj, b: KObj): number {
  const x = a.metadata.namespace ?? '';
  const y = b.metadata.namespace ?? '';
  if (x !== y) return x < y ? -1 : 1;
  const m = a.metadata.name;
  const n = b.metadata.name;
  return m < n ? -1 : m > n ? 1 : 0;
}
