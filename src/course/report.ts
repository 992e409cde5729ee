// `kdash class -o json|csv`: the class view's summaries for grading scripts and spreadsheets, one
// record per namespace with stable field names (documented in the README's "For teachers").
import { sanitizeCell } from '../text/sanitize.js';
import { stateOf, type NamespaceSummary } from './summary.js';

const isoOrNull = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());

export interface ClassRecord {
  namespace: string;
  labels: Record<string, string>;
  runningPods: number;
  pods: number;
  /** CPU requested by the namespace's pods against its quota, in cores (null: no quota on it). */
  cpuRequested: number | null;
  cpuQuota: number | null;
  /** Memory requested against the quota, in bytes. */
  memoryRequested: number | null;
  memoryQuota: number | null;
  restartsLastHour: number;
  lastRestart: string | null;
  lastActivity: string | null;
  /** Seconds since the last activity (null when unknown). */
  quietSeconds: number | null;
  state: ReturnType<typeof stateOf>;
  parkedSince: string | null;
  parkedObjects: number;
  findings: number | null;
  worstFinding: string | null;
  worstSeverity: string | null;
}

export function classRecord(s: NamespaceSummary, now: number): ClassRecord {
  return {
    namespace: s.namespace,
    labels: s.labels,
    runningPods: s.running,
    pods: s.total,
    cpuRequested: s.cpu?.used ?? null,
    cpuQuota: s.cpu?.hard ?? null,
    memoryRequested: s.memory?.used ?? null,
    memoryQuota: s.memory?.hard ?? null,
    restartsLastHour: s.restarts,
    lastRestart: isoOrNull(s.lastRestart),
    lastActivity: isoOrNull(s.lastActivity),
    quietSeconds: s.lastActivity === undefined ? null : Math.max(0, Math.floor((now - s.lastActivity) / 1000)),
    state: stateOf(s),
    parkedSince: isoOrNull(s.parked?.since),
    parkedObjects: s.parked?.objects ?? 0,
    findings: s.findings?.count ?? null,
    worstFinding: s.findings?.worst?.text ?? null,
    worstSeverity: s.findings?.worst?.severity ?? null,
  };
}

export function classJson(summaries: readonly NamespaceSummary[], now: number): string {
  const report = { kind: 'ClassReport', generatedAt: new Date(now).toISOString(), items: summaries.map((s) => classRecord(s, now)) };
  return JSON.stringify(report, null, 2) + '\n';
}

const CSV_FIELDS: Array<Exclude<keyof ClassRecord, 'labels'>> = [
  'namespace', 'runningPods', 'pods', 'cpuRequested', 'cpuQuota', 'memoryRequested', 'memoryQuota', 'restartsLastHour',
  'lastRestart', 'lastActivity', 'quietSeconds', 'state', 'parkedSince', 'parkedObjects', 'findings', 'worstSeverity', 'worstFinding',
];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  const text = typeof v === 'number' ? String(v) : sanitizeCell(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function classCsv(summaries: readonly NamespaceSummary[], now: number): string {
  const rows = summaries.map((s) => {
    const r = classRecord(s, now);
    return CSV_FIELDS.map((f) => csvField(r[f])).join(',');
  });
  return [CSV_FIELDS.join(','), ...rows].join('\n') + '\n';
}
