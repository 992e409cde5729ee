// The teacher's class view, the pure half: which namespaces are students', and one summary per
// namespace from the cluster-wide objects the dashboard (or `kdash class`) already has — pods,
// deployments and the other workloads, events and quotas. No API calls here: the same function
// serves the live view (fed by the watchers' store) and the headless command (fed by one list).
import type { KObj } from '../resources/types.js';
import { matchesSelector, parseSelector, type Requirement } from '../resources/labels.js';
import { parseTime } from '../resources/format.js';
import { canonicalResource, quotaLines } from '../metrics/quota.js';
import { DOWN_AT, DOWN_PARKED, DOWN_REPLICAS, DOWN_SUSPENDED } from '../actions/downPlan.js';

const HOUR = 3_600_000;

/** How the student namespaces are chosen: a label selector, a name prefix, else every namespace with a quota. */
export interface ClassSelection {
  selector?: string;
  prefix?: string;
}

export interface ClassObjects {
  namespaces: readonly KObj[];
  pods: readonly KObj[];
  /** Deployments, stateful sets, cron jobs…: anything kdash down records on. */
  workloads: readonly KObj[];
  events: readonly KObj[];
  quotas: readonly KObj[];
}

/** What a diagnosis found in a namespace, as the class view shows it (filled by the diagnose rules). */
export interface FindingsDigest {
  count: number;
  /** The most severe finding, one line. */
  worst?: { severity: 'error' | 'warning' | 'info'; text: string };
}

export interface QuotaUse {
  used?: number;
  hard: number;
  ratio?: number;
}

export interface NamespaceSummary {
  namespace: string;
  uid: string;
  labels: Record<string, string>;
  running: number;
  total: number;
  /** requests.cpu in millicores-as-cores (quantity units: cores) and requests.memory in bytes, against the quota. */
  cpu?: QuotaUse;
  memory?: QuotaUse;
  /** Restart counts of containers whose last restart was within the hour. */
  restarts: number;
  /** When the newest of those restarts happened (ms). */
  lastRestart?: number;
  /** The newest event, object change or container start/stop seen in the namespace (ms). */
  lastActivity?: number;
  /** Objects carrying kdash down's record, and the earliest time down wrote it. */
  parked?: { objects: number; since?: number };
  /** Running pods and no activity for the idle threshold: left running. */
  idle: boolean;
  findings?: FindingsDigest;
}

export class ClassSelectionError extends Error {}

/** Pure: the namespaces the class view shows, in name order. */
export function studentNamespaces(objs: Pick<ClassObjects, 'namespaces' | 'quotas'>, sel: ClassSelection): KObj[] {
  let reqs: Requirement[] | undefined;
  if (sel.selector !== undefined) {
    try {
      reqs = parseSelector(sel.selector);
    } catch (e) {
      throw new ClassSelectionError(`bad --selector "${sel.selector}": ${(e as Error).message}`);
    }
  }
  const withQuota = new Set(objs.quotas.map((q) => q.metadata.namespace));
  return objs.namespaces
    .filter((n) => {
      if (reqs) return matchesSelector(reqs, n.metadata.labels ?? {});
      if (sel.prefix !== undefined) return n.metadata.name.startsWith(sel.prefix);
      return withQuota.has(n.metadata.name);
    })
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

const finished = (p: KObj) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function latest(...times: Array<number | undefined>): number | undefined {
  let best: number | undefined;
  for (const t of times) if (t !== undefined && (best === undefined || t > best)) best = t;
  return best;
}

/** When an event last happened: its series' or last time, else when it was first seen or created. */
function eventTime(e: KObj): number | undefined {
  return (
    latest(parseTime(e.series?.lastObservedTime), parseTime(e.lastTimestamp)) ??
    latest(parseTime(e.eventTime), parseTime(e.firstTimestamp)) ??
    parseTime(e.metadata.creationTimestamp)
  );
}

function podActivity(p: KObj): number | undefined {
  const statuses: any[] = [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])];
  return latest(
    parseTime(p.metadata.creationTimestamp),
    parseTime(p.metadata.deletionTimestamp),
    ...statuses.flatMap((c) => [parseTime(c.state?.running?.startedAt), parseTime(c.state?.terminated?.finishedAt), parseTime(c.lastState?.terminated?.finishedAt)]),
  );
}

function workloadActivity(w: KObj): number | undefined {
  const conds: any[] = w.status?.conditions ?? [];
  return latest(
    parseTime(w.metadata.creationTimestamp),
    parseTime(w.metadata.annotations?.[DOWN_AT]),
    ...conds.flatMap((c) => [parseTime(c.lastUpdateTime), parseTime(c.lastTransitionTime)]),
  );
}

