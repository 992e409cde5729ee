// `:ctx` on a real control plane: one kdash session moves from the student's context to the admin's
// and back, reading the kubeconfig file as kdash does; each context brings its own namespace, rows and
// permissions, and nothing of the other stays on screen.
import { describe, expect, it } from 'vitest';
import { startRig } from '../support/rig.js';
import { api, e2e, kdash, kubectl, NAMESPACE } from './support.js';
import { trimObject } from '../../src/store/trim.js';
import { describeSecret } from '../../src/resources/secretData.js';
import { kindById } from '../../src/resources/registry.js';
import type { KObj } from '../../src/resources/types.js';

const headerOf = (frame: string) => frame.split('\n')[0];

describe(':ctx on a real control plane', () => {
  it('switches between e2e-student and e2e-admin in one session', async () => {
    const r = await startRig({ kubeconfigPath: e2e().kubeconfigPath });
    try {
      await r.waitForRow(/webnodb-\S+\s+1\/1\s+Running/, 60_000);
      expect(headerOf(r.frame())).toMatch(new RegExp(`│ e2e-student │.*user e2e-student │ ns ${NAMESPACE}`));
      const student = r.runtime;
      await r.press(':');
      await r.waitForFrame((f) => /^:/.test(f.split('\n').at(-1) ?? ''), 'the : prompt');
      await r.type('ctx');
      await r.press('enter');
      const list = await r.waitForFrame((f) => /CURRENT\s+NAME\s+CLUSTER\s+AUTHINFO\s+NAMESPACE/.test(f), 'the contexts');
      expect(list).toMatch(new RegExp(`\\*\\s+e2e-student\\s+e2e\\s+e2e-student\\s+${NAMESPACE}`));
      await r.select(/e2e-admin\s+e2e\s+e2e-admin\s+default/);
      await r.press('enter');
      await r.waitForFrame((f) => /│ e2e-admin │.*user e2e-admin │ ns default/.test(headerOf(f)), 'the admin context', 30_000);
      await r.waitForFrame((f) => !/webnodb-/.test(f) && /pods\(default\)/.test(f), "the admin's own namespace, without the student's rows", 30_000);
      expect(student.watches.active()).toEqual([]);
      // The admin lists namespaces: `:ns` is the namespaces table, not the student's short list.
      await r.press(':');
      await r.waitForFrame((f) => /^:/.test(f.split('\n').at(-1) ?? ''), 'the : prompt');
      await r.type('ns');
      await r.press('enter');
      await r.waitForRow(/kube-system\s+Active/, 30_000);
      await r.press(':');
      await r.waitForFrame((f) => /^:/.test(f.split('\n').at(-1) ?? ''), 'the : prompt');
      await r.type('ctx e2e-student');
      await r.press('enter');
      await r.waitForFrame((f) => new RegExp(`│ e2e-student │.*ns ${NAMESPACE}`).test(headerOf(f)), 'the student again', 30_000);
      await r.waitForRow(/webnodb-\S+\s+1\/1\s+Running/, 30_000);
      // And the student's `:ns` is the list of namespaces known to work (listing them is forbidden).
      await r.press(':');
      await r.waitForFrame((f) => /^:/.test(f.split('\n').at(-1) ?? ''), 'the : prompt');
      await r.type('ns');
      await r.press('enter');
      const mine = await r.waitForFrame((f) => /namespaces you can use/.test(f), 'the namespace list');
      expect(mine).toMatch(new RegExp(`${NAMESPACE}\\s+this context`));
    } finally {
      await r.stop();
    }
  });
});

describe('secrets on a real control plane', () => {
  it('--once --view secrets prints what kubectl get secrets prints, and no value', async () => {
    const value = 's3cr3t-value-for-e2e';
    await kubectl(['delete', 'secret', 'e2e-creds', '--ignore-not-found']);
    const made = await kubectl(['create', 'secret', 'generic', 'e2e-creds', `--from-literal=password=${value}`, '--from-literal=user=bob']);
    expect(made.code).toBe(0);
    try {
      const [ours, theirs] = await Promise.all([kdash(['--once', '--view', 'secrets']), kubectl(['get', 'secrets'])]);
      expect(ours.code).toBe(0);
      const ageless = (t: string) => t.trimEnd().replace(/\s+\d+[smhd](\d+[smh])?$/gm, ' <age>');
      expect(ageless(ours.stdout)).toBe(ageless(theirs.stdout));
      expect(ours.stdout + ours.stderr).not.toContain(value);
      expect(ours.stdout + ours.stderr).not.toContain(Buffer.from(value).toString('base64'));
      // kdash's describe (from the object as the store keeps it: sizes only) is kubectl describe's.
      const described = await kubectl(['describe', 'secret', 'e2e-creds']);
      const kept = trimObject((await api('student').objects.get(kindById('secrets')!, NAMESPACE, 'e2e-creds')) as KObj);
      expect(JSON.stringify(kept)).not.toContain(Buffer.from(value).toString('base64'));
      expect(describeSecret(kept)).toBe(described.stdout);
    } finally {
      await kubectl(['delete', 'secret', 'e2e-creds', '--ignore-not-found']);
    }
  });
});
