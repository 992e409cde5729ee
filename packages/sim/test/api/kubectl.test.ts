// The real kubectl against the embedded cluster: what a student does in class. Skipped only when
// /usr/bin/kubectl is missing. The clock runs 10x fast so controllers progress quickly; every wait
// polls a condition with a deadline.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import { waitFor } from './support.js';

const KUBECTL = '/usr/bin/kubectl';
const has = existsSync(KUBECTL);

let sim: Sim;
let dir: string;
let env: NodeJS.ProcessEnv;

/** kubectl v1.36.3 as the e2e suite caches it: the same minor version as the sim reports. */
const KUBECTL_136 = join(homedir(), '.cache/kdash-e2e/v1.36.3/bin/kubectl');

function kubectl(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return kubectlAt(KUBECTL, args);
}

function kubectlAt(binary: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(binary, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, err: stderr });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.err}`);
  return r.out;
}

/** Runs a streaming kubectl (logs -f, get -w) and collects output until `until` holds. */
function stream(args: string[]): { text(): string; stop(): void } {
  const p = spawn(KUBECTL, args, { env });
  let out = '';
  p.stdout.on('data', (d) => (out += d.toString()));
  p.stderr.on('data', (d) => (out += d.toString()));
  return { text: () => out, stop: () => p.kill() };
}

const header = (out: string) => out.split('\n')[0].trim().split(/\s{2,}/);

describe.skipIf(!has)('kubectl against kdash sim', () => {
  beforeAll(async () => {
    sim = await startSim({ scenario: 'classroom', clock: 'real', speed: 10 });
    dir = mkdtempSync(join(tmpdir(), 'kdash-kubectl-'));
    sim.writeKubeconfig(join(dir, 'config'));
    env = { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir };
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('get pods,deploy,rs,svc -o wide prints the usual columns', async () => {
    const out = await ok('get', 'pods,deploy,rs,svc', '-o', 'wide');
    const blocks = out.trim().split(/\n\s*\n/);
    expect(header(blocks[0])).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(blocks[0]).toMatch(/pod\/webnodb-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running/);
    expect(blocks[0]).toMatch(/CrashLoopBackOff|Error/);
    expect(header(blocks[1])).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(blocks[1]).toMatch(/deployment\.apps\/webnodb\s+3\/3\s+3\s+3\s+\S+\s+webnodb\s+vgauthier\/webnodb:latest\s+app=webnodb/);
    expect(header(blocks[2])).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(header(blocks[3])).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(blocks[3]).toMatch(/service\/webnodb\s+ClusterIP\s+\S+\s+<none>\s+5000\/TCP/);
  });

  it('get events -o wide', async () => {
    const out = await ok('get', 'events', '-o', 'wide');
    expect(header(out)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    expect(out).toMatch(/Scheduled\s+pod\//);
  });

  it('the student is Forbidden from nodes and kube-system with RBAC messages', async () => {
    const nodes = await kubectl('get', 'nodes');
    expect(nodes.code).not.toBe(0);
    expect(nodes.err).toContain('Error from server (Forbidden): nodes is forbidden: User "vgauthier" cannot list resource "nodes" in API group "" at the cluster scope');
    const sys = await kubectl('get', 'pods', '-n', 'kube-system');
    expect(sys.err).toContain('Error from server (Forbidden): pods is forbidden: User "vgauthier" cannot list resource "pods" in API group "" in the namespace "kube-system"');
    expect((await ok('auth', 'can-i', 'create', 'deployments')).trim()).toBe('yes');
    expect((await kubectl('auth', 'can-i', 'list', 'nodes')).out.trim()).toBe('no');
    const admin = await ok('--context', 'sim-admin', 'get', 'nodes');
    expect(admin.trim().split('\n')).toHaveLength(4);
    expect(admin).toMatch(/\sReady\s/);
  });

  it('describe pod and describe deploy', async () => {
    const pod = await ok('describe', 'pod', '-l', 'app=redis');
    expect(pod).toMatch(/^Name:\s+redis-/m);
    expect(pod).toMatch(/^Status:\s+Running/m);
    expect(pod).toMatch(/^Events:/m);
    const dep = await ok('describe', 'deploy', 'webnodb');
    expect(dep).toMatch(/^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable/m);
    expect(dep).toMatch(/NewReplicaSet:\s+webnodb-/);
  });

  it('logs and logs -f', async () => {
    const out = await ok('logs', 'deploy/webnodb', '--tail=5');
    expect(out.trim().split('\n').length).toBe(5);
    const f = stream(['logs', '-f', 'deploy/webnodb', '--tail=1']);
    try {
      await waitFor(() => f.text().trim().split('\n').length >= 3, 'followed lines', 20_000);
    } finally {
      f.stop();
    }
  });

  it('top pods', async () => {
    const out = await ok('top', 'pods');
    expect(header(out)).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(out).toMatch(/webnodb-\S+\s+\d+m\s+\d+Mi/);
  });

  it('scale deploy/webnodb --replicas=5 gives 5 Running pods', async () => {
    expect(await ok('scale', 'deploy/webnodb', '--replicas=5')).toContain('deployment.apps/webnodb scaled');
    await waitFor(async () => /webnodb\s+5\/5/.test(await ok('get', 'deploy', 'webnodb')), '5/5 ready', 30_000);
    const pods = await ok('get', 'pods', '-l', 'app=webnodb', '--field-selector=status.phase=Running', '--no-headers');
    expect(pods.trim().split('\n').filter((l) => /1\/1\s+Running/.test(l))).toHaveLength(5);
  });

  it('rollout restart, status, history and undo', async () => {
    expect(await ok('rollout', 'restart', 'deploy/webnodb')).toContain('deployment.apps/webnodb restarted');
    const status = await ok('rollout', 'status', 'deploy/webnodb', '--timeout=60s');
    expect(status).toContain('deployment "webnodb" successfully rolled out');
    const history = await ok('rollout', 'history', 'deploy/webnodb');
    const revisions = history.split('\n').filter((l) => /^\d+\s/.test(l)).map((l) => Number(l.split(/\s+/)[0]));
    expect(revisions.length).toBeGreaterThanOrEqual(2);
    expect(await ok('rollout', 'undo', 'deploy/webnodb')).toContain('deployment.apps/webnodb rolled back');
    expect(await ok('rollout', 'status', 'deploy/webnodb', '--timeout=60s')).toContain('successfully rolled out');
  });

  it('delete pod is followed by a replacement, and get pods -w streams it', async () => {
    const w = stream(['get', 'pods', '-w', '-l', 'app=redis']);
    try {
      const before = (await ok('get', 'pods', '-l', 'app=redis', '-o', 'name')).trim();
      await waitFor(() => w.text().includes(before.replace('pod/', '')), 'watch initial list');
      expect(await ok('delete', before, '--wait=false')).toContain('deleted');
      await waitFor(() => /Terminating/.test(w.text()), 'Terminating in watch', 20_000);
      await waitFor(async () => {
        const now = (await ok('get', 'pods', '-l', 'app=redis', '--no-headers')).trim().split('\n');
        return now.some((l) => !l.startsWith(before.replace('pod/', '')) && /1\/1\s+Running/.test(l));
      }, 'replacement running', 30_000);
    } finally {
      w.stop();
    }
  });

  it('create (typed, protobuf bodies), apply -f, diff and delete -f', async () => {
    expect(await ok('create', 'deployment', 'hello', '--image=nginx:1.27', '--replicas=2', '--port=80')).toContain('deployment.apps/hello created');
    const d = JSON.parse(await ok('get', 'deploy', 'hello', '-o', 'json'));
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    expect(await ok('create', 'configmap', 'settings', '--from-literal=mode=dev')).toContain('configmap/settings created');
    expect(JSON.parse(await ok('get', 'cm', 'settings', '-o', 'json')).data).toEqual({ mode: 'dev' });
    expect(await ok('create', 'secret', 'generic', 'pw', '--from-literal=password=s3cret')).toContain('secret/pw created');
    expect(Buffer.from(JSON.parse(await ok('get', 'secret', 'pw', '-o', 'json')).data.password, 'base64').toString()).toBe('s3cret');
    expect(await ok('create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi')).toContain('job.batch/once created');
    expect(JSON.parse(await ok('get', 'job', 'once', '-o', 'json')).spec.template.spec.containers[0].command).toEqual(['echo', 'hi']);
    const manifest = join(dir, 'app.yaml');
    const yaml = (replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: applied\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: applied}\n  template:\n    metadata:\n      labels: {app: applied}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 20m, memory: 32Mi}}\n`;
    writeFileSync(manifest, yaml(1));
    expect(await ok('apply', '-f', manifest)).toContain('deployment.apps/applied created');
    writeFileSync(manifest, yaml(2));
    expect(await ok('apply', '-f', manifest)).toContain('deployment.apps/applied configured');
    expect(JSON.parse(await ok('get', 'deploy', 'applied', '-o', 'json')).spec.replicas).toBe(2);
    expect((await kubectl('diff', '-f', manifest)).code).toBe(0);
    expect(await ok('delete', '-f', manifest)).toContain('deployment.apps "applied" deleted');
    await ok('delete', 'deploy/hello', 'job/once', 'cm/settings', 'secret/pw');
  });

  it('label, annotate, set image, pause/resume, wait and auth can-i --list', async () => {
    await ok('label', 'deploy', 'redis', 'tier=cache');
    await ok('annotate', 'deploy', 'redis', 'owner=me');
    const d = JSON.parse(await ok('get', 'deploy', 'redis', '-o', 'json'));
    expect(d.metadata.labels.tier).toBe('cache');
    expect(d.metadata.annotations.owner).toBe('me');
    expect(await ok('rollout', 'pause', 'deploy/redis')).toContain('paused');
    expect(JSON.parse(await ok('get', 'deploy', 'redis', '-o', 'json')).spec.paused).toBe(true);
    expect(await ok('rollout', 'resume', 'deploy/redis')).toContain('resumed');
    expect(await ok('set', 'image', 'deploy/redis', 'redis=redis:7.2')).toContain('image updated');
    expect(await ok('wait', '--for=condition=Available', 'deploy/redis', '--timeout=30s')).toContain('condition met');
    expect(await ok('auth', 'can-i', '--list')).toMatch(/^pods\s+\[\]\s+\[\]\s+\[create delete deletecollection get list patch update watch\]/m);
  });

  it('the admin can cordon and drain a node; the pods move elsewhere', async () => {
    const nodes = (await ok('--context', 'sim-admin', 'get', 'nodes', '-o', 'name')).trim().split('\n');
    const target = nodes[0].replace('node/', '');
    expect(await ok('--context', 'sim-admin', 'drain', target, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=60s')).toContain(`node/${target} drained`);
    expect(await ok('--context', 'sim-admin', 'get', 'node', target)).toMatch(/Ready,SchedulingDisabled/);
    await waitFor(async () => {
      const wide = await ok('--context', 'sim-admin', 'get', 'pods', '-A', '-o', 'wide', '--field-selector', `spec.nodeName=${target}`, '--no-headers');
      return wide.trim().split('\n').filter((l) => l && !/kube-proxy|Completed/.test(l)).length === 0;
    }, 'node emptied', 30_000);
    await ok('--context', 'sim-admin', 'uncordon', target);
  });

  it('get --raw reads the API with the kubeconfig\'s credentials over TLS, as the student and as the admin', async () => {
    const mine = JSON.parse(await ok('get', '--raw', '/api/v1/namespaces/vgauthier/pods'));
    expect(mine.kind).toBe('PodList');
    expect(mine.items.some((p: any) => p.metadata.name.startsWith('webnodb-'))).toBe(true);
    const nodes = await kubectl('get', '--raw', '/api/v1/nodes');
    expect(nodes.code).toBe(1);
    expect(nodes.err).toContain('Error from server (Forbidden): nodes is forbidden: User "vgauthier" cannot list resource "nodes" in API group "" at the cluster scope');
    expect(JSON.parse(await ok('--context', 'sim-admin', 'get', '--raw', '/api/v1/nodes')).items).toHaveLength(3);
    expect(await ok('get', '--raw', '/readyz')).toBe('ok');
  });

  it.skipIf(!existsSync(KUBECTL_136))('version: the server is v1.36, and kubectl v1.36 prints no version skew warning', async () => {
    const r = await kubectlAt(KUBECTL_136, ['version']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Client Version: v1\.36\.3\nKustomize Version: \S+\nServer Version: v1\.36\.\d+\+kdash-sim\n$/);
    expect(r.err).toBe('');
    const json = JSON.parse((await kubectlAt(KUBECTL_136, ['version', '-o', 'json'])).out);
    expect(json.serverVersion).toMatchObject({ major: '1', minor: '36', emulationMajor: '1', emulationMinor: '36' });
  });
});
