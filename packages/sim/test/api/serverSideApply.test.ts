// Server-side apply with the real kubectl against the embedded cluster, as a course's lesson on it goes:
// apply a manifest, change it, meet another manager's field, force it. And the managedFields every
// write leaves, read back as `kubectl get --show-managed-fields` shows them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import { simFetch } from './support.js';

const KUBECTL = '/usr/bin/kubectl';

let sim: Sim;
let dir: string;

function kubectl(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = execFile(KUBECTL, args, { env: { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, err: stderr });
    });
    p.stdin?.end(stdin);
  });
}

const manifest = (opts: { replicas: number; containers: string; label?: string }) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
    tier: ${opts.label ?? 'web'}
spec:
  replicas: ${opts.replicas}
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
${opts.containers}`;

const WEB = `      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        env:
        - name: MODE
          value: prod
`;
const SIDECAR = `      - name: metrics
        image: busybox:1.36
        command: ["sleep", "infinity"]
`;

const shop = (): any => sim.store.get('deployments.apps', 'vgauthier', 'shop');

describe.skipIf(!existsSync(KUBECTL))('kubectl apply --server-side against the embedded cluster', () => {
  beforeAll(async () => {
    sim = await startSim({ scenario: 'empty', clock: 'manual' });
    dir = mkdtempSync(join(tmpdir(), 'kdash-ssa-'));
    sim.writeKubeconfig(join(dir, 'config'));
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates from a YAML file and records kubectl as the Apply manager of exactly the fields it set', async () => {
    writeFileSync(join(dir, 'shop.yaml'), manifest({ replicas: 2, containers: WEB }));
    const r = await kubectl(['apply', '--server-side', '-f', join(dir, 'shop.yaml')]);
    expect(r.err).toBe('');
    expect(r.out).toBe('deployment.apps/shop serverside-applied\n');
    const got = JSON.parse((await kubectl(['get', 'deploy', 'shop', '-o', 'json', '--show-managed-fields'])).out);
    expect(got.metadata.managedFields).toHaveLength(1);
    const m = got.metadata.managedFields[0];
    expect([m.manager, m.operation, m.apiVersion, m.fieldsType]).toEqual(['kubectl', 'Apply', 'apps/v1', 'FieldsV1']);
    expect(m.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:tier': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"web"}': {
                '.': {},
                'f:env': { 'k:{"name":"MODE"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
    // Defaults are the server's, owned by nobody: they are there but not in the set.
    expect(got.spec.strategy.type).toBe('RollingUpdate');
  });

  it('merges a container added to the manifest by name and removes what the manifest no longer sets', async () => {
    writeFileSync(join(dir, 'shop.yaml'), manifest({ replicas: 2, containers: WEB.replace(/ {8}env:\n.*\n.*\n/, '') + SIDECAR }));
    expect((await kubectl(['apply', '--server-side', '-f', join(dir, 'shop.yaml')])).out).toBe('deployment.apps/shop serverside-applied\n');
    const containers = shop().spec.template.spec.containers;
    expect(containers.map((c: { name: string }) => c.name)).toEqual(['web', 'metrics']);
    expect(containers[0].env).toBeUndefined();
    expect(containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(containers[1].command).toEqual(['sleep', 'infinity']);
  });

  it('an Update by kubectl label takes the field; applying another value conflicts, --force-conflicts takes it back', async () => {
    expect((await kubectl(['label', 'deploy', 'shop', 'tier=api', '--overwrite'])).out).toBe('deployment.apps/shop labeled\n');
    const managers = shop().metadata.managedFields.map((m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`);
    expect(managers).toEqual(['kubectl/Apply', 'kubectl-label/Update']);
    const r = await kubectl(['apply', '--server-side', '-f', join(dir, 'shop.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl-label" using apps\/v1: \.metadata\.labels\.tier\nPlease review the fields above--they currently have other managers\./);
    expect(shop().metadata.labels.tier).toBe('api');
    const forced = await kubectl(['apply', '--server-side', '--force-conflicts', '-f', join(dir, 'shop.yaml')]);
    expect(forced.out).toBe('deployment.apps/shop serverside-applied\n');
    expect(shop().metadata.labels.tier).toBe('web');
    // kubectl-label owned nothing else, so its entry is gone.
    expect(shop().metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual(['kubectl']);
  });

  it('kubectl scale owns replicas through the scale subresource (its user agent names it): the manifest\'s count then conflicts', async () => {
    expect((await kubectl(['scale', 'deploy', 'shop', '--replicas=4'])).out).toBe('deployment.apps/shop scaled\n');
    const r = await kubectl(['apply', '--server-side', '-f', join(dir, 'shop.yaml')]);
    expect(r.err).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1: \.spec\.replicas\n/);
    expect(shop().spec.replicas).toBe(4);
  });

  it('a write without fieldManager is recorded under its user agent, as kube-apiserver derives it', async () => {
    const token = sim.tokens.admin;
    const res = await simFetch(sim, '/api/v1/namespaces/vgauthier/configmaps', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'user-agent': 'course-tool/0.3 (linux)' },
      body: JSON.stringify({ metadata: { name: 'settings' }, data: { level: '1' } }),
    });
    expect(res.status).toBe(201);
    const cm = (await res.json()) as any;
    expect(cm.metadata.managedFields).toEqual([
      { manager: 'course-tool', operation: 'Update', apiVersion: 'v1', time: expect.stringMatching(/Z$/), fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:level': {} } } },
    ]);
  });

  it('accepts a YAML body with comments, as tools other than kubectl send it', async () => {
    const res = await simFetch(sim, '/api/v1/namespaces/vgauthier/configmaps/yaml-body?fieldManager=helm', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${sim.tokens.admin}`, 'content-type': 'application/apply-patch+yaml' },
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yaml-body  # the name\ndata:\n  greeting: hello\n',
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as any).data).toEqual({ greeting: 'hello' });
  });
});
