// Opening a session against a fake API server whose namespace answers we control. The embedded
// cluster (real RBAC) is covered in sessionSim.test.ts.
import path from 'node:path';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/kube/session.js';
import { simpleConfig, startFakeServer, tempDir, writeKubeconfig, type FakeServer } from './helpers.js';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function send(res: http.ServerResponse, code: number, body: object) {
  res.statusCode = code;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** A server where namespace GETs answer `nsCode`, pod lists in `podsOk` namespaces work, all else is 403. */
async function cluster(nsCode: number, podsOk: string[]) {
  const srv = await startFakeServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/version') return send(res, 200, { gitVersion: 'v1.30.2' });
    const ns = /^\/api\/v1\/namespaces\/([^/?]+)$/.exec(url);
    if (ns) {
      if (nsCode === 200) return send(res, 200, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: ns[1] } });
      const reason = nsCode === 404 ? 'NotFound' : 'Forbidden';
      return send(res, nsCode, { kind: 'Status', code: nsCode, reason, message: `namespaces "${ns[1]}" ${nsCode === 404 ? 'not found' : 'is forbidden'}`, details: { name: ns[1], kind: 'namespaces' } });
    }
    const pods = /^\/api\/v1\/namespaces\/([^/?]+)\/pods\?limit=1$/.exec(url);
    if (pods && podsOk.includes(pods[1])) return send(res, 200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [] });
    send(res, 403, { kind: 'Status', code: 403, reason: 'Forbidden', message: 'forbidden' });
  });
  servers.push(srv);
  const file = writeKubeconfig(path.join(tempDir(), 'config'), simpleConfig('ctx', srv.url, { namespace: 'ctx-ns' }));
  return { srv, file };
}

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).name).toBe('UserError');
  return (err as Error).message;
}

describe('openSession', () => {
  it('opens on the context namespace and reports what it found', async () => {
    const { srv, file } = await cluster(200, []);
    const s = await openSession({ kubeconfig: file, readonly: true });
    expect(s).toMatchObject({ contextName: 'ctx', server: srv.url, user: 'ctx', namespace: 'ctx-ns', allNamespaces: false, readonly: true, serverVersion: 'v1.30.2', sources: [file] });
    expect(srv.received.some((r) => r.url === '/api/v1/namespaces/ctx-ns')).toBe(true);
  });

  it('--namespace overrides the context namespace; a 404 says the namespace does not exist', async () => {
    const { file } = await cluster(404, []);
    expect(await failure(openSession({ kubeconfig: file, namespace: 'nope' }))).toBe('namespace "nope" not found');
  });

  it('accepts a namespace the user cannot GET but can list pods in (namespace-only user)', async () => {
    const { file } = await cluster(403, ['mine']);
    const s = await openSession({ kubeconfig: file, namespace: 'mine' });
    expect(s.namespace).toBe('mine');
    expect(s.permissions.can('list', 'nodes', '').allowed).toBe(false);
  });

  it('refuses a namespace the user can neither GET nor list pods in', async () => {
    const { file } = await cluster(403, ['mine']);
    expect(await failure(openSession({ kubeconfig: file, namespace: 'theirs' }))).toBe(
      'namespace "theirs" not found or not open to this account (you cannot read it or list its pods)',
    );
  });

  it('skips the namespace check with --all-namespaces', async () => {
    const { srv, file } = await cluster(404, []);
    const s = await openSession({ kubeconfig: file, allNamespaces: true });
    expect(s.allNamespaces).toBe(true);
    expect(srv.received.some((r) => r.url === '/api/v1/namespaces/ctx-ns')).toBe(false);
    expect(s.permissions.can('list', 'pods', '')).toEqual({ allowed: false, reason: 'you cannot list pods across all namespaces with this account' });
  });
});

describe('the checks before the first screen', () => {
  it('go out together: reachability, the namespace and every permission review are asked before any is answered', async () => {
    // Nothing is answered until the requests stop coming for 300 ms (or 3 s pass): checks sent one round
    // after another would show up here as /version alone.
    const held: (() => void)[] = [];
    let answered = false;
    let inBeforeAnswers = 0;
    let quiet: NodeJS.Timeout | undefined;
    const release = () => {
      answered = true;
      inBeforeAnswers = srv.received.length;
      for (const answer of held.splice(0)) answer();
    };
    const giveUp = setTimeout(release, 3000);
    const srv = await startFakeServer((req, res) => {
      const url = req.url ?? '';
      const answer = () => {
        if (url === '/version') return send(res, 200, { gitVersion: 'v1.30.2' });
        if (url === '/api/v1/namespaces/ctx-ns') return send(res, 200, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'ctx-ns' } });
        if (url.endsWith('/selfsubjectrulesreviews')) return send(res, 201, { status: { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], incomplete: false } });
        if (url.endsWith('/selfsubjectaccessreviews')) return send(res, 201, { status: { allowed: true } });
        send(res, 404, { kind: 'Status', code: 404, reason: 'NotFound', message: 'not found' });
      };
      if (answered) return answer();
      held.push(answer);
      clearTimeout(quiet);
      quiet = setTimeout(release, 300);
    });
    servers.push(srv);
    const file = writeKubeconfig(path.join(tempDir(), 'config'), simpleConfig('ctx', srv.url, { namespace: 'ctx-ns' }));
    try {
      const s = await openSession({ kubeconfig: file });
      expect(s.permissions.can('list', 'nodes', '').allowed).toBe(true);
    } finally {
      clearTimeout(giveUp);
      clearTimeout(quiet);
    }
    const urls = srv.received.map((r) => r.url);
    expect(urls).toContain('/version');
    expect(urls).toContain('/api/v1/namespaces/ctx-ns');
    expect(urls.filter((u) => u.endsWith('/selfsubjectrulesreviews'))).toHaveLength(1);
    expect(urls.filter((u) => u.endsWith('/selfsubjectaccessreviews')).length).toBeGreaterThan(0);
    // All of them were in before the first answer.
    expect(inBeforeAnswers).toBe(urls.length);
  });
});
