import { BatchV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../../src/index.js';
import { apiError, bareSim, clients, deployment, pod, raw, readWatch } from './support.js';

let sim: Sim;
let core: ReturnType<typeof clients>['core'];
let apps: ReturnType<typeof clients>['apps'];

beforeAll(async () => {
  sim = await bareSim();
  ({ core, apps } = clients(sim.kubeConfig('admin')));
});
afterAll(() => sim.stop());

describe('create / get / list', () => {
  it('creates with server-set fields and reads back the same object', async () => {
    const created = await core.createNamespacedPod({ namespace: 'default', body: pod('web-1', 'default', { app: 'web' }) });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.status?.phase).toBe('Pending');
    expect(created.spec?.restartPolicy).toBe('Always');
    const got = await core.readNamespacedPod({ namespace: 'default', name: 'web-1' });
    expect(got.metadata?.uid).toBe(created.metadata?.uid);
  });

  it('fills generateName and answers 409 AlreadyExists / 404 NotFound as Status objects', async () => {
    const g = await core.createNamespacedPod({ namespace: 'default', body: { ...pod(''), metadata: { generateName: 'gen-' } } });
    expect(g.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
    const dup = await apiError(core.createNamespacedPod({ namespace: 'default', body: pod('web-1') }));
    expect(dup).toMatchObject({ kind: 'Status', code: 409, reason: 'AlreadyExists', message: 'pods "web-1" already exists' });
    const nf = await apiError(apps.readNamespacedDeployment({ namespace: 'default', name: 'nope' }));
    expect(nf).toMatchObject({ code: 404, reason: 'NotFound', message: 'deployments.apps "nope" not found', details: { name: 'nope', group: 'apps', kind: 'deployments' } });
  });

  it('keeps a node\'s status on create (the nodes exception) but drops a deployment\'s', async () => {
    const conditions = [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }];
    const n = await core.createNode({ body: { metadata: { name: 'keep-status' }, status: { conditions, capacity: { cpu: '4' } } } });
    expect(n.status?.conditions).toEqual(conditions);
    expect((await core.readNode({ name: 'keep-status' })).status?.capacity).toEqual({ cpu: '4' });
    const d = await apps.createNamespacedDeployment({ namespace: 'default', body: { ...deployment('no-status'), status: { replicas: 7 } } as any });
    expect(d.status?.replicas).toBeUndefined();
  });

  it('defaults a service\'s IP families and traffic policies as an IPv4 single-stack apiserver does', async () => {
    const svc = (name: string, spec: Record<string, unknown>) => core.createNamespacedService({ namespace: 'default', body: { metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } } });
    const c = await svc('def-ip', { selector: { app: 'web' } });
    expect(c.spec).toMatchObject({ type: 'ClusterIP', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'], internalTrafficPolicy: 'Cluster' });
    expect(c.spec?.externalTrafficPolicy).toBeUndefined();
    const lb = await svc('def-lb', { type: 'LoadBalancer', selector: { app: 'web' } });
    expect(lb.spec).toMatchObject({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'], internalTrafficPolicy: 'Cluster', externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
    const kept = await svc('def-local', { type: 'NodePort', internalTrafficPolicy: 'Local', externalTrafficPolicy: 'Local' });
    expect(kept.spec).toMatchObject({ internalTrafficPolicy: 'Local', externalTrafficPolicy: 'Local' });
    const ext = await svc('def-ext', { type: 'ExternalName', externalName: 'db.example.com', ports: undefined });
    expect(ext.spec?.ipFamilyPolicy).toBeUndefined();
    expect(ext.spec?.ipFamilies).toBeUndefined();
    expect(ext.spec?.internalTrafficPolicy).toBeUndefined();
  });

  it('generates a job\'s selector and pod template labels from its uid unless manualSelector is set', async () => {
    const batch = sim.kubeConfig('admin').makeApiClient(BatchV1Api);
    const template = { metadata: { labels: { app: 'mig' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox:1.36' }] } };
    const j = await batch.createNamespacedJob({ namespace: 'default', body: { metadata: { name: 'mig', uid: 'client-chosen' }, spec: { template } } });
    const uid = j.metadata?.uid;
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(j.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.spec?.template.metadata?.labels).toEqual({ app: 'mig', 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'mig', 'controller-uid': uid, 'job-name': 'mig' });
    const gen = await batch.createNamespacedJob({ namespace: 'default', body: { metadata: { generateName: 'mig-' }, spec: { template } } });
    expect(gen.spec?.template.metadata?.labels?.['job-name']).toBe(gen.metadata?.name);
    const manual = await batch.createNamespacedJob({ namespace: 'default', body: { metadata: { name: 'mig-manual' }, spec: { manualSelector: true, selector: { matchLabels: { app: 'mig' } }, template } } });
    expect(manual.spec?.selector).toEqual({ matchLabels: { app: 'mig' } });
    expect(manual.spec?.template.metadata?.labels).toEqual({ app: 'mig' });
  });

  it('refuses objects in a namespace that does not exist', async () => {
    const e = await apiError(core.createNamespacedPod({ namespace: 'ghost', body: pod('x', 'ghost') }));
    expect(e).toMatchObject({ code: 404, message: 'namespaces "ghost" not found' });
  });

  it('dryRun=All validates without storing', async () => {
    await core.createNamespacedPod({ namespace: 'default', body: pod('dry'), dryRun: 'All' });
    expect((await apiError(core.readNamespacedPod({ namespace: 'default', name: 'dry' }))).code).toBe(404);
  });

  it('filters by label selectors, set-based included', async () => {
    for (const [n, tier] of [['a', 'front'], ['b', 'back'], ['c', 'cache']]) {
      await core.createNamespacedPod({ namespace: 'default', body: pod(`sel-${n}`, 'default', { group: 'sel', tier, ...(n === 'c' ? { canary: 'true' } : {}) }) });
    }
    const names = async (labelSelector: string) => (await core.listNamespacedPod({ namespace: 'default', labelSelector })).items.map((p) => p.metadata?.name);
    expect(await names('group=sel,tier in (front,back)')).toEqual(['sel-a', 'sel-b']);
    expect(await names('group=sel,tier notin (front)')).toEqual(['sel-b', 'sel-c']);
    expect(await names('group=sel,!canary')).toEqual(['sel-a', 'sel-b']);
    expect(await names('group=sel,canary')).toEqual(['sel-c']);
    expect(await names('group==sel,tier!=back')).toEqual(['sel-a', 'sel-c']);
    const bad = await apiError(core.listNamespacedPod({ namespace: 'default', labelSelector: 'a in b' }));
    expect(bad.code).toBe(400);
  });

  it('filters by field selectors', async () => {
    const byName = await core.listPodForAllNamespaces({ fieldSelector: 'metadata.name=sel-b' });
    expect(byName.items.map((p) => p.metadata?.name)).toEqual(['sel-b']);
    const pending = await core.listNamespacedPod({ namespace: 'default', fieldSelector: 'status.phase=Pending,metadata.namespace=default' });
    expect(pending.items.length).toBeGreaterThanOrEqual(4);
    const none = await core.listNamespacedPod({ namespace: 'default', fieldSelector: 'spec.nodeName=node-9' });
    expect(none.items).toEqual([]);
    await core.createNamespacedEvent({ namespace: 'default', body: { metadata: { name: 'ev1' }, involvedObject: { kind: 'Pod', name: 'sel-a', namespace: 'default' }, reason: 'Started', message: 'hi', type: 'Normal' } });
    const evs = await core.listNamespacedEvent({ namespace: 'default', fieldSelector: 'involvedObject.kind=Pod,involvedObject.name=sel-a' });
    expect(evs.items.map((e) => e.metadata.name)).toEqual(['ev1']);
    const bad = await apiError(core.listNamespacedPod({ namespace: 'default', fieldSelector: 'spec.bogus=1' }));
    expect(bad).toMatchObject({ code: 400, message: 'field label not supported: spec.bogus' });
  });

  it('pages with limit/continue and reports remainingItemCount', async () => {
    for (let i = 0; i < 7; i++) await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: `page-${i}` }, data: { i: String(i) } } });
    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedConfigMap({ namespace: 'default', limit: 3, _continue: cont });
      seen.push(...page.items.map((c) => c.metadata!.name!));
      cont = page.metadata?._continue;
      if (cont) expect(page.metadata?.remainingItemCount).toBeGreaterThan(0);
      pages++;
    } while (cont);
    expect(pages).toBe(3);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`));
  });

  it('serves events.k8s.io/v1 views of core events', async () => {
    const res = await raw(sim, '/apis/events.k8s.io/v1/namespaces/default/events/ev1');
    const ev = await res.json();
    expect(ev).toMatchObject({ apiVersion: 'events.k8s.io/v1', kind: 'Event', regarding: { name: 'sel-a' }, note: 'hi', reason: 'Started' });
  });
});

describe('update and patch', () => {
  it('answers 409 Conflict on a stale resourceVersion', async () => {
    const d = await apps.createNamespacedDeployment({ namespace: 'default', body: deployment('web') });
    const fresh = await apps.replaceNamespacedDeployment({ namespace: 'default', name: 'web', body: { ...d, spec: { ...d.spec!, replicas: 3 } } });
    expect(fresh.metadata?.generation).toBe(2);
    const e = await apiError(apps.replaceNamespacedDeployment({ namespace: 'default', name: 'web', body: { ...d, spec: { ...d.spec!, replicas: 4 } } }));
    expect(e).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(e.message).toBe('Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('rejects negative replicas with 422 Invalid and causes', async () => {
    const e = await apiError(apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: { spec: { replicas: -1 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)));
    expect(e).toMatchObject({ code: 422, reason: 'Invalid', message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0' });
    expect(e.details.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }]);
  });

  it('applies JSON patch, merge patch and strategic merge patch', async () => {
    const jp = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: [{ op: 'replace', path: '/spec/replicas', value: 5 }, { op: 'add', path: '/metadata/labels/tier', value: 'front' }] }, setHeaderOptions('Content-Type', PatchStrategy.JsonPatch));
    expect(jp.spec?.replicas).toBe(5);
    expect(jp.metadata?.labels).toEqual({ app: 'web', tier: 'front' });
    const mp = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: { metadata: { labels: { tier: null }, annotations: { note: 'x' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(mp.metadata?.labels).toEqual({ app: 'web' });
    expect(mp.metadata?.annotations).toEqual({ note: 'x' });
    // What `kubectl rollout restart` sends, then a container merged by name (`kubectl set image`).
    const restartedAt = '2026-01-01T00:00:00Z';
    await apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    const sm = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'envoy:1' }, { name: 'web', image: 'web:2' }], '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }] } } } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    expect(sm.spec?.template.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': restartedAt });
    expect(sm.spec?.template.spec?.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['web=web:2', 'sidecar=envoy:1']);
    // `kubectl rollout undo` replaces the whole template.
    const undo = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: { spec: { template: { $patch: 'replace', metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    expect(undo.spec?.template.spec?.containers.map((c) => c.image)).toEqual(['web:1']);
    expect(undo.spec?.template.metadata?.annotations).toBeUndefined();
    const del = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: { spec: { template: { spec: { containers: [{ name: 'web', $patch: 'delete' }, { name: 'other', image: 'o:1' }] } } } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    expect(del.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['other']);
  });

  it('ignores status changes on the main resource and applies them on /status', async () => {
    await apps.patchNamespacedDeployment({ namespace: 'default', name: 'web', body: { status: { replicas: 99 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect((await apps.readNamespacedDeployment({ namespace: 'default', name: 'web' })).status?.replicas).toBeUndefined();
    const s = await apps.patchNamespacedDeploymentStatus({ namespace: 'default', name: 'web', body: { status: { replicas: 2 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(s.status?.replicas).toBe(2);
  });

  it('reads and writes the scale subresource', async () => {
    const sc = await apps.readNamespacedDeploymentScale({ namespace: 'default', name: 'web' });
    expect(sc).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 5 }, status: { selector: 'app=web' } });
    await apps.patchNamespacedDeploymentScale({ namespace: 'default', name: 'web', body: { spec: { replicas: 1 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const put = await apps.replaceNamespacedDeploymentScale({ namespace: 'default', name: 'web', body: { ...sc, spec: { replicas: 4 }, metadata: { ...sc.metadata, resourceVersion: undefined } } });
    expect(put.spec?.replicas).toBe(4);
    expect((await apps.readNamespacedDeployment({ namespace: 'default', name: 'web' })).spec?.replicas).toBe(4);
    const stale = await apiError(apps.replaceNamespacedDeploymentScale({ namespace: 'default', name: 'web', body: { ...sc, spec: { replicas: 2 } } }));
    expect(stale.code).toBe(409);
  });

  it('answers 400 for a body name that differs from the URL, 405 for an unsupported method', async () => {
    const p = await core.readNamespacedPod({ namespace: 'default', name: 'web-1' });
    const e = await apiError(core.replaceNamespacedPod({ namespace: 'default', name: 'web-1', body: { ...p, metadata: { ...p.metadata, name: 'other' } } }));
    expect(e).toMatchObject({ code: 400, message: 'the name of the object (other) does not match the name on the URL (web-1)' });
    const r = await raw(sim, '/api/v1/namespaces/default/pods', { method: 'PUT', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(405);
    expect((await r.json()).reason).toBe('MethodNotAllowed');
  });
});

describe('writes that change nothing', () => {
  it('a patch that changes nothing emits no watch event: the next event is the next real change', async () => {
    const cm = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'quiet' }, data: { k: 'v' } } });
    const rv = cm.metadata!.resourceVersion!;
    const w = await raw(sim, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3Dquiet`);
    const same = await raw(sim, '/api/v1/namespaces/default/configmaps/quiet', { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ data: { k: 'v' } }) });
    expect((await same.json()).metadata.resourceVersion).toBe(rv);
    await raw(sim, '/api/v1/namespaces/default/configmaps/quiet', { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ data: { k: 'changed' } }) });
    const { events } = await readWatch(w as unknown as Response, (evs) => evs.length > 0);
    expect(events[0].type).toBe('MODIFIED');
    expect(events[0].object.data).toEqual({ k: 'changed' });
  });
});

