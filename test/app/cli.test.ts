// The CLI as a user runs it: the built binary in a child process, stdout not a TTY.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { cliPath as cli, expectOneLineError, runCli } from '../support/cli.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { home, env });

let dir: string;
let home: string;
let sim: Sim;
let kubeconfig: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kdash-cli-'));
  home = join(dir, 'home');
  sim = await startSim({ scenario: 'classroom', port: 0 });
  kubeconfig = join(dir, 'sim.kubeconfig');
  sim.writeKubeconfig(kubeconfig);
});
afterAll(async () => {
  await sim?.stop();
});

describe('kdash --once', () => {
  it('prints the classroom pods like kubectl get pods', async () => {
    const r = await run(['--demo', '--once']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(r.out).toMatch(/webnodb-\S+\s+1\/1\s+Running\s+0\s+\d+[smhd]/);
    expect(r.out).toMatch(/CrashLoopBackOff\s+\d+ \(\d+[smh]+\d*[sm]? ago\)/);
    // Usage from metrics.k8s.io, and the quota against what may be used.
    expect(r.out).toMatch(/AGE\s+CPU\s+MEM\s+%CPU\/R\s+%CPU\/L\s+%MEM\/R\s+%MEM\/L/);
    expect(r.out).toMatch(/webnodb-\S+\s+1\/1\s+Running\s+0\s+\S+\s+\d+m\s+\d+Mi\s+\d+%/);
    // The quota is a note beside the table: on stderr, so stdout stays the table alone.
    expect(r.err).toMatch(/^quota compute-quota: cpu [\d.]+\/2\s+memory \S+\/2Gi.*\n$/);
  });

  it('prints deployments with --view deploy', async () => {
    const r = await run(['--demo', '--once', '--view', 'deploy']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    expect(r.out).toMatch(/\nwebnodb\s+3\/3\s+3\s+3\s+/);
  });

  it('reads the kubeconfig file and context like kubectl', async () => {
    const r = await run(['--kubeconfig', kubeconfig, '--context', 'sim-admin', '-n', 'kube-system', '--once']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/NAME\s+READY/);
  });
});

describe('bad inputs give one line and a non-zero exit', () => {
  it('missing kubeconfig', async () => {
    expectOneLineError(await run(['--kubeconfig', join(dir, 'nope.yaml'), '--once']), /kubeconfig/i);
  });
  it('no kubeconfig at all', async () => {
    expectOneLineError(await run(['--once']), /kubeconfig/i);
  });
  it('unknown context', async () => {
    expectOneLineError(await run(['--kubeconfig', kubeconfig, '--context', 'nope', '--once']), /context "nope" not found.*sim-student/);
  });
  it('unreachable server', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const file = join(dir, 'dead.kubeconfig');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: dead\n  cluster:\n    server: http://127.0.0.1:${port}\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: dead\n  context:\n    cluster: dead\n    user: u\ncurrent-context: dead\n`,
    );
    expectOneLineError(await run(['--kubeconfig', file, '--once']), new RegExp(`cannot reach http://127.0.0.1:${port}.*refused`));
  });
  it('unknown --view', async () => {
    const r = await run(['--kubeconfig', kubeconfig, '--once', '--view', 'pods2']);
    expectOneLineError(r, /unknown view "pods2"/);
    expect(r.code).toBe(2);
  });
  it('a namespace that does not exist', async () => {
    expectOneLineError(await run(['--kubeconfig', kubeconfig, '--context', 'sim-admin', '-n', 'nope', '--once']), /namespace "nope" not found/);
  });
  it('stdout not a TTY without --once', async () => {
    const r = await run(['--kubeconfig', kubeconfig]);
    expectOneLineError(r, /not a terminal/);
    expect(r.code).toBe(2);
  });
  it('an unknown subcommand', async () => {
    expectOneLineError(await run(['frob']), /unknown command "frob"/);
  });
});

describe('kdash on a terminal that cannot move the cursor', () => {
  it('TERM=dumb prints the table once, with one note on stderr and no escape codes', async () => {
    const r = await run(['--demo'], { TERM: 'dumb' });
    expect(r.code).toBe(0);
    // The note first; then what --once says on stderr (the quota line).
    expect(r.err.trim().split('\n')).toEqual([
      'kdash: TERM=dumb: no full-screen dashboard on this terminal; printing the table once (as --once)',
      expect.stringMatching(/^quota compute-quota: cpu /),
    ]);
    expect(r.out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(r.out).toMatch(/webnodb-\S+\s+1\/1\s+Running/);
    expect(r.out).not.toContain('\x1b');
  });
});

describe('kdash in a terminal', () => {
  // Ink draws nothing until exit when CI is set; CI runs this suite with CI=true, and people set it in shells.
  it('draws the live dashboard even when the environment says CI, and quits with q', async () => {
    // @ts-expect-error the benchmark's pseudo-terminal driver is plain JavaScript
    const { startPty, waitFor, stopPty } = await import('../../bench/lib/pty.mjs');
    const env = { ...process.env, KUBECONFIG: '', HOME: home, CI: 'true', CONTINUOUS_INTEGRATION: 'true' };
    const term = await startPty(process.execPath, [cli, '--demo'], { cols: 120, rows: 30, env });
    const seen = await waitFor(term, (c: { text: string }) => /webnodb-\w+-\w+/.test(c.text), { timeoutMs: 20_000 });
    await stopPty(term, { keys: 'q' });
    expect(seen, 'no frame showing the webnodb pods').not.toBeNull();
    expect(term.exitStatus).toBe(0);
  }, 40_000);
});
