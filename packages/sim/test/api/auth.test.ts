import { AuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../../src/index.js';
import { apiError, bareSim, clients, pod, raw } from './support.js';

let sim: Sim;
let student: ReturnType<typeof clients>;
let admin: ReturnType<typeof clients>;

beforeAll(async () => {
  sim = await bareSim();
  student = clients(sim.kubeConfig('student'));
  admin = clients(sim.kubeConfig('admin'));
  await admin.core.createNamespacedPod({ namespace: 'kube-system', body: pod('coredns', 'kube-system') });
});
afterAll(() => sim.stop());

describe('authentication', () => {
  it('answers 401 Unauthorized with a wrong token', async () => {
    const r = await fetch(`${sim.url}/api/v1/namespaces/default/pods`, { headers: { Authorization: 'Bearer nope' } });
    expect(r.status).toBe(401);
    expect(await (r.json() as Promise<any>)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });

  it('treats a request without credentials as system:anonymous, as kube-apiserver does by default', async () => {
    const r = await fetch(`${sim.url}/api/v1/namespaces/default/pods`);
    expect(r.status).toBe(403);
    expect(((await r.json()) as any).message).toBe('pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"');
    const health = await fetch(`${sim.url}/readyz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
  });

  it('takes credentials from the Authorization header only, never from the URL', async () => {
    const r = await fetch(`${sim.url}/sim-auth/${sim.tokens.student}/api/v1/namespaces/vgauthier/pods`);
    expect(r.status).toBe(403);
    expect(((await r.json()) as any).message).toBe(`forbidden: User "system:anonymous" cannot get path "/sim-auth/${sim.tokens.student}/api/v1/namespaces/vgauthier/pods"`);
  });
});

describe('RBAC split', () => {
  it('lets the student work in their own namespace', async () => {
    await student.core.createNamespacedPod({ namespace: 'vgauthier', body: pod('mine', 'vgauthier') });
    const list = await student.core.listNamespacedPod({ namespace: 'vgauthier' });
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['mine']);
    await student.core.deleteNamespacedPod({ namespace: 'vgauthier', name: 'mine' });
    const ns = await student.core.readNamespace({ name: 'vgauthier' });
    expect(ns.metadata?.name).toBe('vgauthier');
  });

  it('forbids cluster-scoped lists with the RBAC message shape', async () => {
    const e = await apiError(student.core.listNode());
    expect(e).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'nodes is forbidden: User "vgauthier" cannot list resource "nodes" in API group "" at the cluster scope', details: { kind: 'nodes' } });
    const ns = await apiError(student.core.listNamespace());
    expect(ns.message).toBe('namespaces is forbidden: User "vgauthier" cannot list resource "namespaces" in API group "" at the cluster scope');
  });

  it('forbids other namespaces, naming verb, resource, group and object', async () => {
    const e = await apiError(student.core.listNamespacedPod({ namespace: 'kube-system' }));
    expect(e.message).toBe('pods is forbidden: User "vgauthier" cannot list resource "pods" in API group "" in the namespace "kube-system"');
    const g = await apiError(student.core.readNamespacedPod({ namespace: 'kube-system', name: 'coredns' }));
    expect(g.message).toBe('pods "coredns" is forbidden: User "vgauthier" cannot get resource "pods" in API group "" in the namespace "kube-system"');
    const d = await apiError(student.apps.listNamespacedDeployment({ namespace: 'default' }));
    expect(d.message).toBe('deployments.apps is forbidden: User "vgauthier" cannot list resource "deployments" in API group "apps" in the namespace "default"');
    const all = await apiError(student.core.listPodForAllNamespaces());
    expect(all.message).toBe('pods is forbidden: User "vgauthier" cannot list resource "pods" in API group "" at the cluster scope');
    const r = await raw(sim, '/api/v1/namespaces/kube-system/pods?watch=1', { token: 'student' });
    expect(r.status).toBe(403);
  });

  it('keeps quota and status read-only for the student', async () => {
    const e = await apiError(student.core.createNamespacedResourceQuota({ namespace: 'vgauthier', body: { metadata: { name: 'q' }, spec: { hard: { pods: '100' } } } }));
    expect(e.message).toBe('resourcequotas is forbidden: User "vgauthier" cannot create resource "resourcequotas" in API group "" in the namespace "vgauthier"');
  });

  it('gives the admin every right', async () => {
    expect((await admin.core.listNode()).kind).toBe('NodeList');
    expect((await admin.core.listNamespacedPod({ namespace: 'kube-system' })).items).toHaveLength(1);
  });

  it('lets the student read pod metrics of their namespace only, never node metrics', async () => {
    const own = await raw(sim, '/apis/metrics.k8s.io/v1beta1/namespaces/vgauthier/pods', { token: 'student' });
    expect(own.status).not.toBe(403);
    const other = await raw(sim, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods', { token: 'student' });
    expect((await other.json()).message).toBe('pods.metrics.k8s.io is forbidden: User "vgauthier" cannot list resource "pods" in API group "metrics.k8s.io" in the namespace "default"');
    const nodes = await raw(sim, '/apis/metrics.k8s.io/v1beta1/nodes', { token: 'student' });
    expect((await nodes.json()).message).toBe('nodes.metrics.k8s.io is forbidden: User "vgauthier" cannot list resource "nodes" in API group "metrics.k8s.io" at the cluster scope');
  });
});

describe('self reviews', () => {
  it('SelfSubjectAccessReview answers truthfully for the caller', async () => {
    const authz = sim.kubeConfig('student').makeApiClient(AuthorizationV1Api);
    const ask = async (resourceAttributes: Record<string, string>) =>
      (await authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes } } })).status?.allowed;
    expect(await ask({ verb: 'list', resource: 'nodes' })).toBe(false);
    expect(await ask({ verb: 'create', group: 'apps', resource: 'deployments', namespace: 'vgauthier' })).toBe(true);
    expect(await ask({ verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'vgauthier' })).toBe(true);
    expect(await ask({ verb: 'delete', resource: 'pods', namespace: 'kube-system' })).toBe(false);
    expect(await ask({ verb: 'get', resource: 'pods', subresource: 'log', namespace: 'vgauthier' })).toBe(true);
    const adminAuthz = sim.kubeConfig('admin').makeApiClient(AuthorizationV1Api);
    const r = await adminAuthz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb: 'delete', resource: 'nodes' } } } });
    expect(r.status?.allowed).toBe(true);
  });

  it('SelfSubjectRulesReview lists the rules in a namespace', async () => {
    const authz = sim.kubeConfig('student').makeApiClient(AuthorizationV1Api);
    const own = await authz.createSelfSubjectRulesReview({ body: { spec: { namespace: 'vgauthier' } } });
    const podRule = own.status?.resourceRules.find((r) => r.resources?.includes('pods'));
    expect(podRule?.verbs).toEqual(expect.arrayContaining(['create', 'delete', 'list', 'watch']));
    expect(own.status?.incomplete).toBe(false);
    const other = await authz.createSelfSubjectRulesReview({ body: { spec: { namespace: 'kube-system' } } });
    expect(other.status?.resourceRules.some((r) => r.resources?.includes('pods'))).toBe(false);
  });
});
