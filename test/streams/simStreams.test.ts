// Exec and port-forward over kdash's WebSocket layer (src/kube/streams.ts) against the embedded cluster:
// exit codes through the status channel (kwok, in the e2e suite, does not pass them), the server's
// refusals in one line, stdin half-close (v5), and a forward that reaches the simulated app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeError } from '../../src/kube/errors.js';
import { execStream, forwardStream } from '../../src/kube/streams.js';
import { guardKubeConfig, readonlySwitch } from '../../src/app/readonlyGuard.js';
import { until } from '../support/until.js';

let sim: Sim;
let kc: KubeConfig;
let pod: string;

beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
  kc = sim.kubeConfig('student');
  const pods = await fetchPods();
  pod = pods.find((p: any) => p.metadata.name.startsWith('webnodb-') && p.status.phase === 'Running').metadata.name;
});
afterAll(() => sim.stop());

async function fetchPods(): Promise<any[]> {
  const { objectClient } = await import('../../src/kube/objects.js');
  const { pod: podKind } = await import('../../src/resources/pod.js');
  return objectClient(kc).list(podKind, 'vgauthier');
}

async function run(command: string[], opts: { stdin?: string; container?: string; kc?: KubeConfig } = {}) {
  let out = '';
  let err = '';
  const s = await execStream(opts.kc ?? kc, { namespace: 'vgauthier', pod, container: opts.container }, command, {
    stdin: opts.stdin !== undefined,
    tty: false,
    onStdout: (b) => (out += b.toString()),
    onStderr: (b) => (err += b.toString()),
  });
  if (opts.stdin !== undefined) {
    s.write(opts.stdin);
    s.closeStdin();
  }
  return { end: await s.ended, out, err, protocol: s.protocol };
}

describe('exec on the embedded cluster', () => {
  it('runs env over v5.channel.k8s.io and ends with exit code 0', async () => {
    const r = await run(['env']);
    expect(r.protocol).toBe('v5.channel.k8s.io');
    expect(r.out).toContain(`HOSTNAME=${pod}`);
    expect(r.end).toEqual({ kind: 'exit', code: 0 });
  });

  it('brings the exit code of the command through the status channel', async () => {
    expect((await run(['sh', '-c', 'exit 7'])).end).toEqual({ kind: 'exit', code: 7 });
  });

  it('half-closes stdin: a command reading to the end of its input finishes', async () => {
    const r = await run(['cat'], { stdin: 'one\ntwo\n' });
    expect(r.out).toBe('one\ntwo\n');
    expect(r.end).toEqual({ kind: 'exit', code: 0 });
  });

  it('says an unknown container in one line', async () => {
    const err = await run(['env'], { container: 'nope' }).catch((e) => e);
    const line = err instanceof Error ? describeError(err) : JSON.stringify(err.end);
    expect(line).toBe(`request failed with HTTP 400: container nope is not valid for pod ${pod}`);
    expect(line).not.toContain('\n');
  });

  it('is refused by the read-only guard before anything is sent', async () => {
    const ro = sim.kubeConfig('student');
    guardKubeConfig(ro, readonlySwitch(true));
    await expect(run(['env'], { kc: ro })).rejects.toThrow('read-only mode: refused to send a POST request');
  });
});

describe('port-forward on the embedded cluster', () => {
  it('reaches the app of the pod on its port', async () => {
    let got = '';
    const ch = await forwardStream(kc, { namespace: 'vgauthier', pod }, 5000, (b) => (got += b.toString()));
    ch.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    await until(() => got.includes('HTTP/1.1 200'), 'an HTTP answer through the forward');
    ch.close();
    expect(await ch.ended).toBeUndefined();
  });

  it('says in one line when nothing listens on the port', async () => {
    const ch = await forwardStream(kc, { namespace: 'vgauthier', pod }, 9999, () => {});
    ch.write(Buffer.from('x'));
    const err = await ch.ended;
    expect(err).toMatch(/connection refused/);
  });
});
