// The real kubectl v1.36 (WebSockets for exec/attach, SPDY tunnelled in a WebSocket for
// port-forward) against the embedded cluster: exec, its exit codes and errors, port-forward to
// HTTP and Redis apps, attach. Skipped when the e2e suite's kubectl is not cached on this machine.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import { waitFor } from './support.js';

const KUBECTL = join(homedir(), '.cache/kdash-e2e/v1.36.3/bin/kubectl');
const has = existsSync(KUBECTL);

let sim: Sim;
let dir: string;
let env: NodeJS.ProcessEnv;
const children: ChildProcess[] = [];

function kubectl(args: string[], input?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = execFile(KUBECTL, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, err: stderr });
    });
    if (input !== undefined) p.stdin?.end(input);
  });
}

/** A long-running kubectl (port-forward, attach) whose output is collected. */
function background(args: string[]): { text(): string; exited(): number | null; proc: ChildProcess } {
  const p = spawn(KUBECTL, args, { env });
  children.push(p);
  let out = '';
  let code: number | null = null;
  p.stdout.on('data', (d) => (out += d.toString()));
  p.stderr.on('data', (d) => (out += d.toString()));
  p.on('exit', (c) => (code = c ?? 1));
  return { text: () => out, exited: () => code, proc: p };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as any).port;
      s.close(() => resolve(port));
    });
  });
}

/** Sends one line to a TCP port and returns the first answer. */
function ask(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    s.on('data', (d) => {
      resolve(d.toString());
      s.end();
    });
    s.on('error', reject);
  });
}

async function podOf(prefix: string, ns = 'vgauthier'): Promise<string> {
  const r = await kubectl(['--context', 'sim-admin', '-n', ns, 'get', 'pods', '-o', 'name']);
  const name = r.out.split('\n').find((l) => l.startsWith(`pod/${prefix}`));
  if (!name) throw new Error(`no pod ${prefix} in ${r.out}`);
  return name.slice(4);
}

