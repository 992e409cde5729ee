import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import type { KubeObject } from '../../src/types.js';
import { apiError, bareSim, clients, deployment, pod, raw, waitFor } from './support.js';

let sim: Sim;
let core: ReturnType<typeof clients>['core'];
let apps: ReturnType<typeof clients>['apps'];

beforeAll(async () => {
  sim = await bareSim();
  ({ core, apps } = clients(sim.kubeConfig('admin')));
});
afterAll(() => sim.stop());

/** deployment → replica set → two pods, linked by ownerReferences, written straight into the store. */
function family(name: string, scheduled = false): { d: KubeObject; rs: KubeObject; pods: KubeObject[] } {
  const d = sim.store.create('deployments.apps', deployment(name));
  const ref = (o: KubeObject, kind: string, apiVersion: string) => [{ apiVersion, kind, name: o.metadata.name!, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true }];
  const rs = sim.store.create('replicasets.apps', { ...deployment(`${name}-abc`), kind: 'ReplicaSet', metadata: { name: `${name}-abc`, namespace: 'default', ownerReferences: ref(d, 'Deployment', 'apps/v1') } });
  const pods = [1, 2].map((i) => sim.store.create('pods', { ...pod(`${name}-abc-${i}`), metadata: { name: `${name}-abc-${i}`, namespace: 'default', ownerReferences: ref(rs, 'ReplicaSet', 'apps/v1') }, spec: { containers: [{ name: 'c', image: 'i' }], ...(scheduled ? { nodeName: 'node-1' } : {}) } }));
  return { d, rs, pods };
}

