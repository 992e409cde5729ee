// Rollout actions against the embedded cluster: restart makes a new replica set and the status
// follows it to completion; paused deployments refuse restart; undo walks revisions like kubectl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartRollout, RESTARTED_AT } from '../../src/actions/restartRollout.js';
import { pauseRollout } from '../../src/actions/pauseRollout.js';
import { resumeRollout } from '../../src/actions/resumeRollout.js';
import { planUndo, undoRollout } from '../../src/actions/undoRollout.js';
import { getRolloutHistory } from '../../src/actions/rolloutHistory.js';
import { followRolloutStatus, type RolloutState } from '../../src/actions/rolloutStatus.js';
import { mergePatch } from '../support/mergePatch.js';
import { classroom, NS, type Sim } from './support.js';
import { until } from '../support/until.js';
import type { TypedApi } from '../support/typedApi.js';

let sim: Sim;
let admin: TypedApi;
let student: TypedApi;
beforeAll(async () => ({ sim, admin, student } = await classroom()));
afterAll(() => sim?.stop());

const ownedReplicaSets = async (name: string) => {
  const d = await admin.apps.readNamespacedDeployment({ name, namespace: NS });
  const l = await admin.apps.listNamespacedReplicaSet({ namespace: NS });
  return l.items.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === d.metadata?.uid));
};

const image = async (name: string) =>
  (await admin.apps.readNamespacedDeployment({ name, namespace: NS })).spec?.template.spec?.containers[0].image;

describe('restart and rollout status', () => {
  it('restart creates a new replica set and the status panel follows it to completion', async () => {
    const ref = { kind: 'deployments', namespace: NS, name: 'webnodb' };
    const before = (await ownedReplicaSets('webnodb')).map((rs) => rs.metadata?.name);
    const r = await restartRollout(student, ref);
    expect(r).toEqual({ ok: true, message: 'deployment.apps/webnodb restarted' });
    const d = await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS });
    expect(d.spec?.template.metadata?.annotations?.[RESTARTED_AT]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const fresh = await until(async () => (await ownedReplicaSets('webnodb')).find((rs) => !before.includes(rs.metadata?.name)), 'a new replica set');
    expect(fresh.spec?.template?.metadata?.annotations?.[RESTARTED_AT]).toBe(d.spec?.template.metadata?.annotations?.[RESTARTED_AT]);

    const seen: RolloutState[] = [];
    const ac = new AbortController();
    const done = await followRolloutStatus(student, ref, (s) => seen.push(s), ac.signal, 100);
    expect(done).toEqual({ ok: true, message: 'deployment "webnodb" successfully rolled out' });
    expect(seen[seen.length - 1]).toMatchObject({ done: true, failed: false });
    const d2 = await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS });
    expect(d2.status?.updatedReplicas).toBe(3);
  });

  it('a paused deployment refuses restart with kubectl message; resume makes it possible again', async () => {
    const ref = { kind: 'deployments', namespace: NS, name: 'webnodb' };
    expect(await pauseRollout(student, ref)).toEqual({ ok: true, message: 'deployment.apps/webnodb paused' });
    expect(await pauseRollout(student, ref)).toMatchObject({ ok: false, message: 'deployments.apps "webnodb" is already paused' });
    expect(await restartRollout(student, ref)).toEqual({
      ok: false,
      message: 'deployments.apps "webnodb" can\'t restart paused deployment (run rollout resume first)',
    });
    expect(await undoRollout(student, ref)).toEqual({
      ok: false,
      message: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    });
    expect(await resumeRollout(student, ref)).toEqual({ ok: true, message: 'deployment.apps/webnodb resumed' });
    expect((await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS })).spec?.paused).toBeFalsy();
    expect(await resumeRollout(student, ref)).toMatchObject({ ok: false, message: 'deployments.apps "webnodb" is not paused' });
  });

  it('follows an image that cannot be pulled and reports the warning from the new pods', async () => {
    await admin.apps.createNamespacedDeployment({
      namespace: NS,
      body: {
        metadata: { name: 'broken' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'broken' } },
          template: { metadata: { labels: { app: 'broken' } }, spec: { containers: [{ name: 'app', image: 'nginx:doesnotexist', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } } }] } },
        },
      },
    });
    const ac = new AbortController();
    const seen: RolloutState[] = [];
    const follow = followRolloutStatus(student, { kind: 'deployments', namespace: NS, name: 'broken' }, (s) => {
      seen.push(s);
      if (s.warnings.some((w) => /ErrImagePull|ImagePullBackOff/.test(w))) ac.abort();
    }, ac.signal, 100);
    await until(() => ac.signal.aborted, 'an image pull warning', 30_000);
    const r = await follow;
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/stopped following deployment.apps\/broken/);
    const last = seen[seen.length - 1];
    expect(last.message).toMatch(/^Waiting for deployment "broken" rollout to finish/);
    expect(last.warnings.join('\n')).toMatch(/pod broken-[a-z0-9-]+: (ErrImagePull|ImagePullBackOff) \(app\)/);
  });
});

