// `kdash doctor` as a person or a grading script runs it: the built binary against the embedded cluster.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { expectOneLineError, runCli } from '../support/cli.js';

let sim: Sim;
let dir: string;
let home: string;
let kubeconfig: string;

beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'kdash-doctor-'));
  home = join(dir, 'home');
  mkdirSync(home);
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const doctor = (...args: string[]) => runCli(['doctor', '--kubeconfig', kubeconfig, ...args], { home, timeoutMs: 30_000 });

describe('kdash doctor', () => {
  it('--help explains it and acts on nothing', async () => {
    const before = sim.requests.count();
    const r = await runCli(['doctor', '--help'], { home });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/find what is broken in a namespace/);
    expect(r.out).toMatch(/--output FORMAT/);
    expect(r.out).toMatch(/kdash doctor -n vgauthier -o json/);
    expect(sim.requests.count()).toBe(before);
  });

  it("prints the student's findings with evidence, the previous log and the fix, and exits 1", async () => {
    const r = await doctor();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^namespace vgauthier: 1 error\b/);
    expect(r.out).toMatch(/^ERROR deploy\/worker \(pod worker-\S+\) \[crash-loop\]$/m);
    expect(r.out).toMatch(/^ {4}container worker: exit code 1 \(Error\), restarted \d+ times$/m);
    expect(r.out).toMatch(/^ {2}fix: read its previous run's log to see why it stops \[key l\]$/m);
    // The embedded cluster serves the student every kind the rules read: none is skipped.
    expect(r.out).not.toMatch(/^not checked:/m);
    expect(r.err).toBe('');
  });

  it('-o json gives scripts the findings whole', async () => {
    const r = await doctor('-o', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.namespace).toBe('vgauthier');
    const crash = report.findings.find((f: any) => f.rule === 'crash-loop');
    expect(crash).toMatchObject({ severity: 'error', object: { kind: 'Deployment', name: 'worker', namespace: 'vgauthier' } });
    expect(crash.fix[0].command).toMatch(/^kubectl logs worker-\S+ -c worker --previous -n vgauthier$/);
  });

  it('exits 0 when nothing is broken', async () => {
    const r = await doctor('--context', 'sim-admin', '-n', 'kube-public');
    expect(r.out).toMatch(/^namespace kube-public: nothing found broken$/m);
    expect(r.code).toBe(0);
  });

  it('a namespace the student may not read, and a bad --output, are one line each (exit 2)', async () => {
    const forbidden = await doctor('-n', 'alice');
    expectOneLineError(forbidden, /^kdash: namespace "alice" not found or not open to this account/);
    expect(forbidden.code).toBe(2);
    const bad = await doctor('-o', 'yaml');
    expectOneLineError(bad, /^kdash: bad --output yaml: use text or json$/);
    expect(bad.code).toBe(2);
  });
});
