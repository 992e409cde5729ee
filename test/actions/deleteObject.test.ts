// Delete and force-kill against the embedded cluster: the plan names what goes (with owned pods),
// a deleted pod of a replica set is replaced, force uses grace period 0, failures are per object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteObjects, planDelete } from '../../src/actions/deleteObject.js';
import { classroom, NS, runningPods, type Sim } from './support.js';
import { until } from '../support/until.js';
import type { TypedApi } from '../support/typedApi.js';

let sim: Sim;
let admin: TypedApi;
let student: TypedApi;
beforeAll(async () => ({ sim, admin, student } = await classroom()));
afterAll(() => sim?.stop());

describe('delete', () => {
  it('names what will go, with the pods a workload owns', async () => {
    const pods = await runningPods(admin, NS, 'webnodb-');
    const plan = await planDelete(student, [
      { kind: 'deployments', namespace: NS, name: 'webnodb' },
      { kind: 'pods', namespace: NS, name: pods[0].metadata.name },
      { kind: 'pods', namespace: NS, name: 'ghost' },
    ]);
    expect(plan.lines[0]).toBe('deployment.apps/webnodb in vgauthier and the 3 pods it owns');
    expect(plan.lines[1]).toBe(`pod/${pods[0].metadata.name} in vgauthier`);
    expect(plan.lines[2]).toMatch(/^pod\/ghost in vgauthier: pod ghost no longer exists$/);
    expect(sim.requests.mutating()).toEqual([]);
  });

  it('deleting a pod of webnodb brings a replacement', async () => {
    const pods = await runningPods(admin, NS, 'webnodb-');
    const victim = pods[0].metadata.name;
    const report = await deleteObjects(student, [{ kind: 'pods', namespace: NS, name: victim }]);
    expect(report.summary).toEqual({ ok: true, message: `pod "${victim}" deleted` });
    await until(async () => {
      const now = await runningPods(admin, NS, 'webnodb-');
      return now.length === 3 && !now.some((p) => p.metadata.name === victim);
    }, 'a replacement pod', 30_000);
  });

  it('force-kill uses grace period 0 and reports per object', async () => {
    const pods = await runningPods(admin, NS, 'webnodb-');
    const victim = pods[0].metadata.name;
    const report = await deleteObjects(
      student,
      [
        { kind: 'pods', namespace: NS, name: victim },
        { kind: 'pods', namespace: NS, name: 'ghost' },
      ],
      { force: true },
    );
    expect(report.results[0].result).toEqual({ ok: true, message: `pod "${victim}" force deleted` });
    expect(report.results[1].result).toMatchObject({ ok: false, code: 404, message: 'pod ghost no longer exists' });
    expect(report.summary).toEqual({ ok: false, message: `1 force deleted (pod "${victim}" force deleted), 1 failed: pod ghost no longer exists` });
    const del = sim.requests.mutating().filter((q: any) => q.method === 'DELETE' && String(q.path ?? q.url).includes(victim));
    expect(del.length).toBe(1);
    expect(JSON.stringify(del[0])).toMatch(/gracePeriodSeconds["=:]+0/);
    await until(async () => !(await admin.core.listNamespacedPod({ namespace: NS })).items.some((p) => p.metadata?.name === victim), 'the pod to be gone at once', 5000);
  });

  it('deletes every kind whose descriptor offers delete, namespaced or cluster-wide (resource quotas and namespaces were refused)', async () => {
    await admin.core.createNamespace({ body: { metadata: { name: 'scratch' } } });
    await admin.core.createNamespacedResourceQuota({ namespace: 'scratch', body: { metadata: { name: 'q' }, spec: { hard: { pods: '3' } } } });
    const refs = [
      { kind: 'resourcequotas', namespace: 'scratch', name: 'q' },
      { kind: 'namespaces', namespace: '', name: 'scratch' },
    ];
    expect((await planDelete(admin, refs)).lines).toEqual(['resourcequota/q in scratch', 'namespace/scratch']);
    const report = await deleteObjects(admin, refs);
    expect(report.results.map((r) => r.result)).toEqual([
      { ok: true, message: 'resourcequota "q" deleted' },
      { ok: true, message: 'namespace "scratch" deleted' },
    ]);
    const deletes = sim.requests.mutating().filter((q: any) => q.method === 'DELETE').map((q: any) => String(q.path).split('?')[0]);
    expect(deletes).toEqual(expect.arrayContaining(['/api/v1/namespaces/scratch/resourcequotas/q', '/api/v1/namespaces/scratch']));
  });

  it('a student cannot delete in kube-system and sees the server message', async () => {
    const pods = (await admin.core.listNamespacedPod({ namespace: 'kube-system' })).items;
    const report = await deleteObjects(student, [{ kind: 'pods', namespace: 'kube-system', name: pods[0].metadata!.name! }]);
    expect(report.summary.ok).toBe(false);
    expect(report.summary).toMatchObject({ code: 403 });
    expect(report.summary.message).toMatch(/forbidden/);
  });
});
