// The simulated kubelet's probes on the sim clock: a readiness probe that fails keeps the pod 0/1 and
// out of its Service's EndpointSlice; a liveness probe that fails restarts the container (Unhealthy and
// Killing events, restartCount, CrashLoopBackOff as it keeps failing). Which probes fail is decided by
// the rule in packages/sim/src/controllers/probes.ts: a port the container does not declare, a file its command
// does not create (or has removed), or the sim.kdash.dev/fail-probes annotation.
import { afterEach, describe, expect, it } from 'vitest';
import { bare, demoRig, ready, type Rig } from './harness.js';

let rig: Rig;
afterEach(() => rig?.stop());

const pod = (name: string) => rig.store.get('pods', 'demo', name);
const cs = (name: string) => pod(name)?.status?.containerStatuses?.[0];
const running = (name: string) => !!cs(name)?.state?.running;
const events = (name: string, reason: string) => rig.events('demo', reason).filter((e) => e.involvedObject.name === name);
const readyEndpoints = (svc: string) =>
  rig.store
    .list('endpointslices.discovery.k8s.io', 'demo')
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc)
    .flatMap((s) => s.endpoints ?? [])
    .filter((e: { conditions: { ready: boolean } }) => e.conditions.ready);

function service(name: string, app: string) {
  rig.store.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'demo' }, spec: { selector: { app }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] } });
}

describe('simulated probes', () => {
  it('a readiness probe on a port the container does not declare keeps the pod unready and out of the EndpointSlice', async () => {
    rig = await demoRig(1);
    service('web', 'web');
    rig.store.create('pods', { ...bare('demo', 'good', { ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }), metadata: { name: 'good', namespace: 'demo', labels: { app: 'web' } } });
    rig.store.create('pods', { ...bare('demo', 'typo', { ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 } }), metadata: { name: 'typo', namespace: 'demo', labels: { app: 'web' } } });
    await rig.until('both running', () => running('good') && running('typo'), 10_000, 100);
    expect(ready(pod('good')!)).toBe(false);
    // Ready at its first probe, initialDelaySeconds after the start (not before).
    const took = await rig.until('good ready', () => ready(pod('good')!), 10_000, 100);
    expect(rig.clock.now() - Date.parse(cs('good')!.state.running.startedAt)).toBeGreaterThanOrEqual(5000);
    expect(took).toBeLessThanOrEqual(6000);
    await rig.run(60_000, 1000);
    expect(ready(pod('typo')!)).toBe(false);
    expect(cs('typo')!.restartCount).toBe(0);
    expect(readyEndpoints('web').map((e: { targetRef: { name: string } }) => e.targetRef.name)).toEqual(['good']);
    const podIP = pod('typo')!.status.podIP;
    const unhealthy = events('typo', 'Unhealthy');
    expect(unhealthy[0].type).toBe('Warning');
    expect(unhealthy[0].message).toBe(`Readiness probe failed: Get "http://${podIP}:8080/healthz": dial tcp ${podIP}:8080: connect: connection refused`);
    // One probe every periodSeconds: about 7 in the 60+ s it has been running, counted on one event.
    expect(unhealthy.reduce((n, e) => n + (e.count ?? 1), 0)).toBeGreaterThanOrEqual(6);
  });

  it("a failing liveness probe restarts the container with the kubelet's events, then backs off in CrashLoopBackOff", async () => {
    rig = await demoRig(1);
    rig.store.create('pods', bare('demo', 'live', { livenessProbe: { tcpSocket: { port: 'http' }, initialDelaySeconds: 3, periodSeconds: 5, failureThreshold: 3 }, ports: [{ name: 'web', containerPort: 80 }] }));
    await rig.until('running', () => running('live'), 10_000, 100);
    // 3 s initial delay + 3 failures 5 s apart: killed ~13 s after the start, restarted at once.
    await rig.until('first restart', () => cs('live')?.restartCount === 1, 20_000, 250);
    const unhealthy = events('live', 'Unhealthy');
    expect(unhealthy[0].message).toBe('Liveness probe failed: strconv.Atoi: parsing "http": invalid syntax');
    expect(unhealthy.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(3);
    expect(events('live', 'Killing').map((e) => e.message)).toEqual(['Container app failed liveness probe, will be restarted']);
    expect(cs('live')!.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    await rig.until('CrashLoopBackOff', () => cs('live')?.state?.waiting?.reason === 'CrashLoopBackOff', 30_000, 250);
    expect(cs('live')!.state.waiting.message).toMatch(/^back-off 10s restarting failed container=app pod=live_demo/);
  });

  it("an exec probe follows the files the container's command creates and removes (the docs' liveness example)", async () => {
    rig = await demoRig(1);
    rig.store.create('pods', bare('demo', 'liveness-exec', {
      image: 'busybox:1.36',
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    }));
    await rig.until('running', () => running('liveness-exec'), 10_000, 100);
    const start = Date.parse(cs('liveness-exec')!.state.running.startedAt);
    await rig.run(start + 29_000 - rig.clock.now(), 500);
    expect(cs('liveness-exec')!.restartCount).toBe(0);
    expect(events('liveness-exec', 'Unhealthy').map((e) => e.message)).toEqual([]);
    await rig.until('restarted', () => cs('liveness-exec')?.restartCount === 1, 30_000, 250);
    // Probes at 30, 35, 40 s fail (the file goes at 30 s): killed at the third, 40 s after the start.
    const killed = Date.parse(cs('liveness-exec')!.lastState.terminated.finishedAt);
    expect(killed - start).toBe(40_000);
    expect(events('liveness-exec', 'Unhealthy')[0].message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
  });

  it('the fail-probes annotation fails the readiness probe after N seconds: Ready, then not, and the pod is not restarted', async () => {
    rig = await demoRig(1);
    rig.store.create('pods', bare('demo', 'flaky', { readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, failureThreshold: 2 } }, { 'sim.kdash.dev/fail-probes': 'readiness', 'sim.kdash.dev/fail-probes-after': '20' }));
    await rig.until('ready', () => !!pod('flaky') && ready(pod('flaky')!), 10_000, 100);
    await rig.until('unready', () => !ready(pod('flaky')!), 40_000, 250);
    expect(events('flaky', 'Unhealthy')[0].message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 500');
    expect(cs('flaky')!.restartCount).toBe(0);
    expect(running('flaky')).toBe(true);
  });
});
