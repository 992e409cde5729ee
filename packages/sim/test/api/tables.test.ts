import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../../src/index.js';
import { humanDuration } from '../../src/tables/format.js';
import { podStatus } from '../../src/tables/printPod.js';
import type { KubeObject } from '../../src/types.js';
import { bareSim, deployment, pod, raw } from './support.js';

const TABLE = { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json' };

const p = (spec: any, status: any, meta: any = {}): KubeObject => ({ metadata: { name: 'x', ...meta }, spec, status });
const c = (name: string) => ({ name, image: 'i' });

describe('printPod STATUS (kubectl printPod)', () => {
  it('shows Init:x/y, Init:reason and init failures', () => {
    const spec = { initContainers: [c('a'), c('b')], containers: [c('m')] };
    expect(podStatus(p(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0 } } }, { name: 'b', state: { running: {} } }] })).reason).toBe('Init:1/2');
    expect(podStatus(p(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { waiting: { reason: 'ImagePullBackOff' } } }] })).reason).toBe('Init:ImagePullBackOff');
    expect(podStatus(p(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 3 } } }] })).reason).toBe('Init:ExitCode:3');
    expect(podStatus(p(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { waiting: { reason: 'PodInitializing' } } }] })).reason).toBe('Init:0/2');
  });

  it('shows container waiting/terminated reasons, counts ready and restarts', () => {
    const spec = { containers: [c('a'), c('b')] };
    const crash = podStatus(p(spec, { phase: 'Running', containerStatuses: [
      { name: 'a', ready: true, restartCount: 0, state: { running: {} } },
      { name: 'b', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:00:00Z' } } },
    ] }));
    expect(crash).toMatchObject({ ready: 1, total: 2, reason: 'CrashLoopBackOff', restarts: 5 });
    expect(podStatus(p({ containers: [c('a')] }, { phase: 'Pending', containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }] })).reason).toBe('ContainerCreating');
    expect(podStatus(p({ containers: [c('a')] }, { phase: 'Succeeded', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] })).reason).toBe('Completed');
    expect(podStatus(p({ containers: [c('a')] }, { phase: 'Running', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] })).reason).toBe('OOMKilled');
    expect(podStatus(p({ containers: [c('a')] }, { phase: 'Failed', reason: 'Evicted' })).reason).toBe('Evicted');
    expect(podStatus(p({ containers: [c('a')] }, { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }] }, { deletionTimestamp: '2026-01-01T00:00:00Z' })).reason).toBe('Terminating');
    const mixed = podStatus(p({ containers: [c('a'), c('b')] }, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [
      { name: 'a', ready: true, state: { running: {} } }, { name: 'b', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    ] }));
    expect(mixed.reason).toBe('NotReady');
  });

  it('formats ages like duration.HumanDuration', () => {
    expect([59_000, 119_000, 150_000, 600_000, 3 * 3600_000 + 5 * 60_000, 30 * 3600_000, 3 * 86400_000 + 4 * 3600_000, 400 * 86400_000].map(humanDuration)).toEqual(['59s', '119s', '2m30s', '10m', '3h5m', '30h', '3d4h', '400d']);
  });
});

