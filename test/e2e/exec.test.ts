// Exec, attach and port-forward against the real control plane: kwok plays the kubelet (ClusterExec runs
// the command on this host with KDASH_E2E_EXEC=kwok; ClusterPortForward reaches a local HTTP server that
// answers FORWARD_PAGE, see harness/controlPlane.ts). kwok does not pass exit codes through, so exit
// codes are tested against the embedded cluster.
import { spawn } from 'node:child_process';
import { getText } from '../support/http.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execStream, forwardStream } from '../../src/kube/streams.js';
import { describeError } from '../../src/kube/errors.js';
import { FORWARD_PAGE } from './harness/controlPlane.js';
import { REPO_DIR } from './harness/paths.js';
import { api, e2e, kdash, kubeConfig, kubectl, NAMESPACE, readyPods, until } from './support.js';

async function webPod(): Promise<string> {
  const pods = await readyPods(api('admin'), 'webnodb');
  return pods[0].metadata.name;
}

describe('exec through the WebSocket channel protocol (kwok)', () => {
  it('runs env in a pod and reads its output, as kubectl exec does', async () => {
    const pod = await webPod();
    const ref = await kubectl(['exec', pod, '--', 'env']);
    expect(ref.stdout).toContain('KDASH_E2E_EXEC=kwok');
    let out = '';
    const s = await execStream(kubeConfig('student'), { namespace: NAMESPACE, pod }, ['env'], {
      stdin: false,
      tty: false,
      onStdout: (b) => (out += b.toString()),
    });
    expect(s.protocol).toBe('v5.channel.k8s.io');
    const end = await s.ended;
    expect(out).toContain('KDASH_E2E_EXEC=kwok');
    expect(end).toEqual({ kind: 'exit', code: 0 });
  });

  it('says in one line that a pod does not exist', async () => {
    const err = await execStream(kubeConfig('student'), { namespace: NAMESPACE, pod: 'nope' }, ['env'], { stdin: false, tty: false, onStdout: () => {} }).catch((e) => e);
    expect(describeError(err)).toMatch(/pods? "nope" not found/);
  });

  it('forwards one connection to a pod port', async () => {
    const pod = await webPod();
    let got = '';
    const ch = await forwardStream(kubeConfig('student'), { namespace: NAMESPACE, pod }, 5000, (b) => (got += b.toString()));
    ch.write(Buffer.from('GET / HTTP/1.0\r\nHost: x\r\n\r\n'));
    let end: string | undefined | null = null;
    void ch.ended.then((e) => (end = e));
    await until('the page through the forward', () => got.includes(FORWARD_PAGE.trim()), 10_000).catch((e) => {
      throw new Error(`${e.message}: got ${JSON.stringify(got)}, ended ${JSON.stringify(end)}`);
    });
    // kubelet's WebSocket port-forward keeps the stream open after the app closed its side: we close it.
    ch.close();
    await until('the forward to end', () => end !== null, 10_000);
    expect(end).toBeUndefined();
  });
});


describe('kdash port-forward (kwok)', () => {
  it('forwards svc/webnodb and follows its pod when that pod is deleted', async () => {
    const child = spawn(process.execPath, [join(REPO_DIR, 'dist', 'cli.js'), '--kubeconfig', e2e().kubeconfigPath, 'port-forward', 'svc/webnodb', ':5000'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const said = (e: Error) => {
      throw new Error(`${e.message}\nstdout: ${out}\nstderr: ${err}`);
    };
    try {
      const local = await until('the forward to listen', () => /Forwarding from (127\.0\.0\.1:\d+) -> 5000/.exec(out)?.[1], 30_000);
      await until('a pod to forward to', () => /forwarding to pod (\S+)/.exec(err)?.[1], 30_000);
      expect(await getText(`http://${local}/`).catch(said)).toBe(FORWARD_PAGE);
      const first = /forwarding to pod (\S+)/.exec(err)![1];
      await api('admin').core.deleteNamespacedPod({ name: first, namespace: NAMESPACE, gracePeriodSeconds: 0 });
      const started = Date.now();
      const next = await until('the switch to another pod', () => new RegExp(`pod ${first} is gone or not ready, now forwarding to (\\S+)`).exec(err)?.[1], 30_000);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(next).not.toBe(first);
      expect(await getText(`http://${local}/`).catch(said)).toBe(FORWARD_PAGE);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
    expect(child.exitCode).toBe(0);
  });

  it('refuses a bad mapping in one line with exit 2', async () => {
    const r = await kdash(['port-forward', 'svc/webnodb', '80:x:y']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bad port mapping "80:x:y"');
  });

  it('says in one line that the service has no such port', async () => {
    const r = await kdash(['port-forward', 'svc/webnodb', '8080:80']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('kdash: service "webnodb" has no port 80 (its ports: 5000)');
  });

  it('says a missing service in one line', async () => {
    const r = await kdash(['port-forward', 'svc/nope', '8080:80']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/service "nope" not found in namespace "vgauthier"/);
  });
});
