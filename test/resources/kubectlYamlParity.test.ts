// `y` must show what `kubectl get -o yaml` shows: the fixtures are served to the real kubectl and
// its YAML compared with toYaml's, for every kind.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindById } from '../../src/resources/registry.js';
import type { KObj } from '../../src/resources/types.js';
import { toYaml } from '../../src/resources/yaml.js';
import { KUBECTL, startFakeApi, type FakeApi } from './fakeApiServer.js';
import { load } from './helpers.js';

const jc = load('jobs-cronjobs.json');
const sd = load('statefulsets-daemonsets.json');
const [cm, quota] = load('configmaps-quotas.json');
const data: Record<string, KObj[]> = {
  pods: [...load('pods.json'), ...load('pod-full.json')],
  deployments: load('deployments.json'),
  replicasets: load('replicasets.json'),
  statefulsets: [sd[0]],
  daemonsets: [sd[1]],
  jobs: jc.filter((o) => o.kind === 'Job'),
  cronjobs: jc.filter((o) => o.kind === 'CronJob'),
  services: load('services.json'),
  configmaps: [cm],
  nodes: load('nodes.json'),
  namespaces: load('namespaces.json'),
  events: load('events.json'),
  resourcequotas: [quota],
};

let api: FakeApi;

describe.skipIf(!existsSync(KUBECTL))('YAML matches kubectl get -o yaml', () => {
  beforeAll(async () => {
    api = await startFakeApi(data, { now: Date.now() });
  });
  afterAll(() => api?.close());

  it.each(Object.keys(data))('kubectl get %s -o yaml', async (id) => {
    const theirs = await api.kubectl(['get', id, '-A', '-o', 'yaml']);
    // kubectl prints a v1 List of the items, each without managedFields, in the server's order.
    const sorted = [...data[id]].sort(
      (a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name),
    );
    const items = sorted.map((o) => ({ ...o, metadata: { ...o.metadata, managedFields: undefined } }));
    const list = { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } } as unknown as KObj;
    expect(theirs).toContain('\nkind: List\n');
    expect(toYaml(list)).toBe(theirs);
    // One object on its own, with apiVersion/kind filled in from the descriptor as watchers store them without.
    const { apiVersion: _a, kind: _k, ...bare } = sorted[0];
    const single = await api.kubectl(['get', id, sorted[0].metadata.name, ...(sorted[0].metadata.namespace ? ['-n', sorted[0].metadata.namespace] : []), '-o', 'yaml']);
    expect(toYaml(bare as KObj, kindById(id))).toBe(single);
  });
});
