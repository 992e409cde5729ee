// The kinds a course cluster has, as a student meets them over the API: claims bound by the storage
// controller (or left Pending with its event), LimitRange defaults and limits at pod admission,
// PodDisruptionBudget status and the eviction it refuses, the HPA controller scaling from the simulated
// metrics, and the student's rights on them (edit: no roles or role bindings).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../src/index.js';
import { raw, waitFor } from './support.js';

const NS = 'vgauthier';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const JSON_BODY = { 'Content-Type': 'application/json' };

let sim: Sim;
const post = (path: string, body: unknown, token: 'admin' | 'student' = 'student') => raw(sim, path, { method: 'POST', headers: JSON_BODY, body: JSON.stringify(body), token });
const get = async (path: string) => (await raw(sim, path)).json();
const cells = async (path: string) => (await (await raw(sim, `${path}?includeObject=None`, { headers: { Accept: TABLE } })).json()).rows.map((r: any) => r.cells);
const events = (reason: string) => sim.store.list('events', NS).filter((e) => e.reason === reason);
/** Lets simulated time pass in steps so the controllers react between them. */
async function pass(ms: number, step = 1000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    await sim.clock.advance(step);
    await new Promise((r) => setImmediate(r));
  }
}
const claim = (name: string, storageClassName?: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, ...(storageClassName !== undefined ? { storageClassName } : {}) } });

beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', clock: 'manual' });
});
afterAll(() => sim.stop());

