// The parity table of parity/apiParityCases.ts against the real control plane: every expected
// answer there must be what kube-apiserver really says, including the cases the embedded cluster still
// answers differently (KNOWN_DIFFERENCES), so the table stays true. packages/sim/test/api/apiParity.test.ts runs
// the same table against the embedded cluster.
import { execFile } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { parityCases, type ParityTarget } from '../../parity/apiParityCases.js';
import { runCase } from '../../parity/apiParityRun.js';
import { e2e, until } from './support.js';

const NS = 'simparity';

function https(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Headers; text: string }> {
  const { server, caPem } = e2e();
  return new Promise((resolve, reject) => {
    const req = request(server + path, { method, ca: caPem, headers, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) for (const x of [v ?? []].flat()) h.append(k, String(x));
        resolve({ status: res.statusCode ?? 0, headers: h, text });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const target: ParityTarget = {
  label: 'real',
  http(req) {
    const headers: Record<string, string> = { 'content-type': req.contentType ?? 'application/json', accept: req.accept ?? 'application/json' };
    const user = req.user ?? 'admin';
    if (user !== 'anonymous') headers.authorization = `Bearer ${e2e().tokens[user]}`;
    return https(req.method, req.path, headers, req.body === undefined ? undefined : JSON.stringify(req.body));
  },
  kubectl(args, stdin) {
    return new Promise((resolve) => {
      const p = execFile(join(e2e().bin, 'kubectl'), ['--kubeconfig', e2e().adminKubeconfigPath, '-n', NS, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
      p.stdin?.end(stdin ?? '');
    });
  },
};

describe('kube-apiserver answers the parity table as it says', () => {
  beforeAll(async () => {
    const res = await target.http({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: NS } } });
    if (res.status !== 201) throw new Error(res.text);
    // Pods need the namespace's default service account, which the controller-manager creates.
    await until('the default service account in simparity', async () => (await target.http({ method: 'GET', path: `/api/v1/namespaces/${NS}/serviceaccounts/default` })).status === 200);
  });

  for (const c of parityCases(NS)) it(c.name, () => runCase(target, c));
});
