// Fixture loading and cell rendering for the resource descriptor tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ColumnContext, KObj, ResourceKind, Tone } from '../../src/resources/types.js';

/** The fixed "now" every fixture timestamp is relative to: 2024-05-01T12:00:00Z. */
export const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
export const ctx: ColumnContext = { now: NOW };

export function load(file: string): KObj[] {
  const path = fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')).items;
}

export function byName(items: KObj[], name: string): KObj {
  const o = items.find((i) => i.metadata.name === name);
  if (!o) throw new Error(`fixture ${name} not found`);
  return o;
}

/** Cell text by column header, as a user sees the row. */
export function row(kind: ResourceKind, obj: KObj, c: ColumnContext = ctx): Record<string, string> {
  const out: Record<string, string> = {};
  for (const col of kind.columns) out[col.header] = col.text ? col.text(obj, c) : String(col.value(obj, c));
  return out;
}

export function tone(kind: ResourceKind, obj: KObj, header: string, c: ColumnContext = ctx): Tone | undefined {
  const col = kind.columns.find((x) => x.header === header);
  if (!col) throw new Error(`no column ${header}`);
  return col.tone?.(obj, c);
}

/** The headers kubectl shows, normal or -o wide (metric columns excluded). */
export function headers(kind: ResourceKind, wide = false): string[] {
  return kind.columns.filter((c) => !c.metrics && (wide || !c.wide)).map((c) => c.header);
}
