import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from '../../src/kube/api.js';
import { createMetricsPoller, type MetricsPoller } from '../../src/metrics/poller.js';
import type { StoreChange } from '../../src/store/types.js';

/** A tiny API server: discovery with or without metrics.k8s.io, and the metrics lists. */
interface Fake {
  url: string;
  requests: string[];
  metrics: boolean;
  nodesStatus: number;
  podsStatus: number;
  cpu: string;
  close(): Promise<void>;
}

async function fakeServer(opts: { metrics: boolean }): Promise<Fake> {
  const fake = { requests: [] as string[], metrics: opts.metrics, nodesStatus: 200, podsStatus: 200, cpu: '12m' } as Fake;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    fake.requests.push(path);
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const status = (code: number, reason: string, message: string) =>
      send(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });
    if (path === '/apis') {
      const groups = [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }];
      if (fake.metrics) {
        const v = { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' };
        groups.push({ name: 'metrics.k8s.io', versions: [v], preferredVersion: v });
      }
      return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    if (!fake.metrics) return status(404, 'NotFound', 'the server could not find the requested resource');
    if (path === '/apis/metrics.k8s.io/v1beta1/namespaces/vgauthier/pods' || path === '/apis/metrics.k8s.io/v1beta1/pods') {
      if (fake.podsStatus === 503) return status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
      if (fake.podsStatus === 403) return status(403, 'Forbidden', 'pods.metrics.k8s.io is forbidden');
      return send(200, {
        kind: 'PodMetricsList',
        items: [
          {
            metadata: { name: 'web-7d9f8b6c5d-aaaaa', namespace: 'vgauthier', labels: { 'pod-template-hash': '7d9f8b6c5d' } },
            timestamp: new Date().toISOString(),
            window: '15s',
            containers: [
              { name: 'app', usage: { cpu: fake.cpu, memory: '40Mi' } },
              { name: 'sidecar', usage: { cpu: '500000n', memory: '5Mi' } },
            ],
          },
          { metadata: { name: 'broken', namespace: 'vgauthier' }, containers: [{ name: 'x', usage: { cpu: 'bogus', memory: '??' } }] },
        ],
      });
    }
    if (path === '/apis/metrics.k8s.io/v1beta1/nodes') {
      if (fake.nodesStatus === 403) {
        return status(403, 'Forbidden', 'nodes.metrics.k8s.io is forbidden: User "student" cannot list resource "nodes" in API group "metrics.k8s.io" at the cluster scope');
      }
      return send(200, { kind: 'NodeMetricsList', items: [{ metadata: { name: 'node-1' }, usage: { cpu: '1500m', memory: '2Gi' } }] });
    }
    return status(404, 'NotFound', 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((r) => server.close(() => r()));
  return fake;
}

function apiFor(url: string) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'token' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u', namespace: 'vgauthier' }],
    currentContext: 'ctx',
  });
  return makeApi(kc);
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(metrics: boolean, nodes = true) {
  const fake = await fakeServer({ metrics });
  const changes: StoreChange[] = [];
  const poller: MetricsPoller = createMetricsPoller(apiFor(fake.url), (c) => changes.push(...c), { namespace: 'vgauthier', nodes, intervalMs: 60_000 });
  cleanups.push(() => fake.close(), () => poller.stop());
  return { fake, changes, poller };
}

