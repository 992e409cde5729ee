// The class view as a table kind: one row per student namespace, derived from the cluster-wide
// objects of other kinds (src/course/summary.ts), so sort, filter, marks, the cursor and Enter (the
// namespace's pods) work as in every table. Rows are namespaces: a row's object is the Namespace's
// identity plus its summary.
import type { Column, KObj, ResourceKind, Tone } from '../resources/types.js';
import { humanDuration } from '../resources/format.js';
import { formatCompact, formatUsedHard } from '../metrics/quantity.js';
import { bar, quotaTone } from '../metrics/quota.js';
import { findingsDigests, FINDINGS_WATCHES } from './findings.js';
import { stateOf, studentNamespaces, summarizeClass, type ClassObjects, type ClassSelection, type FindingsDigest, type NamespaceSummary, type QuotaUse } from './summary.js';

export interface ClassRow extends KObj {
  summary: NamespaceSummary;
}

const summaryOf = (o: KObj) => (o as ClassRow).summary;

/** The kinds the class view watches cluster-wide (what kdash down records on counts as workloads). */
export const CLASS_WATCHES = ['namespaces', 'pods', 'deployments', 'statefulsets', 'daemonsets', 'cronjobs', 'events', 'resourcequotas', ...FINDINGS_WATCHES] as const;

function quotaText(q: QuotaUse | undefined, kind: 'cpu' | 'memory'): string {
  if (!q) return '-';
  return q.used === undefined ? `?/${formatCompact(q.hard, kind)}` : formatUsedHard(q.used, q.hard, kind);
}

function quotaColumn(id: string, header: string, get: (s: NamespaceSummary) => QuotaUse | undefined, kind: 'cpu' | 'memory'): Column {
  return {
    id,
    header,
    value: (o) => get(summaryOf(o))?.ratio ?? -1,
    text: (o) => quotaText(get(summaryOf(o)), kind),
    tone: (o) => quotaToneOf(get(summaryOf(o))),
  };
}

/** The quota as a bar, as in the header: shown when there is room, the first to go on a narrow terminal. */
function barColumn(id: string, get: (s: NamespaceSummary) => QuotaUse | undefined): Column {
  return {
    id,
    header: '',
    wide: true,
    glance: 'room',
    value: (o) => get(summaryOf(o))?.ratio ?? -1,
    text: (o) => (get(summaryOf(o)) ? bar(get(summaryOf(o))!.ratio) : ''),
    tone: (o) => quotaToneOf(get(summaryOf(o))),
  };
}

const quotaToneOf = (q: QuotaUse | undefined): Tone | undefined => {
  const t = quotaTone(q?.ratio);
  return t === 'ok' ? undefined : t;
};

const ago = (t: number | undefined, now: number) => (t === undefined ? '<unknown>' : humanDuration(Math.max(0, now - t)));

/** The STATE cell: what the teacher acts on, in words. */
export function stateText(s: NamespaceSummary, now: number): string {
  switch (stateOf(s)) {
    case 'left-running':
      return 'STILL RUNNING';
    case 'running':
      return s.parked ? 'running (partly parked)' : 'running';
    case 'parked':
      return s.parked?.since !== undefined ? `parked ${ago(s.parked.since, now)}` : 'parked';
    case 'stopped':
      return 'stopped';
  }
}

/** FINDINGS: how many the diagnose rules found, and the worst one (only when the rules run). */
const findingsColumn: Column = {
  id: 'findings',
  header: 'FINDINGS',
  squeeze: 'first',
  value: (o) => summaryOf(o).findings?.count ?? -1,
  text: (o) => findingsText(summaryOf(o)),
  tone: (o) => {
    const w = summaryOf(o).findings?.worst?.severity;
    return w === 'error' ? 'error' : w === 'warning' ? 'warn' : undefined;
  },
};

function findingsText(s: NamespaceSummary): string {
  const f = s.findings;
  if (!f) return '-';
  if (f.count === 0) return '0';
  return `${f.count} ${f.worst?.text ?? ''}`.trim();
}

