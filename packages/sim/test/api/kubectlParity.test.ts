// What the real kubectl prints on the embedded cluster where it once differed from kube-apiserver,
// on a manual clock: EndpointSlice's server-side columns, CronJob's ACTIVE and CronJob validation.
// The expected text was captured from kube-apiserver v1.36 with the same commands and manifests.
// Skipped only without /usr/bin/kubectl.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import { waitFor } from './support.js';

const KUBECTL = '/usr/bin/kubectl';

let sim: Sim;
let dir: string;

function run(args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, ['--context', 'sim-admin', ...args], { env: { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir }, timeout: 30_000 }, (error, out, err) => resolve({ ok: !error, out, err }));
  });
}

async function kubectl(...args: string[]): Promise<string> {
  const r = await run(args);
  if (!r.ok) throw new Error(`kubectl ${args.join(' ')}: ${r.err}`);
  return r.out;
}

/** The error kubectl prints for a command that must fail. */
async function refused(...args: string[]): Promise<string> {
  const r = await run(args);
  if (r.ok) throw new Error(`kubectl ${args.join(' ')} succeeded: ${r.out}`);
  return r.err.trim();
}

const rows = (out: string) => out.trimEnd().split('\n').map((l) => l.trim().split(/\s{2,}/));

const SLICES = `
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: three, namespace: es, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 5000, protocol: TCP}, {name: m, port: 9090, protocol: UDP}]
endpoints:
- {addresses: ["10.244.0.5"], conditions: {ready: true}}
- {addresses: ["10.244.0.6", "10.244.0.9"], conditions: {ready: false}}
- {addresses: ["10.244.0.7"]}
- {addresses: ["10.244.0.8"]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: empty, namespace: es}
addressType: IPv4
endpoints: []
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: oneport, namespace: es}
addressType: IPv6
ports: [{port: 80}]
endpoints: [{addresses: ["fd00::1"]}, {addresses: ["fd00::2"]}, {addresses: ["fd00::3"]}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: manyports, namespace: es}
addressType: IPv4
ports: [{protocol: TCP}, {name: b, port: 1}, {name: c, port: 2}, {name: d, port: 3}, {name: e, port: 4}]
endpoints: [{addresses: ["10.0.0.1"]}, {addresses: ["10.0.0.2"]}, {addresses: ["10.0.0.3"]}, {addresses: ["10.0.0.4"]}]
`;

describe.skipIf(!existsSync(KUBECTL))('kubectl on the embedded cluster prints what it prints against kube-apiserver', () => {
  beforeAll(async () => {
    sim = await startSim({ scenario: 'empty', clock: 'manual' });
    dir = mkdtempSync(join(tmpdir(), 'kdash-kubectl-tables-'));
    sim.writeKubeconfig(join(dir, 'config'));
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('get endpointslices: ADDRESSTYPE, PORTS and ENDPOINTS, the first three then "+ N more..."', async () => {
    await kubectl('create', 'namespace', 'es');
    writeFileSync(join(dir, 'slices.yaml'), SLICES);
    await kubectl('apply', '-f', join(dir, 'slices.yaml'));
    expect(rows(await kubectl('get', 'endpointslices', '-n', 'es'))).toEqual([
      ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
      ['empty', 'IPv4', '<unset>', '<unset>', '0s'],
      // The nameless port without a number prints its defaulted name "" — hence the leading comma.
      ['manyports', 'IPv4', ',1,2 + 2 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...', '0s'],
      ['oneport', 'IPv6', '80', 'fd00::1,fd00::2,fd00::3', '0s'],
      ['three', 'IPv4', '5000,9090', '10.244.0.5,10.244.0.6,10.244.0.9 + 2 more...', '0s'],
    ]);
  });

  it('get cronjobs: ACTIVE stays 0 after create and create job --from, until the first scheduled run', async () => {
    await kubectl('create', 'namespace', 'cron');
    await kubectl('create', 'cronjob', 'hello', '-n', 'cron', '--image=busybox:1.36', '--schedule=*/5 * * * *', '--', 'echo', 'hi');
    await kubectl('create', 'job', 'hello-manual', '-n', 'cron', '--from=cronjob/hello');
    // The controller has seen the hand-made job once it reports it.
    await waitFor(async () => (await kubectl('get', 'events', '-n', 'cron')).includes('Saw a job that the controller did not create or forgot: hello-manual'), 'UnexpectedJob');
    const active = async () => rows(await kubectl('get', 'cronjobs', '-n', 'cron'))[1][4];
    expect(rows(await kubectl('get', 'cronjobs', '-n', 'cron'))[0]).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(await active()).toBe('0');
    const now = sim.clock.now();
    const next = Math.ceil((now + 1) / 300_000) * 300_000;
    await sim.clock.advance(next - now - 1000);
    expect(await active()).toBe('0');
    await sim.clock.advance(1000);
    await waitFor(async () => (await active()) === '1', 'ACTIVE 1 after the scheduled time');
  });

  it('create cronjob: a malformed schedule or an unknown timeZone is refused at once', async () => {
    await kubectl('create', 'namespace', 'bad');
    expect(await refused('create', 'cronjob', 'x', '-n', 'bad', '--image=busybox', '--schedule=61 * * * *'))
      .toBe('error: failed to create cronjob: CronJob.batch "x" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
    expect(await refused('create', 'cronjob', 'x', '-n', 'bad', '--image=busybox', '--schedule=* * *'))
      .toBe('error: failed to create cronjob: CronJob.batch "x" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]');
    expect(await refused('create', 'cronjob', 'x', '-n', 'bad', '--image=busybox', '--schedule=TZ=UTC */5 * * * *'))
      .toBe('error: failed to create cronjob: CronJob.batch "x" is invalid: spec.schedule: Invalid value: "TZ=UTC */5 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    const manifest = (tz: string) => `{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"tz","namespace":"bad"},"spec":{"schedule":"*/5 * * * *","timeZone":${JSON.stringify(tz)},"jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}}}}}}`;
    writeFileSync(join(dir, 'tz.json'), manifest('Mars/Base'));
    expect(await refused('apply', '-f', join(dir, 'tz.json'))).toBe('The CronJob "tz" is invalid: spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base');
    writeFileSync(join(dir, 'tz.json'), manifest('europe/paris'));
    expect(await refused('apply', '-f', join(dir, 'tz.json'))).toBe('The CronJob "tz" is invalid: spec.timeZone: Invalid value: "europe/paris": unknown time zone europe/paris');
    writeFileSync(join(dir, 'tz.json'), manifest('Europe/Paris'));
    expect(await kubectl('apply', '-f', join(dir, 'tz.json'))).toBe('cronjob.batch/tz created\n');
    expect(await kubectl('create', 'cronjob', 'every', '-n', 'bad', '--image=busybox', '--schedule=@every 90s')).toBe('cronjob.batch/every created\n');
  });
});
