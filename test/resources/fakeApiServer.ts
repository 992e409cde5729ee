// A minimal API server over the JSON fixtures, enough for the real kubectl to run `get` and
// `describe` against it: legacy discovery, lists as meta.k8s.io Tables (cells from our descriptors,
// as the real server fills them from its printers) or as plain JSON lists, and single objects.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kindById } from '../../src/resources/registry.js';
import { labelsMatch } from '../../src/resources/labels.js';
import type { ColumnContext, KObj, ResourceKind } from '../../src/resources/types.js';

export const KUBECTL = '/usr/bin/kubectl';

export interface FakeApi {
  kubectl(args: string[]): Promise<string>;
  close(): Promise<void>;
}

const GROUPS: Record<string, string> = { deployments: 'apps', replicasets: 'apps', statefulsets: 'apps', daemonsets: 'apps', jobs: 'batch', cronjobs: 'batch' };

function table(kind: ResourceKind, objs: KObj[], ctx: ColumnContext) {
  const cols = kind.columns.filter((c) => !c.metrics);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: cols.map((c) => ({ name: c.header, type: 'string', format: '', description: '', priority: c.wide ? 1 : 0 })),
    rows: objs.map((o) => ({
      cells: cols.map((c) => (c.text ? c.text(o, ctx) : String(c.value(o, ctx)))),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: o.metadata.name, namespace: o.metadata.namespace } },
    })),
  };
}

// Only the field selectors kubectl describe sends: involvedObject.* for events, spec.nodeName for pods.
function fieldsMatch(sel: string | null, o: KObj): boolean {
  if (!sel) return true;
  return sel.split(',').every((term) => {
    const neg = term.includes('!=');
    const [path, want] = term.split(neg ? '!=' : '=');
    const got = String(path.split('.').reduce<any>((v, k) => v?.[k], o) ?? '');
    return neg ? got !== want : got === want;
  });
}

export async function startFakeApi(data: Record<string, KObj[]>, ctx: ColumnContext, namespace = 'classroom'): Promise<FakeApi> {
  const dir = mkdtempSync(join(tmpdir(), 'kdash-fakeapi-'));
  const groupOf = (id: string) => GROUPS[id] ?? '';
  const route = (url: URL, accept: string): unknown => {
    const path = url.pathname;
    if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
    if (path === '/apis') {
      const gs = ['apps', 'batch'];
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: gs.map((g) => ({ name: g, versions: [{ groupVersion: `${g}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' } })),
      };
    }
    const gv = /^\/(?:api\/v1|apis\/(apps|batch)\/v1)$/.exec(path);
    if (gv) {
      const g = gv[1] ?? '';
      const resources = Object.entries(GROUPS)
        .concat(['pods', 'services', 'nodes', 'events', 'namespaces', 'configmaps', 'endpoints', 'resourcequotas'].map((id) => [id, '']))
        .filter(([, grp]) => grp === g)
        .map(([id]) => kindById(id) ?? { plural: id, kind: 'Endpoints', namespaced: true })
        .map((k) => ({
          name: k.plural,
          singularName: k.kind.toLowerCase(),
          namespaced: k.namespaced,
          kind: k.kind,
          verbs: ['get', 'list'],
          shortNames: ('aliases' in k ? k.aliases : []).filter((a) => a !== k.plural && a !== k.kind.toLowerCase()),
        }));
      return { kind: 'APIResourceList', groupVersion: g ? `${g}/v1` : 'v1', resources };
    }
    const m = /^\/(?:api\/v1|apis\/(?:apps|batch)\/v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?$/.exec(path);
    if (!m) return undefined;
    const [, ns, id, name] = m;
    const kind = kindById(id);
    const all = (data[id] ?? []).filter((o) => !ns || o.metadata.namespace === ns);
    if (name) return all.find((o) => o.metadata.name === name);
    const sel = url.searchParams.get('labelSelector');
    const objs = all
      .filter((o) => !sel || labelsMatch(sel, o.metadata.labels))
      .filter((o) => fieldsMatch(url.searchParams.get('fieldSelector'), o))
      .sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
    if (kind && accept.includes('as=Table')) return table(kind, objs, ctx);
    const k = kind?.kind ?? 'Endpoints';
    return { kind: `${k}List`, apiVersion: groupOf(id) ? `${groupOf(id)}/v1` : 'v1', metadata: { resourceVersion: '1' }, items: objs };
  };
  const server = createServer((req, res) => {
    const body = route(new URL(req.url ?? '/', 'http://x'), String(req.headers.accept ?? ''));
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  writeFileSync(
    join(dir, 'config'),
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: ${namespace}\nusers:\n- name: u\n  user: {}\ncurrent-context: c\n`,
  );
  return {
    kubectl: (args) =>
      new Promise((resolve, reject) => {
        execFile(
          KUBECTL,
          [`--kubeconfig=${join(dir, 'config')}`, `--cache-dir=${join(dir, 'cache')}`, ...args],
          { env: { ...process.env, TZ: 'UTC' } },
          (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
        );
      }),
    close: async () => {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
