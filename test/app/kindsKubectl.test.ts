// `kdash --once --view K` on the embedded cluster prints what the real kubectl prints for the course
// kinds (as the student where the student may list them, as admin otherwise) and for a CRD installed
// here; test/e2e/kinds.test.ts does the same against kube-apiserver. Skipped only without kubectl.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { runCli } from '../support/cli.js';
import { ageless, widget, WIDGETS_CRD } from '../support/widgets.js';

const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

let sim: Sim;
let dir: string;
let kubeconfig: string;

function kubectl(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) =>
    execFile(KUBECTL!, ['--kubeconfig', kubeconfig, ...args], (err, out, errOut) => resolve({ code: err ? 1 : 0, out, err: errOut })),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kdash-kinds-'));
  sim = await startSim({ scenario: 'classroom', port: 0 });
  kubeconfig = join(dir, 'sim.kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  if (!KUBECTL) return;
  const file = join(dir, 'widgets.json');
  writeFileSync(file, JSON.stringify(WIDGETS_CRD));
  expect((await kubectl(['--context', 'sim-admin', 'apply', '-f', file])).code).toBe(0);
  const widgets = [widget('w-red', 'vgauthier', { color: 'red', size: 3, shape: 'round' }), widget('w-plain', 'vgauthier', { color: 'grey' })];
  const rbac = [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'vgauthier' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader', namespace: 'vgauthier' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'nobody' }] },
  ];
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...widgets, ...rbac] }));
  const r = await kubectl(['--context', 'sim-admin', 'apply', '-f', file]);
  expect(r.err).toBe('');
});
afterAll(() => sim?.stop());

const once = (view: string, admin: boolean) =>
  runCli(['--kubeconfig', kubeconfig, '--once', '--view', view, ...(admin ? ['--context', 'sim-admin', '-n', 'vgauthier'] : [])], { home: join(dir, 'home'), timeoutMs: 30_000 });

describe.skipIf(!KUBECTL)('kdash --once --view K prints what kubectl get K prints (embedded cluster)', () => {
  const cases = [
    ...['ingress', 'pvc', 'hpa', 'sa', 'secrets', 'endpoints', 'networkpolicies', 'limitranges', 'pdb'].map((v) => [v, false] as const),
    ...['roles', 'rolebindings', 'widgets', 'wd'].map((v) => [v, true] as const),
  ];
  it.each(cases)('%s (admin: %s)', async (view, admin) => {
    const [ours, theirs] = await Promise.all([once(view, admin), kubectl([...(admin ? ['--context', 'sim-admin', '-n', 'vgauthier'] : []), 'get', view])]);
    expect(theirs.code, theirs.err).toBe(0);
    expect(ours.code, ours.err).toBe(0);
    expect(ageless(ours.out)).toBe(ageless(theirs.out));
    expect(ours.out.split('\n').length).toBeGreaterThan(1);
  });
});
