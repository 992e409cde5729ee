// kdash apply against the embedded cluster: server-side apply as field manager kdash, a dry-run diff
// first, --dry-run changes nothing, and a conflict with another manager is shown until --force-conflicts.
import { afterEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { makeApi } from '../../src/kube/api.js';
import { readManifests } from '../../src/actions/applyObjects.js';
import { runApply } from '../../src/app/applyCommand.js';
import { until } from '../support/until.js';

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

const MANIFEST = (replicas: number) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
data:
  a: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: webnodb
spec:
  replicas: ${replicas}
`;

async function apply(text: string, opts: { dryRun?: boolean; force?: boolean } = {}) {
  const api = makeApi(sim!.kubeConfig('admin'));
  const { targets, errors } = readManifests(text, 'web.yaml', 'vgauthier');
  expect(errors).toEqual([]);
  const out: string[] = [];
  const code = await runApply(api, targets, { dryRun: !!opts.dryRun, yes: true, force: !!opts.force }, { out: (l) => out.push(l), err: (l) => out.push(l), color: false });
  return { code, out: out.join('\n') };
}

describe('kdash apply', () => {
  it('--dry-run shows the diff and sends only dry runs', async () => {
    sim = await startSim({ scenario: 'classroom', port: 0 });
    sim.requests.reset();
    const r = await apply(MANIFEST(2), { dryRun: true });
    expect(r.code).toBe(0);
    expect(r.out).toContain('configmap/applied (namespace vgauthier): will be created');
    expect(r.out).toContain('~ spec.replicas: 3 → 2');
    expect(r.out).toContain('dry run: nothing was changed');
    expect(sim.requests.mutating().every((m) => m.method === 'PATCH' && m.path.includes('dryRun=All'))).toBe(true);
    expect(sim.store.get('configmaps', 'vgauthier', 'applied')).toBeUndefined();
    expect(sim.store.get('deployments.apps', 'vgauthier', 'webnodb')?.spec.replicas).toBe(3);
  });

  it('creates a new object, changes an existing one, and records kdash as the field manager', async () => {
    sim = await startSim({ scenario: 'classroom', port: 0 });
    const r = await apply(MANIFEST(2));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/configmap\/applied created\ndeployment\.apps\/webnodb serverside-applied/);
    const d = sim.store.get('deployments.apps', 'vgauthier', 'webnodb');
    expect(d?.spec.replicas).toBe(2);
    expect(d?.metadata.managedFields?.some((m: any) => m.manager === 'kdash' && m.operation === 'Apply')).toBe(true);
    expect(sim.requests.mutating().filter((m) => !m.path.includes('dryRun')).map((m) => m.path)).toEqual([
      '/api/v1/namespaces/vgauthier/configmaps/applied?fieldManager=kdash',
      '/apis/apps/v1/namespaces/vgauthier/deployments/webnodb?fieldManager=kdash',
    ]);
    expect((await apply(MANIFEST(2))).out).toContain('nothing to change');
  });

  it('shows a conflict with another manager and changes nothing until --force-conflicts', async () => {
    sim = await startSim({ scenario: 'classroom', port: 0 });
    await apply(MANIFEST(2));
    const api = makeApi(sim.kubeConfig('admin'));
    const deployments = { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true };
    await api.objects.apply(deployments, 'vgauthier', 'webnodb', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'webnodb' }, spec: { replicas: 4 } }, { fieldManager: 'other', force: true });
    const r = await apply(MANIFEST(2));
    expect(r.code).toBe(1);
    expect(r.out).toContain('Apply failed with 1 conflict: conflict with "other": .spec.replicas');
    expect(r.out).toContain('--force-conflicts takes them over');
    expect(sim.store.get('deployments.apps', 'vgauthier', 'webnodb')?.spec.replicas).toBe(4);
    const forced = await apply(MANIFEST(2), { force: true });
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('~ spec.replicas: 4 → 2');
    expect(sim.store.get('deployments.apps', 'vgauthier', 'webnodb')?.spec.replicas).toBe(2);
  });

  it('names the document of a YAML error or an unknown kind', () => {
    const r = readManifests('a: [\n---\napiVersion: x.io/v1\nkind: Widget\nmetadata:\n  name: w\n', 'bad.yaml', 'ns');
    expect(r.errors[0]).toMatch(/^bad\.yaml #1: YAML error at line \d+/);
    expect(r.errors[1]).toBe('bad.yaml #2: kdash does not know Widget in x.io/v1 (use kubectl apply --server-side for it)');
  });
});

describe(':apply in the dashboard', () => {
  it('shows the dry run of a file, y applies it as kdash, and a conflict offers f to force', async () => {
    const { startRig } = await import('../support/rig.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'kdash-apply-'));
    const file = join(dir, 'web.yaml');
    writeFileSync(file, MANIFEST(2));
    const rig = await startRig();
    sim = rig.sim;
    try {
      await rig.waitForRow(/webnodb-/);
      rig.sim.requests.reset();
      await rig.press(':');
      await rig.type(`apply ${file}`);
      await rig.press('enter');
      await rig.waitFor(/configmap\/applied in vgauthier: will be created/);
      await rig.waitFor(/~ spec\.replicas: 3 → 2/);
      expect(rig.sim.requests.mutating().every((m) => m.path.includes('dryRun=All'))).toBe(true);
      await rig.press('y');
      await rig.waitFor(/2 objects applied/);
      expect(rig.sim.store.get('deployments.apps', 'vgauthier', 'webnodb')?.spec.replicas).toBe(2);

      const api = makeApi(rig.sim.kubeConfig('admin'));
      const deployments = { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true };
      await api.objects.apply(deployments, 'vgauthier', 'webnodb', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'webnodb' }, spec: { replicas: 4 } }, { fieldManager: 'other', force: true });
      await rig.press(':');
      await rig.type(`apply ${file}`);
      await rig.press('enter');
      await rig.waitFor(/conflict with "other": \.spec\.replicas/);
      await rig.waitFor(/f take the conflicting fields/);
      await rig.press('f');
      await rig.waitFor(/~ spec\.replicas: 4 → 2/);
      await rig.press('y');
      // The footer may still show the first apply's line: wait for the cluster itself.
      await until(() => rig.sim.store.get('deployments.apps', 'vgauthier', 'webnodb')?.spec.replicas === 2, 'webnodb at 2 replicas again');
      await rig.waitFor(/^deployment\.apps\/webnodb serverside-applied/m);
    } finally {
      await rig.stop();
      sim = undefined;
    }
  });
});