const columns: Column[] = [
  { id: 'name', header: 'NAMESPACE', value: (o) => o.metadata.name },
  {
    id: 'pods',
    header: 'PODS',
    align: 'right',
    value: (o) => summaryOf(o).running,
    text: (o) => `${summaryOf(o).running}/${summaryOf(o).total}`,
    tone: (o) => (summaryOf(o).running < summaryOf(o).total ? 'warn' : undefined),
  },
  quotaColumn('cpu', 'CPU', (s) => s.cpu, 'cpu'),
  barColumn('cpuBar', (s) => s.cpu),
  quotaColumn('mem', 'MEM', (s) => s.memory, 'memory'),
  barColumn('memBar', (s) => s.memory),
  {
    id: 'restarts',
    header: 'RESTARTS',
    align: 'right',
    value: (o) => summaryOf(o).restarts,
    text: (o, ctx) => {
      const s = summaryOf(o);
      return s.restarts ? `${s.restarts} (${ago(s.lastRestart, ctx.now)} ago)` : '0';
    },
    tone: (o) => (summaryOf(o).restarts ? 'warn' : undefined),
  },
  findingsColumn,
  {
    id: 'activity',
    header: 'LAST ACTIVITY',
    // Sorted by how long ago: the longest-quiet first when ascending, like AGE.
    value: (o, ctx) => (summaryOf(o).lastActivity === undefined ? Infinity : ctx.now - summaryOf(o).lastActivity!),
    text: (o, ctx) => ago(summaryOf(o).lastActivity, ctx.now),
  },
  {
    id: 'state',
    header: 'STATE',
    value: (o, ctx) => stateText(summaryOf(o), ctx.now),
    tone: (o): Tone | undefined => {
      const st = stateOf(summaryOf(o));
      return st === 'left-running' ? 'error' : st === 'parked' || st === 'stopped' ? 'dim' : undefined;
    },
  },
];

export interface ClassViewOptions extends ClassSelection {
  idleMs?: number;
}

/** How often the diagnose rules run again when nothing changed (their back-off and "for 12m" texts age). */
const FINDINGS_REFRESH_MS = 15_000;

/** The class view's rows from the watched kinds' objects (each row a namespace with its summary). */
export function classRows(
  objects: Record<string, readonly KObj[]>,
  now: number,
  opts: ClassViewOptions = {},
  digests: (namespaces: string[]) => Map<string, FindingsDigest> = (namespaces) => findingsDigests(namespaces, objects, now),
): ClassRow[] {
  const objs: ClassObjects = {
    namespaces: objects.namespaces ?? [],
    pods: objects.pods ?? [],
    workloads: [...(objects.deployments ?? []), ...(objects.statefulsets ?? []), ...(objects.daemonsets ?? []), ...(objects.cronjobs ?? [])],
    events: objects.events ?? [],
    quotas: objects.resourcequotas ?? [],
  };
  const chosen = studentNamespaces(objs, opts);
  const findings = digests(chosen.map((n) => n.metadata.name));
  return summarizeClass(chosen, objs, { now, idleMs: opts.idleMs, findings: (ns) => findings.get(ns) }).map((summary, i) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: summary.namespace, uid: summary.uid, labels: summary.labels, creationTimestamp: chosen[i].metadata.creationTimestamp },
    summary,
  }));
}

/** The class view for a selection (`:class`, `kdash class`): a kind whose rows are derived. */
export function classKind(opts: ClassViewOptions = {}): ResourceKind {
  // The rules run again when the objects change, else every FINDINGS_REFRESH_MS: not on each clock tick.
  let cache: { objects: Record<string, readonly KObj[]>; at: number; key: string; digests: Map<string, FindingsDigest> } | undefined;
  const digestsAt = (objects: Record<string, readonly KObj[]>, now: number) => (namespaces: string[]) => {
    const key = namespaces.join(',');
    if (!cache || cache.objects !== objects || cache.key !== key || now - cache.at >= FINDINGS_REFRESH_MS) {
      cache = { objects, at: now, key, digests: findingsDigests(namespaces, objects, now) };
    }
    return cache.digests;
  };
  return {
    id: 'class',
    kind: 'Namespace',
    group: '',
    version: 'v1',
    plural: 'namespaces',
    namespaced: false,
    aliases: ['class'],
    columns,
    actions: ['down'],
    drillDown: (o) => ({ kind: 'pods', namespace: o.metadata.name }),
    derived: { watches: [...CLASS_WATCHES], rows: (objects, now) => classRows(objects, now, opts, digestsAt(objects, now)) },
  };
}

/** Whether this account may see the class; the one line that says what is missing when not. */
export function classAccessProblem(can: (verb: string, resource: string, group: string) => { allowed: boolean; reason?: string }): string | undefined {
  const denied = [can('list', 'namespaces', ''), can('list', 'pods', '')].find((v) => !v.allowed);
  return denied ? `needs a teacher's account (list namespaces and pods everywhere): ${denied.reason ?? 'not allowed'}` : undefined;
}
