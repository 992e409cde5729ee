// The one line a user sees when the server cannot be used, naming the server, context and kubeconfig.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { checkReachable } from '../../src/kube/reachability.js';
import { openSession } from '../../src/kube/session.js';
import { closedPort, simpleConfig, startFakeServer, tempDir, writeKubeconfig, type FakeServer } from './helpers.js';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function kubeconfigFor(server: string, name = 'gke_x'): string {
  return writeKubeconfig(path.join(tempDir(), 'config'), simpleConfig(name, server, { token: 'tok' }));
}

async function sessionError(kubeconfig: string, extra: { namespace?: string } = {}): Promise<string> {
  try {
    await openSession({ kubeconfig, ...extra, timeoutMs: 1000 });
  } catch (err) {
    expect((err as Error).name).toBe('UserError');
    return (err as Error).message;
  }
  throw new Error('expected openSession to fail');
}

describe('unreachable or refusing servers', () => {
  it('reports a closed port as connection refused, with context and kubeconfig', async () => {
    const server = `http://127.0.0.1:${await closedPort()}`;
    const file = kubeconfigFor(server);
    expect(await sessionError(file)).toBe(`cannot reach ${server}: connection refused (context gke_x, kubeconfig ${file})`);
  });

  it('reports a host name that does not resolve', async () => {
    const file = kubeconfigFor('https://kdash-test.invalid:6443');
    expect(await sessionError(file)).toBe(
      `cannot reach https://kdash-test.invalid:6443: DNS lookup failed for "kdash-test.invalid" (context gke_x, kubeconfig ${file})`,
    );
  });

  it('gives up on a server that accepts but never answers', async () => {
    const srv = await startFakeServer(() => undefined); // never responds
    servers.push(srv);
    const { kc } = loadKubeconfig({ kubeconfig: kubeconfigFor(srv.url, 'silent') });
    const started = Date.now();
    const res = await checkReachable(kc, 200);
    expect(res).toMatchObject({ ok: false, message: `no answer from ${srv.url} within 0.2 s (context silent)` });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports 401 as expired or invalid credentials for the user', async () => {
    const srv = await startFakeServer((_req, res) => {
      res.statusCode = 401;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
    });
    servers.push(srv);
    const file = kubeconfigFor(srv.url, 'prod');
    expect(await sessionError(file)).toBe(
      `credentials expired or invalid for user "prod" (401 Unauthorized) — log in again or renew the credentials in the kubeconfig (context prod, kubeconfig ${file})`,
    );
  });

  it('tells a GKE user (exec plugin) with a rejected token to log in with gcloud', async () => {
    const srv = await startFakeServer((_req, res) => {
      res.statusCode = 401;
      res.end(JSON.stringify({ kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' }));
    });
    servers.push(srv);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'gke-gcloud-auth-plugin'), `#!/bin/sh\necho '{"kind":"ExecCredential","status":{"token":"old"}}'\n`, { mode: 0o755 });
    const file = writeKubeconfig(path.join(dir, 'config'), {
      clusters: [{ name: 'gke_proj_zone_c', cluster: { server: srv.url } }],
      users: [{ name: 'gke_proj_zone_c', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: './gke-gcloud-auth-plugin' } } }],
      contexts: [{ name: 'gke_proj_zone_c', context: { cluster: 'gke_proj_zone_c', user: 'gke_proj_zone_c' } }],
      'current-context': 'gke_proj_zone_c',
    });
    expect(await sessionError(file)).toBe(
      `credentials expired or invalid for user "gke_proj_zone_c" (401 Unauthorized) — log in again (e.g. gcloud auth login) (context gke_proj_zone_c, kubeconfig ${file})`,
    );
    expect(srv.received[0].authorization).toBe('Bearer old');
  });

  it('reports a server that is not Kubernetes', async () => {
    const srv = await startFakeServer((_req, res) => res.end('hello'));
    servers.push(srv);
    const { kc } = loadKubeconfig({ kubeconfig: kubeconfigFor(srv.url) });
    expect(await checkReachable(kc)).toMatchObject({ ok: false, message: `the server at ${srv.url} answered /version with something that is not Kubernetes JSON` });
  });

  it('names a server that answers a web page (a proxy login page), whatever its status', async () => {
    for (const status of [200, 403, 404]) {
      const srv = await startFakeServer((_req, res) => {
        res.statusCode = status;
        res.end('<!DOCTYPE HTML>\n<html>please log in</html>');
      });
      servers.push(srv);
      const { kc } = loadKubeconfig({ kubeconfig: kubeconfigFor(srv.url) });
      const r = await checkReachable(kc);
      expect(r).toMatchObject({ ok: false });
      expect((r as { message: string }).message).toMatch(new RegExp(`^the server at ${srv.url} answered HTML, not the Kubernetes API \\(HTTP ${status}\\)`));
    }
  });
});
