// The streaming subresources at the protocol level, with a plain WebSocket client: the channel bytes,
// the status on the error channel (v5 and v4 wording), the terminal's echo, line editing, ctrl-c and
// resize, half-close, the older port-forward protocol, and the refusals before an upgrade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSim, type Sim } from '../../src/index.js';
import { raw, waitFor } from './support.js';

let sim: Sim;

interface Client {
  ws: WebSocket;
  /** Text received per channel. */
  channels: Map<number, string>;
  /** Every message's channel, in order. */
  order: number[];
  closed: Promise<void>;
  send(channel: number, data: string | Buffer): void;
}

function open(path: string, protocols: string[], token = sim.tokens.admin): Promise<Client> {
  const ws = new WebSocket(`${sim.url.replace(/^http/, 'ws')}${path}`, protocols, { headers: { Authorization: `Bearer ${token}` }, ca: sim.ca });
  const channels = new Map<number, string>();
  const order: number[] = [];
  ws.on('message', (m: Buffer) => {
    order.push(m[0]);
    channels.set(m[0], (channels.get(m[0]) ?? '') + m.subarray(1).toString());
  });
  const closed = new Promise<void>((r) => ws.on('close', () => r()));
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve({ ws, channels, order, closed, send: (c, d) => ws.send(Buffer.concat([Buffer.from([c]), Buffer.from(d)])) }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => reject(new Error(`${res.statusCode} ${body}`)));
    });
    ws.on('error', reject);
  });
}

const execPath = (pod: string, command: string[], q = 'stdout=true&stderr=true') =>
  `/api/v1/namespaces/default/pods/${pod}/exec?${command.map((c) => `command=${encodeURIComponent(c)}`).join('&')}&${q}`;

