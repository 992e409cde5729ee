import { afterEach, describe, expect, it } from 'vitest';
import { parseCron } from '../../src/controllers/cron.js';
import { demoRig, T0, type Rig } from './harness.js';
import type { KubeObject } from '../../src/types.js';

let rig: Rig;
afterEach(() => rig?.stop());

async function setup(): Promise<void> {
  rig = await demoRig(3);
}

const MIN = 60_000;
const cronjob = (suspend: boolean): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'demo' },
  spec: { schedule: '*/5 * * * *', suspend, jobTemplate: { spec: { template: { metadata: {}, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'r', image: 'busybox:1.36' }] } } } } },
});
/** Every minute, each job running 150s: runs overlap, so concurrencyPolicy decides. */
const overlapping = (policy: 'Forbid' | 'Replace'): KubeObject => {
  const cj = cronjob(false);
  cj.spec.concurrencyPolicy = policy;
  cj.spec.schedule = '* * * * *';
  cj.spec.jobTemplate.spec.template.metadata = { annotations: { 'sim.kdash.dev/run-seconds': '150' } };
  return cj;
};
const status = () => rig.store.get('cronjobs.batch', 'demo', 'report')!.status ?? {};
/** What `kubectl get cronjobs` prints under ACTIVE. */
const activeCount = () => (status().active ?? []).length;
const jobNames = () => rig.store.list('jobs.batch', 'demo').map((j) => j.metadata.name).sort();
/** A Job the way `kubectl create job NAME --from=cronjob/report` makes it: the template, owned by the CronJob. */
const manualJob = (name: string): KubeObject => {
  const cj = rig.store.get('cronjobs.batch', 'demo', 'report')!;
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name, namespace: 'demo', annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'report', uid: cj.metadata.uid!, controller: true }] },
    spec: structuredClone(cj.spec.jobTemplate.spec),
  };
};

