// `d` must read like `kubectl describe`. This test serves the fixtures to the real kubectl through a
// fake API server and compares its output, line for line, with describeObject's.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeObject } from '../../src/resources/describe.js';
import { findKind } from '../../src/resources/registry.js';
import type { KObj } from '../../src/resources/types.js';
import { KUBECTL, startFakeApi, type FakeApi } from './fakeApiServer.js';
import { byName, load } from './helpers.js';

const jc = load('jobs-cronjobs.json');
const [sts, ds] = load('statefulsets-daemonsets.json');
const [cm, quota] = load('configmaps-quotas.json');
const full = load('pod-full.json')[0];
// A deployment whose template is the realistic pod's spec: env from the downward API stays unresolved.
const richDeployment: KObj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'classroom', uid: 'dep-web', creationTimestamp: '2024-05-01T10:00:00Z', annotations: { 'deployment.kubernetes.io/revision': '1' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'Recreate' },
    template: { metadata: { labels: { app: 'web' } }, spec: { ...full.spec, nodeName: undefined } },
  },
  status: { replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1 },
};
const data: Record<string, KObj[]> = {
  pods: [...load('pods.json'), full],
  events: load('events.json'),
  deployments: [...load('deployments.json'), richDeployment],
  replicasets: load('replicasets.json'),
  statefulsets: [sts],
  daemonsets: [ds],
  jobs: jc.filter((o) => o.kind === 'Job'),
  cronjobs: jc.filter((o) => o.kind === 'CronJob'),
  services: load('services.json'),
  configmaps: [{ ...cm, data: { 'nginx.conf': cm.data['nginx.conf'] } }], // kubectl walks data in Go map order
  nodes: load('nodes.json'),
  namespaces: load('namespaces.json'),
  resourcequotas: [quota],
};

// What kubectl prints from objects this fake server does not have (node leases, limit ranges).
const notModelled = (text: string) => text.replace(/^Lease: .*\n/m, '').replace(/\nNo LimitRange resource\.\n$/, '');

let api: FakeApi;

describe.skipIf(!existsSync(KUBECTL))('describe matches the real kubectl describe', () => {
  beforeAll(async () => {
    api = await startFakeApi(data, { now: Date.now() });
  });
  afterAll(() => api?.close());

  it.each([
    ['pod', 'crashloop'],
    ['pod', 'init'],
    ['pod', 'multi'],
    ['pod', 'evicted'],
    ['pod', 'terminating'],
    ['pod', 'web-full'],
    ['deployment', 'web'],
    ['deployment', 'webnodb'],
    ['rs', 'webnodb-7c9f8d6b5'],
    ['sts', 'db'],
    ['ds', 'node-exporter'],
    ['job', 'backup-28570000'],
    ['job', 'migrate'],
    ['cj', 'backup'],
    ['svc', 'web-np'],
    ['svc', 'upstream'],
    ['cm', 'web-config'],
    ['node', 'worker-1'],
    ['node', 'worker-3'],
    ['ns', 'classroom'],
    ['quota', 'compute'],
    ['ev', 'crashloop.17c0a1'],
    ['ev', 'webnodb.17c0b0'],
  ])('kubectl describe %s %s', async (alias, name) => {
    const kind = findKind(alias)!;
    const obj = byName(data[kind.id], name);
    // The service's Endpoints come from an Endpoints object this server does not serve: kubectl says <none>.
    const related = { events: data.events, pods: kind.id === 'services' ? undefined : data.pods, replicaSets: data.replicasets, quotas: data.resourcequotas };
    const before = Date.now();
    const theirs = notModelled(await api.kubectl(['describe', alias, name]));
    // Fixture times are years old, so ages only change at a day boundary: one side or the other of the call matches.
    const ours = [before, Date.now()].map((now) => describeObject(kind, obj, related, now));
    expect(theirs.length).toBeGreaterThan(100);
    expect(ours).toContain(theirs);
  });
});
