// :down and :up in the dashboard confirm against the namespace as it is when the person presses y: a
// change made while they read the plan is shown and asked about again; what runs is what they saw.
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../support/rig.js';
import { tinyDeployment } from '../support/manifests.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const NS = 'vgauthier';
const replicas = (r: Rig, name: string) => r.sim.store.get('deployments.apps', NS, name)?.spec.replicas;

async function openShutdown(r: Rig, mode: 'down' | 'up'): Promise<void> {
  await r.press(':');
  await r.type(mode);
  await r.press('enter');
  await r.waitFor(mode === 'down' ? /y shut down/ : /y restore/);
}

describe(':down confirms the namespace as it is now', () => {
  it('a deployment created while the plan is read is shown and asked about; the second y scales it too', async () => {
    rig = await startRig({ columns: 120, rows: 40 });
    await rig.waitForRow(/webnodb-/);
    await openShutdown(rig, 'down');
    expect(rig.frame()).not.toContain('deployment.apps/late');
    await rig.api.apps.createNamespacedDeployment({ namespace: NS, body: tinyDeployment('late', 1) });
    rig.sim.requests.reset();
    await rig.press('y');
    await rig.waitFor('the namespace changed while you read the plan');
    await rig.waitFor('scale deployment.apps/late 1 → 0');
    expect(rig.sim.requests.mutating()).toEqual([]);
    await rig.press('y');
    const done = await rig.waitFor(/down vgauthier: /, 60_000);
    expect(done, done).toMatch(/deployment\.apps\/late scaled 1 → 0/);
    expect(replicas(rig, 'late')).toBe(0);
    expect(replicas(rig, 'webnodb')).toBe(0);
  });

  it(':up restores the plan as it is now: a recorded deployment deleted meanwhile drops out and is asked again', async () => {
    rig = await startRig({ columns: 120, rows: 40 });
    await rig.waitForRow(/webnodb-/);
    await openShutdown(rig, 'down');
    await rig.press('y');
    await rig.waitFor(/down vgauthier: /, 60_000);
    await rig.press('q'); // back to the table (q goes back in a sub-view)
    await rig.waitForFrame((f) => !f.includes('› down vgauthier'), 'back to the table');
    await openShutdown(rig, 'up');
    await rig.waitFor('deployment.apps/redis');
    await rig.api.apps.deleteNamespacedDeployment({ namespace: NS, name: 'redis' });
    await rig.press('y');
    await rig.waitFor('the namespace changed while you read the plan');
    await rig.waitForFrame((f) => !f.includes('deployment.apps/redis'), 'redis to leave the plan');
    await rig.press('y');
    await rig.waitFor(/up vgauthier: \d+ objects? restored/, 60_000);
    expect(replicas(rig, 'webnodb')).toBe(3);
  });
});