describe('discovery', () => {
  it('serves the version, groups and resource lists kubectl needs, OpenAPI v3 per group version and v2 as JSON', async () => {
    expect((await (await raw(sim, '/version')).json()).gitVersion).toMatch(/^v1\.\d+/);
    const groups = (await (await raw(sim, '/apis')).json()).groups.map((g: any) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['apps', 'batch', 'events.k8s.io', 'metrics.k8s.io', 'authorization.k8s.io']));
    const v1 = await (await raw(sim, '/api/v1')).json();
    const pods = v1.resources.find((r: any) => r.name === 'pods');
    expect(pods).toMatchObject({ namespaced: true, kind: 'Pod', shortNames: ['po'], categories: ['all'] });
    expect(v1.resources.map((r: any) => r.name)).toEqual(expect.arrayContaining(['pods/log', 'pods/status', 'nodes', 'namespaces', 'resourcequotas']));
    const appsV1 = await (await raw(sim, '/apis/apps/v1')).json();
    expect(appsV1.resources.find((r: any) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(appsV1.resources.find((r: any) => r.name === 'statefulsets').shortNames).toEqual(['sts']);
    const v2 = await raw(sim, '/openapi/v2');
    expect(v2.status).toBe(200);
    expect((await v2.json()).definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    // v3 declares, per kind, PATCH with fieldValidation: kubectl apply then validates server-side.
    const root = await (await raw(sim, '/openapi/v3')).json();
    const appsUrl = root.paths['apis/apps/v1'].serverRelativeURL;
    const appsDoc = await (await raw(sim, appsUrl)).json();
    const patch = appsDoc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters.map((p: any) => p.name)).toContain('fieldValidation');
    expect((await raw(sim, '/openapi/v3/apis/nope/v1')).status).toBe(404);
  });
});

describe('update rules', () => {
  it('refuses changes to immutable pod fields but allows a new image, and keeps generation on reordered keys', async () => {
    const { core: c, apps: a } = clients(sim.kubeConfig('admin'));
    const p = await c.createNamespacedPod({ namespace: 'default', body: pod('immut') });
    const e = await apiError(c.replaceNamespacedPod({ namespace: 'default', name: 'immut', body: { ...p, spec: { ...p.spec!, restartPolicy: 'Never' } } }));
    expect(e).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(e.message).toMatch(/^Pod "immut" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\]\.image`/);
    const img = await c.patchNamespacedPod({ namespace: 'default', name: 'immut', body: [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.28' }] });
    expect(img.spec?.containers[0].image).toBe('nginx:1.28');
    const d = await a.createNamespacedDeployment({ namespace: 'default', body: deployment('reorder') });
    const current = await (await raw(sim, '/apis/apps/v1/namespaces/default/deployments/reorder')).json();
    const reversed = (o: any): any => (Array.isArray(o) ? o.map(reversed) : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).reverse().map(([k, v]) => [k, reversed(v)])) : o);
    const put = await raw(sim, '/apis/apps/v1/namespaces/default/deployments/reorder', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...current, spec: reversed(current.spec) }) });
    expect((await put.json()).metadata.generation).toBe(d.metadata?.generation);
    const sel = await apiError(a.patchNamespacedDeployment({ namespace: 'default', name: 'reorder', body: [{ op: 'replace', path: '/spec/selector/matchLabels/app', value: 'other' }] }));
    // The new selector no longer matches the template either: both errors, in kube-apiserver's order.
    expect(sel.message).toMatch(/^Deployment\.apps "reorder" is invalid: \[spec\.template\.metadata\.labels: .*`selector` does not match template `labels`, spec\.selector: Invalid value: .*: field is immutable\]$/);
  });
});
