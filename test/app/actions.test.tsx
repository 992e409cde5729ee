// Operations by keystroke, end to end: keys in the dashboard → requests to the embedded cluster →
// the watcher shows the effect. Asserts on what the user sees and on what the cluster received.
import { afterEach, describe, expect, it } from 'vitest';
import { openDeployments as onDeployments, startRig, type Rig } from '../support/rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const deployment = (r: Rig, name: string) => r.sim.store.get('deployments.apps', 'vgauthier', name);


describe('actions from the keyboard', () => {
  it('scales webnodb to 5 with s, 5, Enter, and the table shows 5/5', async () => {
    rig = await startRig({ sim: { speed: 20 } });
    await onDeployments(rig);
    await rig.press('s');
    await rig.waitFor(/scale deployment webnodb/);
    // The prefilled count is replaced by what the user types, not appended to.
    await rig.type('5');
    await rig.press('enter');
    await rig.waitForRow(/ webnodb\s+5\/5/, 20_000);
    expect(deployment(rig, 'webnodb')?.spec.replicas).toBe(5);
    expect(rig.sim.requests.mutating()).toContainEqual({ method: 'PUT', path: '/apis/apps/v1/namespaces/vgauthier/deployments/webnodb/scale' });
  });

  it('steps the count with + and -', async () => {
    rig = await startRig({ sim: { speed: 20 } });
    await onDeployments(rig);
    await rig.press('+');
    await rig.waitForRow(/ webnodb\s+4\/4/, 20_000);
    await rig.press('-');
    await rig.waitForRow(/ webnodb\s+3\/3/, 20_000);
    expect(deployment(rig, 'webnodb')?.spec.replicas).toBe(3);
  });

  it('refuses a bad replica count with a clear message and sends nothing', async () => {
    rig = await startRig();
    await onDeployments(rig);
    rig.sim.requests.reset();
    await rig.press('s');
    await rig.waitFor(/scale deployment webnodb/);
    await rig.type('abc');
    await rig.press('enter');
    await rig.waitFor(/whole number/i);
    expect(rig.sim.requests.mutating()).toEqual([]);
  });

  it('restarts with r (confirmed): a new replica set rolls out and the status panel follows it to the end', async () => {
    rig = await startRig({ sim: { speed: 20 } });
    await onDeployments(rig);
    const before = rig.sim.store.list('replicasets.apps', 'vgauthier').filter((rs) => rs.metadata.name?.startsWith('webnodb-')).length;
    await rig.press('r');
    await rig.waitFor(/restart\? \[y\/N\]/);
    await rig.press('y');
    await rig.waitFor(/rollout status deployments\/webnodb/);
    await rig.waitFor(/successfully rolled out/, 30_000);
    const after = rig.sim.store.list('replicasets.apps', 'vgauthier').filter((rs) => rs.metadata.name?.startsWith('webnodb-')).length;
    expect(after).toBe(before + 1);
    expect(deployment(rig, 'webnodb')?.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
  });

  it('undoes a rollout with u: back to the previous image, naming the revisions first', async () => {
    rig = await startRig({ sim: { speed: 20 } });
    await rig.api.apps.patchNamespacedDeployment(
      { namespace: 'vgauthier', name: 'webnodb', body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'vgauthier/webnodb:v2' }] },
    );
    await onDeployments(rig);
    await rig.press('u');
    await rig.waitFor(/revision \d+ → \d+; image vgauthier\/webnodb:v2 → vgauthier\/webnodb:latest/);
    await rig.press('y');
    await rig.waitFor(/successfully rolled out/, 30_000);
    expect(deployment(rig, 'webnodb')?.spec.template.spec.containers[0].image).toBe('vgauthier/webnodb:latest');
  });

  it('deletes a pod with ctrl-d after confirming, and a replacement appears', async () => {
    rig = await startRig({ sim: { speed: 20 } });
    await rig.waitForRow(/webnodb-/);
    await rig.select(/^\s*webnodb-/);
    const victim = rig.frame().split('\n').find((l) => l.startsWith('>'))!.slice(2).trim().split(/\s+/)[0];
    await rig.press('ctrl+d');
    await rig.waitFor(new RegExp(`${victim}`));
    await rig.waitFor(/delete\? \[y\/N\]/);
    await rig.press('y');
    const isRow = (l: string) => l.slice(2).startsWith(victim);
    await rig.waitForFrame((f) => !f.split('\n').some(isRow) && (f.match(/webnodb-\S+\s+1\/1\s+Running/g) ?? []).length === 3, 'the victim gone and 3 webnodb pods running', 20_000);
    expect(rig.sim.requests.mutating()).toContainEqual({ method: 'DELETE', path: `/api/v1/namespaces/vgauthier/pods/${victim}?propagationPolicy=Background` });
  });

  it('cancels a delete with n and sends nothing', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await rig.select(/^\s*webnodb-/);
    rig.sim.requests.reset();
    await rig.press('ctrl+d');
    await rig.waitFor(/delete\? \[y\/N\]/);
    await rig.press('n');
    await rig.waitFor(/cancelled/);
    expect(rig.sim.requests.mutating().filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('in --readonly, a whole session of key presses sends no request other than GET', async () => {
    rig = await startRig({ readonly: true });
    await rig.waitForRow(/webnodb-/);
    // Every mutating key, on a pod and on a deployment, then :down; none may reach the server.
    const mutating = ['s', '5', 'enter', 'r', 'ctrl+d', 'ctrl+k', '+', '-', 'u', 'p', 'space', 'ctrl+d'];
    for (const k of mutating) await rig.press(k);
    await rig.waitFor(/read-only/);
    await rig.press(':');
    await rig.type('deploy');
    await rig.press('enter');
    await rig.waitForRow(/ webnodb\s+3\/3/);
    for (const k of mutating) await rig.press(k);
    await rig.press(':');
    await rig.type('down');
    await rig.press('enter');
    await rig.waitFor('read-only mode: :down is off in this session');
    await rig.press(':');
    await rig.type('up');
    await rig.press('enter');
    await rig.waitFor('read-only mode: :up is off in this session');
    expect(rig.sim.requests.mutating()).toEqual([]);
    expect(rig.sim.requests.count() - rig.sim.requests.count('GET')).toBe(0);
    expect(deployment(rig, 'webnodb')?.spec.replicas).toBe(3);
  });
});