describe('metrics poller', () => {
  it('says once that the metrics API is absent, and asks for no metrics', async () => {
    const { fake, changes, poller } = await setup(false);
    await poller.refresh();
    await poller.refresh();
    expect(changes).toEqual([{ type: 'metrics', available: false }]);
    expect(fake.requests.filter((p) => p.includes('metrics.k8s.io'))).toEqual([]);
    expect(poller.status()).toEqual({ state: 'absent' });
  });

  it('writes pod usage summed over containers and node usage', async () => {
    const { changes, poller } = await setup(true);
    await poller.refresh();
    expect(changes).toHaveLength(1);
    const c = changes[0] as Extract<StoreChange, { type: 'metrics' }>;
    expect(c.available).toBe(true);
    expect([...c.podMetrics!]).toEqual([['vgauthier/web-7d9f8b6c5d-aaaaa', { cpuMilli: 12.5, memBytes: 45 * 1024 ** 2 }]]);
    expect([...c.nodeMetrics!]).toEqual([['node-1', { cpuMilli: 1500, memBytes: 2 * 1024 ** 3 }]]);
    expect(poller.history.series('pod:vgauthier/web-7d9f8b6c5d-aaaaa').cpuMilli).toEqual([12.5]);
    expect(poller.history.series('workload:vgauthier/web').cpuMilli).toEqual([12.5]);
    expect(poller.history.series('node:node-1').memBytes).toEqual([2 * 1024 ** 3]);
  });

  it('stops asking for node metrics after a 403, calmly, and keeps polling pods', async () => {
    const { fake, changes, poller } = await setup(true);
    fake.nodesStatus = 403;
    await poller.refresh();
    expect(poller.nodesPolled).toBe(false);
    expect(poller.status().state).toBe('live');
    fake.cpu = '30m';
    await poller.refresh();
    expect(fake.requests.filter((p) => p.endsWith('/nodes'))).toHaveLength(1);
    expect(fake.requests.filter((p) => p.endsWith('/pods'))).toHaveLength(2);
    expect(changes.map((c) => (c as any).nodeMetrics)).toEqual([undefined, undefined]);
    expect(changes.map((c) => (c as any).podMetrics.get('vgauthier/web-7d9f8b6c5d-aaaaa').cpuMilli)).toEqual([12.5, 30.5]);
    expect(poller.history.series('pod:vgauthier/web-7d9f8b6c5d-aaaaa').cpuMilli).toEqual([12.5, 30.5]);
  });

  it('backs off on errors and withdraws usage rather than showing it stale', async () => {
    const { fake, changes, poller } = await setup(true, false);
    await poller.refresh();
    fake.podsStatus = 503;
    await poller.refresh();
    expect(poller.status()).toMatchObject({ state: 'failing', failures: 1 });
    expect((poller.status() as any).lastError).toMatch(/^503 Service Unavailable: the server is currently unable/);
    expect(changes).toHaveLength(1); // one failure: last values stand
    await poller.refresh();
    await poller.refresh();
    expect(changes).toHaveLength(2);
    expect((changes[1] as any).podMetrics.size).toBe(0);
    fake.podsStatus = 200;
    await poller.refresh();
    expect(poller.status().state).toBe('live');
    expect((changes[2] as any).podMetrics.size).toBe(1);
  });

  it('lists pods of all namespaces with -A, and follows a namespace switch', async () => {
    const fake = await fakeServer({ metrics: true });
    const changes: StoreChange[] = [];
    const poller = createMetricsPoller(apiFor(fake.url), (c) => changes.push(...c), { allNamespaces: true, nodes: false, intervalMs: 60_000 });
    cleanups.push(() => fake.close(), () => poller.stop());
    await poller.refresh();
    expect(fake.requests.at(-1)).toBe('/apis/metrics.k8s.io/v1beta1/pods');
    poller.setScope({ namespace: 'vgauthier' });
    const deadline = Date.now() + 5000;
    while (changes.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(fake.requests.at(-1)).toBe('/apis/metrics.k8s.io/v1beta1/namespaces/vgauthier/pods');
  });

  it('discovers again when the metrics API disappears, and says so once', async () => {
    const { fake, changes, poller } = await setup(true, false);
    await poller.refresh();
    fake.metrics = false;
    await poller.refresh(); // 404 from the list: the API went away
    await poller.refresh(); // discovery no longer lists it
    await poller.refresh();
    expect(changes.map((c) => (c as any).available)).toEqual([true, false]);
    expect(poller.status()).toEqual({ state: 'absent' });
  });

  it('polls on its own once started, until stopped', async () => {
    const fake = await fakeServer({ metrics: true });
    const changes: StoreChange[] = [];
    const poller = createMetricsPoller(apiFor(fake.url), (c) => changes.push(...c), { namespace: 'vgauthier', nodes: false, intervalMs: 100 });
    cleanups.push(() => fake.close(), () => poller.stop());
    poller.start();
    const deadline = Date.now() + 5000;
    while (changes.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(changes.length).toBeGreaterThanOrEqual(3);
    poller.stop();
    await poller.refresh(); // lets a poll already in flight finish
    const seen = fake.requests.length;
    await poller.refresh(); // a stopped poller asks nothing more
    expect(fake.requests.length).toBe(seen);
    expect(poller.status()).toEqual({ state: 'stopped' });
  });
});
