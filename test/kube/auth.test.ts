// Credentials from the kubeconfig reach the server: token, token-file, client certificate, exec plugin.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { makeTypedApi } from '../support/typedApi.js';
import { checkReachable } from '../../src/kube/reachability.js';
import { describeError } from '../../src/kube/errors.js';
import { makeCert, startFakeServer, startTlsServer, tempDir, writeKubeconfig, type FakeServer } from './helpers.js';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function track(p: Promise<FakeServer>): Promise<FakeServer> {
  const s = await p;
  servers.push(s);
  return s;
}

function config(dir: string, server: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  return writeKubeconfig(path.join(dir, 'config'), {
    clusters: [{ name: 'c', cluster: { server, ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'c',
  });
}

/** A shell script exec plugin that counts its runs and prints an ExecCredential. */
function writePlugin(dir: string, body: string): string {
  const file = path.join(dir, 'plugin.sh');
  fs.writeFileSync(file, `#!/bin/sh\necho run >> "$RUNS_FILE"\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('credentials from the kubeconfig', () => {
  it('sends a static token', async () => {
    const srv = await track(startFakeServer());
    const { kc } = loadKubeconfig({ kubeconfig: config(tempDir(), srv.url, { token: 'static-token' }) });
    expect(await checkReachable(kc)).toEqual({ ok: true, version: 'v1.31.0-fake' });
    expect(srv.received.at(-1)).toMatchObject({ url: '/version', authorization: 'Bearer static-token' });
  });

  it('reads a relative token-file next to the kubeconfig', async () => {
    const srv = await track(startFakeServer());
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'tok'), 'file-token');
    const { kc } = loadKubeconfig({ kubeconfig: config(dir, srv.url, { 'token-file': 'tok' }) });
    await makeTypedApi(kc).core.listNamespacedPod({ namespace: 'x' }).catch(() => undefined);
    expect(srv.received.at(-1)?.authorization).toBe('Bearer file-token');
  });

  it('runs the exec plugin (relative command, args, env) and sends its token, once for many requests', async () => {
    const srv = await track(startFakeServer());
    const dir = tempDir();
    const runs = path.join(dir, 'runs');
    writePlugin(dir, `
case "$KUBERNETES_EXEC_INFO" in *ExecCredential*) ;; *) echo "no exec info" >&2; exit 3;; esac
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-'"$1"'"}}'`);
    const file = config(dir, srv.url, {
      exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './plugin.sh', args: ['abc'], env: [{ name: 'RUNS_FILE', value: runs }] },
    });
    const { kc } = loadKubeconfig({ kubeconfig: file });
    expect((await checkReachable(kc)).ok).toBe(true);
    const api = makeTypedApi(kc);
    await Promise.all([1, 2, 3].map(() => api.core.listNamespacedPod({ namespace: 'x' }).catch(() => undefined)));
    expect(srv.received.map((r) => r.authorization)).toEqual(Array(4).fill('Bearer exec-abc'));
    expect(fs.readFileSync(runs, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('runs the exec plugin again when its credential has expired', async () => {
    const srv = await track(startFakeServer());
    const dir = tempDir();
    const runs = path.join(dir, 'runs');
    writePlugin(dir, `echo '{"kind":"ExecCredential","status":{"token":"short","expirationTimestamp":"2001-01-01T00:00:00Z"}}'`);
    const { kc } = loadKubeconfig({ kubeconfig: config(dir, srv.url, { exec: { command: './plugin.sh', env: [{ name: 'RUNS_FILE', value: runs }] } }) });
    await checkReachable(kc);
    await checkReachable(kc);
    expect(fs.readFileSync(runs, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('names a failing exec plugin and shows the first line of its stderr', async () => {
    const srv = await track(startFakeServer());
    const dir = tempDir();
    writePlugin(dir, 'echo "ERROR: gcloud credentials expired, run gcloud auth login" >&2\necho "more detail" >&2\nexit 1');
    const { kc } = loadKubeconfig({ kubeconfig: config(dir, srv.url, { exec: { command: './plugin.sh', env: [{ name: 'RUNS_FILE', value: path.join(dir, 'r') }] } }) });
    const res = await checkReachable(kc);
    expect(res).toMatchObject({ ok: false, message: 'exec plugin "plugin.sh" failed: ERROR: gcloud credentials expired, run gcloud auth login' });
    // API calls made later (watchers, actions) fail with the same line.
    const err = await makeTypedApi(kc).core.listNamespacedPod({ namespace: 'x' }).then(() => undefined, (e: unknown) => e);
    expect(describeError(err)).toBe('exec plugin "plugin.sh" failed: ERROR: gcloud credentials expired, run gcloud auth login');
    expect(srv.received).toHaveLength(0);
  });

  it('says when the exec plugin is not installed, with its install hint', async () => {
    const srv = await track(startFakeServer());
    const { kc } = loadKubeconfig({
      kubeconfig: config(tempDir(), srv.url, {
        exec: { command: 'gke-gcloud-auth-plugin-not-here', installHint: 'Install gke-gcloud-auth-plugin for use with kubectl' },
      }),
    });
    expect(await checkReachable(kc)).toMatchObject({
      ok: false,
      message: 'exec plugin "gke-gcloud-auth-plugin-not-here" failed: not found — Install gke-gcloud-auth-plugin for use with kubectl',
    });
  });
});

describe('TLS from the kubeconfig', () => {
  it('trusts the certificate-authority and presents the client certificate, both relative paths', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'pki'));
    const serverCert = makeCert(path.join(dir, 'pki'));
    const clientCert = makeCert(path.join(dir, 'pki'), 'student');
    const srv = await track(startTlsServer(serverCert, clientCert));
    const file = config(
      dir,
      srv.url,
      { 'client-certificate': 'pki/student.crt', 'client-key': 'pki/student.key' },
      { 'certificate-authority': 'pki/127.0.0.1.crt' },
    );
    const { kc } = loadKubeconfig({ kubeconfig: file });
    expect(await checkReachable(kc)).toEqual({ ok: true, version: 'v1.31.0-fake' });
    expect(srv.received.at(-1)?.clientCN).toBe('student');
    // The generated API clients use the same TLS settings.
    await makeTypedApi(kc).core.listNamespacedPod({ namespace: 'x' }).catch(() => undefined);
    expect(srv.received.at(-1)).toMatchObject({ url: '/api/v1/namespaces/x/pods', clientCN: 'student' });
  });

  it('refuses a self-signed server without certificate-authority, with a one-line reason', async () => {
    const dir = tempDir();
    const srv = await track(startTlsServer(makeCert(dir)));
    const file = config(dir, srv.url, { token: 't' });
    const res = await checkReachable(loadKubeconfig({ kubeconfig: file }).kc, 3000, { kubeconfig: file });
    expect(res).toMatchObject({
      ok: false,
      message: `TLS error talking to ${srv.url}: its certificate is not trusted (self-signed or unknown authority) — set certificate-authority in the kubeconfig (context c, kubeconfig ${file})`,
    });
  });

  it('uses the in-cluster service account: its CA, its token, its namespace', async () => {
    const sa = tempDir();
    const cert = makeCert(sa);
    fs.renameSync(cert.certFile, path.join(sa, 'ca.crt'));
    fs.writeFileSync(path.join(sa, 'token'), 'sa-token');
    fs.writeFileSync(path.join(sa, 'namespace'), 'team-a');
    const srv = await track(startTlsServer(cert));
    const port = new URL(srv.url).port;
    const loaded = loadKubeconfig({ env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port }, home: tempDir(), serviceAccountDir: sa });
    expect(await checkReachable(loaded.kc)).toEqual({ ok: true, version: 'v1.31.0-fake' });
    expect(srv.received.at(-1)?.authorization).toBe('Bearer sa-token');
    expect(loaded.namespace).toBe('team-a');
  });

  it('accepts the self-signed server with insecure-skip-tls-verify', async () => {
    const dir = tempDir();
    const srv = await track(startTlsServer(makeCert(dir)));
    const file = config(dir, srv.url, { token: 't' }, { 'insecure-skip-tls-verify': true });
    expect((await checkReachable(loadKubeconfig({ kubeconfig: file }).kc)).ok).toBe(true);
  });
});
