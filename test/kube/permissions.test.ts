// Permissions against a small fake API server whose answers we control (the embedded cluster's RBAC
// is covered in session.test.ts): SSRR rules, incomplete rules, and the limit=1 fallback.
import path from 'node:path';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from '../../src/kube/api.js';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { loadPermissions } from '../../src/kube/permissions.js';
import { simpleConfig, startFakeServer, tempDir, writeKubeconfig, type FakeServer } from './helpers.js';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function send(res: http.ServerResponse, code: number, body: object) {
  res.statusCode = code;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}
const forbidden = (res: http.ServerResponse) => send(res, 403, { kind: 'Status', code: 403, reason: 'Forbidden', message: 'forbidden' });
const emptyList = (res: http.ServerResponse) => send(res, 200, { kind: 'List', apiVersion: 'v1', metadata: {}, items: [] });

async function apiFor(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const srv = await startFakeServer(handler);
  servers.push(srv);
  const file = writeKubeconfig(path.join(tempDir(), 'config'), simpleConfig('c', srv.url));
  return { api: makeApi(loadKubeconfig({ kubeconfig: file }).kc), srv };
}

describe('loadPermissions', () => {
  it('answers namespace questions from the SelfSubjectRulesReview rules', async () => {
    const { api, srv } = await apiFor((req, res) => {
      if (req.url?.includes('selfsubjectrulesreviews')) {
        return send(res, 201, {
          kind: 'SelfSubjectRulesReview',
          spec: { namespace: 'team' },
          status: {
            incomplete: false,
            resourceRules: [
              { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'pods/log'] },
              { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] },
              { verbs: ['get', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] },
              { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
            ],
            nonResourceRules: [],
          },
        });
      }
      if (req.url?.includes('selfsubjectaccessreviews')) return send(res, 201, { status: { allowed: false } });
      forbidden(res);
    });
    const p = await loadPermissions(api, 'team');
    expect(p.can('list', 'pods', '', 'team')).toEqual({ allowed: true });
    expect(p.can('get', 'pods/log', '', 'team')).toEqual({ allowed: true });
    expect(p.can('delete', 'pods', '', 'team')).toEqual({ allowed: false, reason: 'you cannot delete pods in namespace team with this account' });
    expect(p.can('patch', 'deployments', 'apps', 'team')).toEqual({ allowed: true });
    expect(p.can('list', 'deployments', '', 'team').allowed).toBe(false); // wrong group
    expect(p.can('list', 'configmaps', '', 'team').allowed).toBe(false); // resourceNames never grant list
    expect(p.can('get', 'configmaps', '', 'team')).toEqual({ allowed: true, unknown: true }); // only some names
    expect(p.can('list', 'pods', '', 'elsewhere')).toEqual({ allowed: true, unknown: true }); // never asked
    expect(p.can('list', 'nodes', '')).toEqual({ allowed: false, reason: 'you cannot list nodes (cluster-scoped) with this account' });
    expect(p.namespaceOnly).toBe(true);
    expect(p.hidden).toEqual(['nodes', 'namespaces']);
    expect(p.summary).toBe('namespace team only — nodes, namespaces hidden');
    // Asked once: one rules review and one access review per cluster-scoped check, nothing else.
    expect(srv.received.filter((r) => r.url.includes('selfsubjectrulesreviews'))).toHaveLength(1);
    expect(srv.received).toHaveLength(5);
  });

  it('treats incomplete rules as "try and see"', async () => {
    const { api } = await apiFor((req, res) => {
      if (req.url?.includes('selfsubjectrulesreviews')) {
        return send(res, 201, { status: { incomplete: true, evaluationError: 'webhook authorizer', resourceRules: [] } });
      }
      send(res, 201, { status: { allowed: true } });
    });
    const p = await loadPermissions(api, 'team');
    expect(p.can('delete', 'pods', '', 'team')).toEqual({ allowed: true, unknown: true });
    expect(p.can('list', 'nodes', '')).toEqual({ allowed: true });
    expect(p.namespaceOnly).toBe(false);
  });

  it('falls back to limit=1 lists when reviews are not allowed', async () => {
    const { api, srv } = await apiFor((req, res) => {
      if (req.method === 'GET' && req.url === '/api/v1/namespaces/team/pods?limit=1') return emptyList(res);
      if (req.method === 'GET' && req.url === '/apis/apps/v1/namespaces/team/deployments?limit=1') return emptyList(res);
      forbidden(res);
    });
    const p = await loadPermissions(api, 'team');
    expect(p.can('list', 'pods', '', 'team')).toEqual({ allowed: true });
    expect(p.can('watch', 'deployments', 'apps', 'team')).toEqual({ allowed: true });
    expect(p.can('list', 'services', '', 'team')).toEqual({ allowed: false, reason: 'you cannot list services in namespace team with this account' });
    expect(p.can('delete', 'pods', '', 'team')).toEqual({ allowed: true, unknown: true });
    expect(p.can('list', 'namespaces', '')).toEqual({ allowed: false, reason: 'you cannot list namespaces (cluster-scoped) with this account' });
    expect(p.summary).toBe('namespace team only — nodes, namespaces hidden (permissions partly unknown)');
    // Each fallback list is made once even though list and watch both needed it.
    expect(srv.received.filter((r) => r.url === '/api/v1/nodes?limit=1')).toHaveLength(1);
  });
});