const isParked = (w: KObj) => {
  const a = w.metadata.annotations ?? {};
  return a[DOWN_REPLICAS] !== undefined || a[DOWN_SUSPENDED] !== undefined || a[DOWN_PARKED] !== undefined;
};

function quotaUse(quotas: readonly KObj[], resource: string): QuotaUse | undefined {
  // The tightest quota on the resource: the one that refuses first.
  let best: QuotaUse | undefined;
  for (const l of quotaLines([...quotas])) {
    if (canonicalResource(l.resource) !== resource) continue;
    if (!best || (l.ratio ?? -1) > (best.ratio ?? -1)) best = { used: l.used, hard: l.hard, ratio: l.ratio };
  }
  return best;
}

/** The objects of each namespace, in their order. */
export function byNamespace(objs: readonly KObj[] | undefined): Map<string, KObj[]> {
  const m = new Map<string, KObj[]>();
  for (const o of objs ?? []) {
    const ns = o.metadata.namespace ?? '';
    let list = m.get(ns);
    if (!list) m.set(ns, (list = []));
    list.push(o);
  }
  return m;
}

export interface SummaryOptions {
  now: number;
  /** No activity for this long with pods running = left running (default 2 h). */
  idleMs?: number;
  findings?: (namespace: string) => FindingsDigest | undefined;
}

/** Pure: one summary per namespace in `namespaces`, in that order. */
export function summarizeClass(namespaces: readonly KObj[], objs: ClassObjects, opts: SummaryOptions): NamespaceSummary[] {
  const idleMs = opts.idleMs ?? 2 * HOUR;
  const pods = byNamespace(objs.pods);
  const workloads = byNamespace(objs.workloads);
  const events = byNamespace(objs.events);
  const quotas = byNamespace(objs.quotas);
  return namespaces.map((n): NamespaceSummary => {
    const ns = n.metadata.name;
    const nsPods = pods.get(ns) ?? [];
    const nsWorkloads = workloads.get(ns) ?? [];
    const nsQuotas = quotas.get(ns) ?? [];
    const running = nsPods.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp).length;
    let restarts = 0;
    let lastRestart: number | undefined;
    for (const p of nsPods) {
      for (const c of (p.status?.containerStatuses ?? []) as any[]) {
        const at = parseTime(c.lastState?.terminated?.finishedAt);
        if (at === undefined || opts.now - at > HOUR || !c.restartCount) continue;
        restarts += c.restartCount;
        lastRestart = latest(lastRestart, at);
      }
    }
    const parkedObjs = nsWorkloads.filter(isParked);
    const downTimes = parkedObjs.map((w) => parseTime(w.metadata.annotations?.[DOWN_AT])).filter((t): t is number => t !== undefined);
    const lastActivity = latest(
      parseTime(n.metadata.creationTimestamp),
      ...(events.get(ns) ?? []).map(eventTime),
      ...nsPods.map(podActivity),
      ...nsWorkloads.map(workloadActivity),
    );
    return {
      namespace: ns,
      uid: n.metadata.uid,
      labels: n.metadata.labels ?? {},
      running,
      total: nsPods.filter((p) => !finished(p)).length,
      cpu: quotaUse(nsQuotas, 'requests.cpu'),
      memory: quotaUse(nsQuotas, 'requests.memory'),
      restarts,
      lastRestart,
      lastActivity,
      parked: parkedObjs.length ? { objects: parkedObjs.length, since: downTimes.length ? Math.min(...downTimes) : undefined } : undefined,
      idle: running > 0 && (lastActivity === undefined || opts.now - lastActivity >= idleMs),
      findings: opts.findings?.(ns),
    };
  });
}

/** The one word of the STATE column (and of `-o json`'s state): what the teacher acts on. */
export function stateOf(s: NamespaceSummary): 'left-running' | 'running' | 'parked' | 'stopped' {
  if (s.idle) return 'left-running';
  if (s.running > 0) return 'running';
  if (s.parked) return 'parked';
  return 'stopped';
}

const UNIT_MS: Record<string, number> = { d: 24 * HOUR, h: HOUR, m: 60_000, s: 1000 };

/** "2h", "90m", "1h30m", "45s", "1d": a duration like kubectl's flags take (plus days); undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+(\.\d+)?[dhms])+$/.test(t)) return undefined;
  let ms = 0;
  for (const [, n, unit] of t.matchAll(/(\d+(?:\.\d+)?)([dhms])/g)) ms += Number(n) * UNIT_MS[unit];
  return ms;
}
