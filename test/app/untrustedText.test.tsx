// Text from cluster objects is untrusted: bidi overrides and zero-width characters (which make a
// name or value read as something else) are shown escaped in every view of the dashboard.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTypedApi } from '../support/typedApi.js';
import { startRig, type Rig } from '../support/rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const SPOOF = 'report\u202Efdp.exe\u202C zero\u200Bwidth\uFEFF \u2066iso\u2069';
const SHOWN = 'report\\u202efdp.exe\\u202c zero\\u200bwidth\\ufeff \\u2066iso\\u2069';
/** Every frame written so far, without colours: nothing raw may have reached the terminal. */
const everything = (r: Rig) => r.stdout.frames.join('\n');

describe('invisible characters in cluster text', () => {
  it('are escaped in the table, in describe and in YAML', async () => {
    rig = await startRig({ view: 'ev', columns: 200 });
    const api = makeTypedApi(rig.sim.kubeConfig('admin'));
    await api.core.createNamespacedConfigMap({
      namespace: 'vgauthier',
      body: { metadata: { name: 'spoof', annotations: { note: SPOOF } }, data: { file: SPOOF } },
    });
    await api.core.createNamespacedEvent({
      namespace: 'vgauthier',
      body: {
        metadata: { name: 'spoof.1' },
        involvedObject: { kind: 'ConfigMap', name: 'spoof', namespace: 'vgauthier' },
        reason: 'Spoof',
        message: SPOOF,
        type: 'Warning',
        count: 1,
      },
    });
    await rig.waitForFrame((f) => f.includes(SHOWN), 'the event message, escaped');

    await rig.press(':');
    await rig.type('cm');
    await rig.press('enter');
    await rig.select(/spoof\s+1\s/);
    await rig.press('d');
    await rig.waitForFrame((f) => /note:\s+report\\u202efdp\.exe/.test(f), 'describe with the annotation escaped');
    await rig.press('esc');
    await rig.select(/spoof\s+1\s/);
    await rig.press('y');
    await rig.waitForFrame((f) => f.includes(`file: ${SHOWN}`) || f.includes(`file: "${SHOWN}"`), 'the YAML with the value escaped');
    expect(everything(rig)).not.toMatch(/\p{Cf}/u);
  }, 40_000);
});
