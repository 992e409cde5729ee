// kdash's actions as the student against the real control plane: the real deployment, replica set,
// garbage collector and scheduler controllers, with pods made Running by kwok. Each test leaves the
// classroom as it found it (webnodb 3, redis 1).
import { describe, expect, it } from 'vitest';
import { scaleWorkload } from '../../src/actions/scaleWorkload.js';
import { restartRollout, RESTARTED_AT } from '../../src/actions/restartRollout.js';
import { undoRollout } from '../../src/actions/undoRollout.js';
import { deleteObjects } from '../../src/actions/deleteObject.js';
import { api, kdash, kubectl, NAMESPACE, readyPods, until, waitForDeployment } from './support.js';

const student = api('student');
const web = { kind: 'deployments', namespace: NAMESPACE, name: 'webnodb' };

async function replicaSetsOf(name: string) {
  const l = await student.apps.listNamespacedReplicaSet({ namespace: NAMESPACE, labelSelector: `app=${name}` });
  return l.items.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === 'Deployment' && o.name === name));
}

const revisionOf = (o: { metadata?: { annotations?: Record<string, string> } }) => Number(o.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

describe('actions on a real control plane', () => {
  it('scale reaches N ready pods and back', async () => {
    const up = await scaleWorkload(student, web, 5);
    expect(up).toMatchObject({ ok: true });
    await waitForDeployment(student, 'webnodb', 5);
    const table = await kubectl(['get', 'deploy', 'webnodb', '--no-headers']);
    expect(table.stdout).toMatch(/^webnodb\s+5\/5\s+5\s+5\s/);
    expect((await scaleWorkload(student, web, 3)).ok).toBe(true);
    await waitForDeployment(student, 'webnodb', 3);
  });

  it('rollout restart creates a new replica set, and undo returns to the previous template', async () => {
    const before = await student.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NAMESPACE });
    const rsBefore = await replicaSetsOf('webnodb');
    const restarted = await restartRollout(student, web);
    expect(restarted).toMatchObject({ ok: true });
    const fresh = await until('a new replica set for webnodb', async () => {
      const now = await replicaSetsOf('webnodb');
      return now.find((rs) => !rsBefore.some((o) => o.metadata?.uid === rs.metadata?.uid));
    });
    expect(fresh.spec?.template?.metadata?.annotations?.[RESTARTED_AT]).toBeTruthy();
    await waitForDeployment(student, 'webnodb', 3);
    const pods = await readyPods(student, 'webnodb');
    expect(pods.every((p) => p.metadata?.labels?.['pod-template-hash'] === fresh.metadata?.labels?.['pod-template-hash'])).toBe(true);

    const undone = await undoRollout(student, web);
    expect(undone).toMatchObject({ ok: true });
    await until('webnodb back on its previous template', async () => {
      const d = await student.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NAMESPACE });
      return d.spec?.template?.metadata?.annotations?.[RESTARTED_AT] === undefined && revisionOf(d) > revisionOf(before) + 1;
    });
    await waitForDeployment(student, 'webnodb', 3);
    const after = await student.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NAMESPACE });
    expect(after.spec?.template).toEqual(before.spec?.template);
    // The controller re-used the original replica set: it holds the pods again under the new revision.
    const pods2 = await readyPods(student, 'webnodb');
    const original = rsBefore.find((rs) => rs.status?.replicas === 3)!;
    expect(pods2.every((p) => p.metadata?.labels?.['pod-template-hash'] === original.metadata?.labels?.['pod-template-hash'])).toBe(true);
    const history = await kubectl(['rollout', 'history', 'deployment/webnodb']);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE/);
  });

  it('a deleted pod is replaced', async () => {
    const [victim] = await readyPods(student, 'webnodb');
    const report = await deleteObjects(student, [{ kind: 'pods', namespace: NAMESPACE, name: victim.metadata!.name! }]);
    expect(report.summary).toEqual({ ok: true, message: `pod "${victim.metadata!.name}" deleted` });
    await until('a replacement pod, the deleted one gone', async () => {
      const pods = await readyPods(student, 'webnodb');
      return pods.length === 3 && !pods.some((p) => p.metadata?.uid === victim.metadata?.uid);
    });
    await waitForDeployment(student, 'webnodb', 3);
  });

  it('kdash down leaves no running pod and kdash up restores the counts', async () => {
    const counts = async () => (await student.apps.listNamespacedDeployment({ namespace: NAMESPACE })).items.map((d) => `${d.metadata?.name}=${d.spec?.replicas}`).sort();
    const before = await counts();
    expect(before).toContain('webnodb=3');
    const down = await kdash(['down', '-n', NAMESPACE, '--yes']);
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    await until('no pod of vgauthier left', async () => {
      const r = await kubectl(['get', 'pods', '--no-headers']);
      return r.code === 0 && r.stdout.trim() === '' && /No resources found/.test(r.stderr);
    });
    const deploys = await kubectl(['get', 'deploy', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.replicas} {end}']);
    expect(deploys.stdout.trim().split(' ').sort()).toEqual(['redis=0', 'webnodb=0']);

    const up = await kdash(['up', '-n', NAMESPACE, '--yes']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(await counts()).toEqual(before);
    for (const entry of before) {
      const [name, n] = entry.split('=');
      await waitForDeployment(student, name, Number(n));
    }
    const annotations = await kubectl(['get', 'deploy', '-o', 'jsonpath={.items[*].metadata.annotations}']);
    expect(annotations.stdout).not.toMatch(/kdash/);
  });
});
