// The kinds discovery added belong to the context that served them: after a switch, a CRD of the old
// cluster is not offered by the new one, and the old cluster's discovery answering late changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { kindDiscovery } from '../../src/app/kinds.js';
import { openSessionFromKubeConfig } from '../../src/kube/session.js';
import { objectClient } from '../../src/kube/objects.js';
import { findKind } from '../../src/resources/registry.js';
import { WIDGETS_CRD } from '../support/widgets.js';

const sims: Sim[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function clusterWithWidgets(): Promise<Sim> {
  const sim = await startSim({ scenario: 'classroom', port: 0 });
  sims.push(sim);
  const objects = objectClient(sim.kubeConfig('admin'));
  await objects.create({ group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', namespaced: false }, '', WIDGETS_CRD);
  return sim;
}

async function plainCluster(): Promise<Sim> {
  const sim = await startSim({ scenario: 'classroom', port: 0 });
  sims.push(sim);
  return sim;
}

describe('discovered kinds per context', () => {
  it("a switch forgets the old cluster's CRD at once", async () => {
    const a = await openSessionFromKubeConfig((await clusterWithWidgets()).kubeConfig('admin'), { namespace: 'vgauthier' });
    const b = await openSessionFromKubeConfig((await plainCluster()).kubeConfig('admin'), { namespace: 'vgauthier' });
    expect((await kindDiscovery(a).resolve('widgets'))?.id).toBe('widgets.example.com');

    const onB = kindDiscovery(b);
    expect(findKind('widgets')).toBeUndefined();
    expect(await onB.resolve('widgets')).toBeUndefined();
    expect(findKind('endpoints')?.id).toBe('endpoints');
  });

  it("the old cluster's discovery answering after the switch does not bring its kinds back", async () => {
    const a = await openSessionFromKubeConfig((await clusterWithWidgets()).kubeConfig('admin'), { namespace: 'vgauthier' });
    const b = await openSessionFromKubeConfig((await plainCluster()).kubeConfig('admin'), { namespace: 'vgauthier' });
    const late = kindDiscovery(a).load(true); // asked on A, answered after the switch to B
    kindDiscovery(b); // the switch, before A answers
    await late;
    expect(findKind('widgets')).toBeUndefined();
    expect((await kindDiscovery(a).resolve('widgets'))?.id).toBe('widgets.example.com'); // switching back
  });
});
