// The plain table must be byte-for-byte what the real kubectl prints. kubectl prints the Table the
// API server sends, so this test plays the API server: it serves our descriptors' cells as a
// meta.k8s.io Table to /usr/bin/kubectl and compares kubectl's stdout with renderPlainTable.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainTable } from '../../src/resources/plainTable.js';
import { kindById } from '../../src/resources/registry.js';
import type { KObj, ResourceKind } from '../../src/resources/types.js';
import { ctx, load } from './helpers.js';

const KUBECTL = '/usr/bin/kubectl';

const data: Record<string, KObj[]> = {
  pods: load('pods.json'),
  deployments: load('deployments.json'),
  services: load('services.json'),
  nodes: load('nodes.json'),
  events: load('events.json'),
  jobs: load('jobs-cronjobs.json').filter((o) => o.kind === 'Job'),
};
// A second namespace so -A has something to sort.
data.pods.push({ ...data.pods[0], metadata: { ...data.pods[0].metadata, namespace: 'apps', uid: 'p-apps', name: 'zeta' } });

function table(kind: ResourceKind, objs: KObj[]) {
  const cols = kind.columns.filter((c) => !c.metrics);
  const sorted = [...objs].sort((a, b) =>
    (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name),
  );
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: cols.map((c) => ({ name: c.header, type: 'string', format: '', description: '', priority: c.wide ? 1 : 0 })),
    rows: sorted.map((o) => ({
      cells: cols.map((c) => (c.text ? c.text(o, ctx) : String(c.value(o, ctx)))),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: o.metadata.name, namespace: o.metadata.namespace } },
    })),
  };
}

const resource = (k: ResourceKind) => ({ name: k.plural, singularName: k.kind.toLowerCase(), namespaced: k.namespaced, kind: k.kind, verbs: ['get', 'list'] });
const groups: Record<string, string[]> = { '': ['pods', 'services', 'nodes', 'events'], apps: ['deployments'], batch: ['jobs'] };

function route(path: string): unknown {
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: ['apps', 'batch'].map((g) => ({ name: g, versions: [{ groupVersion: `${g}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' } })),
    };
  }
  const gv = /^\/(?:api\/v1|apis\/(apps|batch)\/v1)$/.exec(path);
  if (gv) {
    const g = gv[1] ?? '';
    return { kind: 'APIResourceList', groupVersion: g ? `${g}/v1` : 'v1', resources: groups[g].map((id) => resource(kindById(id)!)) };
  }
  const list = /^\/(?:api\/v1|apis\/(?:apps|batch)\/v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(path);
  if (list && kindById(list[2])) {
    const objs = data[list[2]].filter((o) => !list[1] || o.metadata.namespace === list[1]);
    return table(kindById(list[2])!, objs);
  }
  return undefined;
}

let server: Server;
let dir: string;

function kubectl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(KUBECTL, [`--kubeconfig=${join(dir, 'config')}`, `--cache-dir=${join(dir, 'cache')}`, ...args], (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe.skipIf(!existsSync(KUBECTL))('plain table matches the real kubectl byte for byte', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kdash-parity-'));
    server = createServer((req, res) => {
      const body = route(new URL(req.url ?? '/', 'http://x').pathname);
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    writeFileSync(
      join(dir, 'config'),
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: classroom\nusers:\n- name: u\n  user: {}\ncurrent-context: c\n`,
    );
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

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
  ];
  it.each(cases)('%s: kubectl %j', async (id, args, opts) => {
    const kind = kindById(id)!;
    const objs = data[id].filter((o) => opts.allNamespaces || !kind.namespaced || o.metadata.namespace === 'classroom');
    const ours = renderPlainTable(kind, objs, ctx, opts);
    const theirs = await kubectl(args);
    expect(theirs.split('\n').length).toBeGreaterThan(2);
    expect(ours).toBe(theirs);
  });
});
