// The Table of a custom resource, as the apiextensions server's table convertor builds it from the
// CRD's additionalPrinterColumns: Name, then each column (its jsonPath evaluated on the object; a path
// that finds nothing is a null cell), or Age alone when the CRD declares none.
import type { CustomKindInfo, KubeObject } from '../types.js';
import { since } from './format.js';
import { col, type Column, type Printer } from './printer.js';

type Step = { key: string } | { index: number } | { all: true };

/** The simple JSONPath forms CRDs use: .a.b, .a[0].b, .a[*].b, .metadata.labels['x/y']. */
function parsePath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  const re = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\[\*\]|\[['"]([^'"]+)['"]\]/y;
  let i = 0;
  const p = path.replace(/^\{|\}$/g, '').replace(/^\$/, '');
  while (i < p.length) {
    re.lastIndex = i;
    const m = re.exec(p);
    if (!m) return undefined;
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ key: m[3] });
    else steps.push({ all: true });
    i = re.lastIndex;
  }
  return steps;
}

export function evalJsonPath(obj: unknown, path: string): unknown[] {
  const steps = parsePath(path);
  if (!steps) return [];
  let cur: unknown[] = [obj];
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || v === undefined) continue;
      if ('key' in s && typeof v === 'object' && !Array.isArray(v)) {
        const x = (v as Record<string, unknown>)[s.key];
        if (x !== undefined) next.push(x);
      } else if ('index' in s && Array.isArray(v) && s.index < v.length) next.push(v[s.index]);
      else if ('all' in s && Array.isArray(v)) next.push(...v);
    }
    cur = next;
  }
  return cur;
}

const DEFAULT_AGE: CustomKindInfo['printerColumns'][number] = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function cell(type: string, values: unknown[], now: number): unknown {
  if (!values.length) return null;
  const v = values.length === 1 ? values[0] : values;
  if (type === 'date') return typeof v === 'string' ? since(v, now) : null;
  if (Array.isArray(v) || (typeof v === 'object' && v !== null)) return JSON.stringify(v);
  if (type === 'integer') return typeof v === 'number' ? Math.trunc(v) : null;
  if (type === 'number') return typeof v === 'number' ? v : null;
  if (type === 'boolean') return typeof v === 'boolean' ? v : null;
  return typeof v === 'string' ? v : String(v);
}

export function customPrinter(info: CustomKindInfo): Printer {
  const defs = info.printerColumns.length ? info.printerColumns : [DEFAULT_AGE];
  const columns: Column[] = [
    col('Name', 0, 'Name must be unique within a namespace.', 'name'),
    ...defs.map((d) => ({ name: d.name, type: d.type, format: d.format ?? '', description: d.description ?? `Custom resource definition column (in JSONPath format): ${d.jsonPath}`, priority: d.priority ?? 0 })),
  ];
  return {
    columns,
    row: (o: KubeObject, now: number) => [o.metadata.name, ...defs.map((d) => cell(d.type, evalJsonPath(o, d.jsonPath), now))],
  };
}
