// `d` on workloads: describe.go DeploymentDescriber, ReplicaSetDescriber, StatefulSetDescriber,
// DaemonSetDescriber, JobDescriber and CronJobDescriber, trimmed to the lines people use.
import type { KObj } from './types.js';
import { formatLabels, formatRfc1123Z, humanDuration, parseTime } from './format.js';
import { DescribeWriter, writeAnnotations, writeEvents, writeLabels } from './describeWriter.js';
import { writePodTemplate } from './describeContainers.js';
import { selectorToString } from './labels.js';
import { controllerOf, ownedBy, revisionOf } from './rollout.js';

export interface WorkloadRelated {
  events: KObj[];
  pods?: KObj[];
  replicaSets?: KObj[];
}

function header(w: DescribeWriter, o: KObj, opts: { creation?: boolean; selector?: boolean } = {}): void {
  w.kv(0, 'Name', o.metadata.name);
  w.kv(0, 'Namespace', o.metadata.namespace ?? '');
  if (opts.creation) w.kv(0, 'CreationTimestamp', formatRfc1123Z(o.metadata.creationTimestamp));
  if (opts.selector) w.kv(0, 'Selector', selectorToString(o.spec?.selector?.matchLabels, o.spec?.selector?.matchExpressions));
  writeLabels(w, 0, 'Labels', o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
}

// describe.go getPodStatusForController: pods counted by phase.
function podsStatus(pods: KObj[] | undefined): string {
  const n = (phase: string) => (pods ?? []).filter((p) => p.status?.phase === phase).length;
  return `${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed`;
}

// kubectl prints "<unset>" for optional fields the server did not default.
const unset = (v: unknown) => (v === undefined || v === null ? '<unset>' : String(v));

const created = (o: KObj) => parseTime(o.metadata.creationTimestamp) ?? 0;

// A pod template as comparable text, without the pod-template-hash label the controller adds.
function templateKey(t: any): string {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return stableJson({ ...t, metadata: { ...(t?.metadata ?? {}), labels } });
}
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const ownedPods = (o: KObj, pods: KObj[] | undefined) => (pods ?? []).filter((p) => ownedBy(p, o.metadata.uid));

export function describeDeployment(d: KObj, related: WorkloadRelated, now: number): string {
  const w = new DescribeWriter();
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  header(w, d, { creation: true });
  w.kv(0, 'Selector', selectorToString(spec.selector?.matchLabels, spec.selector?.matchExpressions));
  w.kv(
    0,
    'Replicas',
    `${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`,
  );
  const strategy = spec.strategy?.type ?? 'RollingUpdate';
  w.kv(0, 'StrategyType', strategy);
  w.kv(0, 'MinReadySeconds', spec.minReadySeconds ?? 0);
  if (strategy === 'RollingUpdate') {
    const ru = spec.strategy?.rollingUpdate ?? {};
    w.kv(0, 'RollingUpdateStrategy', `${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge`);
  }
  writePodTemplate(w, spec.template);
  const conditions: any[] = st.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tReason');
    w.line(1, '----\t------\t------');
    for (const c of conditions) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
  }
  // deploymentutil.GetAllReplicaSets: the new replica set is the one whose template equals the
  // deployment's (ignoring pod-template-hash); every other owned one is old, even when scaled to 0.
  const owned = (related.replicaSets ?? [])
    .filter((rs) => ownedBy(rs, d.metadata.uid))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const want = templateKey(spec.template);
  const newRs =
    owned.filter((rs) => templateKey(rs.spec?.template) === want).sort((a, b) => created(a) - created(b))[0] ??
    [...owned].sort((a, b) => revisionOf(b) - revisionOf(a)).find((rs) => revisionOf(rs) === revisionOf(d));
  const rsText = (rs: KObj) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`;
  const old = owned.filter((rs) => rs !== newRs);
  // kubectl prints both lines only once it found replica sets of this deployment.
  if (owned.length > 0) {
    w.kv(0, 'OldReplicaSets', old.length ? old.map(rsText).join(', ') : '<none>');
    w.kv(0, 'NewReplicaSet', newRs ? rsText(newRs) : '<none>');
  }
  writeEvents(w, related.events, now);
  return w.toString();
}

export function describeReplicaSet(rs: KObj, related: WorkloadRelated, now: number): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', rs.metadata.name);
  w.kv(0, 'Namespace', rs.metadata.namespace ?? '');
  w.kv(0, 'Selector', selectorToString(rs.spec?.selector?.matchLabels, rs.spec?.selector?.matchExpressions));
  writeLabels(w, 0, 'Labels', rs.metadata.labels);
  writeAnnotations(w, 0, rs.metadata.annotations);
  const owner = controllerOf(rs);
  if (owner) w.kv(0, 'Controlled By', `${owner.kind}/${owner.name}`);
  w.kv(0, 'Replicas', `${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired`);
  w.kv(0, 'Pods Status', podsStatus(ownedPods(rs, related.pods)));
  writePodTemplate(w, rs.spec?.template);
  writeEvents(w, related.events, now);
  return w.toString();
}

export function describeStatefulSet(s: KObj, related: WorkloadRelated, now: number): string {
  const w = new DescribeWriter();
  header(w, s, { creation: true, selector: true });
  w.kv(0, 'Replicas', `${s.spec?.replicas ?? 1} desired | ${s.status?.replicas ?? 0} total`);
  w.kv(0, 'Update Strategy', s.spec?.updateStrategy?.type ?? 'RollingUpdate');
  if (s.spec?.updateStrategy?.rollingUpdate?.partition !== undefined) w.kv(1, 'Partition', s.spec.updateStrategy.rollingUpdate.partition);
  w.kv(0, 'Pods Status', podsStatus(ownedPods(s, related.pods)));
  writePodTemplate(w, s.spec?.template);
  const claims: any[] = s.spec?.volumeClaimTemplates ?? [];
  if (claims.length === 0) w.line(0, 'Volume Claims:\t<none>');
  else {
    w.line(0, 'Volume Claims:');
    for (const c of claims) {
      w.kv(1, 'Name', c.metadata?.name ?? '');
      w.kv(1, 'StorageClass', c.spec?.storageClassName ?? '');
      w.kv(1, 'Capacity', c.spec?.resources?.requests?.storage ?? '');
      w.kv(1, 'Access Modes', (c.spec?.accessModes ?? []).join(', '));
    }
  }
  writeEvents(w, related.events, now);
  return w.toString();
}

export function describeDaemonSet(ds: KObj, related: WorkloadRelated, now: number): string {
  const w = new DescribeWriter();
  const st = ds.status ?? {};
  // DaemonSetDescriber prints no Namespace line, and its node counts with a space, not a tab.
  w.kv(0, 'Name', ds.metadata.name);
  w.kv(0, 'Selector', selectorToString(ds.spec?.selector?.matchLabels, ds.spec?.selector?.matchExpressions));
  w.kv(0, 'Node-Selector', formatLabels(ds.spec?.template?.spec?.nodeSelector));
  writeLabels(w, 0, 'Labels', ds.metadata.labels);
  writeAnnotations(w, 0, ds.metadata.annotations);
  w.line(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}`);
  w.line(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}`);
  w.line(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}`);
  w.kv(0, 'Pods Status', podsStatus(ownedPods(ds, related.pods)));
  writePodTemplate(w, ds.spec?.template);
  writeEvents(w, related.events, now);
  return w.toString();
}

