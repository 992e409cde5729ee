// The parity table (parity/apiParityCases.ts) against the embedded cluster: the answers
// kube-apiserver v1.36 gives to the same requests, with raw HTTP and the real kubectl (the kubectl
// cases are skipped without /usr/bin/kubectl). test/e2e/simParity.test.ts runs the same table against
// the real control plane.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import { simFetch } from './support.js';
import { KNOWN_DIFFERENCES, parityCases, type ParityTarget } from '../../../../parity/apiParityCases.js';
import { runCase } from '../../../../parity/apiParityRun.js';

// kubectl v1.36.3 as the e2e suite caches it (the same as simParity's), else the system's.
const KUBECTL = [join(homedir(), '.cache/kdash-e2e/v1.36.3/bin/kubectl'), '/usr/bin/kubectl'].find((p) => existsSync(p)) ?? '/usr/bin/kubectl';
const NS = 'simparity';

let sim: Sim;
let dir: string;

const target: ParityTarget = {
  label: 'sim',
  http(req) {
    const headers: Record<string, string> = { 'content-type': req.contentType ?? 'application/json', accept: req.accept ?? 'application/json' };
    const user = req.user ?? 'admin';
    if (user !== 'anonymous') headers.authorization = `Bearer ${sim.tokens[user]}`;
    return simFetch(sim, req.path, { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body) }).then(async (r) => {
      // A watch ends at its timeoutSeconds: on the manual clock, that time is moved on here.
      const timeout = /[?&]watch=(?:1|true)\b/.test(req.path) ? Number(/[?&]timeoutSeconds=(\d+)/.exec(req.path)?.[1] ?? 0) : 0;
      if (r.ok && timeout) await sim.clock.advance(timeout * 1000);
      return { status: r.status, headers: r.headers, text: await r.text() };
    });
  },
  kubectl(args, stdin) {
    return new Promise((resolve) => {
      const env = { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir };
      const p = execFile(KUBECTL, ['--context', 'sim-admin', '-n', NS, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
      p.stdin?.end(stdin ?? '');
    });
  },
};

describe('the embedded cluster answers the parity table as kube-apiserver does', () => {
  beforeAll(async () => {
    sim = await startSim({ scenario: 'empty', clock: 'manual' });
    dir = mkdtempSync(join(tmpdir(), 'kdash-api-parity-'));
    sim.writeKubeconfig(join(dir, 'config'));
    const res = await target.http({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: NS } } });
    if (res.status !== 201) throw new Error(res.text);
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const c of parityCases(NS)) {
    const usesKubectl = c.steps.some((s) => 'kubectl' in s);
    const skip = (usesKubectl && !existsSync(KUBECTL)) || c.name in KNOWN_DIFFERENCES;
    it.skipIf(skip)(c.name, () => runCase(target, c));
  }
});
