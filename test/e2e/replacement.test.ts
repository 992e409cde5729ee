// The API server is replaced while kdash watches: kube-apiserver and its etcd are killed, and a fresh
// pair (empty etcd, other objects, resourceVersions that mean nothing for the old ones) starts on the
// same address with the same certificate and users. kdash, as the student, must show what kubectl
// shows within 5 s of the new cluster being ready, and never call the old rows live meanwhile.
// This file runs its own etcd + kube-apiserver (the shared control plane stays untouched).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTypedApi, type TypedApi } from '../support/typedApi.js';
import { openSession } from '../../src/kube/session.js';
import { startRuntime, type Runtime } from '../../src/app/runtime.js';
import { keyOf } from '../../src/store/keys.js';
import { selectObjects } from '../../src/store/selectors.js';
import { apiserverArgs, httpsGet, kubeconfigYaml, lastCertificate, NAMESPACE, STUDENT, startEtcd, writeServiceAccountKeys } from './harness/controlPlane.js';
import { freePort, startProcess, waitUntil, type Proc } from './harness/processes.js';
import { e2e, kubeConfig, kubectl, until } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'kdash-e2e-replace-'));
const procs: Proc[] = [];
let runtime: Runtime | undefined;

afterAll(async () => {
  await runtime?.stop();
  for (const p of procs.reverse()) await p.stop();
  if (process.env.KDASH_E2E_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
});

interface Cluster {
  stop(): Promise<void>;
}

/** A fresh etcd (its own data dir) and a kube-apiserver on apiPort sharing dir's certificate, tokens and keys. */
async function startCluster(generation: number, apiPort: number, token: string): Promise<Cluster> {
  const [client, peer] = await Promise.all([freePort(), freePort()]);
  const etcd = startEtcd(e2e().bin, join(dir, `etcd-${generation}`), { client, peer }, join(dir, `etcd-${generation}.log`));
  const api = startProcess('apiserver', join(e2e().bin, 'kube-apiserver'), apiserverArgs(dir, { etcd: client, api: apiPort }), join(dir, `apiserver-${generation}.log`));
  procs.push(etcd, api);
  const ca = await waitUntil('the serving certificate', () => {
    try {
      return lastCertificate(readFileSync(join(dir, 'certs', 'apiserver.crt'), 'utf8'));
    } catch {
      return undefined;
    }
  }, 60_000, [etcd, api]);
  await waitUntil(`kube-apiserver ${generation} /readyz`, async () => (await httpsGet(`https://127.0.0.1:${apiPort}/readyz`, token, ca)).status === 200, 120_000, [etcd, api]);
  return {
    async stop() {
      await api.stop();
      await etcd.stop();
    },
  };
}

/**
 * The namespace, the student's rights there, and configmaps with these names (the first changed
 * `churn` times). Without a controller manager the aggregated `edit` role stays empty, so the student
 * gets a Role with what `edit` gives on these kinds (namespaces come from `view`, aggregated into it).
 */
async function fill(admin: TypedApi, names: string[], churn = 0): Promise<void> {
  await admin.core.createNamespace({ body: { metadata: { name: NAMESPACE } } });
  const rbac = 'rbac.authorization.k8s.io';
  const rbacRef = (plural: string) => ({ group: rbac, version: 'v1', plural, namespaced: true });
  await admin.objects.create(rbacRef('roles'), NAMESPACE, {
    apiVersion: `${rbac}/v1`, kind: 'Role', metadata: { name: 'student', namespace: NAMESPACE },
    rules: [
      { apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
    ],
  });
  await admin.objects.create(rbacRef('rolebindings'), NAMESPACE, {
    apiVersion: `${rbac}/v1`, kind: 'RoleBinding', metadata: { name: 'student', namespace: NAMESPACE },
    roleRef: { apiGroup: rbac, kind: 'Role', name: 'student' },
    subjects: [{ apiGroup: rbac, kind: 'User', name: STUDENT }],
  });
  for (const name of names) await admin.core.createNamespacedConfigMap({ namespace: NAMESPACE, body: { metadata: { name }, data: { n: '0' } } });
  for (let i = 1; i <= churn; i++) {
    await admin.core.replaceNamespacedConfigMap({ name: names[0], namespace: NAMESPACE, body: { metadata: { name: names[0] }, data: { n: String(i) } } });
  }
}

/** What kubectl shows the student: configmap names in the namespace. */
async function kubectlNames(kubeconfig: string): Promise<string[]> {
  const r = await kubectl(['get', 'configmaps', '-n', NAMESPACE, '-o', 'name'], { kubeconfig });
  if (r.code !== 0) throw new Error(r.stderr.trim());
  return r.stdout.split('\n').filter(Boolean).map((l) => l.replace(/^configmap\//, '')).sort();
}

describe('kdash across a replaced API server', () => {
  it('shows exactly what kubectl shows within 5 s of the new cluster, never the old rows as live', { timeout: 600_000 }, async () => {
    const tokens = { admin: randomBytes(16).toString('hex'), student: randomBytes(16).toString('hex') };
    mkdirSync(join(dir, 'certs'));
    writeServiceAccountKeys(dir);
    writeFileSync(join(dir, 'tokens.csv'), `${tokens.admin},admin,uid-admin,"system:masters"\n${tokens.student},vgauthier,uid-vgauthier\n`, { mode: 0o600 });
    const apiPort = await freePort();
    const server = `https://127.0.0.1:${apiPort}`;

    let cluster = await startCluster(1, apiPort, tokens.admin);
    const ca = lastCertificate(readFileSync(join(dir, 'certs', 'apiserver.crt'), 'utf8'));
    const studentConfig = join(dir, 'student.kubeconfig');
    writeFileSync(studentConfig, kubeconfigYaml(server, ca, tokens, 'e2e-student'), { mode: 0o600 });
    const admin = () => makeTypedApi(kubeConfig('admin', studentConfig));
    // The old cluster has more objects and far more history than the new one will have: kdash's
    // resourceVersion is one the new server never issues in this test.
    await fill(admin(), Array.from({ length: 10 }, (_, i) => `old-${i}`), 200);

    const session = await until('the student can open a session', () => openSession({ kubeconfig: studentConfig }), 60_000);
    runtime = startRuntime(session);
    const release = runtime.watches.use('configmaps', NAMESPACE);
    const key = keyOf('configmaps', NAMESPACE);
    const state = () => runtime!.store.getState();
    const shown = () => selectObjects(state(), key).map((o) => o.metadata.name).sort();
    const phase = () => state().watchers[key]?.phase;
    try {
      await until('kdash live with the old cluster', async () => phase() === 'live' && shown().join() === (await kubectlNames(studentConfig)).join(), 60_000);
      await cluster.stop();
      await until('kdash to notice the server is gone', () => phase() !== 'live', 60_000);
      // From here on, old rows must never be called live again.
      const ghostsLive: string[] = [];
      runtime.store.subscribe((s) => {
        const names = selectObjects(s, key).map((o) => o.metadata.name);
        if (s.watchers[key]?.phase === 'live' && names.some((n) => n.startsWith('old-')) && !ghostsLive.length) ghostsLive.push(names.join());
      });
      cluster = await startCluster(2, apiPort, tokens.admin);
      await fill(admin(), ['new-a', 'new-b', 'new-c', 'new-d', 'new-e', 'new-f', 'new-g']);
      const expected = await until('kubectl to show the new cluster as the student', async () => {
        const names = await kubectlNames(studentConfig);
        return names.includes('new-g') ? names : undefined;
      }, 60_000);
      const ready = Date.now();

      await until('kdash to show what kubectl shows', () => phase() === 'live' && shown().join() === expected.join(), 5_000, 50).catch((e: Error) => {
        throw new Error(`${e.message}: kdash ${phase()} [${shown().join(' ')}], kubectl [${expected.join(' ')}], watcher ${JSON.stringify(state().watchers[key])}`);
      });
      expect(Date.now() - ready).toBeLessThan(5_000);
      expect(ghostsLive).toEqual([]);
    } finally {
      release();
      await cluster.stop();
    }
  });
});
