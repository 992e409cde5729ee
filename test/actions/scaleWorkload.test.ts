// Scale against the embedded cluster over real HTTP: the scale subresource, the quota warning, and
// what a student sees when scaling where they may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planScale, scaleWorkload } from '../../src/actions/scaleWorkload.js';
import { checkAction, checkAllowed } from '../../src/actions/checkAllowed.js';
import { classroom, NS, runningPods, type Sim } from './support.js';
import { until } from '../support/until.js';
import type { TypedApi } from '../support/typedApi.js';

let sim: Sim;
let admin: TypedApi;
let student: TypedApi;
beforeAll(async () => ({ sim, admin, student } = await classroom()));
afterAll(() => sim?.stop());

const webnodb = { kind: 'deployments', namespace: NS, name: 'webnodb' };

describe('scaleWorkload', () => {
  it('scales webnodb to 5 through the scale subresource and the pods follow', async () => {
    const plan = await planScale(student, webnodb, 5);
    expect(plan.current).toBe(3);
    expect(plan.next).toBe(5);
    const r = await scaleWorkload(student, webnodb, 5);
    expect(r).toEqual({ ok: true, message: 'deployment.apps/webnodb scaled to 5' });
    const d = await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS });
    expect(d.spec?.replicas).toBe(5);
    expect(sim.requests.mutating().some((q: any) => /deployments\/webnodb\/scale$/.test(q.path ?? q.url ?? ''))).toBe(true);
    await until(async () => (await runningPods(admin, NS, 'webnodb-')).length === 5, '5 running webnodb pods');
    expect((await scaleWorkload(student, webnodb, 3)).ok).toBe(true);
  });

  it('warns before scaling beyond what the quota has left', async () => {
    const plan = await planScale(student, webnodb, 40);
    expect(plan.quota?.warning).toMatch(/^40 replicas need [\d.]+ CPU more \([\d.]+ CPU in all\); quota left: [\d.]+ CPU/);
    // Memory is checked too (2Gi hard).
    expect(plan.quota?.warning).toMatch(/memory more .*quota left: [\d.]+(Mi|Gi) memory/);
    const small = await planScale(student, webnodb, 3);
    expect(small.quota).toBeUndefined();
  });

  it('reports a missing object in words', async () => {
    const r = await scaleWorkload(student, { ...webnodb, name: 'nope' }, 2);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ code: 404 });
    expect(r.message).toBe('deployment nope no longer exists');
  });

  it('a student scaling in another namespace gets the reason, before and from the server', async () => {
    const other = { kind: 'deployments', namespace: 'kube-system', name: 'coredns' };
    const allowed = await checkAction(student, 'scale', 'deployments', 'kube-system');
    expect(allowed.allowed).toBe(false);
    expect(allowed.reason).toMatch(/you may not update deployments.apps\/scale in namespace kube-system/);
    const r = await scaleWorkload(student, other, 2);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ code: 403 });
    expect(r.message).toMatch(/forbidden/);
    expect(r.message).not.toMatch(/HTTP-Code|Headers/);
    // In their own namespace the same action is allowed, and answers are cached per session.
    expect((await checkAllowed(student, 'update', 'deployments', 'apps', NS, 'scale')).allowed).toBe(true);
  });
});
