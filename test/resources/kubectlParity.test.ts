// The plain table must be byte-for-byte what the real kubectl prints. kubectl prints the Table the
// API server sends, so the fake server fills the Table's cells from our descriptors and we compare
// kubectl's stdout (its own tabwriter, NAMESPACE column, wide columns) with renderPlainTable.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainTable } from '../../src/resources/plainTable.js';
import { kindById } from '../../src/resources/registry.js';
import type { KObj } from '../../src/resources/types.js';
import { KUBECTL, startFakeApi, type FakeApi } from './fakeApiServer.js';
import { ctx, load } from './helpers.js';

const pods = load('pods.json');
const data: Record<string, KObj[]> = {
  // A second namespace so -A has something to sort.
  pods: [...pods, { ...pods[0], metadata: { ...pods[0].metadata, namespace: 'apps', uid: 'p-apps', name: 'zeta' } }],
  deployments: load('deployments.json'),
  services: load('services.json'),
  nodes: load('nodes.json'),
  events: load('events.json'),
  jobs: load('jobs-cronjobs.json').filter((o) => o.kind === 'Job'),
  cronjobs: load('jobs-cronjobs.json').filter((o) => o.kind === 'CronJob'),
};

let api: FakeApi;

describe.skipIf(!existsSync(KUBECTL))('plain table matches the real kubectl byte for byte', () => {
  beforeAll(async () => {
    api = await startFakeApi(data, ctx);
  });
  afterAll(() => api?.close());

  const cases: Array<[string, string[], { allNamespaces?: boolean; wide?: boolean; noHeaders?: boolean }]> = [
    ['pods', ['get', 'pods'], {}],
    ['pods', ['get', 'pods', '-o', 'wide'], { wide: true }],
    ['pods', ['get', 'pods', '-A'], { allNamespaces: true }],
    ['pods', ['get', 'pods', '--no-headers'], { noHeaders: true }],
    ['deployments', ['get', 'deployments', '-o', 'wide'], { wide: true }],
    ['services', ['get', 'services', '-A', '-o', 'wide'], { allNamespaces: true, wide: true }],
    ['nodes', ['get', 'nodes', '-o', 'wide'], { wide: true }],
    ['events', ['get', 'events'], {}],
    ['jobs', ['get', 'jobs', '--no-headers'], { noHeaders: true }],
    ['cronjobs', ['get', 'cronjobs', '-o', 'wide'], { wide: true }],
  ];
  it.each(cases)('%s: kubectl %j', async (id, args, opts) => {
    const kind = kindById(id)!;
    const objs = data[id].filter((o) => opts.allNamespaces || !kind.namespaced || o.metadata.namespace === 'classroom');
    const theirs = await api.kubectl(args);
    expect(theirs.split('\n').length).toBeGreaterThan(2);
    expect(renderPlainTable(kind, objs, ctx, opts)).toBe(theirs);
  });
});
