// Every subcommand answers --help/-h with its own usage and --version with the version, and does
// nothing else: no request reaches the cluster, no server starts. Flags that are not the command's
// are a one-line error (exit 2). `kdash up` confirms like `kdash down`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTypedApi, type TypedApi } from '../support/typedApi.js';
import { startSim, type Sim } from '@kdash/sim';
import { DOWN_REPLICAS } from '../../src/actions/downPlan.js';
import { mergePatch } from '../support/mergePatch.js';
import { expectOneLineError, runCli, type CliRun } from '../support/cli.js';
import pkg from '../../package.json' with { type: 'json' };

const { version } = pkg;

let dir: string;
let sim: Sim;
let admin: TypedApi;
let ns: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kdash-usage-'));
  sim = await startSim({ scenario: 'classroom', port: 0 });
  sim.writeKubeconfig(join(dir, 'sim.kubeconfig'));
  admin = makeTypedApi(sim.kubeConfig('admin'));
  ns = sim.student.namespace;
});
afterAll(async () => {
  await sim?.stop();
});

/** kdash against the embedded cluster of this file (context sim-student, namespace vgauthier). */
const kdash = (...args: string[]) => runCli(args, { home: join(dir, 'home'), env: { KUBECONFIG: join(dir, 'sim.kubeconfig') }, timeoutMs: 15_000 });

/** Runs kdash and returns what it did, with the number of requests the cluster received meanwhile. */
async function withRequests(args: string[]): Promise<CliRun & { requests: number }> {
  sim.requests.reset();
  const r = await kdash(...args);
  return { ...r, requests: sim.requests.count() };
}

const replicas = async (name: string) => (await admin.apps.readNamespacedDeployment({ name, namespace: ns })).spec?.replicas;

