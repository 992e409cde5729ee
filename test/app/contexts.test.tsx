// Contexts and namespaces, live, as a person uses them on the embedded cluster: `:ctx` lists the
// kubeconfig's contexts and Enter moves the whole dashboard to one (header, namespace, rows — none of
// the old context's left, its watches stopped); `:ctx NAME` with Tab completion; a context that fails
// says why in one line and leaves you where you were; `:ns` for a student offers the namespaces known
// to work, and `:ns NAME` says why when it cannot move there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startSim, type Sim } from '@kdash/sim';
import { simContexts } from '../../src/app/demo.js';
import { startRig, type Rig } from '../support/rig.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
});
afterAll(async () => {
  await sim?.stop();
});

const headerOf = (frame: string) => frame.split('\n')[0];

/** Opens the `:` line (waiting for its prompt) and types into it. */
async function command(r: Rig, text: string): Promise<void> {
  await r.press(':');
  await r.waitForFrame((f) => /^:\S*█?\s*$/m.test(f.split('\n').at(-1) ?? ''), 'the : prompt');
  await r.type(text);
}

describe(':ctx and :ns', () => {
  it('lists the contexts and switches between the student and the admin in one session', async () => {
    const r = await startRig({ existing: sim });
    try {
      await r.waitForRow(/webnodb-/);
      const before = r.live.current().runtime;
      await command(r, 'ctx');
      await r.press('enter');
      const list = await r.waitForFrame((f) => /CURRENT\s+NAME\s+CLUSTER\s+AUTHINFO\s+NAMESPACE/.test(f), 'the contexts');
      expect(list).toMatch(/\*\s+sim-student\s+kdash-sim\s+vgauthier\s+vgauthier/);
      expect(list).toMatch(/sim-admin\s+kdash-sim\s+sim-admin\s+default/);
      await r.select(/sim-admin\s+kdash-sim/);
      await r.press('enter');
      const after = await r.waitForFrame((f) => /│ sim-admin │/.test(headerOf(f)), 'the admin context in the header');
      expect(headerOf(after)).toMatch(/user sim-admin │ ns default/);
      await r.waitForFrame((f) => /context sim-admin · namespace default/.test(f), 'the switch notice');
      // No row of the student's namespace survives the switch.
      await r.waitForFrame((f) => /pods\(default\)|NAME\s+READY/.test(f) && !/webnodb-/.test(f), "the admin's default namespace");
      // The student's watches are gone, not merely hidden.
      expect(before.watches.active()).toEqual([]);
      // The admin may go anywhere.
      await command(r, 'ns kube-system');
      await r.press('enter');
      await r.waitForFrame((f) => /ns kube-system/.test(headerOf(f)), 'kube-system');
      // And back, directly, with Tab completing the name.
      await command(r, 'ctx sim-s');
      await r.press('tab');
      await r.waitForFrame((f) => /:ctx sim-student/.test(f), 'the completed name');
      await r.press('enter');
      await r.waitForFrame((f) => /│ sim-student │/.test(headerOf(f)) && /ns vgauthier/.test(headerOf(f)), 'the student again');
      await r.waitForRow(/webnodb-\S+\s+1\/1\s+Running/);
    } finally {
      await r.stop();
    }
  });

  it('refuses an unknown or unreachable context in one line and stays where it was', async () => {
    const kc = simContexts(sim);
    const broken = new KubeConfig();
    broken.loadFromOptions({
      clusters: [...kc.clusters, { name: 'gone', server: 'http://127.0.0.1:9', skipTLSVerify: true }],
      users: kc.users,
      contexts: [...kc.contexts, { name: 'old-course', cluster: 'gone', user: 'vgauthier', namespace: 'vgauthier' }],
      currentContext: 'sim-student',
    });
    const r = await startRig({ kubeConfig: broken });
    try {
      await r.waitForRow(/webnodb-/);
      await command(r, 'ctx nope');
      await r.press('enter');
      await r.waitForFrame((f) => /context "nope" is not in the kubeconfig \(contexts: sim-student, sim-admin, old-course\)/.test(f), 'unknown context');
      await command(r, 'ctx old-course');
      await r.press('enter');
      const refused = await r.waitForFrame((f) => /context old-course failed, still on sim-student: cannot reach http:\/\/127\.0\.0\.1:9/.test(f), 'unreachable context');
      expect(headerOf(refused)).toMatch(/│ sim-student │/);
      await r.waitForRow(/webnodb-\S+\s+1\/1\s+Running/);
    } finally {
      await r.stop();
    }
  });

  it("opens a view the new account may list: from the admin's namespaces table the student lands on pods", async () => {
    const r = await startRig({ existing: sim, user: 'admin', namespace: 'default' });
    try {
      await command(r, 'ns');
      await r.press('enter');
      await r.waitForRow(/kube-system\s+Active/);
      await command(r, 'ctx sim-student');
      await r.press('enter');
      await r.waitForRow(/webnodb-\S+\s+1\/1\s+Running/);
      expect(r.frame()).toMatch(/pods\(vgauthier\)/);
      expect(r.frame()).not.toMatch(/forbidden/);
    } finally {
      await r.stop();
    }
  });

  it.each([false, true])("offers a student the namespaces known to work, and says why one cannot be used (read-only: %s)", async (readonly) => {
    const r = await startRig({ existing: sim, readonly });
    try {
      await r.waitForRow(/webnodb-/);
      await command(r, 'ns');
      await r.press('enter');
      const list = await r.waitForFrame((f) => /namespaces you can use/.test(f), 'the namespace list');
      expect(list).toMatch(/vgauthier\s+this context/);
      expect(list).toMatch(/default\s+kubeconfig/);
      await r.press('esc');
      await command(r, 'ns kube-system');
      await r.press('enter');
      await r.waitForFrame((f) => /namespace "kube-system" not found or not open to this account/.test(f), 'the refusal');
      expect(headerOf(r.frame())).toMatch(/ns vgauthier/);
    } finally {
      await r.stop();
    }
  });
});
