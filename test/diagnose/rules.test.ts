// Each rule against the embedded cluster, provoked the way a student does it (kubectl, with the
// student's own kubeconfig and rights), then the suggested fix pasted into kubectl as printed: the
// finding must go away.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { makeApi, type Api } from '../../src/kube/api.js';
import { diagnoseNamespace } from '../../src/diagnose/diagnose.js';
import { diagnoseLive, previousLogLines, readSnapshot } from '../../src/diagnose/snapshot.js';
import { trimObject } from '../../src/store/trim.js';
import { findingLines, skippedLine } from '../../src/diagnose/format.js';
import type { Finding } from '../../src/diagnose/types.js';
import { KUBECTL_DIR, shell } from '../support/kubectl.js';
import { until } from '../support/until.js';

const NS = 'vgauthier';
let sim: Sim;
let student: Api;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  // Sped up ten times: back-offs, crash timings and progress deadlines pass in a second or two.
  sim = await startSim({ scenario: 'classroom', port: 0, speed: 10 });
  student = makeApi(sim.kubeConfig('student'));
  dir = mkdtempSync(join(tmpdir(), 'kdash-diagnose-'));
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  // These rules are provoked in a namespace without a LimitRange: the classroom's would give a pod
  // without requests its defaults, and the quota would never refuse it.
  await makeApi(sim.kubeConfig('admin')).objects.delete({ group: '', version: 'v1', plural: 'limitranges', namespaced: true }, NS, 'container-limits');
});

afterAll(async () => {
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The namespace diagnosed as `kdash doctor` reads it (whole pods) and as the dashboard does (the pods
 * as the store keeps them, src/resources/podFields.ts): every finding of this file must be the same.
 */
async function diagnose() {
  const snap = await readSnapshot(student.objects, NS, { now: () => sim.clock.now() });
  const findings = diagnoseNamespace(snap);
  const stored = snap.pods.map((p) => trimObject({ ...p, apiVersion: 'v1', kind: 'Pod' }));
  expect(stored.every((p) => p.spec?.containers?.every((c: any) => c.terminationMessagePath === undefined))).toBe(true);
  expect(diagnoseNamespace({ ...snap, pods: stored })).toEqual(findings);
  return { findings, skipped: snap.skipped };
}
const kubectl = async (line: string, input?: unknown) => {
  const r = await shell(line, kubeconfig, input === undefined ? undefined : JSON.stringify(input));
  if (r.code !== 0) throw new Error(`${line}: ${r.stderr}`);
  return r.stdout;
};
const apply = (obj: unknown) => kubectl(`kubectl apply -n ${NS} -f -`, obj);

async function finding(rule: string, name: string, ok: (f: Finding) => boolean = () => true): Promise<Finding> {
  return until(async () => (await diagnose()).findings.find((f) => f.rule === rule && f.object.name === name && ok(f)), `a ${rule} finding on ${name}`, 30_000);
}
async function cleared(rule: string, name: string): Promise<void> {
  await until(async () => !(await diagnose()).findings.some((f) => f.rule === rule && f.object.name === name), `the ${rule} finding on ${name} to go`, 30_000);
}
/** Pastes the fix's command into kubectl as printed. */
const runFix = (f: Finding, i = 0) => kubectl(f.fix[i].command!);

const small = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '64Mi' } };
function deployment(name: string, container: Record<string, unknown>, extra: Record<string, unknown> = {}, replicas = 1) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, ...extra, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, resources: small, ...container }] } } },
  };
}

