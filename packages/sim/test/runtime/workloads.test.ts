import { afterEach, describe, expect, it } from 'vitest';
import { demoRig, ready, type Rig } from './harness.js';
import type { KubeObject } from '../../src/types.js';

let rig: Rig;
afterEach(() => rig?.stop());

async function setup(nodes = 3): Promise<void> {
  rig = await demoRig(nodes);
}

const template = (app: string, extra: Record<string, unknown> = {}, annotations?: Record<string, string>) => ({
  metadata: { labels: { app }, ...(annotations ? { annotations } : {}) },
  spec: { containers: [{ name: 'app', image: 'busybox:1.36', ...extra }] },
});

describe('statefulset controller', () => {
  it('creates ordinal pods in order, each after the previous is Ready, and scales down from the top', async () => {
    await setup();
    rig.store.create('statefulsets.apps', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'demo' },
      spec: { replicas: 3, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: template('web', { readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 3 } }) },
    });
    await rig.run(0);
    expect(rig.pods('demo').map((p) => p.metadata.name)).toEqual(['web-0']);
    const order: string[] = [];
    await rig.until('3 ready', () => {
      for (const p of rig.pods('demo')) if (!order.includes(p.metadata.name!)) order.push(p.metadata.name!);
      return rig.pods('demo').filter(ready).length === 3;
    }, 120_000, 200);
    expect(order).toEqual(['web-0', 'web-1', 'web-2']);
    const p1 = rig.store.get('pods', 'demo', 'web-1')!;
    expect(p1.spec.hostname).toBe('web-1');
    expect(p1.spec.subdomain).toBe('web');
    expect(p1.metadata.labels!['statefulset.kubernetes.io/pod-name']).toBe('web-1');
    await rig.until('status', () => rig.store.get('statefulsets.apps', 'demo', 'web')!.status?.readyReplicas === 3);
    rig.store.mutate('statefulsets.apps', 'demo', 'web', (s) => ((s.spec.replicas = 1), s));
    await rig.run(0);
    expect(rig.store.get('pods', 'demo', 'web-2')!.metadata.deletionTimestamp).toBeTruthy();
    expect(rig.store.get('pods', 'demo', 'web-1')!.metadata.deletionTimestamp).toBeUndefined();
    await rig.until('only web-0', () => rig.pods('demo').map((p) => p.metadata.name).join() === 'web-0', 60_000);
  });
});

describe('controller revisions', () => {
  it('records one ControllerRevision per statefulset template and re-uses it on undo', async () => {
    await setup();
    rig.store.create('statefulsets.apps', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'demo' },
      spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template('db') },
    });
    const allReadyOn = (image: string) => () => {
      const pods = rig.pods('demo');
      return pods.length === 2 && pods.every((p) => ready(p) && !p.metadata.deletionTimestamp && p.spec.containers[0].image === image);
    };
    await rig.until('v1 ready', allReadyOn('busybox:1.36'), 60_000);
    rig.store.mutate('statefulsets.apps', 'demo', 'db', (o) => ((o.spec.template.spec.containers[0].image = 'busybox:1.37'), o));
    await rig.until('v2 rolled', allReadyOn('busybox:1.37'), 120_000);
    const revs = () => rig.store.list('controllerrevisions.apps', 'demo').map((r) => [r.metadata.name, r.revision]).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(revs()).toHaveLength(2);
    const [first] = revs();
    // kubectl rollout undo applies the older revision's data to the statefulset.
    const data = rig.store.get('controllerrevisions.apps', 'demo', String(first[0]))!.data;
    const { $patch: _, ...tpl } = data.spec.template;
    rig.store.mutate('statefulsets.apps', 'demo', 'db', (o) => ((o.spec.template = tpl), o));
    await rig.until('back on v1', allReadyOn('busybox:1.36'), 120_000);
    expect(revs()).toHaveLength(2);
    expect(revs().at(-1)).toEqual([first[0], 3]);
    expect(rig.store.get('statefulsets.apps', 'demo', 'db')!.status.updateRevision).toBe(first[0]);
  });
});

describe('daemonset controller', () => {
  it('runs one pod on every schedulable node, and follows nodes coming and going', async () => {
    await setup(3);
    rig.store.mutate('nodes', undefined, 'node-3', (n) => ((n.spec.taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]), n));
    rig.store.create('daemonsets.apps', {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'demo' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent') },
    });
    await rig.until('2 running', () => rig.pods('demo').filter(ready).length === 2, 30_000);
    expect(rig.pods('demo').map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2']);
    await rig.until('status', () => rig.store.get('daemonsets.apps', 'demo', 'agent')!.status?.numberReady === 2);
    expect(rig.store.get('daemonsets.apps', 'demo', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberAvailable: 2 });
    addNodesNamed(rig, 'node-9');
    await rig.until('pod on node-9', () => rig.pods('demo').some((p) => p.spec.nodeName === 'node-9'), 10_000);
    rig.store.remove('nodes', undefined, 'node-1');
    await rig.run(0);
    // Pod GC force-deletes pods bound to a node that is gone.
    expect(rig.pods('demo').some((p) => p.spec.nodeName === 'node-1')).toBe(false);
    await rig.run(5000);
    expect(rig.pods('demo').map((p) => p.spec.nodeName).sort()).toEqual(['node-2', 'node-9']);
  });
});

function addNodesNamed(r: Rig, name: string): void {
  const n = structuredClone(r.store.get('nodes', undefined, 'node-2')!);
  n.metadata = { name, labels: { 'kubernetes.io/hostname': name } };
  r.store.create('nodes', n);
}

