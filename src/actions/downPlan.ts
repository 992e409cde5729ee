// End-of-class shutdown, the pure half: from the namespace's objects to the plan of what `down`
// changes and what `up` restores. Every change `down` makes is recorded in an annotation on the
// object itself, so `up` needs no other state and both can run any number of times.
import { clean } from './result.js';
import { controllerOf, meta, singularName, type Obj, type TargetRef } from './targets.js';

export const DOWN_REPLICAS = 'kdash.dev/down-replicas';
export const DOWN_SUSPENDED = 'kdash.dev/down-suspended';
export const DOWN_PARKED = 'kdash.dev/down-parked';
/** When down changed the object (RFC 3339): the teacher's class view says since when a namespace is parked. */
export const DOWN_AT = 'kdash.dev/down-at';
/** A node selector no node carries: parks a daemon set's pods (the only reversible way to stop them). */
export const PARK_SELECTOR_KEY = 'kdash.dev/down';

export type DownStep =
  /** Scale to 0, recording `record` (the live count before) in DOWN_REPLICAS. */
  | { op: 'scale'; ref: TargetRef; from: number; record: string; line: string }
  /** Set spec.suspend (cron jobs, running jobs), recording the state before. */
  | { op: 'suspend'; ref: TargetRef; line: string }
  /** Daemon set: add the parking node selector. */
  | { op: 'park'; ref: TargetRef; line: string }
  /** A finished/failed pod (bare: a running pod nothing owns, deleted only when confirmed). */
  | { op: 'deletePod'; ref: TargetRef; bare: boolean; line: string };

export interface DownPlan {
  namespace: string;
  steps: DownStep[];
  /** Running pods that nothing owns: deleting them loses them for good, so only executeDown's deleteBarePods does. */
  barePods: TargetRef[];
  /** Objects already down from an earlier run (kept as they are: their records stay). */
  already: string[];
}

export type UpStep =
  | { op: 'restoreReplicas'; ref: TargetRef; replicas: number; line: string }
  | { op: 'restoreSuspend'; ref: TargetRef; suspend: boolean; line: string }
  | { op: 'unpark'; ref: TargetRef; line: string }
  /** A bare pod down deleted, created again from its saved definition (JSON). */
  | { op: 'recreatePod'; ref: TargetRef; definition: string; line: string }
  | { op: 'invalid'; ref: TargetRef; line: string };

export interface UpPlan {
  namespace: string;
  steps: UpStep[];
}

export interface NamespaceObjects {
  deployments: Obj[];
  statefulsets: Obj[];
  replicasets: Obj[];
  daemonsets: Obj[];
  cronjobs: Obj[];
  jobs: Obj[];
  pods: Obj[];
}

const show = (ref: TargetRef) => `${singularName(ref.kind)}/${clean(ref.name)}`;
const refOf = (kind: string, o: Obj, namespace: string): TargetRef => ({ kind, namespace, name: meta(o).name });
const annotation = (o: Obj, key: string): string | undefined => meta(o).annotations?.[key];

/** Pure: why a pod counts as finished (kubectl's STATUS words), or undefined while it may still run. */
export function finishedReason(pod: Obj): string | undefined {
  const phase = pod.status?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed') return undefined;
  if (pod.status?.reason) return clean(pod.status.reason); // Evicted, DeadlineExceeded...
  const terminated = ((pod.status?.containerStatuses ?? []) as any[]).map((c) => c.state?.terminated).find((t) => t?.reason);
  if (terminated?.reason) return clean(terminated.reason); // Completed, Error, OOMKilled
  return phase === 'Succeeded' ? 'Completed' : 'Error';
}

const isBare = (o: Obj) => ((meta(o).ownerReferences ?? []) as unknown[]).length === 0;