describe('rollout status warnings', () => {
  it('reports pods the scheduler cannot place', async () => {
    await admin.apps.createNamespacedDeployment({
      namespace: NS,
      body: {
        metadata: { name: 'stuck' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'stuck' } },
          template: {
            metadata: { labels: { app: 'stuck' } },
            spec: { nodeSelector: { disktype: 'none' }, containers: [{ name: 'app', image: 'nginx:1', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } } }] },
          },
        },
      },
    });
    const ac = new AbortController();
    let last: RolloutState | undefined;
    const follow = followRolloutStatus(student, { kind: 'deployments', namespace: NS, name: 'stuck' }, (s) => {
      last = s;
      if (s.warnings.some((w) => w.includes('Unschedulable'))) ac.abort();
    }, ac.signal, 100);
    await until(() => ac.signal.aborted, 'an Unschedulable warning', 20_000);
    await follow;
    expect(last!.warnings[0]).toMatch(/^pod stuck-[a-z0-9-]+: Unschedulable: 0\/\d+ nodes are available/);
  });
});

describe('undo across three revisions', () => {
  const ref = { kind: 'deployments', namespace: NS, name: 'hist' };
  const setImage = (img: string) =>
    admin.apps.patchNamespacedDeployment(
      { name: 'hist', namespace: NS, body: { spec: { template: { spec: { containers: [{ name: 'app', image: img }] } } } } },
      mergePatch(),
    );
  const revision = async (img: string) =>
    (await ownedReplicaSets('hist')).find((rs) => rs.spec?.template?.spec?.containers[0].image === img)?.metadata?.annotations?.[
      'deployment.kubernetes.io/revision'
    ];

  it('a → b → c, undo → b, undo again → c, like kubectl', async () => {
    await admin.apps.createNamespacedDeployment({
      namespace: NS,
      body: {
        metadata: { name: 'hist' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'hist' } },
          template: { metadata: { labels: { app: 'hist' } }, spec: { containers: [{ name: 'app', image: 'nginx:a', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } } }] } },
        },
      },
    });
    expect(await undoRollout(student, ref)).toEqual({ ok: false, message: 'no rollout history found for deployment "hist"' });
    await until(() => revision('nginx:a'), 'revision 1');
    await setImage('nginx:b');
    await until(async () => (await revision('nginx:b')) === '2', 'revision 2');
    await setImage('nginx:c');
    await until(async () => (await revision('nginx:c')) === '3', 'revision 3');

    const history = await getRolloutHistory(student, ref);
    expect(history.entries.map((e) => [e.revision, e.images[0]])).toEqual([
      [1, 'nginx:a'],
      [2, 'nginx:b'],
      [3, 'nginx:c'],
    ]);

    const plan = await planUndo(student, ref);
    expect(plan).toMatchObject({ fromRevision: 3, toRevision: 2, fromImages: ['nginx:c'], toImages: ['nginx:b'], noop: false });
    expect(await undoRollout(student, ref)).toEqual({ ok: true, message: 'deployment.apps/hist rolled back to revision 2' });
    expect(await image('hist')).toBe('nginx:b');
    // The controller re-uses b's replica set as revision 4, so the previous one is now c (3).
    await until(async () => (await revision('nginx:b')) === '4', 'b becomes revision 4');
    const d = await admin.apps.readNamespacedDeployment({ name: 'hist', namespace: NS });
    expect(d.spec?.template.metadata?.labels?.['pod-template-hash']).toBeUndefined();

    expect((await planUndo(student, ref)).toRevision).toBe(3);
    expect(await undoRollout(student, ref)).toEqual({ ok: true, message: 'deployment.apps/hist rolled back to revision 3' });
    expect(await image('hist')).toBe('nginx:c');
    await until(async () => (await revision('nginx:c')) === '5', 'c becomes revision 5');

    // An explicit revision, and one that does not exist.
    expect(await undoRollout(student, ref, 1)).toEqual({ ok: true, message: 'deployment.apps/hist rolled back to revision 1' });
    expect(await image('hist')).toBe('nginx:a');
    expect(await undoRollout(student, ref, 42)).toEqual({ ok: false, message: 'unable to find specified revision 42 in history' });
  });
});

