// Job controller (pkg/controller/job): runs up to `parallelism` pods until `completions` succeed,
// gives up after `backoffLimit` failures (with exponential back-off between retries), and writes
// the Complete/Failed conditions, start/completion times and ttlSecondsAfterFinished clean-up.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { createPodFor, deletePodFor, podFromTemplate, setCondition } from './podFactory.js';
import { condition, controllerRef, isReady, isTerminal, parseTime } from './util.js';

export const finished = (job: KubeObject): string | undefined =>
  ['Complete', 'Failed'].find((t) => condition(job, t)?.status === 'True');

export function startJobController(ctx: Ctx): { enqueue(o: KubeObject): void; onPod(p: KubeObject): void } {
  const queue = ctx.queue('job', (key) => sync(key));

  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const job = ctx.cache.get('jobs.batch', ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const pods = ctx.cache.controlledBy(job, 'pods');
    const active = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length + (job.status?.uncountedFailed ?? 0);
    const completions = job.spec?.completions ?? (job.spec?.parallelism === undefined ? 1 : undefined);
    const parallelism = job.spec?.parallelism ?? 1;
    const backoffLimit = job.spec?.backoffLimit ?? 6;
    const done = finished(job);
    const now = ctx.now();
    const st: any = { ...(job.status ?? {}) };
    const suspended = !!job.spec?.suspend;
    // syncJob: a suspended Job never gets a startTime; resuming one restarts its clock (and activeDeadlineSeconds).
    if (!suspended) st.startTime ??= ctx.nowIso();

    if (done) {
      ttl(job, key);
      return;
    }
    if (suspended) {
      // manageJob: suspending deletes every active pod (they are not failures: the kubelet removes them without a Failed phase).
      for (const p of active) deletePodFor(ctx, job, p);
      const was = condition(job, 'Suspended')?.status;
      st.conditions = setCondition(st.conditions, { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }, ctx.nowIso(), { lastProbeTime: ctx.nowIso() });
      if (was !== 'True') ctx.events.emit(job, 'Normal', 'Suspended', 'Job suspended', 'job-controller');
    } else if (condition(job, 'Suspended')?.status === 'True') {
      st.conditions = setCondition(st.conditions, { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' }, ctx.nowIso(), { lastProbeTime: ctx.nowIso() });
      st.startTime = ctx.nowIso();
      ctx.events.emit(job, 'Normal', 'Resumed', 'Job resumed', 'job-controller');
    }
    const deadline = job.spec?.activeDeadlineSeconds;
    if (suspended) {
      // pastActiveDeadline is false while suspended; nothing is created either.
    } else if (failed > backoffLimit || (deadline && parseTime(st.startTime) + deadline * 1000 <= now)) {
      for (const p of active) deletePodFor(ctx, job, p);
      const [reason, message] = failed > backoffLimit
        ? ['BackoffLimitExceeded', 'Job has reached the specified backoff limit']
        : ['DeadlineExceeded', 'Job was active longer than specified deadline'];
      st.conditions = setCondition(st.conditions, { type: 'FailureTarget', status: 'True', reason, message }, ctx.nowIso(), { lastProbeTime: ctx.nowIso() });
      st.conditions = setCondition(st.conditions, { type: 'Failed', status: 'True', reason, message }, ctx.nowIso(), { lastProbeTime: ctx.nowIso() });
      ctx.events.emit(job, 'Warning', reason, message, 'job-controller');
    } else if (completions !== undefined && succeeded >= completions || (completions === undefined && succeeded > 0 && active.length === 0)) {
      st.completionTime = ctx.nowIso();
      st.conditions = setCondition(st.conditions, { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }, ctx.nowIso(), { lastProbeTime: ctx.nowIso() });
      st.conditions = setCondition(st.conditions, { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }, ctx.nowIso(), { lastProbeTime: ctx.nowIso() });
      ctx.events.emit(job, 'Normal', 'Completed', 'Job completed', 'job-controller');
    } else {
      const remaining = completions === undefined ? parallelism : Math.min(parallelism, completions - succeeded);
      const want = remaining - active.length;
      if (want > 0) {
        // Retries after failures wait 10s, 20s, 40s… (capped at 6 minutes), as the real controller's pod back-off.
        const lastFail = Math.max(0, ...pods.filter((p) => p.status?.phase === 'Failed').map((p) => finishedAt(p)));
        const wait = failed ? Math.min(360_000, 10_000 * 2 ** (failed - 1)) : 0;
        if (failed && lastFail + wait > now) queue.addAfter(key, lastFail + wait - now);
        else {
          for (let i = 0; i < want; i++) {
            const pod = podFromTemplate(job, job.spec?.template, '', {
              'batch.kubernetes.io/controller-uid': job.metadata.uid ?? '',
              'batch.kubernetes.io/job-name': name,
              'controller-uid': job.metadata.uid ?? '',
              'job-name': name,
            });
            if (completions !== undefined && job.spec?.completionMode === 'Indexed') {
              pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'batch.kubernetes.io/job-completion-index': String(succeeded + active.length + i) };
            }
            if (!createPodFor(ctx, job, pod).ok) {
              queue.addAfter(key, 10_000);
              break;
            }
          }
        }
      }
    }
    const nowPods = ctx.cache.controlledBy(job, 'pods');
    st.active = nowPods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp).length;
    st.ready = nowPods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp && isReady(p)).length;
    st.succeeded = succeeded;
    st.failed = failed;
    st.terminating = nowPods.filter((p) => !!p.metadata.deletionTimestamp && !isTerminal(p)).length;
    st.uncountedTerminatedPods = {};
    for (const k of ['active', 'succeeded', 'failed']) if (!st[k]) delete st[k];
    if (JSON.stringify(job.status ?? {}) === JSON.stringify(st)) return;
    ctx.store.mutate('jobs.batch', ns, name, (o) => {
      if (o.metadata.uid !== job.metadata.uid) return undefined;
      o.status = st;
      return o;
    });
  }

  function ttl(job: KubeObject, key: string): void {
    const secs = job.spec?.ttlSecondsAfterFinished;
    if (secs === undefined) return;
    const c = job.status?.conditions?.find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
    const at = (parseTime(job.status?.completionTime ?? c?.lastTransitionTime) || ctx.now()) + secs * 1000;
    if (at > ctx.now()) {
      queue.addAfter(key, at - ctx.now());
      return;
    }
    ctx.store.remove('jobs.batch', job.metadata.namespace, job.metadata.name ?? '');
  }

  return {
    enqueue: (o) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`),
    onPod(p) {
      const ref = controllerRef(p);
      if (ref?.kind === 'Job') queue.add(`${p.metadata.namespace}/${ref.name}`);
    },
  };
}

function finishedAt(p: KubeObject): number {
  let t = 0;
  for (const c of p.status?.containerStatuses ?? []) t = Math.max(t, parseTime(c.state?.terminated?.finishedAt) || 0);
  return t;
}