describe('--help never acts', () => {
  it('kdash down --help --yes prints the usage of down and shuts nothing down', async () => {
    const before = await replicas('webnodb');
    const r = await withRequests(['down', '--help', '--yes']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage\s+\$ kdash down /);
    expect(r.out).toContain('--dry-run');
    expect(r.out).toContain('--delete-bare-pods');
    expect(r.out).toMatch(/Examples?\s+\$ kdash down/);
    expect(r.out).not.toMatch(/Plan for namespace/);
    expect(r.err).toBe('');
    expect(r.requests).toBe(0);
    expect(await replicas('webnodb')).toBe(before);
  });

  it.each([
    [['down', '-h']],
    [['down', '-n', 'vgauthier', '--dry-run', '--help']],
    [['up', '--help']],
    [['up', '--yes', '-h']],
    [['logs', 'webnodb', '--help']],
    [['logs', '-f', 'deploy/webnodb', '-h']],
    [['sim', '--help']],
    [['sim', '--port', '0', '-h']],
  ])('kdash %j prints its own usage on stdout, exits 0 and sends no request', async (args) => {
    const r = await withRequests(args);
    expect(r.timedOut, 'still running: it acted instead of printing help').toBe(false);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`Usage\\s+\\$ kdash ${args[0]} `));
    expect(r.out).toMatch(new RegExp(`Examples?\\s+\\$ kdash ${args[0]}`));
    expect(r.out).not.toMatch(/listening on/);
    expect(r.err).toBe('');
    expect(r.requests).toBe(0);
  });

  it('each subcommand lists its own flags, not the others\'', async () => {
    const logs = await kdash('logs', '--help');
    expect(logs.out).toMatch(/--tail N/);
    expect(logs.out).toMatch(/-c, --container NAME/);
    expect(logs.out).not.toContain('--delete-bare-pods');
    const sim = await kdash('sim', '--help');
    expect(sim.out).toMatch(/--scenario/);
    expect(sim.out).not.toMatch(/--namespace\b/);
  });

  it.each([[['--version']], [['-v']], [['sim', '--version']], [['down', '--version', '--yes']], [['logs', 'x', '-v']]])(
    'kdash %j prints the version and exits',
    async (args) => {
      const r = await withRequests(args);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${version}\n`);
      expect(r.requests).toBe(0);
    },
  );

  it('kdash --help lists every subcommand', async () => {
    const r = await kdash('--help');
    expect(r.code).toBe(0);
    for (const c of ['sim', 'down', 'up', 'logs']) expect(r.out).toMatch(new RegExp(`\\$ kdash ${c}\\b`));
  });
});

describe('flags that are not the command\'s are one-line errors, exit 2', () => {
  it.each([
    [['down', '--bogus'], /unknown flag --bogus for kdash down/],
    [['down', '--yes', '--once'], /unknown flag --once for kdash down/],
    [['up', '--delete-bare-pods'], /unknown flag --delete-bare-pods for kdash up/],
    [['sim', '--once'], /unknown flag --once for kdash sim/],
    [['sim', '--address', 'nope'], /^kdash: bad --address nope: use an IP address of this machine \(127\.0\.0\.1, 0\.0\.0\.0 for every interface\)$/],
    [['logs', 'webnodb', '-A'], /unknown flag -A for kdash logs/],
    [['--yes', '--once'], /unknown flag --yes for kdash\b/],
    [['--once', '-x'], /unknown flag -x for kdash\b/],
  ])('kdash %j', async (args, message) => {
    const r = await withRequests(args);
    expectOneLineError(r, message);
    expect(r.code).toBe(2);
    expect(r.requests).toBe(0);
  });
});

describe('kdash up confirms like kdash down', () => {
  it('without a terminal and without --yes it shows the plan, refuses in one line and changes nothing; --yes restores', async () => {
    // What `kdash down` leaves behind for one deployment: scaled to 0, the count recorded.
    await admin.apps.patchNamespacedDeployment(
      { name: 'redis', namespace: ns, body: { metadata: { annotations: { [DOWN_REPLICAS]: '1' } }, spec: { replicas: 0 } } },
      mergePatch(),
    );
    sim.requests.reset();
    const refused = await kdash('up');
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(new RegExp(`^Plan for namespace ${ns}:\\n  scale deployment.apps/redis 0 → 1\\n`));
    expect(refused.out.trim().split('\n').pop()).toMatch(/kdash up: not a terminal, so cannot ask for confirmation; rerun with --yes/);
    // (Access reviews are POSTs that change nothing.)
    expect(sim.requests.mutating().filter((r) => !r.path.startsWith('/apis/authorization.k8s.io/'))).toEqual([]);
    expect(await replicas('redis')).toBe(0);

    const done = await kdash('up', '--yes');
    expect(done.code).toBe(0);
    expect(done.out).toContain('up complete');
    expect(await replicas('redis')).toBe(1);
  });
});

describe('values that cannot be used are one-line errors naming the value', () => {
  it.each([
    [['--once', '--view'], /--view needs a KIND, got ""/],
    [['--view', '--once'], /--view needs a KIND, got ""/],
    [['-n', '', '--once'], /--namespace needs a NAME, got ""/],
    [['--once', '--tail', 'abc'], /bad --tail "abc": use a whole number/],
    [['logs', 'webnodb', '--tail', 'abc'], /bad --tail "abc": use a whole number/],
    [['logs', 'webnodb', '--tail', '1.5'], /bad --tail "1.5": use a whole number/],
    [['sim', '--port', '99999'], /bad --port "99999": use a whole number, from 0 to 65535/],
    [['--demo', '--kubeconfig', '/tmp/x', '--once'], /--kubeconfig \/tmp\/x cannot be used with --demo/],
  ])('kdash %j exits 2', async (args, message) => {
    const r = await withRequests(args);
    expectOneLineError(r, message);
    expect(r.code).toBe(2);
    expect(r.requests).toBe(0);
  });

  it('kdash logs deploy/NAME -c NOSUCH names the container, not "no pods found"', async () => {
    const r = await kdash('logs', 'deploy/webnodb', '-c', 'nosuchcontainer');
    expectOneLineError(r, /container "nosuchcontainer" is not valid for deployment "webnodb" \(its pods have: webnodb\)/);
  });
});

describe('--context with --demo', () => {
  it('an unknown context is one line naming it and the demo cluster\'s contexts', async () => {
    const r = await kdash('--demo', '--context', 'nope', '--once');
    expectOneLineError(r, /context "nope" not found in the demo cluster \(contexts: sim-student, sim-admin\)/);
  });

  it('--context sim-admin connects as the administrator', async () => {
    const r = await kdash('--demo', '--context', 'sim-admin', '-n', 'kube-system', '--once');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^kube-dns-\S+\s+1\/1\s+Running/m);
  });
});

describe('kdash sim --address', () => {
  it('an address that is not this machine\'s is a one-line error naming it, exit 1', async () => {
    const r = await withRequests(['sim', '--address', '203.0.113.7', '--port', '0']);
    expectOneLineError(r, /^kdash: cannot listen on 203\.0\.113\.7: not an address of this machine$/);
    expect(r.code).toBe(1);
  });
});
