// Aggregated discovery and CustomResourceDefinitions over HTTP, as a client sees them: creating a CRD
// serves its kind (discovery, CRUD, Tables with its printer columns on list and watch, the structural
// schema's unknown fields and types), deleting it removes its objects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../../src/index.js';
import { crdWithPrinterColumns } from '../../../../parity/kindsParityCases.js';
import { bareSim, raw, readWatch } from './support.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const JSON_BODY = { 'Content-Type': 'application/json' };

const widgetCrd = crdWithPrinterColumns({ group: 'example.com', plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'], categories: ['all'] }, true);

const widget = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec });
const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';

describe('aggregated discovery', () => {
  let sim: Sim;
  beforeAll(async () => (sim = await bareSim()));
  afterAll(() => sim.stop());

  it('answers /api and /apis with an apidiscovery.k8s.io/v2 APIGroupDiscoveryList when asked, as kubectl asks', async () => {
    const res = await raw(sim, '/apis', { headers: { Accept: AGGREGATED } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(res.headers.get('etag')).toMatch(/^"[0-9A-F]+"$/);
    const body = await res.json();
    expect(body).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
    const apps = body.items.find((g: any) => g.metadata.name === 'apps');
    expect(apps.versions[0]).toMatchObject({ version: 'v1', freshness: 'Current' });
    const deploy = apps.versions[0].resources.find((r: any) => r.resource === 'deployments');
    expect(deploy).toEqual({
      resource: 'deployments', responseKind: { group: '', version: '', kind: 'Deployment' }, scope: 'Namespaced', singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['deploy'], categories: ['all'],
      subresources: [
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: '', version: '', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    const names = body.items.map((g: any) => g.metadata.name);
    for (const g of ['networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'autoscaling', 'apiextensions.k8s.io']) expect(names).toContain(g);
    const core = await (await raw(sim, '/api', { headers: { Accept: AGGREGATED } })).json();
    expect(core.items).toHaveLength(1);
    expect(core.items[0].metadata).toEqual({});
    const pvc = core.items[0].versions[0].resources.find((r: any) => r.resource === 'persistentvolumeclaims');
    expect(pvc).toMatchObject({ scope: 'Namespaced', shortNames: ['pvc'] });
  });

  it('answers only-v2beta1 with 406 as kube-apiserver v1.36 does, and plain JSON with the legacy documents', async () => {
    const res = await raw(sim, '/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList' } });
    expect(res.status).toBe(406);
    expect((await res.json()).message).toBe('only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
    const legacy = await (await raw(sim, '/apis', { headers: { Accept: 'application/json, */*' } })).json();
    expect(legacy.kind).toBe('APIGroupList');
  });
});

describe('CustomResourceDefinitions', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await bareSim();
    const res = await raw(sim, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', headers: JSON_BODY, body: JSON.stringify(widgetCrd) });
    expect(res.status).toBe(201);
  });
  afterAll(() => sim.stop());

  it('is Established at once, with its accepted names and defaults', async () => {
    const crd = await (await raw(sim, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com')).json();
    expect(crd.spec.names.listKind).toBe('WidgetList');
    expect(crd.status.conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual(['NamesAccepted=True', 'Established=True']);
    expect(crd.status.storedVersions).toEqual(['v1']);
  });

  it('serves its kind in both discoveries, with its short names, categories and subresources', async () => {
    const agg = await (await raw(sim, '/apis', { headers: { Accept: AGGREGATED } })).json();
    const g = agg.items.find((x: any) => x.metadata.name === 'example.com');
    expect(g.versions[0].resources[0]).toMatchObject({
      resource: 'widgets', responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' }, scope: 'Namespaced', singularResource: 'widget', shortNames: ['wd'], categories: ['all'],
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
    });
    expect(g.versions[0].resources[0].subresources.map((s: any) => s.subresource)).toEqual(['scale', 'status']);
    const legacy = await (await raw(sim, '/apis/example.com/v1')).json();
    expect(legacy.resources.map((r: any) => r.name)).toEqual(['widgets', 'widgets/status', 'widgets/scale']);
  });

  it('creates, lists and prints objects with the printer columns, wide ones at priority 1, a missing value as null', async () => {
    for (const w of [widget('w1', { color: 'red', size: 3, replicas: 2 }), widget('w2', { size: 1 })]) {
      expect((await raw(sim, WIDGETS, { method: 'POST', headers: JSON_BODY, body: JSON.stringify(w) })).status).toBe(201);
    }
    const table = await (await raw(sim, `${WIDGETS}?includeObject=None`, { headers: { Accept: TABLE } })).json();
    expect(table.columnDefinitions.map((c: any) => [c.name, c.type, c.priority, c.description])).toEqual([
      ['Name', 'string', 0, 'Name must be unique within a namespace.'],
      ['Color', 'string', 0, 'Custom resource definition column (in JSONPath format): .spec.color'],
      ['Size', 'integer', 0, 'how big'],
      ['Replicas', 'integer', 1, 'Custom resource definition column (in JSONPath format): .spec.replicas'],
      ['Age', 'date', 0, 'Custom resource definition column (in JSONPath format): .metadata.creationTimestamp'],
    ]);
    expect(table.rows.map((r: any) => r.cells.slice(0, 4))).toEqual([['w1', 'red', 3, 2], ['w2', null, 1, null]]);
    expect(table.rows[0].object).toBeUndefined();
  });

  it('sends Table-typed watch events with the columns once and the object as asked by includeObject', async () => {
    const ac = new AbortController();
    const res = await raw(sim, `${WIDGETS}?watch=1&includeObject=Object`, { headers: { Accept: TABLE }, signal: ac.signal });
    const p = readWatch(res, (evs) => evs.length >= 3);
    await raw(sim, WIDGETS, { method: 'POST', headers: JSON_BODY, body: JSON.stringify(widget('w3', { color: 'blue', size: 9 })) });
    const { events } = await p;
    ac.abort();
    expect(events.map((e) => [e.type, e.object.kind, e.object.rows[0].cells[0]])).toEqual([['ADDED', 'Table', 'w1'], ['ADDED', 'Table', 'w2'], ['ADDED', 'Table', 'w3']]);
    expect(events[0].object.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Color', 'Size', 'Replicas', 'Age']);
    expect(events[1].object.columnDefinitions).toBeUndefined();
    expect(events[2].object.rows[0].cells.slice(0, 3)).toEqual(['w3', 'blue', 9]);
    expect(events[2].object.rows[0].object.spec).toEqual({ color: 'blue', size: 9 });
  });

  it('refuses an unknown field under Strict, prunes it otherwise, and refuses a value of the wrong type', async () => {
    const strict = await raw(sim, `${WIDGETS}?fieldValidation=Strict`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify(widget('bad', { colour: 'x' })) });
    expect(strict.status).toBe(400);
    expect((await strict.json()).message).toBe('Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour"');
    const warn = await raw(sim, WIDGETS, { method: 'POST', headers: JSON_BODY, body: JSON.stringify(widget('pruned', { colour: 'x', size: 2 })) });
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toContain('unknown field \\"spec.colour\\"');
    expect((await warn.json()).spec).toEqual({ size: 2 });
    const typed = await raw(sim, WIDGETS, { method: 'POST', headers: JSON_BODY, body: JSON.stringify(widget('typed', { size: 'x' })) });
    expect(typed.status).toBe(422);
    expect((await typed.json()).message).toBe('Widget.example.com "typed" is invalid: spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"');
  });

  it('serves the status and scale subresources it declares', async () => {
    const st = await raw(sim, `${WIDGETS}/w1/status`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ status: { replicas: 2 }, spec: { color: 'ignored' } }) });
    expect(st.status).toBe(200);
    const after = await st.json();
    expect([after.spec.color, after.status.replicas]).toEqual(['red', 2]);
    const scale = await raw(sim, `${WIDGETS}/w1/scale`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { replicas: 5 } }) });
    expect(scale.status).toBe(200);
    expect((await (await raw(sim, `${WIDGETS}/w1`)).json()).spec.replicas).toBe(5);
  });

  it('refuses a CRD whose name is not plural.group', async () => {
    const bad = { ...widgetCrd, metadata: { name: 'gizmos.example.com' } };
    const res = await raw(sim, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', headers: JSON_BODY, body: JSON.stringify(bad) });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toBe('CustomResourceDefinition.apiextensions.k8s.io "gizmos.example.com" is invalid: metadata.name: Invalid value: "gizmos.example.com": must be spec.names.plural+"."+spec.group');
  });

  it('deleting the CRD deletes its objects and stops serving its kind', async () => {
    const res = await raw(sim, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(sim.store.entries('widgets.example.com')).toHaveLength(0);
    expect((await raw(sim, WIDGETS)).status).toBe(404);
    const agg = await (await raw(sim, '/apis', { headers: { Accept: AGGREGATED } })).json();
    expect(agg.items.map((x: any) => x.metadata.name)).not.toContain('example.com');
  });
});