const job = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>, env?: any[]): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'demo' },
  spec: { ...spec, template: { ...template(name, env ? { env } : {}, annotations), spec: { ...template(name, env ? { env } : {}).spec, restartPolicy: 'Never' } } },
});
const cond = (o: KubeObject | undefined, t: string) => o?.status?.conditions?.find((c: any) => c.type === t);

describe('job controller', () => {
  it('runs pods until completions succeed, parallelism at a time, then marks the job Complete', async () => {
    await setup();
    rig.store.create('jobs.batch', job('batch', { completions: 3, parallelism: 2 }, { 'sim.kdash.dev/run-seconds': '4' }));
    let maxActive = 0;
    await rig.until('complete', () => {
      maxActive = Math.max(maxActive, rig.pods('demo', (p) => p.status?.phase !== 'Succeeded').length);
      return cond(rig.store.get('jobs.batch', 'demo', 'batch'), 'Complete')?.status === 'True';
    }, 120_000, 200);
    expect(maxActive).toBe(2);
    const j = rig.store.get('jobs.batch', 'demo', 'batch')!;
    expect(j.status.succeeded).toBe(3);
    expect(j.status.active).toBeUndefined();
    expect(j.status.completionTime).toBeTruthy();
    const pods = rig.pods('demo');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.status.phase).toBe('Succeeded');
      expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
      expect(p.metadata.labels!['job-name']).toBe('batch');
      // Created as through the API: the ServiceAccount admission plugin's token volume and mount.
      expect(p.spec.serviceAccountName).toBe('default');
      const vol = p.spec.volumes.find((v: any) => v.name.startsWith('kube-api-access-'));
      expect(vol.projected.sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
      expect(p.spec.containers[0].volumeMounts).toContainEqual({ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' });
    }
    expect(rig.events('demo', 'Completed')[0].message).toBe('Job completed');
  });

  it('deletes a finished job after ttlSecondsAfterFinished, its pods with it', async () => {
    await setup();
    rig.store.create('jobs.batch', job('short', { ttlSecondsAfterFinished: 60 }, { 'sim.kdash.dev/run-seconds': '2' }));
    await rig.until('complete', () => cond(rig.store.get('jobs.batch', 'demo', 'short'), 'Complete')?.status === 'True', 30_000, 250);
    await rig.run(30_000, 1000);
    expect(rig.store.get('jobs.batch', 'demo', 'short')).toBeDefined();
    await rig.until('job deleted', () => !rig.store.get('jobs.batch', 'demo', 'short'), 60_000, 1000);
    await rig.run(0);
    expect(rig.pods('demo')).toHaveLength(0);
  });

  it('fails the job once backoffLimit is exceeded', async () => {
    await setup();
    rig.store.create('jobs.batch', job('flaky', { backoffLimit: 1 }, undefined, [{ name: 'EXIT_CODE', value: '2' }]));
    await rig.until('failed', () => cond(rig.store.get('jobs.batch', 'demo', 'flaky'), 'Failed')?.status === 'True', 300_000, 500);
    const j = rig.store.get('jobs.batch', 'demo', 'flaky')!;
    expect(cond(j, 'Failed').reason).toBe('BackoffLimitExceeded');
    expect(j.status.failed).toBe(2);
    expect(rig.pods('demo')).toHaveLength(2);
    expect(rig.pods('demo')[0].status.containerStatuses[0].state.terminated.exitCode).toBe(2);
  });
});

describe('job suspension', () => {
  it('suspending a running job deletes its active pods without counting failures; resuming starts them again', async () => {
    await setup();
    rig.store.create('jobs.batch', job('long', { completions: 4, parallelism: 2 }, { 'sim.kdash.dev/run-seconds': '3600' }));
    const running = () => rig.pods('demo', (p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
    await rig.until('two running pods', () => running().length === 2, 60_000);
    const firstStart = rig.store.get('jobs.batch', 'demo', 'long')!.status.startTime;
    const before = new Set(rig.pods('demo').map((p) => p.metadata.name));

    rig.store.mutate('jobs.batch', 'demo', 'long', (j) => ((j.spec.suspend = true), j));
    await rig.until('pods gone', () => rig.pods('demo').length === 0, 60_000);
    await rig.run(120_000, 5000); // and no new pod while suspended
    expect(rig.pods('demo')).toHaveLength(0);
    const j = rig.store.get('jobs.batch', 'demo', 'long')!;
    expect(cond(j, 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    expect(j.status.active).toBeUndefined();
    expect(j.status.failed).toBeUndefined();
    expect(cond(j, 'Failed')).toBeUndefined();
    expect(rig.events('demo', 'Suspended').map((e) => e.message)).toEqual(['Job suspended']);
    expect(rig.events('demo', 'SuccessfulDelete').map((e) => e.message).sort()).toEqual([...before].map((n) => `Deleted pod: ${n}`).sort());

    rig.store.mutate('jobs.batch', 'demo', 'long', (j2) => ((j2.spec.suspend = false), j2));
    await rig.until('running again', () => running().length === 2, 60_000);
    const r = rig.store.get('jobs.batch', 'demo', 'long')!;
    expect(cond(r, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    expect(Date.parse(r.status.startTime)).toBeGreaterThan(Date.parse(firstStart)); // resuming restarts the job's clock
    expect(rig.events('demo', 'Resumed').map((e) => e.message)).toEqual(['Job resumed']);
    expect(running().every((p) => !before.has(p.metadata.name))).toBe(true);
  });

  it('a job created suspended creates no pod and has no start time', async () => {
    await setup();
    rig.store.create('jobs.batch', job('later', { suspend: true }));
    await rig.run(30_000, 1000);
    expect(rig.pods('demo')).toHaveLength(0);
    const j = rig.store.get('jobs.batch', 'demo', 'later')!;
    expect(j.status.startTime).toBeUndefined();
    expect(cond(j, 'Suspended')?.status).toBe('True');
  });
});
