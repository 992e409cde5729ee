// CronJob controller (pkg/controller/cronjob, v2): one clock timer per CronJob at its next scheduled
// minute; creates Jobs named <cronjob>-<minutes since epoch>, honours suspend and concurrencyPolicy,
// tracks active/lastScheduleTime/lastSuccessfulTime and trims the job history.
import { randomUUID } from 'node:crypto';
import { generateJobSelector } from '../admission.js';
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { parseCron, rfc3339In, type CronSchedule } from './cron.js';
import { finished } from './job.js';
import { controllerRef, isoTime, ownerRef, parseTime } from './util.js';

/** An entry of status.active: an ObjectReference to a Job, as the controller records it at creation. */
interface JobRef {
  kind: 'Job';
  apiVersion: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
}

const jobRef = (j: KubeObject): JobRef => ({ kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name ?? '', uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion });

export function startCronJobController(ctx: Ctx): { enqueue(o: KubeObject): void; onJob(j: KubeObject): void; forget(o: KubeObject): void } {
  const queue = ctx.queue('cronjob', (key) => sync(key));
  const timers = new Map<string, { at: number; cancel: () => void }>();

  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const cj = ctx.cache.get('cronjobs.batch', ns, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const jobs = ctx.cache.controlledBy(cj, 'jobs.batch');
    const st: any = { ...(cj.status ?? {}) };
    const active = reconcileActive(cj, jobs, st);
    let schedule: CronSchedule | undefined;
    try {
      schedule = parseCron(cj.spec?.schedule ?? '', cj.spec?.timeZone ?? undefined);
    } catch (err) {
      // The active list is still kept up to date; only scheduling stops.
      ctx.events.emit(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${(err as Error).message}`, 'cronjob-controller');
    }
    if (schedule) runDue(cj, schedule, active, st);
    st.active = active;
    if (!st.active.length) delete st.active;
    trimHistory(cj, jobs);
    if (JSON.stringify(cj.status ?? {}) !== JSON.stringify(st)) {
      ctx.store.mutate('cronjobs.batch', ns, name, (o) => {
        o.status = st;
        return o;
      });
    }
    arm(key, schedule?.next(ctx.now()));
  }

  /** Starts the Job for the most recent schedule time missed since the last run (or creation), if policy allows. */
  function runDue(cj: KubeObject, schedule: CronSchedule, active: JobRef[], st: any): void {
    const now = ctx.now();
    const since = parseTime(st.lastScheduleTime) || parseTime(cj.metadata.creationTimestamp) || now;
    // Only the latest missed time runs, like the real controller; times before creation never do.
    let due: number | undefined;
    let n = 0;
    for (let t = schedule.next(since); t !== undefined && t <= now && n < 10_000; t = schedule.next(t), n++) due = t;
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (due === undefined || cj.spec?.suspend || (deadline !== undefined && due + deadline * 1000 < now)) return;
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length) {
      ctx.events.emit(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', 'cronjob-controller');
      return;
    }
    if (policy === 'Replace') {
      for (const r of active) {
        ctx.store.remove('jobs.batch', cj.metadata.namespace, r.name);
        ctx.events.emit(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${r.name}`, 'cronjob-controller');
      }
      active.length = 0;
    }
    const job = createJob(cj, due);
    if (job) active.push(jobRef(job));
    st.lastScheduleTime = isoTime(due);
  }

  /**
   * The active list is the controller's own record of the Jobs it started (syncCronJob): a finished one
   * leaves it (SawCompletedJob), a vanished one too (MissingJob), and a running Job it did not start —
   * `kubectl create job --from=cronjob/…` — is only reported (UnexpectedJob), never counted as active.
   */
  function reconcileActive(cj: KubeObject, jobs: KubeObject[], st: any): JobRef[] {
    let active: JobRef[] = [...(st.active ?? [])];
    const listed = (uid: string | undefined) => active.some((r) => r.uid === uid);
    for (const j of jobs) {
      const f = finished(j);
      if (!f && !listed(j.metadata.uid)) {
        ctx.events.emit(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`, 'cronjob-controller');
      } else if (f && listed(j.metadata.uid)) {
        active = active.filter((r) => r.uid !== j.metadata.uid);
        ctx.events.emit(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${f}`, 'cronjob-controller');
      }
      // Any finished Job of this CronJob counts for lastSuccessfulTime, listed or not.
      const done = f === 'Complete' ? j.status?.completionTime : undefined;
      if (done && !(parseTime(st.lastSuccessfulTime) >= parseTime(done))) st.lastSuccessfulTime = done;
    }
    for (const r of active.filter((x) => !jobs.some((j) => j.metadata.uid === x.uid))) {
      ctx.events.emit(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`, 'cronjob-controller');
      active = active.filter((x) => x !== r);
    }
    return active;
  }

  function createJob(cj: KubeObject, at: number): KubeObject | undefined {
    const tpl = cj.spec?.jobTemplate ?? {};
    const name = `${cj.metadata.name}-${Math.floor(at / 60_000)}`;
    try {
      // The real controller creates through the API, so the Job strategy's generated selector applies.
      const body: KubeObject = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name,
          namespace: cj.metadata.namespace,
          labels: { ...(tpl.metadata?.labels ?? {}) },
          annotations: { ...(tpl.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339In(at, cj.spec?.timeZone ?? undefined) },
          ownerReferences: [ownerRef(cj)],
        },
        spec: structuredClone(tpl.spec ?? {}),
      };
      body.metadata.uid = randomUUID();
      generateJobSelector(body);
      const job = ctx.store.create('jobs.batch', body);
      ctx.events.emit(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, 'cronjob-controller');
      return job;
    } catch (err) {
      ctx.events.emit(cj, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`, 'cronjob-controller');
      return undefined;
    }
  }

  function trimHistory(cj: KubeObject, jobs: KubeObject[]): void {
    const keep = (kind: string, limit: number) => {
      const done = jobs.filter((j) => finished(j) === kind).sort((a, b) => (parseTime(a.status?.startTime) || 0) - (parseTime(b.status?.startTime) || 0));
      for (const j of done.slice(0, Math.max(0, done.length - limit))) {
        ctx.store.remove('jobs.batch', j.metadata.namespace, j.metadata.name ?? '');
        ctx.events.emit(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, 'cronjob-controller');
      }
    };
    keep('Complete', cj.spec?.successfulJobsHistoryLimit ?? 3);
    keep('Failed', cj.spec?.failedJobsHistoryLimit ?? 1);
  }

  function arm(key: string, at: number | undefined): void {
    const cur = timers.get(key);
    if (cur && cur.at === at) return;
    cur?.cancel();
    timers.delete(key);
    if (at === undefined) return;
    timers.set(key, { at, cancel: queue.addAfter(key, at - ctx.now()) });
  }

  return {
    enqueue: (o) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`),
    onJob(j) {
      const ref = controllerRef(j);
      if (ref?.kind === 'CronJob') queue.add(`${j.metadata.namespace}/${ref.name}`);
    },
    forget(o) {
      const key = `${o.metadata.namespace}/${o.metadata.name}`;
      timers.get(key)?.cancel();
      timers.delete(key);
    },
  };
}
