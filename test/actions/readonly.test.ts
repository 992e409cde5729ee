// Every action goes through the Api it is given: with the session's read-only guard on that Api,
// each one ends in a one-line refusal and the server receives no mutating request at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTypedApi, type TypedApi } from '../support/typedApi.js';
import { guardKubeConfig, readonlySwitch } from '../../src/app/readonlyGuard.js';
import { scaleWorkload } from '../../src/actions/scaleWorkload.js';
import { restartRollout } from '../../src/actions/restartRollout.js';
import { pauseRollout } from '../../src/actions/pauseRollout.js';
import { undoRollout } from '../../src/actions/undoRollout.js';
import { deleteObjects } from '../../src/actions/deleteObject.js';
import { executeDown, executeUp, planDown, planUp } from '../../src/actions/shutdown.js';
import { runDown } from '../../src/actions/downCommand.js';
import { classroom, collect, NS, runningPods, type Sim } from './support.js';

let sim: Sim;
let ro: TypedApi;
beforeAll(async () => {
  ({ sim } = await classroom());
  ro = makeTypedApi(guardKubeConfig(sim.kubeConfig('student'), readonlySwitch(true)));
  sim.requests.reset();
});
afterAll(() => sim?.stop());

describe('read-only', () => {
  it('no action sends a mutating request; each says why in one line', async () => {
    const web = { kind: 'deployments', namespace: NS, name: 'webnodb' };
    const tricky = (await runningPods(ro, NS, 'tricky-logger-'))[0].metadata.name; // a real pod: only the guard stops the delete
    const results = [
      await scaleWorkload(ro, web, 5),
      await restartRollout(ro, web),
      await pauseRollout(ro, web),
      await undoRollout(ro, web, 1),
      (await deleteObjects(ro, [{ kind: 'pods', namespace: NS, name: tricky }], { force: true })).summary,
      (await executeDown(ro, await planDown(ro, NS), { deleteBarePods: true, timeoutMs: 0 })).summary,
    ];
    // Nothing was recorded, so up has nothing to send either.
    expect((await executeUp(ro, await planUp(ro, NS))).summary).toEqual({ ok: true, message: 'up vgauthier: nothing to restore' });
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(r.message).not.toContain('\n');
    }
    expect(results[0].message).toBe('read-only mode: refused to send a PUT request');
    expect(results[1].message).toBe('read-only mode: refused to send a PATCH request');
    expect(results[4].message).toBe('read-only mode: refused to send a DELETE request');
    const io = collect();
    expect(await runDown(ro, { namespace: NS, yes: true, timeoutMs: 0 }, { out: io.out })).toBe(1);
    expect(sim.requests.mutating()).toEqual([]);
    expect(sim.requests.count('GET')).toBeGreaterThan(0);
  });
});