describe('exec, attach and port-forward over WebSocket', () => {
  beforeAll(async () => {
    sim = await startSim({ scenario: 'empty', clock: 'real' });
    sim.store.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], securityContext: {} },
    });
    await waitFor(() => sim.store.get('pods', 'default', 'web')?.status?.containerStatuses?.[0]?.state?.running, 'web running', 15_000);
  }, 30_000);
  afterAll(() => sim?.stop());

  it('v5: an empty stdout message first, the output, then a Success status and a normal close', async () => {
    const c = await open(execPath('web', ['hostname']), ['v5.channel.k8s.io']);
    await c.closed;
    expect(c.ws.protocol).toBe('v5.channel.k8s.io');
    expect(c.order[0]).toBe(1);
    expect(c.channels.get(1)).toBe('web\n');
    expect(JSON.parse(c.channels.get(3)!)).toEqual({ metadata: {}, status: 'Success' });
  });

  it('a non-zero exit is a NonZeroExitCode Status with the ExitCode cause (v5 as the apiserver translates it, v4 as containerd says it)', async () => {
    const v5 = await open(execPath('web', ['sh', '-c', 'echo oops >&2; exit 7']), ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    await v5.closed;
    expect(v5.channels.get(2)).toBe('oops\n');
    expect(JSON.parse(v5.channels.get(3)!)).toEqual({
      metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
      message: 'command terminated with non-zero exit code: command terminated with exit code 7',
      details: { causes: [{ reason: 'ExitCode', message: '7' }] },
    });
    const v4 = await open(execPath('web', ['sh', '-c', 'exit 3']), ['v4.channel.k8s.io']);
    await v4.closed;
    expect(JSON.parse(v4.channels.get(3)!).message).toBe('command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3');
  });

  it('stdin flows until the client half-closes it with the v5 close channel', async () => {
    const c = await open(execPath('web', ['cat'], 'stdin=true&stdout=true&stderr=true'), ['v5.channel.k8s.io']);
    c.send(0, 'first\n');
    await waitFor(() => c.channels.get(1) === 'first\n', 'echo of stdin');
    c.send(0, 'second\n');
    c.ws.send(Buffer.from([255, 0]));
    await c.closed;
    expect(c.channels.get(1)).toBe('first\nsecond\n');
    expect(JSON.parse(c.channels.get(3)!).status).toBe('Success');
  });

  it('a shell reading a pipe gets whole lines, however the bytes were split', async () => {
    const c = await open(execPath('web', ['sh'], 'stdin=true&stdout=true&stderr=true'), ['v5.channel.k8s.io']);
    c.send(0, 'echo hel');
    c.send(0, 'lo; echo $HOST');
    c.send(0, 'NAME\necho last');
    c.ws.send(Buffer.from([255, 0]));
    await c.closed;
    expect(c.channels.get(1)).toBe('hello\nweb\nlast\n');
  });

  it('a terminal: prompt, echo, backspace, ctrl-c, resize seen by stty, exit code', async () => {
    const c = await open(execPath('web', ['sh'], 'stdin=true&stdout=true&tty=true'), ['v5.channel.k8s.io']);
    await waitFor(() => c.channels.get(1)?.endsWith('# '), 'prompt');
    c.send(4, JSON.stringify({ Width: 132, Height: 40 }));
    c.send(0, 'echo hellp\x7fo\r');
    await waitFor(() => c.channels.get(1)?.includes('hello\r\n# '), 'output');
    expect(c.channels.get(1)).toContain('echo hellp\b \bo\r\n');
    c.send(0, 'sleep 100\r');
    c.send(0, '\x03');
    await waitFor(() => c.channels.get(1)?.includes('^C\r\n# '), 'interrupted');
    c.send(0, 'stty size\r');
    await waitFor(() => c.channels.get(1)?.includes('40 132\r\n'), 'size');
    c.send(0, 'exit 5\r');
    await c.closed;
    expect(JSON.parse(c.channels.get(3)!).details.causes[0].message).toBe('5');
  });

  it('a program the image lacks is the runtime\'s InternalError', async () => {
    const c = await open(execPath('web', ['python3']), ['v5.channel.k8s.io']);
    await c.closed;
    const s = JSON.parse(c.channels.get(3)!);
    expect(s).toMatchObject({ status: 'Failure', reason: 'InternalError', code: 500 });
    expect(s.message).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "python3": executable file not found in \$PATH: unknown$/);
  });

  it('refuses before upgrading as kube-apiserver does: plain requests, unknown containers, no rights, SPDY', async () => {
    const plain = await raw(sim, execPath('web', ['env']));
    expect(plain.status).toBe(400);
    expect((await plain.json()).message).toBe('Upgrade request required');
    await expect(open(`${execPath('web', ['env'])}&container=nope`, ['v5.channel.k8s.io'])).rejects.toThrow(/^400 .*container nope is not valid for pod web/);
    await expect(open(execPath('web', ['env']), ['v5.channel.k8s.io'], sim.tokens.student)).rejects.toThrow(/^403 .*pods \\"web\\" is forbidden: User \\"vgauthier\\" cannot create resource \\"pods\/exec\\" in API group \\"\\" in the namespace \\"default\\"/);
    await expect(open(execPath('nope', ['env']), ['v5.channel.k8s.io'])).rejects.toThrow(/^404 .*pods \\"nope\\" not found/);
    const spdy = await raw(sim, execPath('web', ['env']), { method: 'POST', headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1' } }).catch((e) => e);
    expect(spdy.status ?? 400).toBe(400);
  });

  it('the older port-forward protocol: each channel announces its port, then HTTP flows; a closed port says connection refused', async () => {
    const c = await open('/api/v1/namespaces/default/pods/web/portforward?ports=80&ports=81', ['v4.channel.k8s.io']);
    await waitFor(() => c.channels.get(3)?.includes('connection refused'), 'refused on 81');
    expect(c.order.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(Buffer.from(c.channels.get(0)!.slice(0, 2), 'latin1').readUInt16LE(0)).toBe(80);
    c.send(0, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(() => c.channels.get(0)?.includes('Welcome to nginx!'), 'nginx page');
    expect(c.channels.get(0)).toContain('HTTP/1.1 200 OK\r\nServer: nginx/1.27.3');
    c.ws.close();
  });

  it('an exec ends with 137 when its container stops (the pod is deleted)', async () => {
    sim.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'short', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], terminationGracePeriodSeconds: 0 } });
    await waitFor(() => sim.store.get('pods', 'default', 'short')?.status?.containerStatuses?.[0]?.state?.running, 'short running', 15_000);
    const c = await open(execPath('short', ['sleep', '100']), ['v5.channel.k8s.io']);
    sim.store.remove('pods', 'default', 'short');
    await c.closed;
    expect(JSON.parse(c.channels.get(3)!).details.causes[0].message).toBe('137');
  });
});
