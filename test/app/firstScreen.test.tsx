// The first screen while its list is still arriving: the rows that came are on screen, the title says
// how far the list is ("loaded N of ~M", the server's estimate), and keys already work.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchChanges } from '../../src/store/index.js';
import { startRig, type Rig } from '../support/rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('the first screen while the list arrives', () => {
  it('says "loaded N of ~M" in the title, keys move the selection meanwhile, and the words go once it is live', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb/);
    const key = 'pods@vgauthier';
    const count = Number(/pods\(vgauthier\)\[(\d+)\]/.exec(rig.frame())?.[1]);
    // The watcher's phase while a first list comes in (as src/watchers/watcher.ts emits it per page/batch).
    dispatchChanges(rig.runtime.store, [{ type: 'phase', key, phase: { phase: 'syncing', loaded: count, total: 10_000 } }]);
    await rig.waitFor(new RegExp(`pods\\(vgauthier\\)\\[${count}\\]\\s+loaded ${count} of ~10000`));
    const before = /^> (\S+)/m.exec(rig.frame())?.[1];
    await rig.press('j');
    await rig.waitForFrame((f) => /^> (\S+)/m.exec(f)?.[1] !== before && /loaded \d+ of ~10000/.test(f), 'the selection moved while loading');
    dispatchChanges(rig.runtime.store, [{ type: 'phase', key, phase: { phase: 'live', since: Date.now() } }]);
    const live = await rig.waitForFrame((f) => !f.includes('loaded ') && /pods\(vgauthier\)\[\d+\]/.test(f), 'the title without the progress');
    expect(live).not.toMatch(/loaded \d+/);
  });
});
