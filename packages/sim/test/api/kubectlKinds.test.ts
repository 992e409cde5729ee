// The real kubectl (v1.36 of the e2e suite's cache, or /usr/bin/kubectl) against the classroom, on the
// kinds of issue 14: what `kubectl get` prints for them, `kubectl autoscale` and the TARGETS it leads to,
// `kubectl explain` on the new schemas, a CRD installed and listed with its printer columns, and the
// student's forbidden on roles. Skipped when no kubectl is found.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crdWithPrinterColumns } from '../../../../parity/kindsParityCases.js';
import { startSim, type Sim } from '../../src/index.js';
import { waitFor } from './support.js';

const KUBECTL = [join(homedir(), '.cache/kdash-e2e/v1.36.3/bin/kubectl'), '/usr/bin/kubectl'].find((p) => existsSync(p));

let sim: Sim;
let dir: string;

function kubectl(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir };
    const p = execFile(KUBECTL!, args, { env, timeout: 60_000 }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, err: stderr }));
    p.stdin?.end(stdin ?? '');
  });
}
const lines = (out: string) => out.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));

describe.skipIf(!KUBECTL)('kubectl on the course kinds of the embedded cluster', () => {
  beforeAll(async () => {
    sim = await startSim({ scenario: 'classroom', clock: 'real', speed: 10 });
    dir = mkdtempSync(join(tmpdir(), 'kdash-kubectl-kinds-'));
    sim.writeKubeconfig(join(dir, 'config'));
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the student sees the classroom\'s ingress, claim, autoscaler, secret, limit range, network policy and budget', async () => {
    const get = async (k: string) => {
      const r = await kubectl(['get', k]);
      expect(r.code, r.err).toBe(0);
      return lines(r.out);
    };
    expect(await get('ingress')).toEqual([['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], ['webnodb', '<none>', 'webnodb.vgauthier.course.example', '34.120.54.17', '80', expect.stringMatching(/^\d+m$/)]]);
    expect((await get('pvc'))[1].slice(0, 7)).toEqual(['redis-data', 'Bound', expect.stringMatching(/^pvc-/), '1Gi', 'RWO', 'standard-rwo', '<unset>']);
    expect((await get('hpa'))[1].slice(0, 6)).toEqual(['webnodb', 'Deployment/webnodb', expect.stringMatching(/^cpu: \d+%\/80%$/), '1', '6', '3']);
    expect((await get('secrets'))[1].slice(0, 3)).toEqual(['webnodb-db', 'Opaque', '2']);
    expect((await get('limits'))[1][0]).toBe('container-limits');
    expect((await get('netpol'))[1].slice(0, 2)).toEqual(['redis-from-app', 'app=redis']);
    expect((await get('pdb'))[1].slice(0, 4)).toEqual(['webnodb', '2', 'N/A', '1']);
    const roles = await kubectl(['get', 'roles']);
    expect(roles.code).toBe(1);
    expect(roles.err.trim()).toBe('Error from server (Forbidden): roles.rbac.authorization.k8s.io is forbidden: User "vgauthier" cannot list resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "vgauthier"');
  });

  it('kubectl autoscale creates an autoscaling/v2 HPA whose TARGETS fill in from the metrics', async () => {
    // kubectl sends the HPA as protobuf (protobuf.ts decodes autoscaling/v2).
    const r = await kubectl(['autoscale', 'deployment', 'redis', '--max=3', '--cpu=50%']);
    expect(r.out.trim(), r.err).toBe('horizontalpodautoscaler.autoscaling/redis autoscaled');
    const row = await waitFor(async () => {
      const o = lines((await kubectl(['get', 'hpa', 'redis'])).out)[1];
      return /^cpu: \d+%\/50%$/.test(o[2]) && o;
    }, 'redis TARGETS', 20_000);
    expect(row.slice(0, 5)).toEqual(['redis', 'Deployment/redis', expect.stringMatching(/^cpu: \d+%\/50%$/), '1', '3']);
  });

  it('kubectl explain reads the schemas of the new kinds', async () => {
    const r = await kubectl(['explain', 'ingress.spec.rules.http.paths.pathType']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/GROUP:\s+networking\.k8s\.io\nKIND:\s+Ingress\nVERSION:\s+v1/);
    expect(r.out).toContain('Exact, Prefix or ImplementationSpecific');
  });

  it('a CRD installed by the admin is listed with its printer columns, and gone with it', async () => {
    const admin = (args: string[], stdin?: string) => kubectl(['--context', 'sim-admin', ...args], stdin);
    const crd = crdWithPrinterColumns({ group: 'course.example.com', plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] });
    expect((await admin(['apply', '-f', '-'], JSON.stringify(crd))).out.trim()).toBe('customresourcedefinition.apiextensions.k8s.io/widgets.course.example.com created');
    expect(lines((await admin(['get', 'crd'])).out)).toEqual([['NAME', 'CREATED AT'], ['widgets.course.example.com', expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)]]);
    const w = { apiVersion: 'course.example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'vgauthier' }, spec: { color: 'red', size: 3, replicas: 2 } };
    expect((await admin(['apply', '-f', '-'], JSON.stringify(w))).out.trim()).toBe('widget.course.example.com/w1 created');
    expect(lines((await admin(['get', 'wd', '-n', 'vgauthier', '-o', 'wide'])).out)).toEqual([['NAME', 'COLOR', 'SIZE', 'REPLICAS', 'AGE'], ['w1', 'red', '3', '2', expect.stringMatching(/^\d+s$/)]]);
    expect((await admin(['api-resources', '--api-group=course.example.com'])).out).toMatch(/widgets\s+wd\s+course\.example\.com\/v1\s+true\s+Widget/);
    // Its schema is published in /openapi/v3, so kubectl explain works on it.
    const explain = await admin(['explain', 'widgets.spec.size']);
    expect(explain.code, explain.err).toBe(0);
    expect(explain.out).toMatch(/GROUP:\s+course\.example\.com\nKIND:\s+Widget\nVERSION:\s+v1\n\nFIELD:\s+size <integer>/);
    await admin(['delete', 'crd', 'widgets.course.example.com']);
    const gone = await admin(['get', 'widgets', '-n', 'vgauthier']);
    expect(gone.code).toBe(1);
    // kubectl's discovery cache still knows the kind for a moment: the list itself is a 404, as on a real cluster.
    expect(gone.err.trim()).toBe('Error from server (NotFound): Unable to list "course.example.com/v1, Resource=widgets": the server could not find the requested resource');
  });
});
