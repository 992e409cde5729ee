// Commands are checked the way the API server will judge the request they send: scaling a deployment
// is `update deployments/scale` (kubectl scale PUTs the Scale subresource), not `update deployments`.
// The account's rules come from a SelfSubjectRulesReview answered by a small fake API server, through
// the real wiring (src/app/services.ts → src/kube/permissions.ts).
import path from 'node:path';
import type http from 'node:http';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from '../../src/kube/api.js';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { loadPermissions } from '../../src/kube/permissions.js';
import type { Session } from '../../src/kube/session.js';
import type { Runtime } from '../../src/app/runtime.js';
import { createServices } from '../../src/app/services.js';
import { readonlySwitch } from '../../src/app/readonlyGuard.js';
import { createClusterStore, dispatchChanges } from '../../src/store/index.js';
import { ServicesProvider } from '../../src/views/context.js';
import { App } from '../../src/views/App.js';
import { kindById } from '../../src/resources/registry.js';
import type { KObj, ResourceKind } from '../../src/resources/types.js';
import { renderApp, type Rendered } from '../support/render.js';
import { simpleConfig, startFakeServer, tempDir, writeKubeconfig, type FakeServer } from '../kube/helpers.js';

const NS = 'team';
let servers: FakeServer[] = [];
let shown: Rendered | undefined;
afterEach(async () => {
  shown?.unmount();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** The dashboard on one deployment, as an account whose namespace rules are `rules`. */
async function dashboardWith(rules: object[]): Promise<Rendered> {
  const srv = await startFakeServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('selfsubjectrulesreviews')) {
      res.statusCode = 201;
      return res.end(JSON.stringify({ kind: 'SelfSubjectRulesReview', status: { incomplete: false, resourceRules: rules, nonResourceRules: [] } }));
    }
    res.statusCode = 201;
    res.end(JSON.stringify({ status: { allowed: true } }));
  });
  servers.push(srv);
  const api = makeApi(loadKubeconfig({ kubeconfig: writeKubeconfig(path.join(tempDir(), 'config'), simpleConfig('c', srv.url)) }).kc);
  const permissions = await loadPermissions(api, NS);
  const store = createClusterStore();
  const web: KObj = {
    metadata: { name: 'web', namespace: NS, uid: 'uid-web', resourceVersion: '1', creationTimestamp: new Date().toISOString() },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
  };
  dispatchChanges(store, [
    { type: 'replace', key: `deployments@${NS}`, objects: [web] },
    { type: 'phase', key: `deployments@${NS}`, phase: { phase: 'live', since: Date.now() } },
  ]);
  const session = { api, contextName: 'c', server: srv.url, user: 'c', namespace: NS, allNamespaces: false, permissions } as unknown as Session;
  const runtime = { store, watches: { use: () => () => {} }, metrics: { history: undefined, setScope() {} } } as unknown as Runtime;
  const services = createServices(session, runtime, readonlySwitch(false), { exit() {} });
  const deployments = kindById('deployments') as ResourceKind;
  shown = renderApp(
    <ServicesProvider value={services}>
      <App columns={100} rows={24} initial={{ type: 'table', kind: deployments, namespace: NS }} />
    </ServicesProvider>,
    { columns: 100, rows: 24 },
  );
  await shown.waitFor(/web\s+2\/2/);
  return shown;
}

describe('permission checks match the request the server judges', () => {
  it('refuses s to an account that may update deployments but not deployments/scale, naming deployments/scale', async () => {
    const r = await dashboardWith([{ verbs: ['get', 'list', 'watch', 'update', 'patch'], apiGroups: ['apps'], resources: ['deployments'] }]);
    await r.press('s');
    const f = await r.waitFor('not allowed');
    expect(f).toContain('not allowed: you cannot update deployments/scale in namespace team with this account');
    expect(f).not.toContain('scale deployment web');
  });

  it('offers s to an account that may update deployments/scale only (as kubectl scale needs)', async () => {
    const r = await dashboardWith([
      { verbs: ['get', 'list', 'watch'], apiGroups: ['apps'], resources: ['deployments'] },
      { verbs: ['get', 'update'], apiGroups: ['apps'], resources: ['deployments/scale'] },
    ]);
    await r.press('s');
    const f = await r.waitFor(/scale deployment web/);
    expect(f).not.toContain('not allowed');
  });

  it('refuses r (a patch of the deployment) to an account that may only scale', async () => {
    const r = await dashboardWith([
      { verbs: ['get', 'list', 'watch'], apiGroups: ['apps'], resources: ['deployments'] },
      { verbs: ['get', 'update'], apiGroups: ['apps'], resources: ['deployments/scale'] },
    ]);
    await r.press('r');
    expect(await r.waitFor('not allowed')).toContain('not allowed: you cannot patch deployments in namespace team with this account');
  });
});