describe.skipIf(!KUBECTL_DIR)('diagnosis rules on the embedded cluster', () => {
  it('an image tag typo: the registry message, "did you mean" from an earlier revision, and set image fixes it', async () => {
    await apply(deployment('shop', { image: 'vgauthier/webnodb:1.O' }));
    const f = await finding('image-pull', 'shop');
    expect(f.object.kind).toBe('Deployment');
    expect(f.cause).toBe('The image vgauthier/webnodb:1.O cannot be pulled: its repository has no tag "1.O".');
    expect(f.evidence.join('\n')).toMatch(/registry: .*not found/);
    // webnodb's first revision ran vgauthier/webnodb:1.0: the closest tag that exists here.
    expect(f.evidence).toContain('did you mean vgauthier/webnodb:1.0? (used by another revision or workload)');
    expect(f.fix[0].command).toBe(`kubectl set image deploy/shop shop=vgauthier/webnodb:1.0 -n ${NS}`);
    await runFix(f);
    await cleared('image-pull', 'shop');
    await kubectl(`kubectl delete deploy/shop -n ${NS}`);
  });

  it('a deployment without requests under a quota: the quota refuses its pods, set resources fixes it', async () => {
    await kubectl(`kubectl create deployment plain --image=nginx:1.25 -n ${NS}`);
    const f = await finding('pods-refused', 'plain');
    expect(f.cause).toMatch(/^The API server refuses to create its pods: the quota compute-quota counts .*requests\.cpu.*, so every container must declare them\.$/);
    expect(f.fix[0].command).toBe(`kubectl set resources deploy/plain --requests=cpu=100m,memory=128Mi --limits=cpu=250m,memory=256Mi -n ${NS}`);
    await runFix(f);
    await cleared('pods-refused', 'plain');
    await kubectl(`kubectl delete deploy/plain -n ${NS}`);
  });

  it('replicas beyond the quota: what they ask against what the quota allows, and scaling to what fits clears it', async () => {
    // The earlier tests' pods are gone from the quota: the classroom's own 550m remain.
    const quota = { group: '', version: 'v1', plural: 'resourcequotas', namespaced: true };
    await until(async () => (await student.objects.get(quota, NS, 'compute-quota')).status?.used?.['requests.cpu'] === '550m', 'the quota back at 550m');
    await apply(deployment('big', { image: 'nginx:1.25', resources: { requests: { cpu: '800m', memory: '64Mi' }, limits: { cpu: '800m', memory: '64Mi' } } }, {}, 3));
    const f = await finding('quota-exceeded', 'big');
    // The classroom already requests 550m (webnodb ×3, redis, worker, tricky-logger): one 800m pod fits.
    expect(f.cause).toBe('The quota compute-quota refuses new pods: 3 replicas ask 2400m requests.cpu (800m each), the quota allows 2 and 550m of it is used by other pods.');
    expect(f.evidence[0]).toMatch(/^exceeded quota: compute-quota, requested: requests\.cpu=800m, used: requests\.cpu=1350m, limited: requests\.cpu=2/);
    expect(f.fix[0]).toEqual({ text: 'scale to 1 replica, which fit', key: 's', command: `kubectl scale deploy/big --replicas=1 -n ${NS}` });
    await runFix(f);
    await cleared('quota-exceeded', 'big');
    await kubectl(`kubectl delete deploy/big -n ${NS}`);
  });

  it('a crash loop: exit code, restarts, back-off, and the previous run\'s last log lines', async () => {
    await apply(deployment('api', { image: 'busybox:1.36', command: ['sh', '-c', 'echo connecting to the database; echo "fatal: DB_HOST is not set"; exit 3'] }));
    const f = await finding('crash-loop', 'api', (x) => /restarted [1-9]/.test(x.evidence[0]));
    expect(f.cause).toMatch(/^The container api exits with code 3 soon after it starts/);
    expect(f.evidence[0]).toMatch(/^container api: exit code 3 \(Error\), restarted \d+ times?$/);
    expect(f.fix[0].key).toBe('l');
    expect(f.fix[0].command).toMatch(new RegExp(`^kubectl logs api-[a-z0-9]+-[a-z0-9]{5} -c api --previous -n ${NS}$`));
    const lines = await previousLogLines(student.kc, NS, f.previousLog!.pod, f.previousLog!.container);
    expect(lines).toContain('fatal: DB_HOST is not set');
    // What the person reads, with the log lines under the evidence.
    const text = findingLines(f, { log: lines }).map((l) => l.text).join('\n');
    expect(text).toContain('│ fatal: DB_HOST is not set');
    // The fix is the app's: a command that keeps running.
    await kubectl(`kubectl patch deploy/api -n ${NS} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["sh","-c","echo ok; sleep infinity"]}]'`);
    await cleared('crash-loop', 'api');
    await kubectl(`kubectl delete deploy/api -n ${NS}`);
  });

  it('a memory limit too low: OOMKilled, the limit, and the raised limit it suggests clears it', async () => {
    await apply(deployment('cache', { image: 'redis:7', env: [{ name: 'MEMORY_NEEDED', value: '100Mi' }] }));
    const f = await finding('oom-killed', 'cache');
    expect(f.cause).toBe('The container cache uses more memory than its limit (64Mi), so the kernel kills it.');
    expect(f.evidence[0]).toMatch(/^container cache: exit code 137 \(OOMKilled\), restarted \d+ times?$/);
    expect(f.evidence.some((e) => e.startsWith('memory limit 64Mi;'))).toBe(true);
    expect(f.fix[0].command).toMatch(new RegExp(`^kubectl set resources deploy/cache -c cache --limits=memory=\\d+Mi -n ${NS}$`));
    await runFix(f);
    await cleared('oom-killed', 'cache');
    await kubectl(`kubectl delete deploy/cache -n ${NS}`);
  });

  it('a service selector typo: the closest pods, the differing key, and the patch that selects them', async () => {
    await apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'front' }, spec: { selector: { app: 'webnodbb' }, ports: [{ port: 80, targetPort: 5000 }] } });
    const f = await finding('service-no-endpoints', 'front');
    expect(f.cause).toBe('The service front sends traffic nowhere: no pod has the labels its selector asks for.');
    expect(f.evidence).toEqual(['selector app=webnodbb', 'closest pods (3, deploy/webnodb): »app=webnodb«', 'app: the selector wants "webnodbb", the pods have "webnodb"']);
    expect(f.fix[0].command).toBe(`kubectl patch svc/front -p '{"spec":{"selector":{"app":"webnodb"}}}' -n ${NS}`);
    await runFix(f);
    await cleared('service-no-endpoints', 'front');
  });

  it('a targetPort the pods do not listen on, and the patch to the declared port', async () => {
    await apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'front2' }, spec: { selector: { app: 'webnodb' }, ports: [{ port: 80, targetPort: 8080 }] } });
    const f = await finding('service-port-mismatch', 'front2');
    expect(f.cause).toBe('The service front2 forwards port 80 to port 8080, which its pods do not listen on (they declare 5000).');
    await runFix(f);
    await cleared('service-port-mismatch', 'front2');
  });

  it('a readiness probe on the wrong port: the probe, the last failure, and the patch that fixes it', async () => {
    await apply(deployment('probed', { image: 'nginx:1.25', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 2 } }));
    const f = await finding('probe-failing', 'probed');
    expect(f.severity).toBe('warning');
    expect(f.cause).toBe('The readiness probe of probed checks port 8080, where nothing listens (the container listens on 80).');
    expect(f.evidence[0]).toBe('readiness probe: GET :8080/ every 2s, failing after 3');
    expect(f.evidence[1]).toMatch(/^last failure: Readiness probe failed: .*8080/);
    expect(f.fix[0].command).toBe(`kubectl patch deploy/probed --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/readinessProbe/httpGet/port","value":80}]' -n ${NS}`);
    await runFix(f);
    await cleared('probe-failing', 'probed');
    await kubectl(`kubectl delete deploy/probed -n ${NS}`);
  });

  it('a node selector no node has: the pod stays Pending, and removing the selector schedules it', async () => {
    await apply(deployment('picky', { image: 'nginx:1.25' }, {}, 1));
    await kubectl(`kubectl patch deploy/picky -n ${NS} -p '{"spec":{"template":{"spec":{"nodeSelector":{"disktype":"ssd"}}}}}'`);
    const f = await finding('pending', 'picky', (x) => x.cause.includes('labels'));
    expect(f.cause).toBe('The pod cannot start: no node has the labels it asks for (disktype=ssd).');
    expect(f.evidence[0]).toMatch(/^scheduler( for \S+)?: 0\/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity\/selector/);
    await runFix(f);
    await cleared('pending', 'picky');
    await kubectl(`kubectl delete deploy/picky -n ${NS}`);
  });

  it('more CPU than any node has (as an admin, who may read nodes): the numbers, and a request that fits', async () => {
    const admin = makeApi(sim.kubeConfig('admin'));
    await kubectl('kubectl --context sim-admin create namespace lab');
    await kubectl('kubectl --context sim-admin apply -n lab -f -', deployment('huge', { image: 'nginx:1.25', resources: { requests: { cpu: '6' } } }));
    const d = () => diagnoseLive(admin.objects, 'lab', { now: () => sim.clock.now() });
    const f = await until(async () => (await d()).findings.find((x) => x.rule === 'pending'), 'a pending finding in lab');
    expect(f.cause).toBe('The pod cannot start: no node has 6 CPU free for it.');
    expect(f.evidence[1]).toBe('the pod requests 6 cpu; the biggest node has 3920m allocatable');
    expect(f.fix[0].command).toBe('kubectl set resources deploy/huge -c huge --requests=cpu=1960m -n lab');
    await kubectl(f.fix[0].command!.replace('kubectl ', 'kubectl --context sim-admin '));
    await until(async () => !(await d()).findings.some((x) => x.rule === 'pending'), 'the pending finding in lab to go');
  });

  it('a rollout past its progress deadline: old and new replica sets, and undo clears it', async () => {
    await apply(deployment('roll', { image: 'nginx:1.25' }, { progressDeadlineSeconds: 20 }, 2));
    await until(async () => (await student.objects.get({ group: 'apps', version: 'v1', plural: 'deployments', namespaced: true }, NS, 'roll')).status?.availableReplicas === 2, 'roll to be available');
    await kubectl(`kubectl set image deploy/roll roll=nginx:typo -n ${NS}`);
    const f = await finding('rollout-stuck', 'roll');
    expect(f.cause).toBe('The rollout of roll does not finish: the new pods never become ready, so the old ones keep running beside them.');
    expect(f.evidence[0]).toMatch(/^Progressing=False ProgressDeadlineExceeded: ReplicaSet "roll-[a-z0-9]+" has timed out progressing\. \(deadline 20s\)$/);
    expect(f.evidence[1]).toMatch(/^rs\/roll-[a-z0-9]+ \(revision 2, new\): \d pods, 0 ready — nginx:typo$/);
    expect(f.evidence[2]).toMatch(/^rs\/roll-[a-z0-9]+ \(revision 1, old\): \d pods, \d ready — nginx:1\.25$/);
    expect(f.fix[0]).toMatchObject({ key: 'u', command: `kubectl rollout undo deploy/roll -n ${NS}` });
    await runFix(f);
    await cleared('rollout-stuck', 'roll');
    await kubectl(`kubectl delete deploy/roll -n ${NS}`);
  });

  it('a pod nothing controls, and what running it from a deployment means', async () => {
    await apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lonely' }, spec: { containers: [{ name: 'lonely', image: 'nginx:1.25', resources: small }] } });
    const f = await finding('bare-pod', 'lonely');
    expect(f.severity).toBe('info');
    expect(f.fix.map((x) => x.command)).toEqual([`kubectl create deployment lonely --image=nginx:1.25 -n ${NS}`, `kubectl delete pod lonely -n ${NS}`]);
    await runFix(f, 1);
    await cleared('bare-pod', 'lonely');
  });

  it('kinds the cluster does not serve or the student may not list are named, and their rules skipped', async () => {
    // The embedded cluster serves HPAs to the student: an account that may not list them is played here.
    const d = await diagnoseLive(student.objects, NS, { now: () => sim.clock.now(), can: (r) => r.plural !== 'horizontalpodautoscalers' });
    expect(d.skipped.map((s) => s.kind)).toEqual(expect.arrayContaining(['horizontalpodautoscalers']));
    expect(skippedLine(d)).toMatch(/^not checked: .*horizontalpodautoscalers \((this cluster does not serve|not allowed to list) horizontalpodautoscalers\).* — rules skipped: .*hpa/);
  });
});
