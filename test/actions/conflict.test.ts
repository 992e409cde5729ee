// A 409 Conflict (someone changed the object between our read and our write) is retried once on
// fresh data, against the real server: the write that wins is computed from what is there now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypedApi } from '../support/typedApi.js';
import { scaleWorkload } from '../../src/actions/scaleWorkload.js';
import { undoRollout } from '../../src/actions/undoRollout.js';
import { DOWN_REPLICAS, executeDown, planDown } from '../../src/actions/shutdown.js';
import { mergePatch } from '../support/mergePatch.js';
import { classroom, NS, type Sim } from './support.js';

let sim: Sim;
let admin: TypedApi;
let student: TypedApi;
beforeAll(async () => ({ sim, admin, student } = await classroom()));
afterAll(() => sim?.stop());

/** An TypedApi whose first object-client call of `method` on webnodb is preceded by another user's write (the race). */
function racing(api: TypedApi, method: keyof TypedApi['objects'], race: () => Promise<unknown>): TypedApi {
  let raced = false;
  const objects = new Proxy(api.objects, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop !== method || typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        // (kind, namespace, name, …)
        if (!raced && args[2] === 'webnodb') {
          raced = true;
          await race();
        }
        return v.apply(target, args);
      };
    },
  });
  return { ...api, objects };
}

const setReplicas = (n: number) =>
  admin.apps.patchNamespacedDeployment({ name: 'webnodb', namespace: NS, body: { spec: { replicas: n } } }, mergePatch());
const conflicts = () => sim.requests.mutating().filter((r) => r.path.includes('/deployments/webnodb')).length;

describe('409 Conflict', () => {
  it('scale: the replace of a stale Scale conflicts and is retried on fresh data', async () => {
    const before = conflicts();
    const api = racing(student, 'replaceScale', () => setReplicas(4));
    const r = await scaleWorkload(api, { kind: 'deployments', namespace: NS, name: 'webnodb' }, 2);
    expect(r).toEqual({ ok: true, message: 'deployment.apps/webnodb scaled to 2' });
    // the racing patch, our conflicting replace, our retried replace
    expect(conflicts() - before).toBe(3);
    expect((await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS })).spec?.replicas).toBe(2);
  });

  it('undo: the template patch is conditional on what was read, and retried once', async () => {
    const before = conflicts();
    const api = racing(student, 'patch', () =>
      admin.apps.patchNamespacedDeployment({ name: 'webnodb', namespace: NS, body: { metadata: { labels: { touched: 'yes' } } } }, mergePatch()),
    );
    const r = await undoRollout(api, { kind: 'deployments', namespace: NS, name: 'webnodb' });
    expect(r).toEqual({ ok: true, message: 'deployment.apps/webnodb rolled back to revision 1' });
    expect(conflicts() - before).toBe(3);
    const d = await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS });
    expect(d.metadata?.labels?.touched).toBe('yes');
    expect(d.spec?.template.spec?.containers[0].image).toBe('vgauthier/webnodb:1.0');
  });

  it('down: a count changed between read and write is recorded as it is now', async () => {
    await setReplicas(3);
    const plan = await planDown(student, NS);
    const api = racing(student, 'patch', () => setReplicas(5));
    const before = conflicts();
    const report = await executeDown(api, plan, { deleteBarePods: false, timeoutMs: 0 });
    // the racing patch, our patch refused for its stale resourceVersion, our retried patch (a
    // controller's status write may force one more retry)
    expect(conflicts() - before).toBeGreaterThanOrEqual(3);
    const web = report.results.find((x) => x.target === 'deployment.apps/webnodb');
    expect(web?.result).toEqual({ ok: true, message: 'deployment.apps/webnodb scaled 5 → 0 (recorded 5)' });
    const d = await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS });
    expect(d.spec?.replicas).toBe(0);
    expect(d.metadata?.annotations?.[DOWN_REPLICAS]).toBe('5');
  });
});
