// kdash as the student (edit in vgauthier only) against the real control plane: what --once prints is
// what the release's own kubectl prints, and cluster-scoped kinds are refused calmly, asked once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSessionFromKubeConfig } from '../../src/kube/session.js';
import { startRuntime } from '../../src/app/runtime.js';
import { keyOf } from '../../src/store/keys.js';
import { selectObjects, selectWatcher } from '../../src/store/selectors.js';
import { scaleWorkload } from '../../src/actions/scaleWorkload.js';
import { ageless, api, e2e, kdash, kubectl, NAMESPACE, until, waitForDeployment } from './support.js';

/** kdash --once ends with a quota summary line kubectl has no equivalent for. */

interface AuditEvent {
  auditID: string;
  verb: string;
  requestURI: string;
  objectRef?: { resource?: string; namespace?: string };
  user?: { username?: string };
}

function studentRequests(): AuditEvent[] {
  const seen = new Map<string, AuditEvent>();
  for (const line of readFileSync(e2e().auditLogPath, 'utf8').split('\n')) {
    if (!line) continue;
    const ev = JSON.parse(line) as AuditEvent;
    if (ev.user?.username === 'vgauthier') seen.set(ev.auditID, ev);
  }
  return [...seen.values()];
}

describe('kdash as the student on a real control plane', () => {
  it.each(['pods', 'deploy', 'rs', 'svc', 'jobs', 'cm', 'quota'])('--once --view %s prints what kubectl get prints', async (view) => {
    const [ours, theirs] = await Promise.all([kdash(['--once', '--view', view]), kubectl(['get', view])]);
    // stdout is the table alone, as kubectl's; the quota line is a note, on stderr.
    expect(ours.stderr).toMatch(/^(quota \S+: .*\n)?$/);
    expect(ours.code).toBe(0);
    expect(theirs.code).toBe(0);
    expect(ageless(ours.stdout)).toBe(ageless(theirs.stdout));
  });

  it('--once shows the running classroom pods with READY and STATUS', async () => {
    const r = await kdash(['--once']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(r.stdout).toMatch(/^redis-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\d+[smh]/m);
    expect(r.stdout).toMatch(/^webnodb-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\d+[smh]/m);
  });

  it('a pod log travels apiserver → kwok and kdash logs prints it like kubectl logs', async () => {
    const pod = (await kubectl(['get', 'pods', '-l', 'app=webnodb', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout.trim();
    expect(pod).toMatch(/^webnodb-/);
    const [ours, theirs] = await Promise.all([kdash(['logs', pod]), kubectl(['logs', pod])]);
    expect(theirs.stdout.trimEnd().split('\n')).toEqual(e2e().webnodbLog);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    expect(ours.stdout).toBe(theirs.stdout);
  });

  it('cluster-scoped views are refused with one line, no stack trace', async () => {
    for (const view of ['nodes', 'namespaces']) {
      const r = await kdash(['--once', '--view', view]);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`${view} are not available to this account`));
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
  });

  it('a live session marks nodes and namespaces forbidden and never asks the server again', async () => {
    const clusterScoped = () => studentRequests().filter((ev) => ['nodes', 'namespaces'].includes(ev.objectRef?.resource ?? '') && !ev.objectRef?.namespace && ev.verb !== 'get');
    const atStart = clusterScoped().length;
    const session = await openSessionFromKubeConfig(kubeConfig(), { namespace: NAMESPACE });
    expect(session.permissions.can('list', 'nodes', '').allowed).toBe(false);
    const rt = startRuntime(session, { metricsIntervalMs: 60_000 });
    const release = [rt.watches.use('nodes', ''), rt.watches.use('namespaces', ''), rt.watches.use('pods', NAMESPACE)];
    try {
      const state = () => rt.store.getState();
      await until('nodes, namespaces forbidden and pods live', () =>
        selectWatcher(state(), keyOf('nodes', ''))?.phase === 'forbidden' &&
        selectWatcher(state(), keyOf('namespaces', ''))?.phase === 'forbidden' &&
        selectWatcher(state(), keyOf('pods', NAMESPACE))?.phase === 'live');
      const before = clusterScoped().length;
      // A window that ends on a condition: the pods watcher sees a scale made meanwhile.
      const student = api('student');
      expect((await scaleWorkload(student, { kind: 'deployments', namespace: NAMESPACE, name: 'redis' }, 2)).ok).toBe(true);
      await until('the live pods view to show 2 redis pods', () =>
        selectObjects(state(), keyOf('pods', NAMESPACE)).filter((p) => p.metadata?.name?.startsWith('redis-') && p.status?.phase === 'Running').length === 2);
      expect(selectWatcher(state(), keyOf('nodes', ''))?.phase).toBe('forbidden');
      expect(selectWatcher(state(), keyOf('namespaces', ''))?.phase).toBe('forbidden');
      expect(clusterScoped().length).toBe(before);
      // One refused list per kind (the permission check answered from the rules review, no probe).
      expect(before - atStart).toBeLessThanOrEqual(2);
    } finally {
      release.forEach((r) => r());
      await rt.stop();
      // Leave the classroom as the other files expect it, whatever happened above.
      const student = api('student');
      expect((await scaleWorkload(student, { kind: 'deployments', namespace: NAMESPACE, name: 'redis' }, 1)).ok).toBe(true);
      await waitForDeployment(student, 'redis', 1);
    }
  });
});

function kubeConfig() {
  return api('student').kc;
}