describe('cronjob controller', () => {
  it('creates a job at the scheduled minute and records lastScheduleTime', async () => {
    await setup();
    rig.store.create('cronjobs.batch', cronjob(false));
    await rig.run(4 * MIN, 1000);
    expect(rig.store.list('jobs.batch', 'demo')).toHaveLength(0); // T0 is 09:00; next run 09:05
    await rig.run(61_000, 1000);
    const jobs = rig.store.list('jobs.batch', 'demo');
    expect(jobs.map((j) => j.metadata.name)).toEqual([`report-${(T0 + 5 * MIN) / MIN}`]);
    expect(jobs[0].metadata.ownerReferences![0]).toMatchObject({ kind: 'CronJob', name: 'report', controller: true });
    expect(jobs[0].metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-03-02T09:05:00Z');
    // Created as through the API: the Job strategy's generated selector and template labels.
    expect(jobs[0].spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': jobs[0].metadata.uid } });
    expect(jobs[0].spec.template.metadata.labels).toMatchObject({ 'controller-uid': jobs[0].metadata.uid, 'job-name': jobs[0].metadata.name });
    expect(status().lastScheduleTime).toBe('2026-03-02T09:05:00Z');
    expect(rig.events('demo', 'SuccessfulCreate').map((e) => e.message)).toContain(`Created job ${jobs[0].metadata.name}`);
    await rig.until('job done and seen', () => !!status().lastSuccessfulTime, 60_000, 500);
    expect(activeCount()).toBe(0);
    expect(rig.events('demo', 'SawCompletedJob')[0].message).toBe(`Saw completed job: ${jobs[0].metadata.name}, condition: Complete`);
  });

  it('shows no active job from creation until the first schedule time after it, never one before it', async () => {
    await setup();
    await rig.run(5 * MIN + 30_000, 5000); // 09:05:30: the 09:05 run is before the CronJob exists
    rig.store.create('cronjobs.batch', cronjob(false));
    await rig.run(4 * MIN + 29_000, 1000);
    expect(activeCount()).toBe(0);
    expect(jobNames()).toEqual([]);
    expect(status().lastScheduleTime).toBeUndefined();
    await rig.run(2000, 500); // past 09:10:00
    expect(jobNames()).toEqual([`report-${(T0 + 10 * MIN) / MIN}`]);
    expect(activeCount()).toBe(1);
    expect(status().lastScheduleTime).toBe('2026-03-02T09:10:00Z');
  });

  it('does not count a Job created by hand from the CronJob as active (kubectl create job --from)', async () => {
    await setup();
    const cj = cronjob(false);
    cj.spec.concurrencyPolicy = 'Forbid';
    rig.store.create('cronjobs.batch', cj);
    await rig.run(1000);
    rig.store.create('jobs.batch', manualJob('report-manual'));
    await rig.run(2000, 500);
    expect(rig.store.get('jobs.batch', 'demo', 'report-manual')!.status?.active).toBe(1); // it runs…
    expect(activeCount()).toBe(0); // …but ACTIVE is the controller's own jobs only
    expect(rig.events('demo', 'UnexpectedJob')[0]).toMatchObject({ type: 'Warning', message: 'Saw a job that the controller did not create or forgot: report-manual' });
    // Nor does it hold back the next run under Forbid.
    await rig.until('the 09:05 run', () => activeCount() === 1, 5 * MIN, 1000);
    expect(status().active.map((r: any) => r.name)).toEqual([`report-${(T0 + 5 * MIN) / MIN}`]);
    expect(rig.events('demo', 'JobAlreadyActive')).toHaveLength(0);
    // Once the hand-made job completes it counts for lastSuccessfulTime all the same.
    await rig.until('lastSuccessfulTime', () => !!status().lastSuccessfulTime, 60_000, 500);
  });

  it('drops an active job that was deleted from the list (MissingJob)', async () => {
    await setup();
    const cj = cronjob(false);
    cj.spec.jobTemplate.spec.template.metadata = { annotations: { 'sim.kdash.dev/run-seconds': '600' } };
    rig.store.create('cronjobs.batch', cj);
    await rig.until('the 09:05 run', () => activeCount() === 1, 6 * MIN, 1000);
    const name = status().active[0].name;
    rig.store.remove('jobs.batch', 'demo', name);
    await rig.until('the active list emptied', () => activeCount() === 0, 10_000, 500);
    expect(rig.events('demo', 'MissingJob')[0].message).toBe(`Active job went missing: ${name}`);
  });

  it('runs the latest missed schedule on resume, unless it is older than startingDeadlineSeconds', async () => {
    await setup();
    const late = cronjob(true);
    late.metadata.name = 'late';
    late.spec.startingDeadlineSeconds = 60;
    rig.store.create('cronjobs.batch', cronjob(true));
    rig.store.create('cronjobs.batch', late);
    await rig.run(7 * MIN, 5000); // 09:07: both missed 09:05 while suspended
    for (const name of ['report', 'late']) {
      rig.store.mutate('cronjobs.batch', 'demo', name, (o) => {
        o.spec.suspend = false;
        return o;
      });
    }
    await rig.run(2000, 500);
    const at0905 = (T0 + 5 * MIN) / MIN;
    expect(jobNames()).toEqual([`report-${at0905}`]); // 2 minutes late is past late's 60s deadline
    expect(rig.store.get('cronjobs.batch', 'demo', 'late')!.status?.active).toBeUndefined();
    await rig.run(3 * MIN, 1000);
    expect(jobNames()).toEqual([`late-${at0905 + 5}`, `report-${at0905}`, `report-${at0905 + 5}`]);
  });

  it('Forbid skips a run while the previous job is still active', async () => {
    await setup();
    rig.store.create('cronjobs.batch', overlapping('Forbid'));
    await rig.run(2.5 * MIN, 1000);
    expect(rig.store.list('jobs.batch', 'demo')).toHaveLength(1);
    expect(rig.events('demo', 'JobAlreadyActive')[0].message).toBe('Not starting job because prior execution is running and concurrency policy is Forbid');
    expect(activeCount()).toBe(1);
  });

  it('Replace deletes the running job and starts the new one', async () => {
    await setup();
    rig.store.create('cronjobs.batch', overlapping('Replace'));
    await rig.run(2 * MIN + 1000, 1000);
    const second = `report-${(T0 + 2 * MIN) / MIN}`;
    expect(status().active.map((r: any) => r.name)).toEqual([second]);
    expect(rig.events('demo', 'SuccessfulDelete').map((e) => e.message)).toEqual([`Deleted job report-${(T0 + MIN) / MIN}`]);
  });

  it('creates nothing while suspended', async () => {
    await setup();
    rig.store.create('cronjobs.batch', cronjob(true));
    await rig.run(16 * MIN, 5000);
    expect(rig.store.list('jobs.batch', 'demo')).toHaveLength(0);
  });

  it('parses standard 5-field schedules, descriptors and @every', () => {
    const from = Date.parse('2026-03-02T09:00:30Z');
    const at = (s: string, tz?: string) => new Date(parseCron(s, tz).next(from)!).toISOString();
    expect(at('*/15 * * * *')).toBe('2026-03-02T09:15:00.000Z');
    expect(at('30 2 * * *')).toBe('2026-03-03T02:30:00.000Z');
    expect(at('0 9 * * mon-fri')).toBe('2026-03-03T09:00:00.000Z'); // 2026-03-02 is a Monday, 09:00 has passed
    expect(at('0 0 1 jan *')).toBe('2027-01-01T00:00:00.000Z');
    expect(at('@hourly')).toBe('2026-03-02T10:00:00.000Z');
    expect(at('0 0 ? * SUN')).toBe('2026-03-08T00:00:00.000Z');
    expect(at('@every 90s')).toBe('2026-03-02T09:02:00.000Z');
    expect(at('@every 0s')).toBe('2026-03-02T09:00:31.000Z'); // at least a second
    // Both day fields restricted: either matches (the 13th, or any Friday).
    expect(at('0 0 13 * fri')).toBe('2026-03-06T00:00:00.000Z');
  });

  it('reads the schedule in spec.timeZone, across daylight saving time', () => {
    const at = (s: string, tz: string, from: string) => new Date(parseCron(s, tz).next(Date.parse(from))!).toISOString();
    expect(at('0 9 * * *', 'Europe/Paris', '2026-03-02T09:00:30Z')).toBe('2026-03-03T08:00:00.000Z'); // CET, UTC+1
    expect(at('0 9 * * *', 'Europe/Paris', '2026-07-01T00:00:00Z')).toBe('2026-07-01T07:00:00.000Z'); // CEST, UTC+2
    expect(at('30 8 * * *', 'America/New_York', '2026-03-07T14:00:00Z')).toBe('2026-03-08T12:30:00.000Z'); // EDT from 8 March
    expect(at('0 0 * * *', 'Asia/Kolkata', '2026-03-02T09:00:00Z')).toBe('2026-03-02T18:30:00.000Z');
  });

  it('rejects malformed schedules with the API server\'s messages (robfig/cron)', () => {
    const err = (s: string) => {
      try {
        parseCron(s);
      } catch (e) {
        return (e as Error).message;
      }
      return 'parsed';
    };
    expect(err('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(err('1,61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(err('0 0 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(err('0 0 * * 7')).toBe('end of range (7) above maximum (6): 7');
    expect(err('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(err('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(err('1-2-3 * * * *')).toBe('too many hyphens: 1-2-3');
    expect(err('1/2/3 * * * *')).toBe('too many slashes: 1/2/3');
    expect(err('a * * * *')).toBe('failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax');
    expect(err('-1 * * * *')).toBe('failed to parse int from : strconv.Atoi: parsing "": invalid syntax');
    expect(err('* * *')).toBe('expected exactly 5 fields, found 3: [* * *]');
    expect(err('@reboot')).toBe('unrecognized descriptor: @reboot');
    expect(err('@every abc')).toBe('failed to parse duration @every abc: time: invalid duration "abc"');
  });

  it('runs a schedule in its timeZone', async () => {
    await setup();
    const cj = cronjob(false);
    cj.spec.schedule = '5 10 * * *';
    cj.spec.timeZone = 'Europe/Paris'; // 10:05 in Paris is 09:05 UTC in March
    rig.store.create('cronjobs.batch', cj);
    await rig.until('the 10:05 Paris run', () => activeCount() === 1, 6 * MIN, 1000);
    expect(status().lastScheduleTime).toBe('2026-03-02T09:05:00Z');
    // The Job's scheduled time is written in the CronJob's zone, as the real controller formats it.
    expect(rig.store.list('jobs.batch', 'demo')[0].metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-03-02T10:05:00+01:00');
  });
});
