// `kdash down` / `kdash up` confirm against the namespace as it is when the person answers: a change
// made while they read the plan is shown, and asked about again, before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDown, runUp } from '../../src/actions/downCommand.js';
import { classroom, collect, NS, type Sim } from './support.js';
import { until } from '../support/until.js';
import { mergePatch } from '../support/mergePatch.js';
import { tinyDeployment } from '../support/manifests.js';
import type { TypedApi } from '../support/typedApi.js';

let sim: Sim;
let admin: TypedApi;
let student: TypedApi;
beforeAll(async () => {
  ({ sim, admin, student } = await classroom());
});
afterAll(() => sim?.stop());

const replicasOf = async (name: string) => (await admin.apps.readNamespacedDeployment({ name, namespace: NS })).spec?.replicas;

/** `kdash down` as typed at a terminal, `confirm` answering each question it asks. */
function downAsking(confirm: (question: string) => Promise<boolean>) {
  const io = collect();
  const code = runDown(student, { namespace: NS, timeoutMs: 0 }, { out: io.out, interactive: true, confirm });
  return { io, code };
}

describe('down and up confirm the namespace as it is now', () => {
  it('down: a deployment created while the plan was read is shown, asked about, and scaled too', async () => {
    const questions: string[] = [];
    const run = downAsking(async (q) => {
      questions.push(q);
      if (questions.length === 1) await admin.apps.createNamespacedDeployment({ namespace: NS, body: tinyDeployment('late', 1) });
      return true;
    });
    const code = await run.code;
    const text = run.io.text();
    expect(questions).toHaveLength(2);
    const [before, after] = text.split(/the namespace changed while you read the plan/);
    expect(after, text).toBeDefined();
    expect(before).not.toContain('deployment.apps/late');
    expect(after).toContain('scale deployment.apps/late 1 → 0');
    expect(code === 0 || code === 1).toBe(true); // 1: pods may still be stopping (timeoutMs 0)
    expect(await replicasOf('late')).toBe(0);
    expect(await replicasOf('webnodb')).toBe(0);
  });

  it('down: declining the changed plan sends nothing', async () => {
    await admin.apps.createNamespacedDeployment({ namespace: NS, body: tinyDeployment('later', 1) });
    const sent = sim.requests.mutating().length;
    let asked = 0;
    const { io, code: running } = downAsking(async () => {
      asked++;
      if (asked === 1) await admin.apps.patchNamespacedDeployment({ name: 'later', namespace: NS, body: { spec: { replicas: 2 } } }, mergePatch());
      return asked === 1;
    });
    const code = await running;
    expect(asked).toBe(2);
    expect(io.text()).toContain('scale deployment.apps/later 2 → 0');
    expect(io.text()).toContain('cancelled: nothing changed');
    expect(code).toBe(1);
    expect(sim.requests.mutating().length).toBe(sent + 1); // the admin's own patch, nothing from kdash
    expect(await replicasOf('later')).toBe(2);
  });

  it('up: a recorded object deleted while the plan was read drops out of the plan, which is asked again', async () => {
    await until(async () => (await replicasOf('webnodb')) === 0, 'webnodb down');
    const questions: string[] = [];
    const io = collect();
    const code = await runUp(
      student,
      { namespace: NS },
      {
        out: io.out,
        interactive: true,
        confirm: async (q) => {
          questions.push(q);
          if (questions.length === 1) await admin.apps.deleteNamespacedDeployment({ name: 'late', namespace: NS });
          return true;
        },
      },
    );
    const text = io.text();
    expect(questions).toHaveLength(2);
    const [before, after] = text.split(/the namespace changed while you read the plan/);
    expect(before).toContain('deployment.apps/late');
    expect(after).toBeDefined();
    expect(after).not.toContain('deployment.apps/late');
    expect(code).toBe(0);
    expect(await replicasOf('webnodb')).toBe(3);
  });
});