export function describeJob(j: KObj, related: WorkloadRelated, now: number): string {
  const w = new DescribeWriter();
  const spec = j.spec ?? {};
  const st = j.status ?? {};
  w.kv(0, 'Name', j.metadata.name);
  w.kv(0, 'Namespace', j.metadata.namespace ?? '');
  w.kv(0, 'Selector', selectorToString(spec.selector?.matchLabels, spec.selector?.matchExpressions));
  writeLabels(w, 0, 'Labels', j.metadata.labels);
  writeAnnotations(w, 0, j.metadata.annotations);
  const owner = controllerOf(j);
  if (owner) w.kv(0, 'Controlled By', `${owner.kind}/${owner.name}`);
  w.kv(0, 'Parallelism', unset(spec.parallelism));
  w.kv(0, 'Completions', unset(spec.completions));
  // Printed whenever the server set them (it defaults both: NonIndexed, false).
  if (spec.completionMode) w.kv(0, 'Completion Mode', spec.completionMode);
  if (spec.suspend !== undefined && spec.suspend !== null) w.kv(0, 'Suspend', String(spec.suspend));
  if (spec.backoffLimit !== undefined && spec.backoffLimit !== null) w.kv(0, 'Backoff Limit', spec.backoffLimit);
  if (spec.ttlSecondsAfterFinished !== undefined && spec.ttlSecondsAfterFinished !== null) {
    w.kv(0, 'TTL Seconds After Finished', spec.ttlSecondsAfterFinished);
  }
  if (st.startTime) w.kv(0, 'Start Time', formatRfc1123Z(st.startTime));
  if (st.completionTime) {
    w.kv(0, 'Completed At', formatRfc1123Z(st.completionTime));
    w.kv(0, 'Duration', humanDuration((parseTime(st.completionTime) ?? now) - (parseTime(st.startTime) ?? now)));
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    w.kv(0, 'Active Deadline Seconds', `${spec.activeDeadlineSeconds}s`);
  }
  // "(N Ready)" only when the server reports status.ready.
  const ready = st.ready === undefined || st.ready === null ? '' : ` (${st.ready} Ready)`;
  w.kv(0, 'Pods Statuses', `${st.active ?? 0} Active${ready} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`);
  if (spec.completionMode === 'Indexed') w.kv(0, 'Completed Indexes', capIndexes(String(st.completedIndexes ?? '')));
  writePodTemplate(w, spec.template);
  writeEvents(w, related.events, now);
  return w.toString();
}

