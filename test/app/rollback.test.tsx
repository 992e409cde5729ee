// h, then a chosen revision: Enter shows its pod template against the current one, u rolls back to it
// (not only to the previous one), confirmed, and the rollout follows.
import { afterEach, describe, expect, it } from 'vitest';
import { openDeployments, startRig, type Rig } from '../support/rig.js';
import { until } from '../support/until.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const deployments = { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true };
const image = (r: Rig) => r.sim.store.get('deployments.apps', 'vgauthier', 'webnodb')?.spec.template.spec.containers[0].image;

describe('roll back to a chosen revision', () => {
  it('restores revision 2 from revision 4, after showing its template diff', async () => {
    rig = await startRig({ sim: { speed: 20 } });
    const revisions = () => rig!.sim.store.list('replicasets.apps', 'vgauthier').filter((rs) => rs.metadata.name?.startsWith('webnodb-')).length;
    const first = revisions();
    for (const [i, tag] of ['v2', 'v3'].entries()) {
      await rig.session.api.objects.patch(deployments, 'vgauthier', 'webnodb', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: `vgauthier/webnodb:${tag}` }], 'json');
      await until(() => revisions() === first + i + 1, `revision for ${tag}`);
    }
    await openDeployments(rig);
    await rig.press('h');
    await rig.waitFor(/> 4\*\s+vgauthier\/webnodb:v3/);
    await rig.press('down');
    await rig.press('down');
    await rig.waitFor(/> 2\s+vgauthier\/webnodb:latest/);
    await rig.press('enter');
    await rig.waitFor(/~ spec\.containers\[name=webnodb\]\.image: vgauthier\/webnodb:v3 → vgauthier\/webnodb:latest/);
    await rig.press('u');
    await rig.waitFor(/roll back deployments\/webnodb to revision 2\? \[y\/N\]/);
    expect(image(rig)).toBe('vgauthier/webnodb:v3');
    await rig.press('y');
    await rig.waitFor(/rollout status deployments\/webnodb/);
    expect(image(rig)).toBe('vgauthier/webnodb:latest');
  });
});
