// The real kubectl against `kdash sim --scenario empty`, doing what a course's first lessons do: the
// cluster must already have what kube-apiserver and kube-controller-manager put everywhere, allocate
// service addresses as they do, and run containers the way their command says. The clock is manual:
// each wait advances simulated time until the cluster shows the state, then kubectl reads it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import type { KubeObject } from '../../src/types.js';

const KUBECTL = '/usr/bin/kubectl';

let sim: Sim;
let dir: string;

function kubectl(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, args, { env: { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, err: stderr });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.err}`);
  return r.out;
}

/** Lets simulated time pass (250ms steps) until `pred` holds; returns the simulated ms it took. */
async function simUntil(what: string, pred: () => boolean, maxMs = 120_000): Promise<number> {
  let t = 0;
  for (;;) {
    await new Promise((r) => setImmediate(r));
    if (pred()) return t;
    if (t >= maxMs) throw new Error(`timed out after ${maxMs}ms of simulated time waiting for: ${what}`);
    await sim.clock.advance(250);
    t += 250;
  }
}

const pod = (name: string): KubeObject | undefined => sim.store.get('pods', 'vgauthier', name);
const cs = (name: string) => pod(name)?.status?.containerStatuses?.[0];
const waiting = (name: string) => cs(name)?.state?.waiting?.reason as string | undefined;

describe.skipIf(!existsSync(KUBECTL))('kubectl on the empty scenario: what a course meets first', () => {
  beforeAll(async () => {
    sim = await startSim({ scenario: 'empty', clock: 'manual' });
    dir = mkdtempSync(join(tmpdir(), 'kdash-course-'));
    sim.writeKubeconfig(join(dir, 'config'));
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the student a usable cluster: nodes to run on, their namespace with its quota', async () => {
    expect(await ok('--context', 'sim-admin', 'get', 'nodes', '-o', 'name')).toBe('node/gke-course-pool-1\nnode/gke-course-pool-2\nnode/gke-course-pool-3\n');
    expect(await ok('get', 'resourcequota', '-o', 'name')).toBe('resourcequota/student-quota\n');
    expect(await ok('get', 'pods')).toBe('');
    expect((await kubectl('get', 'pods')).err).toBe('No resources found in vgauthier namespace.\n');
  });

  it('every namespace has the default ServiceAccount and the kube-root-ca.crt ConfigMap, a new one too', async () => {
    expect(await ok('get', 'sa,cm', '-o', 'name')).toBe('serviceaccount/default\nconfigmap/kube-root-ca.crt\n');
    await ok('--context', 'sim-admin', 'create', 'namespace', 'lesson2');
    await simUntil('defaults in lesson2', () => !!sim.store.get('configmaps', 'lesson2', 'kube-root-ca.crt'), 1000);
    expect(await ok('--context', 'sim-admin', 'get', 'sa,cm', '-n', 'lesson2', '-o', 'name')).toBe('serviceaccount/default\nconfigmap/kube-root-ca.crt\n');
    const cm = JSON.parse(await ok('--context', 'sim-admin', 'get', 'cm', 'kube-root-ca.crt', '-n', 'lesson2', '-o', 'json'));
    expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    // Deleted, it comes back (the serviceaccount controller recreates it).
    await ok('--context', 'sim-admin', 'delete', 'sa', 'default', '-n', 'lesson2');
    await simUntil('default SA recreated', () => !!sim.store.get('serviceaccounts', 'lesson2', 'default'), 1000);
    expect(await ok('--context', 'sim-admin', 'get', 'sa', '-n', 'lesson2', '-o', 'name')).toBe('serviceaccount/default\n');
  });

  it('default/kubernetes is at the first service IP with its endpoint; a user Service gets another address', async () => {
    const svc = await ok('--context', 'sim-admin', 'get', 'svc', 'kubernetes', '-n', 'default', '--no-headers');
    expect(svc).toMatch(/^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+/);
    expect(await ok('--context', 'sim-admin', 'get', 'endpointslices', '-n', 'default', '--no-headers')).toMatch(/^kubernetes\s+IPv4\s+443\s+172\.16\.0\.2\s+/);
    await ok('create', 'service', 'clusterip', 'web', '--tcp=80:8080');
    const ip = (await ok('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}')).trim();
    expect(ip).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(ip).not.toBe('10.96.0.1');
    const taken = await kubectl('create', 'service', 'clusterip', 'web2', '--tcp=80:80', '--clusterip=10.96.0.1');
    expect(taken.err).toBe('error: failed to create ClusterIP service: Service "web2" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.1"]: failed to allocate IP 10.96.0.1: provided IP is already allocated\n');
    const outside = await kubectl('create', 'service', 'clusterip', 'web3', '--tcp=80:80', '--clusterip=1.2.3.4');
    expect(outside.err).toBe('error: failed to create ClusterIP service: Service "web3" is invalid: spec.clusterIPs: Invalid value: ["1.2.3.4"]: failed to allocate IP 1.2.3.4: the provided network does not match the current range\n');
  });

  it('NodePort and LoadBalancer Services get a node port in 30000-32767; a taken or out-of-range one is refused', async () => {
    await ok('create', 'service', 'nodeport', 'np1', '--tcp=80:80', '--node-port=30080');
    expect(await ok('get', 'svc', 'np1', '--no-headers')).toMatch(/^np1\s+NodePort\s+10\.96\.\d+\.\d+\s+<none>\s+80:30080\/TCP\s+/);
    const dup = await kubectl('create', 'service', 'nodeport', 'np2', '--tcp=80:80', '--node-port=30080');
    expect(dup.code).toBe(1);
    expect(dup.err).toBe('error: failed to create NodePort service: Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
    const low = await kubectl('create', 'service', 'nodeport', 'np3', '--tcp=80:80', '--node-port=80');
    expect(low.err).toBe('error: failed to create NodePort service: Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
    await ok('create', 'service', 'loadbalancer', 'lb1', '--tcp=80:80,443:443');
    const ports = JSON.parse(await ok('get', 'svc', 'lb1', '-o', 'jsonpath={.spec.ports}')).map((p: any) => p.nodePort);
    expect(ports).toHaveLength(2);
    for (const p of ports) expect(p).toBeGreaterThanOrEqual(30000);
    for (const p of ports) expect(p).toBeLessThanOrEqual(32767);
    expect(new Set([...ports, 30080]).size).toBe(3);
    // Re-applying the Service without its allocated values keeps them (kubectl apply sends none).
    await ok('label', 'svc', 'lb1', 'tier=front');
    expect(JSON.parse(await ok('get', 'svc', 'lb1', '-o', 'jsonpath={.spec.ports}')).map((p: any) => p.nodePort)).toEqual(ports);
  });

  it("runs a container's command: echo prints, exit 3 fails with that code, then CrashLoopBackOff backs off 10s, 20s", async () => {
    await ok('run', 'hi', '--image=busybox', '--', 'sh', '-c', 'echo hi; exit 3');
    await simUntil('first exit', () => cs('hi')?.state?.terminated !== undefined || cs('hi')?.lastState?.terminated !== undefined, 30_000);
    expect(await ok('logs', 'hi')).toBe('hi\n');
    const term = cs('hi')!.state.terminated ?? cs('hi')!.lastState.terminated;
    expect(term).toMatchObject({ exitCode: 3, reason: 'Error' });
    // The first restart is at once; from the second on the kubelet waits 10s, then 20s.
    await simUntil('CrashLoopBackOff', () => waiting('hi') === 'CrashLoopBackOff', 30_000);
    expect(cs('hi')!.state.waiting.message).toMatch(/^back-off 10s restarting failed container=hi pod=hi_vgauthier\(/);
    expect(await ok('get', 'pod', 'hi', '--no-headers')).toMatch(/^hi\s+0\/1\s+CrashLoopBackOff\s+1 \(\d+s ago\)\s+/);
    const exitedAt = Date.parse(cs('hi')!.lastState.terminated.finishedAt);
    await simUntil('third run', () => cs('hi')?.restartCount === 2, 30_000);
    const latest = cs('hi')!.state.running ?? cs('hi')!.state.terminated ?? cs('hi')!.lastState.terminated;
    const waited = Date.parse(latest.startedAt) - exitedAt;
    expect(waited).toBeGreaterThanOrEqual(10_000);
    expect(waited).toBeLessThan(12_000);
    await simUntil('second back-off', () => waiting('hi') === 'CrashLoopBackOff' && cs('hi')!.restartCount === 2, 30_000);
    expect(cs('hi')!.state.waiting.message).toMatch(/^back-off 20s restarting failed container=hi/);
    expect(await ok('logs', 'hi', '--previous')).toBe('hi\n');
  });

  it('sleep N runs then completes; false fails with exit code 1', async () => {
    await ok('run', 'nap', '--image=busybox:1.36', '--restart=Never', '--', 'sleep', '30');
    await simUntil('running', () => cs('nap')?.state?.running !== undefined, 30_000);
    const ran = await simUntil('completed', () => pod('nap')?.status?.phase === 'Succeeded', 60_000);
    expect(ran).toBeGreaterThanOrEqual(29_000);
    expect(await ok('get', 'pod', 'nap', '--no-headers')).toMatch(/^nap\s+0\/1\s+Completed\s+0\s+/);
    expect(cs('nap')!.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    await ok('run', 'no', '--image=alpine:3.20', '--restart=Never', '--command', '--', 'false');
    await simUntil('failed', () => pod('no')?.status?.phase === 'Failed', 30_000);
    expect(await ok('get', 'pod', 'no', '--no-headers')).toMatch(/^no\s+0\/1\s+Error\s+0\s+/);
    expect(cs('no')!.state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it("sh -c '…; sleep infinity' prints its echo and printf, then keeps running; a loop prints each pass", async () => {
    await ok('run', 'keep', '--image=ubuntu:24.04', '--', 'sh', '-c', 'echo "hello from $HOSTNAME"; printf "%s=%d\\n" answer 42; sleep infinity');
    await simUntil('running', () => cs('keep')?.state?.running !== undefined, 30_000);
    await sim.clock.advance(600_000);
    expect(pod('keep')!.status.phase).toBe('Running');
    expect(cs('keep')!.restartCount).toBe(0);
    expect(await ok('logs', 'keep')).toBe('hello from keep\nanswer=42\n');
    await ok('run', 'tick', '--image=busybox', '--', 'sh', '-c', 'while true; do echo tick; sleep 5; done');
    await simUntil('running', () => cs('tick')?.state?.running !== undefined, 30_000);
    const started = Date.parse(cs('tick')!.state.running.startedAt);
    await sim.clock.advance(started + 12_000 - sim.clock.now());
    expect(await ok('logs', 'tick')).toBe('tick\ntick\ntick\n');
  });

  it('a command it cannot interpret runs as a long-running process', async () => {
    await ok('run', 'app', '--image=python:3.12-slim', '--', 'python', '-m', 'http.server', '8000');
    await simUntil('running', () => cs('app')?.state?.running !== undefined, 30_000);
    await sim.clock.advance(300_000);
    expect(pod('app')!.status.phase).toBe('Running');
    expect(cs('app')!.restartCount).toBe(0);
  });

  it('pulls well-known images and tags; an unknown tag or repository fails with the registry\'s wording', async () => {
    await ok('run', 'web', '--image=nginx:1.27-alpine');
    await ok('run', 'db', '--image=postgres:16');
    await simUntil('both running', () => !!cs('web')?.state?.running && !!cs('db')?.state?.running, 30_000);
    await ok('run', 'badtag', '--image=nginx:notatag');
    await simUntil('ErrImagePull', () => waiting('badtag') === 'ErrImagePull', 30_000);
    expect(await ok('get', 'pod', 'badtag', '--no-headers')).toMatch(/^badtag\s+0\/1\s+ErrImagePull\s+/);
    const events = await ok('get', 'events', '--field-selector', 'involvedObject.name=badtag,reason=Failed', '-o', 'jsonpath={.items[*].message}');
    expect(events).toContain('Failed to pull image "nginx:notatag": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:notatag": failed to resolve reference "docker.io/library/nginx:notatag": docker.io/library/nginx:notatag: not found');
    await simUntil('ImagePullBackOff', () => waiting('badtag') === 'ImagePullBackOff', 30_000);
    await ok('run', 'badrepo', '--image=ngnix');
    await simUntil('ErrImagePull', () => waiting('badrepo') === 'ErrImagePull', 30_000);
    expect(cs('badrepo')!.state.waiting.message).toBe('rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  });

  it('kubectl get endpoints lists the ready pods behind a service, warns that v1 Endpoints is deprecated, and follows scaling', async () => {
    await ok('create', 'deployment', 'webnodb', '--image=nginx:1.27', '--replicas=2', '--port=80');
    await ok('expose', 'deployment', 'webnodb', '--port=5000', '--target-port=80');
    const ready = () => sim.store.get('endpoints', 'vgauthier', 'webnodb')?.subsets?.[0]?.addresses ?? [];
    await simUntil('2 ready endpoints', () => ready().length === 2, 60_000);
    const ips = ready().map((a: { ip: string }) => `${a.ip}:80`);
    const got = await kubectl('get', 'endpoints', 'webnodb');
    expect(got.out).toMatch(new RegExp(`^NAME\\s+ENDPOINTS\\s+AGE\nwebnodb\\s+${ips.join(',').replaceAll('.', '\\.')}\\s+\\d+s\n$`));
    expect(got.err).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    // kubectl describe reads the EndpointSlices (in their order): the same addresses.
    const line = (await ok('describe', 'svc', 'webnodb')).match(/^Endpoints: +(\S+)\n/m)?.[1] ?? '';
    expect(line.split(',').sort()).toEqual([...ips].sort());
    await ok('scale', 'deployment', 'webnodb', '--replicas=4');
    await simUntil('4 ready endpoints', () => ready().length === 4, 60_000);
    expect(await ok('get', 'ep', 'webnodb', '--no-headers')).toMatch(/^webnodb\s+(\d+\.){3}\d+:80,(\d+\.){3}\d+:80,(\d+\.){3}\d+:80 \+ 1 more\.\.\.\s+/);
  });

  it("kubectl describe svc of a Service without a selector shows the Endpoints the student wrote (mirrored into a slice)", async () => {
    const file = join(dir, 'extdb.yaml');
    writeFileSync(file, [
      'apiVersion: v1\nkind: Service\nmetadata: {name: extdb}\nspec: {ports: [{name: pg, port: 5432}]}',
      'apiVersion: v1\nkind: Endpoints\nmetadata: {name: extdb}\nsubsets: [{addresses: [{ip: 10.200.0.7}, {ip: 10.200.0.8}], ports: [{name: pg, port: 5432}]}]',
    ].join('\n---\n'));
    await ok('apply', '-f', file);
    await simUntil('mirrored', () => sim.store.list('endpointslices.discovery.k8s.io', 'vgauthier').some((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'extdb'), 5000);
    expect(await ok('describe', 'svc', 'extdb')).toMatch(/^Endpoints: +10\.200\.0\.7:5432,10\.200\.0\.8:5432\n/m);
    expect(await ok('get', 'ep', 'extdb', '--no-headers')).toMatch(/^extdb\s+10\.200\.0\.7:5432,10\.200\.0\.8:5432\s+/);
  });
});