/** Pure: kdash down's plan for one namespace. */
export function buildDownPlan(namespace: string, objs: NamespaceObjects): DownPlan {
  const steps: DownStep[] = [];
  const already: string[] = [];
  const barePods: TargetRef[] = [];
  const scalable: Array<[string, Obj[]]> = [
    ['deployments', objs.deployments],
    ['statefulsets', objs.statefulsets],
    ['replicasets', objs.replicasets.filter(isBare)],
  ];
  for (const [kind, list] of scalable) {
    for (const o of list) {
      const ref = refOf(kind, o, namespace);
      const replicas = Number(o.spec?.replicas ?? 1);
      const recorded = annotation(o, DOWN_REPLICAS);
      if (replicas > 0) {
        // Scaled up again since an earlier down: the live count is the one to bring back.
        const note = recorded !== undefined ? ` (was recorded as ${clean(recorded)}; now records ${replicas})` : '';
        steps.push({ op: 'scale', ref, from: replicas, record: String(replicas), line: `scale ${show(ref)} ${replicas} → 0${note}` });
      } else if (recorded !== undefined) {
        already.push(`${show(ref)} is already down (up restores ${clean(recorded)})`);
      }
    }
  }
  for (const [kind, list] of [['cronjobs', objs.cronjobs], ['jobs', objs.jobs]] as Array<[string, Obj[]]>) {
    for (const o of list) {
      const ref = refOf(kind, o, namespace);
      if (kind === 'jobs' && !jobRunning(o)) continue;
      if (!o.spec?.suspend) {
        steps.push({ op: 'suspend', ref, line: kind === 'jobs' ? `suspend running ${show(ref)} (up resumes it)` : `suspend ${show(ref)}` });
      } else if (annotation(o, DOWN_SUSPENDED) !== undefined) {
        already.push(`${show(ref)} is already suspended by down`);
      }
    }
  }
  for (const o of objs.daemonsets) {
    const ref = refOf('daemonsets', o, namespace);
    const parked = o.spec?.template?.spec?.nodeSelector?.[PARK_SELECTOR_KEY] !== undefined;
    if (parked) already.push(`${show(ref)} is already parked`);
    else steps.push({ op: 'park', ref, line: `park ${show(ref)}: a node selector no node matches stops its pods (up removes it)` });
  }
  for (const p of objs.pods) {
    if (meta(p).deletionTimestamp) continue;
    const ref = refOf('pods', p, namespace);
    const reason = finishedReason(p);
    if (reason) steps.push({ op: 'deletePod', ref, bare: false, line: `delete ${show(ref)} (${reason})` });
    else if (isBare(p)) barePods.push(ref);
  }
  return { namespace, steps, barePods, already };
}

/** A job that has not finished (Complete/Failed condition) still runs or will start pods. */
function jobRunning(job: Obj): boolean {
  const done = ((job.status?.conditions ?? []) as any[]).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  return !done;
}

/** Pure: the plan as lines for people (the CLI and the dialog both print these). */
export function describeDownPlan(plan: DownPlan, deleteBarePods: boolean): string[] {
  const lines = plan.steps.map((s) => s.line);
  for (const ref of plan.barePods) {
    lines.push(
      deleteBarePods
        ? `delete ${show(ref)} (bare pod: its definition is saved, up creates it again; what it holds in memory or on disk is lost)`
        : `keep ${show(ref)} running: a bare pod, nothing else could recreate it (--delete-bare-pods saves its definition and deletes it)`,
    );
  }
  return [...lines, ...plan.already];
}

/**
 * The lines a person reads for a plan (down's with or without deleting bare pods, or up's): what is
 * shown, and what a plan read again is compared by before anything runs.
 */
export function planLines(plan: DownPlan | UpPlan, deleteBarePods: boolean): string[] {
  return 'barePods' in plan ? describeDownPlan(plan, deleteBarePods) : plan.steps.map((st) => st.line);
}

/**
 * Pure: the plans of several namespaces as one list (the class view's D, kdash down --all): each
 * namespace's lines under its name; a namespace with nothing to do is said in one line or left out.
 */