describe('delete', () => {
  it('puts a scheduled pod into Terminating with its grace period, then removes it on grace 0', async () => {
    await core.createNamespacedPod({ namespace: 'default', body: { ...pod('slow'), spec: { nodeName: 'node-1', terminationGracePeriodSeconds: 20, containers: [{ name: 'c', image: 'i' }] } } });
    const now = sim.clock.now();
    await core.deleteNamespacedPod({ namespace: 'default', name: 'slow' });
    const p = await core.readNamespacedPod({ namespace: 'default', name: 'slow' });
    expect(p.metadata?.deletionGracePeriodSeconds).toBe(20);
    expect(new Date(p.metadata!.deletionTimestamp!).getTime()).toBeGreaterThanOrEqual(Math.floor(now / 1000) * 1000 + 19_000);
    const table = await (await raw(sim, '/api/v1/namespaces/default/pods/slow', { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } })).json();
    expect(table.rows[0].cells[2]).toBe('Terminating');
    await core.deleteNamespacedPod({ namespace: 'default', name: 'slow', gracePeriodSeconds: 0 });
    expect((await apiError(core.readNamespacedPod({ namespace: 'default', name: 'slow' }))).code).toBe(404);
  });

  it('evicts a pod (what kubectl drain sends)', async () => {
    await core.createNamespacedPod({ namespace: 'default', body: { ...pod('evictee'), spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'i' }] } } });
    await core.createNamespacedPodEviction({ namespace: 'default', name: 'evictee', body: { metadata: { name: 'evictee', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0 } } });
    expect((await apiError(core.readNamespacedPod({ namespace: 'default', name: 'evictee' }))).code).toBe(404);
  });

  it('deletes an unscheduled pod at once and answers 404 for a second delete', async () => {
    await core.createNamespacedPod({ namespace: 'default', body: pod('quick') });
    await core.deleteNamespacedPod({ namespace: 'default', name: 'quick' });
    const e = await apiError(core.deleteNamespacedPod({ namespace: 'default', name: 'quick' }));
    expect(e).toMatchObject({ code: 404, message: 'pods "quick" not found' });
  });

  it('Orphan strips owner references from dependents and keeps them', async () => {
    const { rs } = family('orph');
    await apps.deleteNamespacedDeployment({ namespace: 'default', name: 'orph', propagationPolicy: 'Orphan' });
    expect((await apiError(apps.readNamespacedDeployment({ namespace: 'default', name: 'orph' }))).code).toBe(404);
    const kept = await apps.readNamespacedReplicaSet({ namespace: 'default', name: rs.metadata.name! });
    expect(kept.metadata?.ownerReferences).toBeUndefined();
    expect((await core.readNamespacedPod({ namespace: 'default', name: 'orph-abc-1' })).metadata?.ownerReferences?.[0].uid).toBe(rs.metadata.uid);
  });

  it('Foreground deletes dependents first, then the owner', async () => {
    family('fg');
    await apps.deleteNamespacedDeployment({ namespace: 'default', name: 'fg', body: { propagationPolicy: 'Foreground' } });
    await waitFor(async () => (await apiError(apps.readNamespacedDeployment({ namespace: 'default', name: 'fg' }))).code === 404, 'owner gone');
    expect(sim.store.get('replicasets.apps', 'default', 'fg-abc')).toBeUndefined();
    expect(sim.store.get('pods', 'default', 'fg-abc-1')).toBeUndefined();
  });

  it('Foreground waits for Terminating pods before removing the owners', async () => {
    family('fgw', true);
    await apps.deleteNamespacedDeployment({ namespace: 'default', name: 'fgw', propagationPolicy: 'Foreground' });
    const d = await apps.readNamespacedDeployment({ namespace: 'default', name: 'fgw' });
    expect(d.metadata?.deletionTimestamp).toBeTruthy();
    expect(d.metadata?.finalizers).toContain('foregroundDeletion');
    expect((await core.readNamespacedPod({ namespace: 'default', name: 'fgw-abc-1' })).metadata?.deletionTimestamp).toBeTruthy();
    // What the kubelet does once the containers stopped.
    sim.store.remove('pods', 'default', 'fgw-abc-1');
    sim.store.remove('pods', 'default', 'fgw-abc-2');
    await waitFor(() => !sim.store.get('deployments.apps', 'default', 'fgw'), 'deployment removed after its pods');
    expect(sim.store.get('replicasets.apps', 'default', 'fgw-abc')).toBeUndefined();
  });

  it('deletecollection removes what the selector matches', async () => {
    for (const n of ['dc-1', 'dc-2', 'dc-3']) await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: n, labels: { batch: n === 'dc-3' ? 'keep' : 'drop' } } } });
    await core.deleteCollectionNamespacedConfigMap({ namespace: 'default', labelSelector: 'batch=drop' });
    const left = (await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'batch' })).items.map((c) => c.metadata?.name);
    expect(left).toEqual(['dc-3']);
  });

  it('a namespace terminates, refuses new content and goes once empty', async () => {
    await core.createNamespace({ body: { metadata: { name: 'scratch' } } });
    await core.createNamespacedConfigMap({ namespace: 'scratch', body: { metadata: { name: 'c' } } });
    await core.createNamespacedPod({ namespace: 'scratch', body: { ...pod('p', 'scratch'), spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'i' }] } } });
    await core.deleteNamespace({ name: 'scratch' });
    expect((await core.readNamespace({ name: 'scratch' })).status?.phase).toBe('Terminating');
    const refused = await apiError(core.createNamespacedConfigMap({ namespace: 'scratch', body: { metadata: { name: 'late' } } }));
    expect(refused).toMatchObject({ code: 403, message: 'configmaps "late" is forbidden: unable to create new content in namespace scratch because it is being terminated' });
    sim.store.remove('pods', 'scratch', 'p');
    await waitFor(() => !sim.store.get('namespaces', undefined, 'scratch'), 'namespace removed');
  });
});

describe('background cascade with the runtime garbage collector', () => {
  it('removes the replica sets and pods of a deleted deployment', async () => {
    const rsim = await startSim({ scenario: 'empty', clock: 'manual' });
    try {
      const { apps: a } = clients(rsim.kubeConfig('admin'));
      await a.createNamespacedDeployment({ namespace: 'default', body: deployment('bg', 'default', 2) });
      for (let i = 0; i < 20 && rsim.store.list('pods', 'default').length < 2; i++) await rsim.clock.advance(1000);
      expect(rsim.store.list('replicasets.apps', 'default')).toHaveLength(1);
      expect(rsim.store.list('pods', 'default')).toHaveLength(2);
      await a.deleteNamespacedDeployment({ namespace: 'default', name: 'bg' });
      for (let i = 0; i < 120 && rsim.store.list('pods', 'default').length > 0; i++) await rsim.clock.advance(1000);
      expect(rsim.store.list('replicasets.apps', 'default')).toEqual([]);
      expect(rsim.store.list('pods', 'default')).toEqual([]);
    } finally {
      await rsim.stop();
    }
  });
});
