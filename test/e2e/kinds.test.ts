// Every kind the server serves, against the real control plane: `kdash --once --view K` prints what
// `kubectl get K` prints (as the student where the student may list K, as admin otherwise), a CRD
// installed here is shown with its printer columns and followed live, and the hand-made descriptors'
// headers are the server's own Table headers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessionFromKubeConfig } from '../../src/kube/session.js';
import { objectClient } from '../../src/kube/objects.js';
import { startRuntime, type Runtime } from '../../src/app/runtime.js';
import { kindDiscovery } from '../../src/app/kinds.js';
import { allKinds, findKind } from '../../src/resources/registry.js';
import { withServerColumns } from '../../src/resources/serverTable.js';
import { renderPlainTable } from '../../src/resources/plainTable.js';
import { keyOf } from '../../src/store/keys.js';
import { selectColumns, selectObjects, selectWatcher } from '../../src/store/selectors.js';
import { descriptorHeaders, serverHeaders } from '../support/headerDrift.js';
import { widget as widgetIn, WIDGETS_CRD } from '../support/widgets.js';
import { ageless, kdash, kubeConfig, kubectl, NAMESPACE, until } from './support.js';

const CRD = WIDGETS_CRD;
const widget = (name: string, spec: object) => widgetIn(name, NAMESPACE, spec);

// One of each kind a student meets, in the course namespace.
const OBJECTS = [
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-password' }, type: 'Opaque', stringData: { password: 'hunter2' } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'redis-data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'webnodb' },
    spec: { rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'webnodb', port: { number: 80 } } } }] } }] },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'webnodb' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'webnodb' }, minReplicas: 3, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
  },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'redis-from-web' }, spec: { podSelector: { matchLabels: { app: 'redis' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'webnodb' } } }] }] } },
  { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits' }, spec: { limits: [{ type: 'Container', max: { memory: '1Gi' } }] } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'webnodb' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'webnodb' } } } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'nobody' }] },
  widget('w-red', { color: 'red', size: 3, shape: 'round' }),
  widget('w-plain', { color: 'grey' }),
];

/** kubectl apply -f - as admin. */
async function apply(objs: object[], verb: 'apply' | 'delete' = 'apply') {
  const file = join(mkdtempSync(join(tmpdir(), 'kdash-kinds-')), 'objects.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objs }));
  const extra = verb === 'delete' ? ['--ignore-not-found', '--wait=false'] : [];
  return kubectl([verb, '-n', NAMESPACE, '-f', file, ...extra], { user: 'admin' });
}

beforeAll(async () => {
  expect((await apply([CRD])).code).toBe(0);
  await until('the widgets resource to be served', async () => (await kubectl(['get', 'widgets', '-n', NAMESPACE], { user: 'admin' })).code === 0);
  const r = await apply(OBJECTS);
  expect(r.stderr).toBe('');
  // The HPA's REPLICAS is 0 until its controller has looked once: compare after that.
  await until('the HPA to see its 3 replicas', async () => (await kubectl(['get', 'hpa', 'webnodb', '-o', 'jsonpath={.status.currentReplicas}'])).stdout === '3');
});

afterAll(async () => {
  await apply(OBJECTS, 'delete');
  await apply([CRD], 'delete');
});

// The student has `edit` in the namespace: everything here but Roles, RoleBindings and a CRD nobody granted.
const AS_STUDENT = ['ingress', 'pvc', 'hpa', 'sa', 'secrets', 'endpoints', 'networkpolicies', 'limitranges', 'pdb'];
const AS_ADMIN = ['roles', 'rolebindings', 'widgets', 'wd', 'widgets.example.com'];

describe('kdash --once --view K prints what kubectl get K prints', () => {
  it.each(AS_STUDENT)('%s, as the student', async (view) => {
    const [ours, theirs] = await Promise.all([kdash(['--once', '--view', view]), kubectl(['get', view])]);
    expect(theirs.code).toBe(0);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ageless(ours.stdout)).toBe(ageless(theirs.stdout));
    expect(ours.stdout).not.toMatch(/hunter2|aHVudGVyMg/);
  });

  it.each(AS_ADMIN)('%s, as admin', async (view) => {
    const [ours, theirs] = await Promise.all([
      kdash(['--once', '--view', view, '--context', 'e2e-admin', '-n', NAMESPACE]),
      kubectl(['get', view, '-n', NAMESPACE], { user: 'admin' }),
    ]);
    expect(theirs.code).toBe(0);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ageless(ours.stdout)).toBe(ageless(theirs.stdout));
  });

  it('the widgets table is the CRD’s printer columns, empty where a field is unset', async () => {
    const r = await kdash(['--once', '--view', 'widgets', '--context', 'e2e-admin', '-n', NAMESPACE]);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+COLOR\s+SIZE\s+AGE$/);
    expect(r.stdout).toMatch(/^w-plain\s+grey\s+\d+s$/m);
    expect(r.stdout).toMatch(/^w-red\s+red\s+3\s+\d+s$/m);
  });

  it('a kind the student may not list is one line naming the reason', async () => {
    const r = await kdash(['--once', '--view', 'roles']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/roles\.rbac\.authorization\.k8s\.io are not available to this account: .*cannot list resource "roles"/);
  });

  it('a name the server does not serve is refused like kubectl does', async () => {
    const r = await kdash(['--once', '--view', 'gadgets']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the server doesn't have a resource type "gadgets"/);
  });
});

describe('a CRD installed now, followed live', () => {
  let rt: Runtime | undefined;
  afterAll(async () => {
    await rt?.stop();
  });

  it('shows a widget created or deleted within a second, with kubectl’s columns (wide ones with o)', async () => {
    const session = await openSessionFromKubeConfig(kubeConfig('admin'), { namespace: NAMESPACE });
    const kind = await kindDiscovery(session).resolve('widgets');
    expect(kind).toMatchObject({ id: 'widgets.example.com', serverTable: true });
    rt = startRuntime(session);
    const key = keyOf(kind!.id, NAMESPACE);
    rt.watches.use(kind!.id, NAMESPACE);
    await until('widgets listed', () => selectWatcher(rt!.store.getState(), key)?.phase === 'live');
    const names = () => selectObjects(rt!.store.getState(), key).map((o) => o.metadata.name);
    expect(names()).toEqual(['w-plain', 'w-red']);
    // Rows are compact: metadata and cells, not the widget's spec.
    expect(selectObjects(rt.store.getState(), key)[0]).not.toHaveProperty('spec');

    const shown = withServerColumns(kind!, selectColumns(rt.store.getState(), key));
    const now = Date.now();
    const objs = selectObjects(rt.store.getState(), key);
    const wide = await kubectl(['get', 'widgets', '-n', NAMESPACE, '-o', 'wide'], { user: 'admin' });
    expect(ageless(renderPlainTable(shown, objs, { now }, { wide: true }))).toBe(ageless(wide.stdout));

    const objects = objectClient(session.api.kc);
    await objects.create(kind!, NAMESPACE, widget('w-new', { color: 'blue', size: 1 }));
    await until('w-new shown', () => names().includes('w-new'), 1000, 10);
    await objects.delete(kind!, NAMESPACE, 'w-new');
    await until('w-new gone', () => !names().includes('w-new'), 1000, 10);
  });
});

describe('hand-made descriptors keep kubectl’s headers', () => {
  it.each(allKinds.map((k) => k.id))('%s', async (id) => {
    const kind = findKind(id)!;
    const server = await serverHeaders(kubeConfig('admin'), kind, kind.namespaced ? NAMESPACE : '');
    expect(descriptorHeaders(kind)).toEqual(server);
  });
});
