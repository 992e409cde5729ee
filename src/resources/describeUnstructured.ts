// kubectl's describer for kinds without one of their own, events among them (describe.go
// genericDescriber + printUnstructuredContent): name, namespace, labels, annotations, then every
// field of the object in sorted order under a "smart label" ("involvedObject" → "Involved Object"),
// maps and lists one level deeper, and the object's events.
import type { KObj, ResourceKind } from './types.js';
import { apiVersionOf } from './serverTable.js';
import { DescribeWriter, clean, writeAnnotations, writeEvents, writeLabels } from './describeWriter.js';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

export function describeUnstructured(kind: ResourceKind, obj: KObj, events: KObj[], now: number): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', obj.metadata.name);
  w.kv(0, 'Namespace', obj.metadata.namespace ?? '');
  writeLabels(w, 0, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 0, obj.metadata.annotations);
  // Objects from a list carry no apiVersion/kind; kubectl reads them from a GET, which has both.
  const content = { apiVersion: apiVersionOf(kind), kind: kind.kind, ...obj };
  printContent(w, 0, content, '');
  writeEvents(w, events, now);
  return w.toString();
}

function printContent(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    const value = content[field];
    if (Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`);
      for (const child of value) {
        if (isMap(child)) printContent(w, level + 1, child, path);
        else writeValue(w, level + 1, '', child);
      }
    } else if (isMap(value)) {
      w.line(level, `${smartLabel(field)}:`);
      printContent(w, level + 1, value, path);
    } else {
      writeValue(w, level, `${smartLabel(field)}:\t`, value);
    }
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Go's %v: nil as <nil>, a list as [a b]; a value's own newlines start new lines at the left edge, as kubectl prints them. */
const goValue = (v: unknown): string => (v === null || v === undefined ? '<nil>' : Array.isArray(v) ? `[${v.map(goValue).join(' ')}]` : isMap(v) ? 'map[…]' : String(v));

function writeValue(w: DescribeWriter, level: number, head: string, v: unknown): void {
  const [first, ...rest] = goValue(v).split('\n');
  w.line(level, head + clean(first));
  for (const line of rest) w.line(0, clean(line));
}

/** describe.go smartLabelFor: camel-case words, title-cased, with common acronyms upper-cased. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ');
}

/** github.com/fatih/camelcase Split: runs of lower, upper and other; "HTMLPage" → HTML, Page. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : 3);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  // An upper-case run followed by a lower-case one gives its last letter to the lower-case word.
  for (let i = 0; i + 1 < runs.length; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1 && runs[i].length > 0) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}
