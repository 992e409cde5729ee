// The dashboard as a user drives it, against the embedded classroom cluster over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../support/rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('dashboard', () => {
  it('shows the classroom pods with kubectl columns and the header', async () => {
    rig = await startRig();
    const f = await rig.waitForRow(/webnodb-\S+\s+1\/1\s+Running/);
    expect(f).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(f).toContain('vgauthier');
    expect(f).toMatch(/CrashLoopBackOff/);
    expect(f).toMatch(/sim-student/);
  });

  it('switches view with :deploy and drills into a deployment\'s pods with Enter', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await rig.press(':');
    await rig.type('deploy');
    await rig.press('enter');
    await rig.waitForRow(/ webnodb\s+3\/3/);
    await rig.select(/^\s*webnodb\s/);
    await rig.press('enter');
    const f = await rig.waitForFrame((fr) => (fr.match(/webnodb-\S+\s+1\/1/g) ?? []).length === 3 && !/redis-/.test(fr), '3 webnodb pods only');
    expect(f).not.toMatch(/redis/);
    await rig.press('esc');
    await rig.waitForRow(/ redis\s+1\/1/);
  });

  it('filters with / and shows help with ?', async () => {
    rig = await startRig();
    await rig.waitForRow(/redis-/);
    await rig.press('/');
    await rig.type('web');
    await rig.press('enter');
    await rig.waitForFrame((f) => /webnodb-/.test(f) && !/redis-/.test(f), 'only web rows');
    await rig.press('?');
    await rig.waitFor(/<ctrl\+d>\s+delete/);
    await rig.press('esc');
    await rig.waitForRow(/webnodb-/);
  });

  it('shows a change made through the API without any key press', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    const api = rig.api;
    await api.core.createNamespacedConfigMap({ namespace: 'vgauthier', body: { metadata: { name: 'hello-live' }, data: { a: '1' } } });
    await rig.press(':');
    await rig.type('cm');
    await rig.press('enter');
    await rig.waitForRow(/hello-live\s+1/);
    await api.core.deleteNamespacedConfigMap({ namespace: 'vgauthier', name: 'hello-live' });
    await rig.waitForFrame((f) => !/hello-live/.test(f), 'the deleted config map to disappear');
  });

  it('tells a namespace-only student calmly that nodes are not available, once', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    const before = rig.sim.requests.countPath('/api/v1/nodes');
    await rig.press(':');
    await rig.type('no');
    await rig.press('enter');
    await rig.waitFor(/nodes are not available to this account/);
    // Other views keep running meanwhile (pods, quota, metrics): only node requests are counted.
    await rig.press('j');
    await rig.press('k');
    // At most one list (403) — none when the permission reviews already said no — never a retry storm.
    expect(rig.sim.requests.countPath('/api/v1/nodes') - before).toBeLessThanOrEqual(1);
  });

  it('says the terminal is too small below 80×24', async () => {
    rig = await startRig({ columns: 60, rows: 20 });
    await rig.waitFor(/terminal too small: 60×20, kdash needs at least 80×24/);
  });

  it('quits with q', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await rig.press('q');
    expect(rig.exitCode()).toBe(0);
  });
});