describe('storage', () => {
  it('the classroom has a default StorageClass and redis-data bound to its volume', async () => {
    expect(await cells('/apis/storage.k8s.io/v1/storageclasses')).toEqual([
      ['standard', 'kubernetes.io/gce-pd', 'Delete', 'Immediate', true, expect.any(String)],
      ['standard-rwo (default)', 'pd.csi.storage.gke.io', 'Delete', 'WaitForFirstConsumer', true, expect.any(String)],
    ]);
    const [row] = await cells(`/api/v1/namespaces/${NS}/persistentvolumeclaims`);
    expect(row.slice(0, 7)).toEqual(['redis-data', 'Bound', expect.stringMatching(/^pvc-/), '1Gi', 'RWO', 'standard-rwo', '<unset>']);
  });

  it('a claim without a class gets the default one and waits for its first consumer, then binds', async () => {
    expect((await post(`/api/v1/namespaces/${NS}/persistentvolumeclaims`, claim('data'))).status).toBe(201);
    await pass(1000);
    const pending = await get(`/api/v1/namespaces/${NS}/persistentvolumeclaims/data`);
    expect([pending.spec.storageClassName, pending.status.phase]).toEqual(['standard-rwo', 'Pending']);
    expect(events('WaitForFirstConsumer').map((e) => e.message)).toEqual(['waiting for first consumer to be created before binding']);
    await post(`/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'uses-data' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'd', mountPath: '/d' }] }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    const bound = await waitFor(async () => { await pass(1000); const c = await get(`/api/v1/namespaces/${NS}/persistentvolumeclaims/data`); return c.status.phase === 'Bound' && c; }, 'data bound');
    const pv = await get(`/api/v1/persistentvolumes/${bound.spec.volumeName}`);
    expect([pv.status.phase, pv.spec.claimRef.name, pv.spec.capacity.storage, pv.spec.persistentVolumeReclaimPolicy]).toEqual(['Bound', 'data', '2Gi', 'Delete']);
    expect(events('ProvisioningSucceeded').map((e) => e.message)).toEqual([`Successfully provisioned volume ${bound.spec.volumeName}`]);
    // Deleting the claim deletes its volume (reclaim policy Delete).
    await raw(sim, `/api/v1/namespaces/${NS}/persistentvolumeclaims/data`, { method: 'DELETE', token: 'student' });
    await waitFor(async () => { await pass(1000); return (await raw(sim, `/api/v1/persistentvolumes/${bound.spec.volumeName}`)).status === 404; }, 'the volume deleted');
  });

  it('a claim of an unknown class, or of no class with no volume, stays Pending with the controller\'s event', async () => {
    await post(`/api/v1/namespaces/${NS}/persistentvolumeclaims`, claim('typo', 'fast-ssd'));
    await post(`/api/v1/namespaces/${NS}/persistentvolumeclaims`, claim('manual', ''));
    await pass(2000);
    expect((await get(`/api/v1/namespaces/${NS}/persistentvolumeclaims/typo`)).status.phase).toBe('Pending');
    expect((await get(`/api/v1/namespaces/${NS}/persistentvolumeclaims/manual`)).status.phase).toBe('Pending');
    expect(events('ProvisioningFailed').map((e) => e.message)).toEqual(['storageclass.storage.k8s.io "fast-ssd" not found']);
    expect(events('FailedBinding').map((e) => e.message)).toEqual(['no persistent volumes available for this claim and no storage class is set']);
    // An admin's volume that fits binds the class-less claim.
    await post('/api/v1/persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-manual' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/srv' } } }, 'admin');
    await waitFor(async () => { await pass(1000); return (await get(`/api/v1/namespaces/${NS}/persistentvolumeclaims/manual`)).status.phase === 'Bound'; }, 'manual bound');
    expect((await cells('/api/v1/persistentvolumes')).find((r: any) => r[0] === 'pv-manual').slice(0, 7)).toEqual(['pv-manual', '5Gi', 'RWO', 'Retain', 'Bound', `${NS}/manual`, '']);
  });
});

describe('LimitRange admission', () => {
  it('fills in the requests and limits a container leaves out, and says so in an annotation', async () => {
    const res = await post(`/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'plain' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    expect(res.status).toBe(201);
    const pod = await res.json();
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '250m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(pod.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
  });

  it('refuses a container over the maximum with the LimitRanger message', async () => {
    const res = await post(`/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'big', image: 'nginx:1.27', resources: { limits: { cpu: '2', memory: '2Gi' } } }] } });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toBe('pods "big" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]');
  });
});

describe('PodDisruptionBudget', () => {
  it('computes its status and makes the eviction of a pod it protects wait with a 429', async () => {
    await waitFor(async () => { await pass(1000); return (await get(`/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets/webnodb`)).status.expectedPods === 3; }, 'pdb status');
    const pdb = await get(`/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets/webnodb`);
    expect(pdb.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 });
    expect(await cells(`/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets`)).toEqual([['webnodb', '2', 'N/A', 1, expect.any(String)]]);
    const pods = sim.store.list('pods', NS).filter((p) => p.metadata.labels?.app === 'webnodb').map((p) => p.metadata.name!);
    const evict = (name: string) => post(`/api/v1/namespaces/${NS}/pods/${name}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } });
    expect((await evict(pods[0])).status).toBe(201);
    const refused = await evict(pods[1]);
    expect(refused.status).toBe(429);
    const body = await refused.json();
    expect(body.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(body.details.causes).toEqual([{ reason: 'DisruptionBudget', message: 'The disruption budget webnodb needs 2 healthy pods and has 2 currently' }]);
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('scales a deployment from its pods\' CPU use and shows TARGETS as kubectl does', async () => {
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: 1, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] } } } };
    expect((await post(`/apis/apps/v1/namespaces/${NS}/deployments`, deploy)).status).toBe(201);
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, maxReplicas: 4, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 10 } } }] } };
    const created = await post(`/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, hpa);
    expect(created.status).toBe(201);
    expect((await created.json()).spec.minReplicas).toBe(1);
    const row = await waitFor(async () => {
      await pass(5000);
      const r = (await cells(`/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`)).find((x: any) => x[0] === 'api');
      return r && r[5] > 1 && r;
    }, 'the HPA scales api up', 30_000);
    expect(row.slice(0, 5)).toEqual(['api', 'Deployment/api', expect.stringMatching(/^cpu: \d+%\/10%$/), '1', 4]);
    const d = await get(`/apis/apps/v1/namespaces/${NS}/deployments/api`);
    expect(d.spec.replicas).toBeGreaterThan(1);
    expect(events('SuccessfulRescale')[0].message).toMatch(/^New size: \d; reason: cpu resource utilization \(percentage of request\) above target$/);
  });
});

describe('what the student may do', () => {
  it('lists ingresses, claims, autoscalers, network policies, limit ranges, budgets and service accounts, not roles or role bindings', async () => {
    for (const path of ['/apis/networking.k8s.io/v1/namespaces/vgauthier/ingresses', '/api/v1/namespaces/vgauthier/persistentvolumeclaims', '/apis/autoscaling/v2/namespaces/vgauthier/horizontalpodautoscalers', '/apis/networking.k8s.io/v1/namespaces/vgauthier/networkpolicies', '/api/v1/namespaces/vgauthier/limitranges', '/apis/policy/v1/namespaces/vgauthier/poddisruptionbudgets', '/api/v1/namespaces/vgauthier/serviceaccounts', '/api/v1/namespaces/vgauthier/secrets']) {
      expect((await raw(sim, path, { token: 'student' })).status, path).toBe(200);
    }
    const roles = await raw(sim, '/apis/rbac.authorization.k8s.io/v1/namespaces/vgauthier/roles', { token: 'student' });
    expect(roles.status).toBe(403);
    expect((await roles.json()).message).toBe('roles.rbac.authorization.k8s.io is forbidden: User "vgauthier" cannot list resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "vgauthier"');
    expect((await raw(sim, '/apis/rbac.authorization.k8s.io/v1/namespaces/vgauthier/rolebindings', { token: 'student' })).status).toBe(403);
    expect((await raw(sim, '/api/v1/persistentvolumes', { token: 'student' })).status).toBe(403);
  });
});