/** describe.go capIndexesListOrNone: the list up to the first comma past 50 characters, then "...". */
function capIndexes(indexes: string, softLimit = 50): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

export function describeCronJob(cj: KObj, related: WorkloadRelated, now: number): string {
  const w = new DescribeWriter();
  const spec = cj.spec ?? {};
  header(w, cj, { creation: false });
  w.kv(0, 'Schedule', spec.schedule ?? '');
  w.kv(0, 'Concurrency Policy', spec.concurrencyPolicy ?? 'Allow');
  w.kv(0, 'Suspend', spec.suspend ? 'True' : 'False');
  w.kv(0, 'Successful Job History Limit', unset(spec.successfulJobsHistoryLimit));
  w.kv(0, 'Failed Job History Limit', unset(spec.failedJobsHistoryLimit));
  w.kv(0, 'Starting Deadline Seconds', spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>');
  // describeJobTemplate: the job spec's own fields before its pod template.
  const jobSpec = spec.jobTemplate?.spec ?? {};
  w.kv(0, 'Selector', jobSpec.selector ? selectorToString(jobSpec.selector.matchLabels, jobSpec.selector.matchExpressions) : '<unset>');
  w.kv(0, 'Parallelism', unset(jobSpec.parallelism));
  w.kv(0, 'Completions', unset(jobSpec.completions));
  if (jobSpec.activeDeadlineSeconds !== undefined) w.kv(0, 'Active Deadline Seconds', `${jobSpec.activeDeadlineSeconds}s`);
  writePodTemplate(w, spec.jobTemplate?.spec?.template);
  w.kv(0, 'Last Schedule Time', cj.status?.lastScheduleTime ? formatRfc1123Z(cj.status.lastScheduleTime) : '<unset>');
  const active: any[] = cj.status?.active ?? [];
  w.kv(0, 'Active Jobs', active.length ? active.map((a) => a.name).join(', ') : '<none>');
  writeEvents(w, related.events, now);
  return w.toString();
}
