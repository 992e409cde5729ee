// metadata.managedFields as kube-apiserver keeps them: one entry per manager (its name, the operation
// Apply or Update, the subresource), each owning a set of fields. A write that is not an apply records
// the fields it added or changed for its manager (taking them from the others, as an Update always
// may); server-side apply (apply.ts) replaces its manager's set by the fields its config names.
import type { IncomingMessage } from 'node:http';
import { comparePaths, fromFieldsV1, isLeaf, toFieldSet, toFieldsV1, valueAt, type FieldSet } from './fieldSets.js';
import { kindType } from './schema/schema.js';
import type { KubeObject, SimKind } from './types.js';

type Json = any;

export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  fields: FieldSet;
}

/** Metadata the server owns and never tracks (fieldmanager's stripped fields). */
const SERVER_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds']);

/** The fields an object sets that managers can own, for a write to the main resource or a subresource. */
export function trackedFields(kind: SimKind, obj: Json, subresource?: string, containers = false): FieldSet {
  const type = kindType(kind.group, kind.kind);
  if (!type) return new Set();
  const all = toFieldSet(obj, { kind: 'ref', name: type.short }, [], new Set(), containers);
  const hasStatus = kind.subresources?.includes('status');
  const out: FieldSet = new Set();
  for (const p of all) {
    const [top, second] = p.split('\u0000');
    if (top === 'f:apiVersion' || top === 'f:kind') continue;
    if (top === 'f:metadata' && (second === undefined || SERVER_META.has(second.slice(2)))) continue;
    if (subresource === 'status' ? top !== 'f:status' : hasStatus && top === 'f:status') continue;
    out.add(p);
  }
  return out;
}

export function readManagers(obj: KubeObject | undefined): Manager[] {
  const entries = obj?.metadata?.managedFields;
  if (!Array.isArray(entries)) return [];
  return entries.map((e: Json) => ({
    manager: String(e.manager ?? ''),
    operation: e.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: String(e.apiVersion ?? ''),
    time: String(e.time ?? ''),
    ...(e.subresource ? { subresource: String(e.subresource) } : {}),
    fields: fromFieldsV1(e.fieldsV1),
  }));
}

/** Entries in kube-apiserver's order: Apply before Update, then by time, manager, apiVersion, subresource. */
export function writeManagers(managers: Manager[]): Json[] {
  const sorted = managers
    .filter((m) => m.fields.size > 0)
    .sort((a, b) => cmp(a.operation, b.operation) || cmp(a.time, b.time) || cmp(a.manager, b.manager) || cmp(a.apiVersion, b.apiVersion) || cmp(a.subresource ?? '', b.subresource ?? ''));
  return sorted.map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    time: m.time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(m.fields),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Same manager (BuildManagerIdentifier): an applier is one manager whatever the apiVersion it used. */
export function sameManager(a: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>, b: typeof a): boolean {
  return a.manager === b.manager && a.operation === b.operation && (a.subresource ?? '') === (b.subresource ?? '') && (a.operation === 'Apply' || a.apiVersion === b.apiVersion);
}

/**
 * The manager of a write: the fieldManager parameter, else what precedes the first "/" of the user
 * agent ("kubectl/v1.36.0 (linux/amd64) …" → "kubectl"), printable characters only, at most 128 bytes.
 */
export function managerName(query: URLSearchParams, req: IncomingMessage): string {
  const param = query.get('fieldManager');
  if (param) return param;
  let out = '';
  for (const ch of String(req.headers['user-agent'] ?? '').split('/')[0]) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
    if (Buffer.byteLength(out + ch) > 128) break;
    out += ch;
  }
  return out;
}

export const timestamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const sameValue = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The managers after an Update (create, PUT, non-apply patch): the fields it added or changed become
 * its own and leave every other manager; fields it removed leave everyone.
 */
export function recordUpdate(kind: SimKind, current: KubeObject | undefined, next: KubeObject, who: { manager: string; subresource?: string; time: string; apiVersion: string }): Json[] | undefined {
  const before = current ? trackedFields(kind, current, who.subresource, true) : new Set<string>();
  const after = trackedFields(kind, next, who.subresource, true);
  const changed = new Set([...after].filter((p) => !before.has(p) || (isLeaf(after, p) && !sameValue(valueAt(current, p), valueAt(next, p)))));
  const removed = new Set([...before].filter((p) => !after.has(p)));
  const managers = readManagers(current);
  if (!changed.size && !removed.size) return current?.metadata?.managedFields;
  const me: Manager = { manager: who.manager, operation: 'Update', apiVersion: who.apiVersion, time: who.time, ...(who.subresource ? { subresource: who.subresource } : {}), fields: new Set() };
  let mine = managers.find((m) => sameManager(m, me));
  if (!mine) managers.push((mine = me));
  for (const m of managers) {
    for (const p of removed) m.fields.delete(p);
    if (m !== mine) for (const p of changed) m.fields.delete(p);
  }
  for (const p of changed) mine.fields.add(p);
  if (changed.size) mine.time = who.time;
  return writeManagers(managers);
}

/** A manager as a conflict names it: an applier alone, an updater with the version it wrote. */
export function printManager(m: Manager): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  return m.operation === 'Update' ? `${s} using ${m.apiVersion}` : s;
}

export const sortPaths = (paths: Iterable<string>) => [...paths].sort(comparePaths);
