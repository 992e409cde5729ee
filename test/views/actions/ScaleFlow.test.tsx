// The scale flow driven by keys against the embedded cluster: what the user types is what the
// cluster receives, and a count beyond the quota asks first.
import React from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputRoot } from '../../../src/views/input.js';
import { ScaleFlow } from '../../../src/views/actions/ScaleFlow.js';
import { planScale, scaleWorkload } from '../../../src/actions/scaleWorkload.js';
import type { ActionResult } from '../../../src/actions/result.js';
import { renderApp } from '../../support/render.js';
import { classroom, NS, type Sim } from '../../actions/support.js';
import { until } from '../../support/until.js';
import type { TypedApi } from '../../support/typedApi.js';

let sim: Sim;
let student: TypedApi;
let admin: TypedApi;
beforeAll(async () => ({ sim, student, admin } = await classroom()));
afterAll(() => sim?.stop());

const ref = { kind: 'deployments', namespace: NS, name: 'webnodb' };
const replicas = async () => (await admin.apps.readNamespacedDeployment({ name: 'webnodb', namespace: NS })).spec?.replicas;

function flow(results: Array<ActionResult | undefined>, current: number) {
  return (
    <InputRoot>
      <ScaleFlow
        target="deployment webnodb"
        current={current}
        width={120}
        plan={(n) => planScale(student, ref, n)}
        apply={(n) => scaleWorkload(student, ref, n)}
        onDone={(r) => results.push(r)}
      />
    </InputRoot>
  );
}

describe('ScaleFlow', () => {
  it('s, 5, Enter scales webnodb to 5 (typing replaces the prefilled count)', async () => {
    const results: Array<ActionResult | undefined> = [];
    const r = renderApp(flow(results, 3));
    await r.waitFor('to: 3█');
    await r.type('5');
    await r.press('enter');
    await until(() => results.length > 0, 'the result');
    expect(results).toEqual([{ ok: true, message: 'deployment.apps/webnodb scaled to 5' }]);
    expect(await replicas()).toBe(5);
    r.unmount();
  });

  it('beyond the quota it shows the warning and changes nothing until confirmed', async () => {
    const results: Array<ActionResult | undefined> = [];
    const r = renderApp(flow(results, 5));
    await r.waitFor('to: 5█');
    await r.type('60');
    await r.press('enter');
    await r.waitFor(/quota: 60 replicas need .* CPU more .*quota left: .* CPU/);
    await r.waitFor('scale deployment webnodb to 60 anyway? [y/N]');
    expect(await replicas()).toBe(5);
    await r.press('n');
    await r.waitFor('to: 60█');
    await r.press('esc');
    await until(() => results.length > 0, 'the cancel');
    expect(results).toEqual([undefined]);
    expect(await replicas()).toBe(5);
    r.unmount();
  });
});