export function manyPlanLines(plans: Array<DownPlan | UpPlan>, deleteBarePods: boolean, sayIdle?: 'down' | 'up'): string[] {
  return plans.flatMap((p) => {
    const lines = planLines(p, deleteBarePods);
    if (lines.length) return [`namespace ${p.namespace}:`, ...lines.map((l) => `  ${l}`)];
    return sayIdle ? [`namespace ${p.namespace}: nothing to ${sayIdle === 'down' ? 'shut down' : 'restore'}`] : [];
  });
}

/** Pure: kdash up's plan: every object carrying one of down's annotations, and the saved bare pods. */
export function buildUpPlan(namespace: string, objs: NamespaceObjects, savedPods: Record<string, string> = {}): UpPlan {
  const steps: UpStep[] = [];
  const kinds: Array<[string, Obj[]]> = [
    ['deployments', objs.deployments],
    ['statefulsets', objs.statefulsets],
    // Only owner-less replica sets: the deployment controller copies the deployment's annotations
    // (ours included) onto the replica sets it owns, and those are the deployment's to scale.
    ['replicasets', objs.replicasets.filter(isBare)],
  ];
  for (const [kind, list] of kinds) {
    for (const o of list) {
      const recorded = annotation(o, DOWN_REPLICAS);
      if (recorded === undefined) continue;
      const ref = refOf(kind, o, namespace);
      if (!/^\d+$/.test(recorded.trim())) {
        steps.push({ op: 'invalid', ref, line: `${show(ref)}: recorded count "${clean(recorded)}" is not a number; left as it is` });
        continue;
      }
      const replicas = Number(recorded.trim());
      steps.push({ op: 'restoreReplicas', ref, replicas, line: `scale ${show(ref)} ${o.spec?.replicas ?? 0} → ${replicas}` });
    }
  }
  for (const [kind, list] of [['cronjobs', objs.cronjobs], ['jobs', objs.jobs]] as Array<[string, Obj[]]>) {
    for (const o of list) {
      const recorded = annotation(o, DOWN_SUSPENDED);
      if (recorded === undefined) continue;
      const ref = refOf(kind, o, namespace);
      const suspend = recorded.trim() === 'true';
      steps.push({ op: 'restoreSuspend', ref, suspend, line: `${suspend ? 'keep suspended' : 'resume'} ${show(ref)}` });
    }
  }
  for (const o of objs.daemonsets) {
    if (annotation(o, DOWN_PARKED) === undefined && o.spec?.template?.spec?.nodeSelector?.[PARK_SELECTOR_KEY] === undefined) continue;
    const ref = refOf('daemonsets', o, namespace);
    steps.push({ op: 'unpark', ref, line: `unpark ${show(ref)} (remove the node selector down added)` });
  }
  for (const [name, definition] of Object.entries(savedPods)) {
    const ref: TargetRef = { kind: 'pods', namespace, name };
    const exists = objs.pods.some((p) => meta(p).name === name && !meta(p).deletionTimestamp);
    steps.push({
      op: 'recreatePod',
      ref,
      definition,
      line: exists ? `${show(ref)} exists again; forget its saved definition` : `create ${show(ref)} again from its saved definition`,
    });
  }
  return { namespace, steps };
}

/** Pure: why a pod is still running after down (for the final report). */
export function whyLeft(pod: Obj, keptBare: boolean): string {
  const name = `pod/${clean(meta(pod).name)}`;
  if (meta(pod).deletionTimestamp) return `${name}: still terminating`;
  const owner = controllerOf(pod) ?? (meta(pod).ownerReferences ?? [])[0];
  if (!owner) return keptBare ? `${name}: bare pod, kept on purpose (--delete-bare-pods saves and deletes it)` : `${name}: bare pod, not deleted`;
  return `${name}: ${pod.status?.phase ?? 'Pending'}, owned by ${String(owner.kind).toLowerCase()}/${clean(owner.name)} (still scaling down, or its change failed above)`;
}

export function describeRef(ref: TargetRef): string {
  return show(ref);
}