describe.skipIf(!has)('kubectl exec, port-forward and attach against kdash sim', () => {
  beforeAll(async () => {
    sim = await startSim({ scenario: 'classroom', clock: 'real' });
    dir = mkdtempSync(join(tmpdir(), 'kdash-streams-'));
    sim.writeKubeconfig(join(dir, 'config'));
    env = { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir };
    const admin = ['--context', 'sim-admin', '-n', 'default'];
    await kubectl([...admin, 'create', 'configmap', 'app-config', '--from-literal=MODE=classroom', '--from-literal=greeting.txt=hello from a configmap']);
    await kubectl([...admin, 'create', 'secret', 'generic', 'app-secret', '--from-literal=PASSWORD=s3cret']);
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'envy', namespace: 'default', labels: { app: 'envy' } },
      spec: {
        containers: [{
          name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }],
          env: [
            { name: 'GREETING', value: 'hi $(POD_NAME)' },
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'PASSWORD' } } },
          ],
          envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'CFG_' }],
          volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
        }],
        volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
      },
    };
    const r = await new Promise<{ code: number }>((resolve) => {
      const p = execFile(KUBECTL, [...admin, 'apply', '-f', '-'], { env }, (e) => resolve({ code: e ? 1 : 0 }));
      p.stdin?.end(JSON.stringify(pod));
    });
    expect(r.code).toBe(0);
    await kubectl([...admin, 'run', 'box', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'while true; do echo tick; sleep 1; done']);
    await waitFor(async () => (await kubectl([...admin, 'get', 'pods', 'envy', 'box'])).out.match(/Running/g)?.length === 2, 'pods running', 20_000);
  }, 60_000);

  afterAll(async () => {
    for (const c of children) c.kill();
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exec env prints the container environment: HOSTNAME, fieldRef, Secret, envFrom ConfigMap, $(VAR) references', async () => {
    const r = await kubectl(['--context', 'sim-admin', '-n', 'default', 'exec', 'envy', '--', 'env']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('HOSTNAME=envy');
    expect(lines).toContain('POD_NAME=envy');
    expect(lines).toContain('DB_PASSWORD=s3cret');
    expect(lines).toContain('CFG_MODE=classroom');
    expect(lines).toContain('GREETING=hi $(POD_NAME)'); // defined before POD_NAME: left as written, like the kubelet
    expect(lines).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
  });

  it('exec reads mounted ConfigMap files, /etc/hostname, and expands variables in sh -c', async () => {
    const r = await kubectl(['--context', 'sim-admin', '-n', 'default', 'exec', 'envy', '--', 'sh', '-c', 'cat /etc/app/greeting.txt; echo; cat /etc/hostname; echo "${CFG_MODE} $HOSTNAME"; ls /etc/app']);
    expect(r.out).toBe('hello from a configmap\nenvy\nclassroom envy\nMODE  greeting.txt\n');
  });

  it("exec deploy/NAME -- sh -c 'exit 7' exits 7, as the student sees it on a real cluster", async () => {
    const r = await kubectl(['exec', 'deploy/webnodb', '--', 'sh', '-c', 'exit 7']);
    expect(r.code).toBe(7);
    expect(r.err).toContain('command terminated with exit code 7');
  });

  it('exec -i passes stdin and its end (the v5 close channel) to the process', async () => {
    const r = await kubectl(['--context', 'sim-admin', '-n', 'default', 'exec', '-i', 'envy', '--', 'cat'], 'line one\nline two\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe('line one\nline two\n');
    const sh = await kubectl(['--context', 'sim-admin', '-n', 'default', 'exec', '-i', 'box', '--', 'sh'], 'echo $HOSTNAME\nfoo\n');
    expect(sh.out).toBe('box\n');
    expect(sh.err).toContain('sh: foo: not found');
    expect(sh.code).toBe(127);
  });

  it('exec errors read as on a real cluster', async () => {
    const webnodb = await podOf('webnodb');
    const unknown = await kubectl(['exec', webnodb, '-c', 'nope', '--', 'env']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(`container nope is not valid for pod ${webnodb}`);
    const missing = await kubectl(['exec', 'nopod', '--', 'env']);
    expect(missing.err).toContain('pods "nopod" not found');
    const worker = await podOf('worker');
    await waitFor(async () => !(await kubectl(['get', 'pod', worker, '-o', 'jsonpath={.status.containerStatuses[0].state.running}'])).out, 'worker waiting', 20_000);
    const crashed = await kubectl(['exec', worker, '--', 'env']);
    expect(crashed.err).toContain('error: Internal error occurred: unable to upgrade connection: container not found ("worker")');
    const other = await podOf('webnodb', 'alice');
    const forbidden = await kubectl(['-n', 'alice', 'exec', other, '--', 'env']);
    expect(forbidden.err).toContain('is forbidden: User "vgauthier"');
    const noBash = await kubectl(['--context', 'sim-admin', '-n', 'default', 'exec', 'box', '--', 'bash']);
    expect(noBash.code).toBe(1);
    expect(noBash.err).toMatch(/OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown/);
  });

  it('port-forward svc/webnodb answers HTTP with a page naming the pod; redis answers PING', async () => {
    const web = await freePort();
    const pf = background(['port-forward', 'svc/webnodb', `${web}:5000`]);
    await waitFor(() => pf.text().includes('Forwarding from 127.0.0.1'), 'forwarding', 15_000);
    const res = await fetch(`http://127.0.0.1:${web}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Served by pod <b>webnodb-[a-z0-9]+-[a-z0-9]{5}<\/b>/);
    const health = await fetch(`http://127.0.0.1:${web}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const rport = await freePort();
    const rpf = background(['port-forward', 'deploy/redis', `${rport}:6379`]);
    await waitFor(() => rpf.text().includes('Forwarding from 127.0.0.1'), 'forwarding', 15_000);
    expect(await ask(rport, 'PING\r\n')).toBe('+PONG\r\n');
    expect(await ask(rport, '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nv1\r\n')).toBe('+OK\r\n');
    expect(await ask(rport, '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n')).toBe('$2\r\nv1\r\n');
  });

  it('port-forward to a port nothing listens on shows the runtime\'s "connection refused"; deleting the pod ends the forward', async () => {
    const [open, closed] = [await freePort(), await freePort()];
    const pf = background(['--context', 'sim-admin', '-n', 'default', 'port-forward', 'pod/envy', `${open}:80`, `${closed}:81`]);
    await waitFor(() => pf.text().split('Forwarding from 127.0.0.1').length === 3, 'forwarding', 15_000);
    expect(await (await fetch(`http://127.0.0.1:${open}/`)).text()).toContain('Welcome to nginx!');
    await fetch(`http://127.0.0.1:${closed}/`).catch(() => undefined);
    await waitFor(() => pf.text().includes('connect: connection refused'), 'refused', 10_000);
    expect(pf.text()).toContain('an error occurred forwarding');
    expect(pf.text()).toContain('failed to connect to localhost:81 inside namespace');
    await kubectl(['--context', 'sim-admin', '-n', 'default', 'delete', 'pod', 'envy', '--wait=false']);
    await waitFor(() => pf.exited() !== null, 'kubectl port-forward exits', 20_000);
    expect(pf.text()).toContain('lost connection to pod');
  });

  it.skipIf(!existsSync('/usr/bin/script'))('exec -it sh in a terminal: a prompt, the typed command echoed and run, exit N', async () => {
    const webnodb = await podOf('webnodb');
    // script(1) gives kubectl a pseudo-terminal, as a student's terminal does.
    const p = spawn('/usr/bin/script', ['-qfec', `${KUBECTL} exec -it ${webnodb} -- sh`, '/dev/null'], { env });
    children.push(p);
    let out = '';
    p.stdout.on('data', (d) => (out += d.toString()));
    const exited = new Promise<number>((r) => p.on('exit', (c) => r(c ?? 1)));
    await waitFor(() => out.includes('# '), 'the prompt', 15_000);
    p.stdin.write('echo hi $HOSTNAME\r');
    await waitFor(() => out.includes(`hi ${webnodb}\r\n# `), 'the output and a new prompt', 10_000);
    expect(out).toContain('# echo hi $HOSTNAME\r\n');
    p.stdin.write('exit 3\r');
    expect(await exited).toBe(3);
    expect(out).toContain('command terminated with exit code 3');
  });

  it("attach shows the container's output as it is produced", async () => {
    const a = background(['--context', 'sim-admin', '-n', 'default', 'attach', 'box']);
    await waitFor(() => (a.text().match(/^tick$/gm) ?? []).length >= 2, 'two ticks', 15_000);
  });

  it('run -i --rm with a shell: the attached shell reads stdin and its exit code is the container\'s', async () => {
    const r = await kubectl(['--context', 'sim-admin', '-n', 'default', 'run', '-i', '--rm', 'shelly', '--image=busybox:1.36', '--restart=Never', '--', 'sh'], 'echo attached $HOSTNAME\nexit 4\n');
    expect(r.out).toContain('attached shelly');
    expect(r.code).toBe(4);
  });
});
