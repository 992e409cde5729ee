// `kdash class` and `kdash down --all` as a teacher runs them (the built binary, no TTY), against the
// sim's class scenario: -o json/csv round-trip what the cluster holds, the sweep changes nothing on
// --dry-run and only the idle namespaces with --idle, and every bad value or missing right is one line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { expectOneLineError, runCli } from '../support/cli.js';

let sim: Sim;
let dir: string;
beforeAll(async () => {
  sim = await startSim({ scenario: 'class', port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'kdash-class-'));
  sim.writeKubeconfig(join(dir, 'sim.kubeconfig'));
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const kdash = (...args: string[]) => runCli(args, { home: join(dir, 'home'), env: { KUBECONFIG: join(dir, 'sim.kubeconfig') }, timeoutMs: 30_000 });
const admin = ['--context', 'sim-admin'];

describe('kdash class -o', () => {
  it('json: one record per student namespace, counts as the cluster holds them', async () => {
    const r = await kdash('class', ...admin, '-o', 'json', '--selector', 'course=net4255');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.items).toHaveLength(30);
    const pods = sim.store.list('pods');
    for (const item of report.items) {
      const mine = pods.filter((p) => p.metadata.namespace === item.namespace && !['Succeeded', 'Failed'].includes(p.status?.phase));
      expect(item.pods, item.namespace).toBe(mine.length);
      expect(item.runningPods, item.namespace).toBe(mine.filter((p) => p.status?.phase === 'Running').length);
      expect(item.cpuQuota).toBe(2);
      expect(item.memoryQuota).toBe(2 * 1024 ** 3);
    }
    expect(report.items.find((i: any) => i.namespace === 'tariq').state).toBe('left-running');
    expect(report.items.find((i: any) => i.namespace === 'alice')).toMatchObject({ state: 'parked', parkedObjects: 2 });
    expect(report.items.filter((i: any) => i.state === 'parked').length).toBeGreaterThanOrEqual(20);
  });

  it('csv: a header and a line per namespace; table: the view as text', async () => {
    const csv = await kdash('class', ...admin, '-o', 'csv', '--prefix', 'ra');
    expect(csv.code, csv.err).toBe(0);
    const lines = csv.out.trimEnd().split('\n');
    expect(lines[0].split(',')[0]).toBe('namespace');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['rania']);
    const table = await kdash('class', ...admin, '-o', 'table', '--idle', '12h');
    expect(table.code, table.err).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^NAMESPACE\s+PODS\s+CPU\s+MEM\s+RESTARTS\s+FINDINGS\s+LAST ACTIVITY\s+STATE$/);
    expect(table.out).toMatch(/\ntariq\s+3\/3 .*STILL RUNNING/);
  });

  it('bad values, a student account and no terminal are one line each', async () => {
    expectOneLineError(await kdash('class', ...admin, '-o', 'yaml'), /bad -o "yaml": use table, json or csv/);
    expectOneLineError(await kdash('class', ...admin, '-o', 'json', '--idle', '2x'), /bad --idle "2x"/);
    expectOneLineError(await kdash('class', ...admin, '-o', 'json', '--selector', 'course in ('), /bad --selector "course in \("/);
    expectOneLineError(await kdash('class', ...admin, '-o', 'json', '--selector', 'a=b', '--prefix', 'x'), /--selector and --prefix/);
    expectOneLineError(await kdash('class', '--context', 'sim-student', '-o', 'json'), /kdash class needs a teacher's account .*: you cannot list namespaces/);
    expectOneLineError(await kdash('class', ...admin), /not a terminal: the class view needs a TTY \(use -o table, json or csv\)/);
  });
});

describe('kdash down --all (the teacher\'s sweep)', () => {
  it('--dry-run shows every plan and changes nothing; --idle keeps only those left running', async () => {
    sim.requests.reset();
    const all = await kdash('down', '--all', ...admin, '--selector', 'course=net4255', '--dry-run');
    expect(all.code, all.err).toBe(0);
    expect(all.out).toMatch(/^Plan for \d+ namespaces \(dry run: nothing will change\):/);
    for (const ns of ['vgauthier', 'chen', 'tariq', 'malik']) expect(all.out).toContain(`namespace ${ns}:`);
    expect(all.out).not.toContain('namespace alice:');
    expect(all.out).toContain('dry run: nothing changed');
    // (Access reviews are POSTs that change nothing.)
    expect(sim.requests.mutating().filter((q) => !q.path.startsWith('/apis/authorization.k8s.io/'))).toEqual([]);

    const idle = await kdash('down', '--all', ...admin, '--idle', '2h', '--dry-run');
    expect(idle.code, idle.err).toBe(0);
    expect(idle.out).toMatch(/^Plan for 1 namespace /);
    expect(idle.out).toContain('namespace tariq:');
    expect(idle.out).toMatch(/scale deployment\.apps\/webnodb 2 → 0/);
  });

  it('--yes shuts the chosen namespaces down, each reported; up brings one back', async () => {
    const r = await kdash('down', '--all', ...admin, '--idle', '2h', '--yes');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/✓ down tariq: /);
    expect(sim.store.get('deployments.apps', 'tariq', 'webnodb')!.spec.replicas).toBe(0);
    expect(sim.store.get('deployments.apps', 'chen', 'webnodb')!.spec.replicas, 'not idle: untouched').toBe(2);
    const up = await kdash('up', ...admin, '-n', 'tariq', '--yes');
    expect(up.code, up.out + up.err).toBe(0);
    expect(sim.store.get('deployments.apps', 'tariq', 'webnodb')!.spec.replicas).toBe(2);
  });

  it('its flags are refused where they make no sense, in one line', async () => {
    expectOneLineError(await kdash('down', ...admin, '--idle', '2h', '--dry-run'), /--idle chooses namespaces for --all: add --all/);
    expectOneLineError(await kdash('down', '--all', ...admin, '-n', 'alice', '--dry-run'), /-n alice and --all/);
    expectOneLineError(await kdash('down', '--all', ...admin, '--idle', 'soon', '--dry-run'), /bad --idle "soon"/);
    expectOneLineError(await kdash('down', '--all', '--context', 'sim-student', '--dry-run'), /kdash down --all needs a teacher's account/);
    expectOneLineError(await kdash('up', '--all', ...admin), /unknown flag --all/);
  });
});
