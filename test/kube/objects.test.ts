// The generic object client: one path rule for every kind (core vs group, namespaced vs cluster,
// subresources), and what the server receives for each verb — method, path, content type, body.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { objectClient, resourcePath, type ResourceRef } from '../../src/kube/objects.js';
import { describeError } from '../../src/kube/errors.js';
import { deployment } from '../../src/resources/deployment.js';
import { namespace } from '../../src/resources/namespace.js';
import { node } from '../../src/resources/node.js';
import { pod } from '../../src/resources/pod.js';

/** A custom resource with a /scale subresource, as a CRD would declare it. */
const widgets: ResourceRef = { group: 'example.com', version: 'v1alpha1', plural: 'widgets', namespaced: true };

describe('resourcePath', () => {
  it('core kinds live under /api/v1, group kinds under /apis/GROUP/VERSION', () => {
    expect(resourcePath(pod, { namespace: 'ns1', name: 'web-1' })).toBe('/api/v1/namespaces/ns1/pods/web-1');
    expect(resourcePath(deployment, { namespace: 'ns1', name: 'web' })).toBe('/apis/apps/v1/namespaces/ns1/deployments/web');
  });

  it('a namespaced kind without a namespace is the list across all namespaces; a cluster kind ignores the namespace', () => {
    expect(resourcePath(deployment)).toBe('/apis/apps/v1/deployments');
    expect(resourcePath(node, { namespace: 'ns1', name: 'n1' })).toBe('/api/v1/nodes/n1');
    expect(resourcePath(namespace, { name: 'scratch' })).toBe('/api/v1/namespaces/scratch');
  });

  it('subresources follow the name; names are encoded', () => {
    expect(resourcePath(deployment, { namespace: 'ns1', name: 'web', subresource: 'scale' })).toBe('/apis/apps/v1/namespaces/ns1/deployments/web/scale');
    expect(resourcePath(pod, { namespace: 'ns1', name: 'web-1', subresource: 'log' })).toBe('/api/v1/namespaces/ns1/pods/web-1/log');
    expect(resourcePath(widgets, { namespace: 'a b', name: 'x/y', subresource: 'scale' })).toBe('/apis/example.com/v1alpha1/namespaces/a%20b/widgets/x%2Fy/scale');
    expect(() => resourcePath(deployment, { namespace: 'ns1', subresource: 'scale' })).toThrow(/needs an object name/);
  });
});

interface Got {
  method: string;
  url: string;
  contentType?: string;
  body: string;
}

describe('objectClient: what the server receives', () => {
  let server: http.Server;
  const got: Got[] = [];
  let answer: { status: number; body: string } = { status: 200, body: '{}' };
  let kc: KubeConfig;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ method: req.method!, url: req.url!, contentType: req.headers['content-type'], body });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const last = () => got[got.length - 1];

  it('patches with the content type of each strategy', async () => {
    const c = objectClient(kc);
    await c.patch(deployment, 'ns1', 'web', { spec: { paused: true } });
    expect(last()).toMatchObject({ method: 'PATCH', url: '/apis/apps/v1/namespaces/ns1/deployments/web', contentType: 'application/merge-patch+json' });
    await c.patch(deployment, 'ns1', 'web', { spec: { paused: true } }, 'strategic');
    expect(last().contentType).toBe('application/strategic-merge-patch+json');
    await c.patch(deployment, 'ns1', 'web', [{ op: 'replace', path: '/spec/replicas', value: 2 }], 'json');
    expect(last()).toMatchObject({ contentType: 'application/json-patch+json', body: '[{"op":"replace","path":"/spec/replicas","value":2}]' });
  });

  it('deletes with background propagation, the grace period and the uid/resourceVersion preconditions', async () => {
    await objectClient(kc).delete(pod, 'ns1', 'web-1', { gracePeriodSeconds: 0, preconditions: { uid: 'u-1', resourceVersion: '42' } });
    expect(last()).toMatchObject({ method: 'DELETE', url: '/api/v1/namespaces/ns1/pods/web-1?propagationPolicy=Background&gracePeriodSeconds=0' });
    expect(JSON.parse(last().body)).toEqual({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Background',
      gracePeriodSeconds: 0,
      preconditions: { uid: 'u-1', resourceVersion: '42' },
    });
  });

  it('reads and replaces the /scale subresource of any kind that has one, a custom resource too', async () => {
    const c = objectClient(kc);
    answer = { status: 200, body: JSON.stringify({ kind: 'Scale', metadata: { name: 'w', resourceVersion: '7' }, spec: { replicas: 1 } }) };
    const scale = await c.getScale(widgets, 'ns1', 'w');
    await c.replaceScale(widgets, 'ns1', 'w', { ...scale, spec: { replicas: 3 } });
    expect(got.slice(-2).map((g) => `${g.method} ${g.url}`)).toEqual([
      'GET /apis/example.com/v1alpha1/namespaces/ns1/widgets/w/scale',
      'PUT /apis/example.com/v1alpha1/namespaces/ns1/widgets/w/scale',
    ]);
    expect(JSON.parse(last().body)).toMatchObject({ metadata: { resourceVersion: '7' }, spec: { replicas: 3 } });
  });

  it('lists with selectors and returns the items; a failure is described in the one wording', async () => {
    answer = { status: 200, body: JSON.stringify({ kind: 'PodList', items: [{ metadata: { name: 'a' } }] }) };
    expect(await objectClient(kc).list(pod, 'ns1', { labelSelector: 'app=web' })).toEqual([{ metadata: { name: 'a' } }]);
    expect(last().url).toBe('/api/v1/namespaces/ns1/pods?labelSelector=app%3Dweb');
    answer = { status: 404, body: JSON.stringify({ kind: 'Status', code: 404, message: 'pods "web-1" not found', details: { name: 'web-1', kind: 'pods' } }) };
    const err = await objectClient(kc).get(pod, 'ns1', 'web-1').catch((e: unknown) => e);
    expect(describeError(err)).toBe('pod "web-1" not found');
  });
});

describe('objectClient: a server that does not answer', () => {
  let server: http.Server;
  let held: http.ServerResponse[] = [];
  let kc: KubeConfig;
  let origin = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      held.push(res); // answered only when the test says so
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: `${origin}/some/prefix`, skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  it('a read gives up with "no answer from <origin> within N s"', async () => {
    const client = objectClient(kc, 100);
    for (const read of [() => client.get(deployment, 'ns1', 'web'), () => client.list(pod, 'ns1'), () => client.getScale(deployment, 'ns1', 'web')]) {
      const err = await read().catch((e: unknown) => e);
      expect(describeError(err)).toBe(`no answer from ${origin} within 0.1 s`);
    }
  });

  it('a write is not timed: one that outlasts the read timeout still resolves with what the server says', async () => {
    held = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const arrived = new Promise((r) => server.once('request', r));
      const write = objectClient(kc, 100).patch(deployment, 'ns1', 'web', { spec: { paused: true } });
      await arrived;
      vi.advanceTimersByTime(60_000);
      held[0].writeHead(200, { 'content-type': 'application/json' }).end('{"metadata":{"name":"web"}}');
      await expect(write).resolves.toEqual({ metadata: { name: 'web' } });
    } finally {
      vi.useRealTimers();
    }
  });
});
