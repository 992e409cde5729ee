// Client-side field selectors for drill-downs (e.g. node → pods: spec.nodeName=NAME): the same
// `path=value,path!=value` form the API server takes, evaluated on objects already in the store.
import type { KObj } from '../resources/types.js';

function lookup(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

export function matchesFields(selector: string, obj: KObj): boolean {
  for (const term of selector.split(',').map((t) => t.trim()).filter(Boolean)) {
    const m = /^([\w.]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!m) return false;
    const [, path, op, value] = m;
    const actual = lookup(obj, path);
    if (op === '!=' ? actual === value : actual !== value) return false;
  }
  return true;
}
