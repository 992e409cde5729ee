// Every prompt is judged on the object as it is when the person confirms, and applies to that object
// (by uid) or is refused in words. Another client changes the cluster while the prompt is open.
import { afterEach, describe, expect, it } from 'vitest';
import { createBarePod as createPod, openDeployments as onDeployments, startRig, type Rig } from '../support/rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const NS = 'vgauthier';
const deployment = (r: Rig, name: string) => r.sim.store.get('deployments.apps', NS, name);

const deletes = (r: Rig) => r.sim.requests.mutating().filter((q) => q.method === 'DELETE').map((q) => q.path.split('?')[0].split('/').pop());

describe('the scale prompt confirms against the object as it is now', () => {
  it('scaled to 0 by someone else meanwhile: says "now 0 replicas" and asks, then scales', async () => {
    rig = await startRig();
    await onDeployments(rig);
    await rig.press('s');
    await rig.waitFor('scale deployment webnodb (now 3)');
    await rig.api.apps.patchNamespacedDeployment({ namespace: NS, name: 'webnodb', body: [{ op: 'replace', path: '/spec/replicas', value: 0 }] });
    await rig.type('3');
    await rig.press('enter');
    await rig.waitFor('deployment webnodb now has 0 replicas; scale to 3? [y/N]');
    expect(deployment(rig, 'webnodb')?.spec.replicas).toBe(0);
    await rig.press('y');
    await rig.waitFor('scaled to 3');
    expect(deployment(rig, 'webnodb')?.spec.replicas).toBe(3);
  });

  it('deleted meanwhile: says the deployment no longer exists, in words, and sends nothing', async () => {
    rig = await startRig();
    await onDeployments(rig);
    await rig.press('s');
    await rig.waitFor('scale deployment webnodb (now 3)');
    await rig.api.apps.deleteNamespacedDeployment({ namespace: NS, name: 'webnodb' });
    await rig.waitForFrame((f) => !/ webnodb\s+\d/.test(f), 'the watch to drop the row (its own notice comes first)');
    rig.sim.requests.reset();
    await rig.type('5');
    await rig.press('enter');
    const f = await rig.waitFor('deployment webnodb no longer exists');
    expect(f).not.toMatch(/HTTP|404/);
    expect(rig.sim.requests.mutating()).toEqual([]);
  });
});

describe('delete confirms against the object the person chose', () => {
  it('a namesake created meanwhile is not deleted: the footer says it was re-created', async () => {
    rig = await startRig();
    await createPod(rig, 'solo');
    await rig.waitForRow(/ solo\s/);
    await rig.select(/^\s*solo\s/);
    await rig.press('ctrl+d');
    await rig.waitFor('delete? [y/N]');
    await rig.api.core.deleteNamespacedPod({ namespace: NS, name: 'solo', gracePeriodSeconds: 0 });
    await createPod(rig, 'solo');
    const second = rig.sim.store.get('pods', NS, 'solo')?.metadata.uid;
    rig.sim.requests.reset();
    await rig.press('y');
    await rig.waitFor('pod solo was deleted and created again since you chose it');
    expect(deletes(rig)).toEqual([]);
    expect(rig.sim.store.get('pods', NS, 'solo')?.metadata.uid).toBe(second);
  });

  it('marked rows: exactly the marked pods are deleted (one hidden by the filter too), each reported', async () => {
    rig = await startRig();
    for (const n of ['solo-a', 'solo-b', 'solo-c', 'solo-d']) await createPod(rig, n);
    await rig.waitForRow(/ solo-d\s/);
    await rig.select(/^\s*solo-a\s/);
    await rig.press('space'); // marks solo-a, moves to solo-b
    await rig.press('down');
    await rig.press('space'); // marks solo-c
    await rig.waitFor('marked:2');
    await rig.press('/');
    await rig.type('solo-c');
    await rig.press('enter');
    await rig.waitFor('/solo-c');
    await rig.waitForFrame((f) => !/ solo-a\s/.test(f), 'solo-a hidden by the filter');
    rig.sim.requests.reset();
    await rig.press('ctrl+d');
    await rig.waitFor('delete? [y/N]');
    expect(rig.frame()).toMatch(/pod\/solo-a in vgauthier/);
    expect(rig.frame()).toMatch(/pod\/solo-c in vgauthier/);
    await rig.press('y');
    await rig.waitFor(/2 objects deleted: pod "solo-a" deleted, pod "solo-c" deleted/);
    expect(deletes(rig).sort()).toEqual(['solo-a', 'solo-c']);
    expect(rig.sim.store.get('pods', NS, 'solo-b')).toBeDefined();
    expect(rig.sim.store.get('pods', NS, 'solo-d')).toBeDefined();
  });

  it('marked rows: one deleted by someone else meanwhile is reported gone, the others deleted', async () => {
    rig = await startRig();
    for (const n of ['solo-a', 'solo-b']) await createPod(rig, n);
    await rig.waitForRow(/ solo-b\s/);
    await rig.select(/^\s*solo-a\s/);
    await rig.press('space');
    await rig.press('space');
    await rig.waitFor('marked:2');
    await rig.press('ctrl+d');
    await rig.waitFor('delete? [y/N]');
    await rig.api.core.deleteNamespacedPod({ namespace: NS, name: 'solo-b', gracePeriodSeconds: 0 });
    rig.sim.requests.reset();
    await rig.press('y');
    await rig.waitFor('changed since you chose it');
    await rig.waitFor(/pod\/solo-b in vgauthier: pod solo-b no longer exists/);
    await rig.press('y');
    await rig.waitFor(/pod "solo-a" deleted; pod solo-b no longer exists/);
    expect(deletes(rig)).toEqual(['solo-a']);
  });
});

describe('restart and undo on an object deleted meanwhile', () => {
  it('restart: "deployment webnodb no longer exists", no HTTP code', async () => {
    rig = await startRig();
    await onDeployments(rig);
    await rig.press('r');
    await rig.waitFor('restart? [y/N]');
    await rig.api.apps.deleteNamespacedDeployment({ namespace: NS, name: 'webnodb' });
    await rig.waitForFrame((f) => !/ webnodb\s+\d/.test(f), 'the watch to drop the row (its own notice comes first)');
    await rig.press('y');
    const f = await rig.waitFor('deployment webnodb no longer exists');
    expect(f).not.toMatch(/HTTP|404/);
  });
});