describe('server-side Table responses', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await bareSim();
    const s = sim.store;
    s.create('pods', { ...pod('web-1', 'default', { app: 'web' }), spec: { nodeName: 'node-1', containers: [c('web')] }, status: { phase: 'Running', podIP: '10.1.0.5', podIPs: [{ ip: '10.1.0.5' }], containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: {} } }] } });
    s.create('deployments.apps', { ...deployment('web', 'default', 3), status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } });
    s.create('replicasets.apps', { ...deployment('web-abc'), kind: 'ReplicaSet', status: { replicas: 3, readyReplicas: 2 } });
    s.create('statefulsets.apps', { ...deployment('db', 'default', 2), kind: 'StatefulSet', status: { readyReplicas: 1 } });
    s.create('services', { metadata: { name: 'web', namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } } });
    s.create('nodes', { metadata: { name: 'node-1', labels: { 'node-role.kubernetes.io/worker': '' } }, status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Ubuntu', kernelVersion: '6.1', containerRuntimeVersion: 'containerd://1.7' }, addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] } });
    s.create('events', { metadata: { name: 'web-1.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', fieldPath: 'spec.containers{web}' }, reason: 'Started', message: 'Started container web', type: 'Normal', source: { component: 'kubelet', host: 'node-1' }, count: 2, firstTimestamp: new Date(sim.clock.now() - 120_000).toISOString(), lastTimestamp: new Date(sim.clock.now() - 30_000).toISOString() });
  });
  afterAll(() => sim.stop());

  const table = async (path: string) => (await raw(sim, path, { headers: TABLE })).json();
  const names = (t: any) => t.columnDefinitions.map((col: any) => (col.priority ? `${col.name}*` : col.name));

  it('pods: kubectl columns, wide columns at priority 1, PartialObjectMetadata rows by default', async () => {
    const t = await table('/api/v1/namespaces/default/pods');
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(names(t)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP*', 'Node*', 'Nominated Node*', 'Readiness Gates*']);
    expect(t.rows[0].cells).toEqual(['web-1', '1/1', 'Running', '0', '0s', '10.1.0.5', 'node-1', '<none>', '<none>']);
    expect(t.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'web-1' } });
    const full = await table('/api/v1/namespaces/default/pods?includeObject=Object');
    expect(full.rows[0].object.spec.nodeName).toBe('node-1');
  });

  it('workloads, services, nodes, namespaces and events', async () => {
    const d = await table('/apis/apps/v1/namespaces/default/deployments');
    expect(names(d)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*']);
    expect(d.rows[0].cells).toEqual(['web', '2/3', 3, 2, '0s', 'web', 'web:1', 'app=web']);
    const rs = await table('/apis/apps/v1/namespaces/default/replicasets');
    expect(names(rs).slice(0, 5)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age']);
    expect(rs.rows[0].cells.slice(0, 4)).toEqual(['web-abc', 2, 3, 2]);
    const sts = await table('/apis/apps/v1/namespaces/default/statefulsets');
    expect(sts.rows[0].cells.slice(0, 2)).toEqual(['db', '1/2']);
    const svc = await table('/api/v1/namespaces/default/services');
    expect(names(svc)).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']);
    expect(svc.rows[0].cells).toEqual(['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '0s', 'app=web']);
    const nodes = await table('/api/v1/nodes');
    expect(nodes.rows[0].cells).toEqual(['node-1', 'Ready', 'worker', '0s', 'v1.32.0', '10.0.0.1', '<none>', 'Ubuntu', '6.1', 'containerd://1.7']);
    const ns = await table('/api/v1/namespaces');
    expect(ns.rows.find((r: any) => r.cells[0] === 'default').cells).toEqual(['default', 'Active', '0s']);
    const ev = await table('/api/v1/namespaces/default/events');
    expect(names(ev)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*']);
    expect(ev.rows[0].cells).toEqual(['30s', 'Normal', 'Started', 'pod/web-1', 'spec.containers{web}', 'kubelet, node-1', 'Started container web', '2m', 2, 'web-1.1']);
    const ev2 = await table('/apis/events.k8s.io/v1/namespaces/default/events');
    expect(ev2.rows[0].cells.slice(0, 4)).toEqual(['30s', 'Normal', 'Started', 'pod/web-1']);
  });

  it('a single get answers a one-row Table, and other kinds get the default Name/Created At table', async () => {
    const one = await table('/apis/apps/v1/namespaces/default/deployments/web');
    expect(one.rows).toHaveLength(1);
    sim.store.create('controllerrevisions.apps', { metadata: { name: 'rev', namespace: 'default' }, revision: 1 });
    const cm = await table('/api/v1/namespaces/default/configmaps');
    expect(names(cm)).toEqual(['Name', 'Data', 'Age']);
  });

  it('lists 10,000 pods fast, as JSON and as a Table', async () => {
    const s = sim.store;
    for (let i = 0; i < 10_000; i++) {
      s.create('pods', { metadata: { name: `bulk-${i}`, namespace: `ns-${i % 20}`, labels: { app: `a${i % 50}` } }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'img:1', resources: { requests: { cpu: '100m' } } }] }, status: { phase: 'Running', podIP: '10.0.0.1', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] } });
    }
    let t0 = performance.now();
    const list = await (await raw(sim, '/api/v1/pods')).json();
    const jsonMs = performance.now() - t0;
    expect(list.items.length).toBeGreaterThanOrEqual(10_000);
    t0 = performance.now();
    const t = await table('/api/v1/pods');
    const tableMs = performance.now() - t0;
    expect(t.rows.length).toBeGreaterThanOrEqual(10_000);
    console.log(`list 10k pods: json ${jsonMs.toFixed(0)}ms, table ${tableMs.toFixed(0)}ms`);
    expect(jsonMs).toBeLessThan(1500);
    expect(tableMs).toBeLessThan(2500);
  });
});