describe('stateful sets and daemon sets: history and undo from ControllerRevisions', () => {
  const tpl = (app: string, img: string) => ({
    metadata: { labels: { app } },
    spec: { containers: [{ name: app, image: img, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } } }] },
  });
  const revisions = async (owner: string) => {
    const l = await admin.apps.listNamespacedControllerRevision({ namespace: NS });
    return l.items.filter((r) => r.metadata?.ownerReferences?.some((o) => o.name === owner)).length;
  };

  it('rolls a stateful set back and forth like kubectl', async () => {
    await admin.apps.createNamespacedStatefulSet({
      namespace: NS,
      body: { metadata: { name: 'db' }, spec: { replicas: 1, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: tpl('db', 'postgres:15') } },
    });
    await until(async () => (await revisions('db')) === 1, 'revision 1');
    await admin.apps.patchNamespacedStatefulSet(
      { name: 'db', namespace: NS, body: { metadata: { annotations: { 'kubernetes.io/change-cause': 'upgrade' } }, spec: { template: tpl('db', 'postgres:16') } } },
      mergePatch(),
    );
    await until(async () => (await revisions('db')) === 2, 'revision 2');
    const ref = { kind: 'statefulsets', namespace: NS, name: 'db' };
    const h = await getRolloutHistory(student, ref);
    expect(h.entries.map((e) => [e.revision, e.images[0], e.changeCause])).toEqual([
      [1, 'postgres:15', undefined],
      [2, 'postgres:16', 'upgrade'],
    ]);
    expect(await planUndo(student, ref)).toMatchObject({ fromRevision: 2, toRevision: 1, toImages: ['postgres:15'] });
    expect(await undoRollout(student, ref)).toEqual({ ok: true, message: 'statefulset.apps/db rolled back to revision 1' });
    const image = async () => (await admin.apps.readNamespacedStatefulSet({ name: 'db', namespace: NS })).spec?.template.spec?.containers[0].image;
    expect(await image()).toBe('postgres:15');
    // The controller gives the re-used template the next revision (3); undo goes back to 2.
    await until(async () => (await getRolloutHistory(student, ref)).entries.map((e) => e.revision).join() === '2,3', 'revision 3');
    expect(await undoRollout(student, ref)).toEqual({ ok: true, message: 'statefulset.apps/db rolled back to revision 2' });
    expect(await image()).toBe('postgres:16');
  });

  it('rolls a daemon set back', async () => {
    await admin.apps.createNamespacedDaemonSet({ namespace: NS, body: { metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: tpl('agent', 'agent:1') } } });
    await until(async () => (await revisions('agent')) === 1, 'revision 1');
    await admin.apps.patchNamespacedDaemonSet({ name: 'agent', namespace: NS, body: { spec: { template: tpl('agent', 'agent:2') } } }, mergePatch());
    await until(async () => (await revisions('agent')) === 2, 'revision 2');
    const ref = { kind: 'daemonsets', namespace: NS, name: 'agent' };
    expect(await undoRollout(student, ref)).toEqual({ ok: true, message: 'daemonset.apps/agent rolled back to revision 1' });
    const ds = await admin.apps.readNamespacedDaemonSet({ name: 'agent', namespace: NS });
    expect(ds.spec?.template.spec?.containers[0].image).toBe('agent:1');
    // Revision 1's template is now revision 3; asking for it again changes nothing.
    await until(async () => (await getRolloutHistory(student, ref)).entries.map((e) => e.revision).join() === '2,3', 'revision 3');
    expect(await undoRollout(student, ref, 3)).toEqual({
      ok: true,
      message: 'daemonset.apps/agent skipped rollback (current template already matches revision 3)',
    });
  });
});
