// What a diagnosis is made of: a namespace snapshot in (plain Kubernetes JSON, read by snapshot.ts or
// handed in from the store), findings out. The rules (rules/*.ts) are pure functions of the snapshot,
// so the dashboard, `kdash doctor` and a teacher's view over many namespaces all run the same ones.
import type { KObj } from '../resources/types.js';

export type Severity = 'error' | 'warning' | 'info';

/** The object a finding is about, as kubectl names it (`deploy/web` is { kind: 'Deployment', name: 'web' }). */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace: string;
}

/** Something to do now: a kdash key on the object, and/or the exact kubectl command. */
export interface Fix {
  /** What the fix does, in plain words. */
  text: string;
  /** A kdash key on the finding's object (`l` logs, `u` undo, `s` scale …). */
  key?: string;
  /** The kubectl command that applies it, ready to paste. */
  command?: string;
}

export interface Finding {
  /** The rule's id (`image-pull`, `crash-loop`, `service-no-endpoints` …): stable, for scripts. */
  rule: string;
  severity: Severity;
  object: ObjectRef;
  /** The pods (or other objects) it was seen on, when the object is their workload. */
  seenOn?: ObjectRef[];
  /** One sentence of cause, in plain words. */
  cause: string;
  /** Field values, events, messages that show it. */
  evidence: string[];
  fix: Fix[];
  /** A container whose previous run's last log lines explain it (fetched on demand: `previousLog`). */
  previousLog?: { pod: string; container: string };
}

/** A kind the snapshot could not read: its rules were skipped, and the diagnosis says so. */
export interface Skipped {
  /** Plural, e.g. 'horizontalpodautoscalers'. */
  kind: string;
  reason: string;
}

/** Everything the rules look at, for one namespace. Lists are the server's items (no kind field needed). */
export interface NamespaceSnapshot {
  namespace: string;
  /** ms since the epoch when it was read (back-off deadlines, "for 12m"). */
  now: number;
  pods: KObj[];
  deployments: KObj[];
  replicaSets: KObj[];
  statefulSets: KObj[];
  daemonSets: KObj[];
  services: KObj[];
  endpointSlices: KObj[];
  events: KObj[];
  quotas: KObj[];
  limitRanges: KObj[];
  pvcs: KObj[];
  hpas: KObj[];
  ingresses: KObj[];
  /** Cluster-scoped, only when the account may list them (a student may not). */
  storageClasses?: KObj[];
  nodes?: KObj[];
  /** Current usage per "pod/container" (metrics.k8s.io), when the metrics API answers. */
  usage?: Map<string, { cpuMilli: number; memBytes: number }>;
  /** The highest memory seen per "pod/container" while kdash watched (the dashboard's history). */
  memoryPeak?: Map<string, number>;
  skipped: Skipped[];
}

export interface Diagnosis {
  namespace: string;
  findings: Finding[];
  skipped: Skipped[];
  /** When the snapshot was read. */
  at: number;
}
