import { describe, expect, it } from 'vitest';
import { cronJob } from '../../src/resources/cronJob.js';
import { daemonSet } from '../../src/resources/daemonSet.js';
import { deployment } from '../../src/resources/deployment.js';
import { job } from '../../src/resources/job.js';
import { replicaSet } from '../../src/resources/replicaSet.js';
import { statefulSet } from '../../src/resources/statefulSet.js';
import { labelsMatch } from '../../src/resources/labels.js';
import { NOW, byName, headers, load, row, tone } from './helpers.js';

const deployments = load('deployments.json');
const rss = load('replicasets.json');
const [sts, ds] = load('statefulsets-daemonsets.json');
const jobsAndCrons = load('jobs-cronjobs.json');
const pods = load('pods.json');

describe('deployments (printDeployment)', () => {
  it('has kubectl headers', () => {
    expect(headers(deployment)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(headers(deployment, true)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
  });

  it('prints READY/UP-TO-DATE/AVAILABLE and the wide cells', () => {
    const r = row(deployment, byName(deployments, 'webnodb'));
    expect(r).toMatchObject({ NAME: 'webnodb', READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3', AGE: '2d3h' });
    expect(r).toMatchObject({ CONTAINERS: 'web', IMAGES: 'nginx:1.25', SELECTOR: 'app=webnodb' });
    const api = row(deployment, byName(deployments, 'api'));
    expect(api).toMatchObject({ READY: '1/3', AVAILABLE: '1', AGE: '5m', SELECTOR: 'app=api,tier in (api,backend)' });
  });

  it('warns when not fully available', () => {
    expect(tone(deployment, byName(deployments, 'webnodb'), 'READY')).toBe('ok');
    expect(tone(deployment, byName(deployments, 'api'), 'READY')).toBe('warn');
  });

  it('drills down to its pods by label selector', () => {
    const dd = deployment.drillDown!(byName(deployments, 'webnodb'))!;
    expect(dd).toMatchObject({ kind: 'pods', labelSelector: 'app=webnodb', namespace: 'classroom' });
    expect(pods.filter((p) => labelsMatch(dd.labelSelector!, p.metadata.labels))).toHaveLength(pods.length);
    expect(deployment.drillDown!(byName(deployments, 'api'))!.labelSelector).toBe('app=api,tier in (api,backend)');
  });

  it('sums pod usage over the pods it selects', () => {
    const ctxM = {
      now: NOW,
      pods,
      podMetrics: new Map([
        ['classroom/running-ready', { cpuMilli: 20, memBytes: 10 * 1024 * 1024 }],
        ['classroom/multi', { cpuMilli: 30, memBytes: 20 * 1024 * 1024 }],
        ['other/running-ready', { cpuMilli: 999, memBytes: 0 }],
      ]),
    };
    const r = row(deployment, byName(deployments, 'webnodb'), ctxM);
    expect([r.CPU, r.MEM]).toEqual(['50m', '30Mi']);
    expect(row(deployment, byName(deployments, 'api'), ctxM).CPU).toBe('n/a');
  });

  it('offers the rollout actions', () => {
    expect(deployment.actions).toEqual(
      expect.arrayContaining(['scale', 'restart', 'undo', 'history', 'pause', 'resume', 'rolloutStatus', 'logs', 'delete', 'describe', 'yaml']),
    );
  });
});

describe('replica sets (printReplicaSet)', () => {
  it('prints DESIRED/CURRENT/READY and drills to owned pods', () => {
    expect(headers(replicaSet)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    const rs = byName(rss, 'webnodb-7c9f8d6b5');
    expect(row(replicaSet, rs)).toMatchObject({ DESIRED: '3', CURRENT: '3', READY: '3', AGE: '60m' });
    expect(row(replicaSet, byName(rss, 'webnodb-5d4b8c7f9'))).toMatchObject({ DESIRED: '0', CURRENT: '0', READY: '0' });
    expect(replicaSet.drillDown!(rs)).toMatchObject({ kind: 'pods', owned: { uid: rs.metadata.uid }, namespace: 'classroom' });
    expect(replicaSet.actions).toEqual(expect.arrayContaining(['scale', 'delete']));
  });
});

describe('stateful sets (printStatefulSet)', () => {
  it('prints READY and warns below desired', () => {
    expect(headers(statefulSet)).toEqual(['NAME', 'READY', 'AGE']);
    expect(headers(statefulSet, true)).toEqual(['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES']);
    expect(row(statefulSet, sts)).toMatchObject({ READY: '1/2', AGE: '7h5m', IMAGES: 'postgres:16' });
    expect(tone(statefulSet, sts, 'READY')).toBe('warn');
    expect(statefulSet.drillDown!(sts)).toMatchObject({ kind: 'pods', labelSelector: 'app=db' });
  });
});

describe('daemon sets (printDaemonSet)', () => {
  it('prints the node counts and NODE SELECTOR', () => {
    expect(headers(daemonSet)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect(row(daemonSet, ds)).toMatchObject({
      DESIRED: '3',
      CURRENT: '3',
      READY: '2',
      'UP-TO-DATE': '3',
      AVAILABLE: '2',
      'NODE SELECTOR': 'kubernetes.io/os=linux',
      AGE: '30d',
      SELECTOR: 'app=node-exporter',
    });
    expect(daemonSet.actions).not.toContain('scale');
  });
});

describe('jobs (printJob)', () => {
  it('has kubectl headers', () => {
    expect(headers(job)).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
  });
  it.each([
    ['backup-28570000', 'Complete', '1/1', '45s', '10m', 'ok'],
    ['queue-worker', 'Running', '0/1 of 3', '30s', '30s', undefined],
    ['migrate', 'Failed', '0/1', '120m', '120m', 'error'],
  ])('%s → %s %s %s %s', (name, status, completions, duration, age, t) => {
    const j = byName(jobsAndCrons, name);
    expect(row(job, j)).toMatchObject({ STATUS: status, COMPLETIONS: completions, DURATION: duration, AGE: age });
    expect(tone(job, j, 'STATUS')).toBe(t);
  });
  it('is Suspended, Terminating, or empty DURATION before it starts', () => {
    const j = JSON.parse(JSON.stringify(byName(jobsAndCrons, 'queue-worker')));
    j.status.conditions = [{ type: 'Suspended', status: 'True' }];
    delete j.status.startTime;
    expect(row(job, j)).toMatchObject({ STATUS: 'Suspended', DURATION: '' });
    j.metadata.deletionTimestamp = '2024-05-01T12:00:00Z';
    expect(row(job, j).STATUS).toBe('Terminating');
  });
});

describe('cron jobs (printCronJob)', () => {
  it('prints SCHEDULE/TIMEZONE/SUSPEND/ACTIVE/LAST SCHEDULE', () => {
    expect(headers(cronJob)).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(row(cronJob, byName(jobsAndCrons, 'backup'))).toMatchObject({
      SCHEDULE: '*/5 * * * *',
      TIMEZONE: '<none>',
      SUSPEND: 'False',
      ACTIVE: '1',
      'LAST SCHEDULE': '3m',
      AGE: '3d',
    });
    expect(row(cronJob, byName(jobsAndCrons, 'report'))).toMatchObject({
      TIMEZONE: 'Europe/Paris',
      SUSPEND: 'True',
      ACTIVE: '0',
      'LAST SCHEDULE': '<none>',
    });
    // metav1.FormatLabelSelector: an absent job template selector prints <none>.
    expect(row(cronJob, byName(jobsAndCrons, 'report'))).toMatchObject({ CONTAINERS: 'backup', IMAGES: 'busybox:1.36', SELECTOR: '<none>' });
  });
  it('drills down to the jobs it owns', () => {
    const cj = byName(jobsAndCrons, 'backup');
    expect(cronJob.drillDown!(cj)).toMatchObject({ kind: 'jobs', owned: { uid: 'cj-uid' }, namespace: 'classroom' });
  });
});
