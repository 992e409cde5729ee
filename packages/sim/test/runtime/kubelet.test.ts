import { afterEach, describe, expect, it } from 'vitest';
import { bare, demoRig, ready, waitingReason, type Rig } from './harness.js';
import type { KubeObject } from '../../src/types.js';

let rig: Rig;
afterEach(() => rig?.stop());

async function setup(): Promise<void> {
  rig = await demoRig(2);
}
const pod = (name: string) => rig.store.get('pods', 'demo', name);
const cs = (name: string) => pod(name)?.status?.containerStatuses?.[0];
const reasons = (name: string) => rig.events('demo').filter((e) => e.involvedObject.name === name).map((e) => e.reason);
const cond = (p: KubeObject | undefined, type: string) => p?.status?.conditions?.find((c: any) => c.type === type)?.status;

describe('simulated kubelet', () => {
  it('takes a pod through ContainerCreating to Running and Ready with the usual events', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'web', { readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 } }));
    await rig.until('scheduled', () => !!pod('web')?.spec.nodeName, 1000, 10);
    expect(rig.events('demo', 'Scheduled')[0].message).toBe(`Successfully assigned demo/web to ${pod('web')!.spec.nodeName}`);
    await rig.until('creating status', () => waitingReason(pod('web')) === 'ContainerCreating', 1000, 10);
    expect(pod('web')!.status.phase).toBe('Pending');
    await rig.until('running', () => !!cs('web')?.state?.running, 10_000, 100);
    const p = pod('web')!;
    expect(p.status.phase).toBe('Running');
    expect(cond(p, 'Ready')).toBe('False'); // readiness probe not passed yet
    expect(p.status.hostIP).toMatch(/^10\.128\.1\.\d$/);
    expect(p.status.podIP).toMatch(/^10\.9\.\d\.\d+$/);
    expect(p.status.startTime).toBeTruthy();
    expect(p.status.qosClass).toBe('BestEffort');
    expect(cs('web')).toMatchObject({ name: 'app', ready: false, restartCount: 0, image: 'docker.io/library/nginx:1.27', started: true });
    expect(cs('web').containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(reasons('web')).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const pulled = rig.events('demo', 'Pulled')[0];
    expect(pulled.message).toMatch(/^Successfully pulled image "nginx:1\.27" in [\d.]+s/);
    expect(pulled.involvedObject.fieldPath).toBe('spec.containers{app}');
    expect(pulled.source).toMatchObject({ component: 'kubelet', host: p.spec.nodeName });
    await rig.until('ready', () => ready(pod('web')!), 10_000, 100);
    expect(['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((t) => cond(pod('web'), t))).toEqual(['True', 'True', 'True', 'True']);
  });

  it('CrashLoopBackOff: restarts with a doubling back-off and BackOff events', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'worker', { env: [{ name: 'CRASH', value: '1' }] }));
    await rig.until('first exit', () => cs('worker')?.state?.terminated?.reason === 'Error', 20_000, 100);
    expect(cs('worker').state.terminated.exitCode).toBe(1);
    const backoffs: number[] = [];
    let last = '';
    await rig.until('4 restarts', () => {
      const w = cs('worker')?.state?.waiting;
      if (w?.reason === 'CrashLoopBackOff' && w.message !== last) {
        last = w.message;
        backoffs.push(Number(/back-off (\d+)s/.exec(w.message)?.[1]));
      }
      return (cs('worker')?.restartCount ?? 0) >= 4;
    }, 300_000, 500);
    expect(backoffs).toEqual([10, 20, 40]);
    expect(cs('worker').lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(pod('worker')!.status.phase).toBe('Running');
    const backoff = rig.events('demo', 'BackOff')[0];
    expect(backoff.type).toBe('Warning');
    expect(backoff.message).toMatch(/^Back-off restarting failed container app in pod worker/);
    expect(backoff.count).toBe(3); // aggregated repeats
    expect(rig.events('demo', 'Pulled').some((e) => /already present on machine/.test(e.message))).toBe(true);
  });

  it('ImagePullBackOff for an image that does not exist', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'typo', { image: 'nginx:doesnotexist' }));
    await rig.until('ErrImagePull', () => cs('typo')?.state?.waiting?.reason === 'ErrImagePull', 10_000, 100);
    await rig.until('ImagePullBackOff', () => cs('typo')?.state?.waiting?.reason === 'ImagePullBackOff', 10_000, 100);
    expect(pod('typo')!.status.phase).toBe('Pending');
    const failed = rig.events('demo', 'Failed').map((e) => e.message);
    expect(failed[0]).toMatch(/^Failed to pull image "nginx:doesnotexist": .*not found/);
    expect(failed).toContain('Error: ErrImagePull');
    expect(failed).toContain('Error: ImagePullBackOff');
    expect(rig.events('demo', 'BackOff')[0].message).toBe('Back-off pulling image "nginx:doesnotexist"');
  });

  it('OOMKilled: exit code 137 then restart', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'hog', { resources: { limits: { memory: '128Mi' } } }, { 'sim.kdash.dev/behavior': 'oomkill' }));
    await rig.until('OOMKilled', () => cs('hog')?.state?.terminated?.reason === 'OOMKilled', 30_000, 100);
    expect(cs('hog').state.terminated.exitCode).toBe(137);
    await rig.until('restarted', () => cs('hog')?.restartCount === 1, 30_000, 100);
    expect(cs('hog').lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
  });

  it('Evicted: phase Failed with reason and message', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'greedy', {}, { 'sim.kdash.dev/behavior': 'evict', 'sim.kdash.dev/run-seconds': '10' }));
    await rig.until('evicted', () => pod('greedy')?.status?.reason === 'Evicted', 60_000, 250);
    const p = pod('greedy')!;
    expect(p.status.phase).toBe('Failed');
    expect(p.status.message).toMatch(/^The node was low on resource: memory\./);
    expect(cond(p, 'DisruptionTarget')).toBe('True');
    expect(cond(p, 'Ready')).toBe('False');
    expect(rig.events('demo', 'Evicted')[0].type).toBe('Warning');
  });

  it('Completed: a run-to-completion pod ends Succeeded with exit 0', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'once', { env: [{ name: 'EXIT_CODE', value: '0' }] }, undefined, { restartPolicy: 'Never' }));
    await rig.until('succeeded', () => pod('once')?.status?.phase === 'Succeeded', 30_000, 100);
    expect(cs('once').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(cond(pod('once'), 'Ready')).toBe('False');
    expect(pod('once')!.status.conditions.find((c: any) => c.type === 'Ready').reason).toBe('PodCompleted');
  });

  it('stops containers on deletion (Killing) and removes the pod within the grace period', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'web'));
    await rig.until('ready', () => !!pod('web') && ready(pod('web')!), 10_000, 100);
    rig.rt.ctx.deletePod(pod('web')!);
    await rig.run(0);
    expect(pod('web')!.metadata.deletionTimestamp).toBeTruthy();
    expect(cond(pod('web'), 'Ready')).toBe('False');
    expect(rig.events('demo', 'Killing')[0].message).toBe('Stopping container app');
    await rig.until('removed', () => !pod('web'), 30_000, 100);
  });

  it('runs init containers one after the other before the app containers', async () => {
    await setup();
    const p = bare('demo', 'inits');
    p.spec.initContainers = [{ name: 'migrate', image: 'busybox:1.36' }, { name: 'warm', image: 'busybox:1.36' }];
    rig.store.create('pods', p);
    await rig.until('first init running', () => !!pod('inits')?.status?.initContainerStatuses?.[0]?.state?.running, 10_000, 100);
    let st = pod('inits')!.status;
    expect(st.phase).toBe('Pending');
    expect(st.conditions.find((c: any) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [migrate warm]' });
    expect(st.containerStatuses[0].state.waiting.reason).toBe('PodInitializing');
    expect(st.initContainerStatuses[1].state.waiting.reason).toBe('PodInitializing');
    await rig.until('app running', () => pod('inits')?.status?.phase === 'Running', 30_000, 100);
    st = pod('inits')!.status;
    expect(st.initContainerStatuses.map((c: any) => c.state.terminated?.reason)).toEqual(['Completed', 'Completed']);
    expect(cond(pod('inits'), 'Initialized')).toBe('True');
    expect(Date.parse(st.initContainerStatuses[1].state.terminated.startedAt)).toBeGreaterThanOrEqual(Date.parse(st.initContainerStatuses[0].state.terminated.finishedAt));
  });

  it('a failing init container goes into back-off and the app never starts', async () => {
    await setup();
    const p = bare('demo', 'stuck');
    p.spec.initContainers = [{ name: 'wait-db', image: 'busybox:1.36', env: [{ name: 'CRASH', value: '1' }] }];
    rig.store.create('pods', p);
    await rig.until('init back-off', () => pod('stuck')?.status?.initContainerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff', 60_000, 250);
    expect(pod('stuck')!.status.phase).toBe('Pending');
    expect(cs('stuck').state.waiting.reason).toBe('PodInitializing');
  });

  it('removes an unscheduled pod at once on deletion', async () => {
    await setup();
    rig.store.create('pods', bare('demo', 'nowhere', {}, undefined, { nodeSelector: { disk: 'ssd' } }));
    await rig.run(0);
    rig.rt.ctx.deletePod(pod('nowhere')!);
    expect(pod('nowhere')).toBeUndefined();
  });
});
