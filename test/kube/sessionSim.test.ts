// Sessions against the embedded cluster, with its real RBAC: a namespace-only student and an admin.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/kube/errors.js';
import { openSession, openSessionFromKubeConfig } from '../../src/kube/session.js';
import { makeTypedApi } from '../support/typedApi.js';
import { startSim } from '@kdash/sim';
import { tempDir } from './helpers.js';

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
});
afterAll(async () => {
  await sim?.stop();
});

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect((err as Error | undefined)?.name).toBe('UserError');
  return (err as Error).message;
}

describe('permissions on the embedded cluster', () => {
  it('lets the student list pods in vgauthier but not nodes, and says why', async () => {
    const s = await openSessionFromKubeConfig(sim.kubeConfig('student'), { namespace: 'vgauthier' });
    const p = s.permissions;
    expect(p.can('list', 'pods', '', 'vgauthier')).toEqual({ allowed: true });
    expect(p.can('watch', 'deployments', 'apps', 'vgauthier')).toEqual({ allowed: true });
    expect(p.can('patch', 'deployments/scale', 'apps', 'vgauthier')).toEqual({ allowed: true });
    expect(p.can('list', 'nodes', '')).toEqual({ allowed: false, reason: 'you cannot list nodes (cluster-scoped) with this account' });
    expect(p.can('watch', 'namespaces', '')).toEqual({ allowed: false, reason: 'you cannot watch namespaces (cluster-scoped) with this account' });
    expect(p.namespaceOnly).toBe(true);
    expect(p.summary).toBe('namespace vgauthier only — nodes, namespaces hidden');
    // The session's API really is the student's: the cluster refuses nodes with a one-line reason.
    const err = await makeTypedApi(s.api.kc).core.listNode().then(() => undefined, (e: unknown) => e);
    expect(describeError(err)).toMatch(/^forbidden: nodes is forbidden: User "vgauthier" cannot list resource "nodes"/);
  });

  it('tells the student with --all-namespaces that only their namespace is visible', async () => {
    const s = await openSessionFromKubeConfig(sim.kubeConfig('student'), { namespace: 'vgauthier', allNamespaces: true });
    expect(s.permissions.can('list', 'pods', '')).toEqual({ allowed: false, reason: 'you cannot list pods across all namespaces with this account' });
    expect(s.permissions.can('list', 'pods', '', 'vgauthier')).toEqual({ allowed: true });
    expect(s.permissions.summary).toBe('namespace vgauthier only — nodes, namespaces hidden; no view across all namespaces');
  });

  it('lets the admin do everything', async () => {
    const s = await openSessionFromKubeConfig(sim.kubeConfig('admin'), { namespace: 'vgauthier' });
    const p = s.permissions;
    for (const [verb, resource, group, ns] of [
      ['list', 'nodes', '', undefined],
      ['list', 'namespaces', '', undefined],
      ['delete', 'pods', '', 'vgauthier'],
      ['patch', 'deployments', 'apps', 'vgauthier'],
    ] as const) {
      expect(p.can(verb, resource, group, ns)).toEqual({ allowed: true });
    }
    expect(p.namespaceOnly).toBe(false);
    expect(p.summary).toBe('cluster admin');
    expect(s.serverVersion).toMatch(/^v\d+\.\d+/);
  });
});

describe('sessions on the embedded cluster', () => {
  it('opens from a kubeconfig file the cluster wrote, on its context namespace', async () => {
    const file = path.join(tempDir(), 'config');
    await sim.writeKubeconfig(file);
    const s = await openSession({ kubeconfig: file });
    expect(s.server.startsWith(sim.url)).toBe(true);
    expect(s).toMatchObject({ contextName: 'sim-student', user: 'vgauthier', namespace: 'vgauthier', sources: [file] });
    expect(s.permissions.namespaceOnly).toBe(true);
    const admin = await openSession({ kubeconfig: file, context: 'sim-admin', namespace: 'vgauthier' });
    expect(admin.permissions.summary).toBe('cluster admin');
  });

  it('says a namespace does not exist when the user may read namespaces', async () => {
    const s = openSessionFromKubeConfig(sim.kubeConfig('admin'), { namespace: 'does-not-exist' });
    expect(await failure(s)).toBe('namespace "does-not-exist" not found');
  });

  it('refuses the student a foreign namespace in one line', async () => {
    const s = openSessionFromKubeConfig(sim.kubeConfig('student'), { namespace: 'kube-system' });
    expect(await failure(s)).toBe('namespace "kube-system" not found or not open to this account (you cannot read it or list its pods)');
  });

  it('reports a wrong token as expired or invalid credentials', async () => {
    const file = path.join(tempDir(), 'config');
    fs.writeFileSync(
      file,
      YAML.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'sim', cluster: { server: sim.url, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'someone', user: { token: 'not-a-valid-token' } }],
        contexts: [{ name: 'sim', context: { cluster: 'sim', user: 'someone' } }],
        'current-context': 'sim',
      }),
    );
    expect(await failure(openSession({ kubeconfig: file }))).toBe(
      `credentials expired or invalid for user "someone" (401 Unauthorized) — log in again or renew the credentials in the kubeconfig (context sim, kubeconfig ${file})`,
    );
  });
});
