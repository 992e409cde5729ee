// `kdash port-forward` as a user runs it (the built binary), against a running embedded cluster: the
// forward answers with the app of a webnodb pod, follows that pod when it is deleted (logging the switch
// on stderr), and bad arguments are one line with exit 2.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { getText } from '../support/http.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { cliPath, runCli } from '../support/cli.js';
import { until } from '../support/until.js';
import { objectClient } from '../../src/kube/objects.js';
import { pod as podKind } from '../../src/resources/pod.js';

let sim: Sim;
let kubeconfig: string;
const home = mkdtempSync(join(tmpdir(), 'kdash-pf-'));

beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
  kubeconfig = join(home, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
});
afterAll(() => sim.stop());


describe('kdash port-forward', () => {
  it('forwards svc/webnodb and follows its pod when it is deleted, saying so on stderr', async () => {
    const p = spawn(process.execPath, [cliPath, '--kubeconfig', kubeconfig, '--context', 'sim-student', 'port-forward', 'svc/webnodb', ':5000'], {
      env: { ...process.env, HOME: home, KUBECONFIG: '' },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    try {
      const local = await until(() => /Forwarding from (127\.0\.0\.1:\d+) -> 5000 \(svc\/webnodb in vgauthier\)/.exec(out)?.[1], 'the listener');
      const first = await until(() => /forwarding to pod (webnodb-\S+)/.exec(err)?.[1], 'the first pod');
      expect(await getText(`http://${local}/`)).toContain(first);
      await objectClient(sim.kubeConfig('admin')).delete(podKind, 'vgauthier', first);
      const next = await until(() => new RegExp(`pod ${first} is gone or not ready, now forwarding to (webnodb-\\S+)`).exec(err)?.[1], 'the switch', 5000);
      expect(await getText(`http://${local}/`)).toContain(next);
    } finally {
      p.kill('SIGINT');
      await new Promise((r) => p.once('exit', r));
    }
    expect(p.exitCode).toBe(0);
  });

  it('answers a bad mapping in one line, exit 2, and --help without acting', async () => {
    const bad = await runCli(['port-forward', 'svc/webnodb', 'x:y:z'], { home });
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('kdash: bad port mapping "x:y:z": use LOCAL:REMOTE, e.g. 8080:80\n');
    const missing = await runCli(['port-forward', 'svc/webnodb'], { home });
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    const help = await runCli(['port-forward', '--help'], { home });
    expect(help.code).toBe(0);
    expect(help.out).toContain('kdash port-forward -n vgauthier svc/webnodb 8080:80');
  });
});
