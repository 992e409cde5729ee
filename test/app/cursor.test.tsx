// The cursor stays on the object the person chose (by uid): across screens opened and closed,
// across rows appearing and disappearing above it; when the object goes, the footer says so.
import { afterEach, describe, expect, it } from 'vitest';
import { createBarePod as createPod, startRig, type Rig } from '../support/rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

/** The name in the row under the cursor (the selected row starts with '>'). */
function cursorName(r: Rig): string {
  const line = r.frame().split('\n').find((l) => l.startsWith('>'));
  return line ? line.slice(2).trim().split(/\s+/)[0] : '';
}

async function pressDown(r: Rig, n: number) {
  for (let i = 0; i < n; i++) await r.press('down');
}

describe('the cursor follows the chosen object', () => {
  it('after Esc from describe, YAML, logs and metrics, d describes the same pod (not row 1)', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await pressDown(rig, 2);
    const chosen = cursorName(rig);
    expect(chosen).not.toBe('');
    for (const key of ['d', 'y', 'l', 'm']) {
      await rig.press(key);
      await rig.waitForFrame((f) => !f.split('\n').some((l) => l.startsWith('>')), `the ${key} screen`);
      await rig.press('esc');
      await rig.waitForFrame((f) => f.split('\n').some((l) => l.startsWith('>')), 'the table again');
      expect(cursorName(rig)).toBe(chosen);
    }
    await rig.press('d');
    await rig.waitFor(`describe pods/${chosen}`);
  });

  it('after Esc from a drill-down, the cursor is on the deployment that was opened', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await rig.press(':');
    await rig.type('deploy');
    await rig.press('enter');
    await rig.waitForRow(/[ !]worker\s/);
    await rig.select(/^[\s!]*worker\s/);
    await rig.press('enter');
    await rig.waitForRow(/worker-\S+\s/);
    await rig.press('esc');
    await rig.waitForRow(/ webnodb\s/);
    expect(cursorName(rig)).toBe('worker');
  });

  it('a pod created above the cursor does not move the cursor off the pod it was on', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    const first = cursorName(rig); // never moved: the first row
    await createPod(rig, 'aaa-first');
    await rig.waitForRow(/aaa-first/);
    expect(cursorName(rig)).toBe(first);
    await rig.press('d');
    await rig.waitFor(`describe pods/${first}`);
  });

  it('when the chosen pod is deleted, the footer says so and the cursor moves to its neighbour', async () => {
    rig = await startRig();
    await createPod(rig, 'solo');
    await rig.waitForRow(/ solo\s/);
    await rig.select(/^\s*solo\s/);
    const chosen = cursorName(rig);
    await rig.press('down');
    const neighbour = cursorName(rig);
    await rig.press('up');
    expect(cursorName(rig)).toBe(chosen);
    await rig.api.core.deleteNamespacedPod({ namespace: 'vgauthier', name: chosen, gracePeriodSeconds: 0 });
    await rig.waitFor(`pod ${chosen} is gone`, 20_000);
    expect(cursorName(rig)).toBe(neighbour);
  });
});

describe('the cursor across sort and filter', () => {
  it('stays on the chosen pod when the table is re-sorted and filtered', async () => {
    rig = await startRig();
    await rig.waitForRow(/worker-/);
    await rig.select(/^[\s!]*worker-/);
    const chosen = cursorName(rig);
    await rig.press('N'); // by name, ascending
    await rig.waitFor('NAME↑');
    await rig.press('N'); // again: descending, worker moves from the bottom to the top
    await rig.waitFor('NAME↓');
    expect(cursorName(rig)).toBe(chosen);
    await rig.press('/');
    await rig.type('r');
    await rig.press('enter');
    await rig.waitFor('/r');
    expect(cursorName(rig)).toBe(chosen);
  });
});
