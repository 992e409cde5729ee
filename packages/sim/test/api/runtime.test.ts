// The API surface that delegates to the runtime: pod logs (plain and follow), metrics.k8s.io and
// quota admission, against the classroom scenario on a manual clock.
import { Log, Metrics, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import { apiError, clients, raw, waitFor } from './support.js';

let sim: Sim;
let student: ReturnType<typeof clients>;

beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', clock: 'manual' });
  student = clients(sim.kubeConfig('student'));
});
afterAll(() => sim.stop());

const webPod = async () => (await student.core.listNamespacedPod({ namespace: 'vgauthier', labelSelector: 'app=webnodb' })).items[0].metadata!.name!;

describe('pods/log', () => {
  it('returns text/plain with tailLines and timestamps', async () => {
    const name = await webPod();
    const r = await raw(sim, `/api/v1/namespaces/vgauthier/pods/${name}/log?tailLines=3&timestamps=true`, { token: 'student' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await r.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z /);
  });

  it('honours limitBytes', async () => {
    const name = await webPod();
    const text = await (await raw(sim, `/api/v1/namespaces/vgauthier/pods/${name}/log?limitBytes=10`, { token: 'student' })).text();
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(10);
  });

  it('answers 400 for previous with no previous container, and 404 for a missing pod', async () => {
    const name = await webPod();
    const prev = await (await raw(sim, `/api/v1/namespaces/vgauthier/pods/${name}/log?previous=true`, { token: 'student' })).json();
    expect(prev).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest' });
    expect(prev.message).toMatch(/previous terminated container "webnodb" in pod ".*" not found/);
    const missing = await (await raw(sim, '/api/v1/namespaces/vgauthier/pods/nope/log', { token: 'student' })).json();
    expect(missing).toMatchObject({ code: 404, message: 'pods "nope" not found' });
  });

  it('follows: lines arrive as the clock moves, through client-node Log', async () => {
    const name = await webPod();
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d.toString()));
    const ac = await new Log(sim.kubeConfig('student')).log('vgauthier', name, 'webnodb', out, { follow: true, tailLines: 0 });
    const before = text.length;
    for (let i = 0; i < 30 && text.length === before; i++) {
      await sim.clock.advance(1000);
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => text.length > before, 'followed log lines');
    ac.abort();
  });

  it('dropWatches also cuts log follows', async () => {
    const name = await webPod();
    const res = await raw(sim, `/api/v1/namespaces/vgauthier/pods/${name}/log?follow=true`, { token: 'student' });
    const reader = res.body!.getReader();
    const ended = (async () => {
      try {
        for (;;) if ((await reader.read()).done) return 'done';
      } catch {
        return 'cut';
      }
    })();
    sim.faults.dropWatches();
    expect(['done', 'cut']).toContain(await ended);
  });
});

describe('metrics.k8s.io', () => {
  it('serves pod metrics of the namespace and node metrics to the admin', async () => {
    const m = new Metrics(sim.kubeConfig('student'));
    const pods = await m.getPodMetrics('vgauthier');
    expect(pods.items.length).toBeGreaterThan(0);
    expect(pods.items[0].containers[0].usage.cpu).toMatch(/^\d+(n|u|m)?$/);
    const nodes = await new Metrics(sim.kubeConfig('admin')).getNodeMetrics();
    expect(nodes.items.map((n) => n.metadata.name).length).toBe(3);
    const one = await (await raw(sim, `/apis/metrics.k8s.io/v1beta1/namespaces/vgauthier/pods/${pods.items[0].metadata.name}`, { token: 'student' })).json();
    expect(one.kind).toBe('PodMetrics');
    const none = await (await raw(sim, '/apis/metrics.k8s.io/v1beta1/namespaces/vgauthier/pods/nope', { token: 'student' })).json();
    expect(none).toMatchObject({ code: 404, message: 'podmetrics.metrics.k8s.io "nope" not found' });
  });
});

describe('quota admission', () => {
  it('refuses a pod that would exceed the namespace quota with 403 exceeded quota', async () => {
    // Two containers at the LimitRange's 1 CPU maximum each: within each container's limit, over the namespace's quota.
    const hog = (name: string) => ({ name, image: 'busybox', resources: { requests: { cpu: '1', memory: '128Mi' }, limits: { cpu: '1', memory: '128Mi' } } });
    const body = { metadata: { name: 'hog' }, spec: { containers: [hog('hog'), hog('hog2')] } };
    const e = await apiError(student.core.createNamespacedPod({ namespace: 'vgauthier', body }));
    expect(e).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(e.message).toMatch(/^pods "hog" is forbidden: exceeded quota: compute-quota/);
  });

  it('scaling within the quota through the scale subresource gives ready replicas', async () => {
    await student.apps.patchNamespacedDeploymentScale({ namespace: 'vgauthier', name: 'webnodb', body: { spec: { replicas: 5 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    for (let i = 0; i < 30; i++) await sim.clock.advance(1000);
    const d = await student.apps.readNamespacedDeployment({ namespace: 'vgauthier', name: 'webnodb' });
    expect(d.spec?.replicas).toBe(5);
    expect(d.status?.readyReplicas).toBe(5);
  });
});
