import { afterEach, describe, expect, it } from 'vitest';
import { admitPodCreate } from '../../src/controllers/quota.js';
import { SimError } from '../../src/types.js';
import { bare, demoRig, deployment, makeRig, namespace, ready, type Rig } from './harness.js';

let rig: Rig;
afterEach(() => rig?.stop());

async function setup(nodes = 3, cpu = '4'): Promise<void> {
  rig = await demoRig(nodes, cpu);
}

describe('scheduler', () => {
  it('spreads pods to the node with the most free capacity', async () => {
    await setup(3);
    for (let i = 0; i < 6; i++) rig.store.create('pods', bare('demo', `p${i}`, { resources: { requests: { cpu: '500m', memory: '256Mi' } } }));
    await rig.run(0);
    const perNode = new Map<string, number>();
    for (const p of rig.pods('demo')) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    expect([...perNode.values()]).toEqual([2, 2, 2]);
  });

  it('reports FailedScheduling with kube-scheduler\'s message when nothing fits, and binds once room appears', async () => {
    await setup(3, '1');
    rig.store.create('pods', bare('demo', 'big', { resources: { requests: { cpu: '2' } } }));
    await rig.run(0);
    const p = rig.store.get('pods', 'demo', 'big')!;
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status.phase).toBe('Pending');
    const c = p.status.conditions.find((x: any) => x.type === 'PodScheduled');
    expect(c).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    const ev = rig.events('demo', 'FailedScheduling')[0];
    expect(ev.type).toBe('Warning');
    expect(ev.message).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\./);
    expect(ev.source.component).toBe('default-scheduler');
    // A bigger node joins: the pending pod is retried and bound.
    rig.store.create('nodes', { ...structuredClone(rig.store.get('nodes', undefined, 'node-1')!), metadata: { name: 'big-node' }, status: { ...rig.store.get('nodes', undefined, 'node-1')!.status, allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } });
    await rig.until('bound', () => rig.store.get('pods', 'demo', 'big')!.spec.nodeName === 'big-node', 10_000);
  });

  it('honours nodeSelector', async () => {
    await setup(2);
    rig.store.create('pods', bare('demo', 'picky', {}, undefined, { nodeSelector: { disk: 'ssd' } }));
    await rig.run(0);
    expect(rig.events('demo', 'FailedScheduling')[0].message).toMatch(/^0\/2 nodes are available: 2 node\(s\) didn't match Pod's node affinity\/selector\./);
  });
});

describe('garbage collector', () => {
  it('cascades a deployment deletion to its replica sets and their pods', async () => {
    await setup();
    rig.store.create('deployments.apps', deployment('demo', 'web', 3));
    await rig.until('3 ready', () => rig.pods('demo').filter(ready).length === 3);
    rig.store.remove('deployments.apps', 'demo', 'web');
    await rig.run(0);
    expect(rig.store.list('replicasets.apps', 'demo')).toHaveLength(0);
    expect(rig.pods('demo').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    await rig.until('pods gone', () => rig.pods('demo').length === 0, 60_000);
  });

  it('leaves orphaned objects alone once their owner references are removed', async () => {
    await setup();
    rig.store.create('deployments.apps', deployment('demo', 'web', 1));
    await rig.until('ready', () => rig.pods('demo').filter(ready).length === 1);
    const rs = rig.store.list('replicasets.apps', 'demo')[0];
    rig.store.mutate('replicasets.apps', 'demo', rs.metadata.name!, (o) => ((o.metadata.ownerReferences = []), o));
    rig.store.mutate('deployments.apps', 'demo', 'web', (o) => ((o.spec.selector = { matchLabels: { app: 'other' } }), (o.spec.template.metadata.labels = { app: 'other' }), o));
    await rig.run(0);
    rig.store.remove('deployments.apps', 'demo', 'web');
    await rig.run(5000);
    expect(rig.store.get('replicasets.apps', 'demo', rs.metadata.name!)).toBeDefined();
  });
});

describe('resource quota', () => {
  const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute-quota', namespace: 'demo' }, spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '20' } } };
  const withReq = (name: string, cpu: string) => bare('demo', name, { resources: { requests: { cpu, memory: '128Mi' } } });

  it('keeps status.used current as pods come and go', async () => {
    await setup();
    rig.store.create('resourcequotas', quota);
    await rig.run(0);
    expect(rig.store.get('resourcequotas', 'demo', 'compute-quota')!.status).toEqual({ hard: quota.spec.hard, used: { 'requests.cpu': '0', 'requests.memory': '0', pods: '0' } });
    rig.store.create('pods', withReq('a', '500m'));
    rig.store.create('pods', withReq('b', '1'));
    await rig.run(0);
    expect(rig.store.get('resourcequotas', 'demo', 'compute-quota')!.status.used).toEqual({ 'requests.cpu': '1500m', 'requests.memory': '256Mi', pods: '2' });
    rig.store.remove('pods', 'demo', 'a');
    await rig.run(0);
    expect(rig.store.get('resourcequotas', 'demo', 'compute-quota')!.status.used).toEqual({ 'requests.cpu': '1', 'requests.memory': '128Mi', pods: '1' });
  });

  it('counts objects for count/<resource> quotas', async () => {
    await setup();
    rig.store.create('resourcequotas', { ...quota, metadata: { name: 'objects', namespace: 'demo' }, spec: { hard: { 'count/deployments.apps': '5', services: '3' } } });
    rig.store.create('deployments.apps', deployment('demo', 'web', 1));
    rig.store.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
    await rig.run(0);
    expect(rig.store.get('resourcequotas', 'demo', 'objects')!.status.used).toEqual({ 'count/deployments.apps': '1', services: '1' });
  });

  it('rejects a pod over quota with the admission plugin\'s message', async () => {
    await setup();
    rig.store.create('resourcequotas', quota);
    rig.store.create('pods', withReq('a', '1500m'));
    await rig.run(0);
    let err: unknown;
    try {
      admitPodCreate(rig.store, withReq('x', '500m'));
      admitPodCreate(rig.store, withReq('y', '500m'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SimError);
    expect((err as SimError).code).toBe(403);
    expect((err as SimError).reason).toBe('Forbidden');
    // The first admission charged its 500m, so the second sees 2 used.
    expect((err as SimError).message).toBe('pods "y" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=500m, used: requests.cpu=2, limited: requests.cpu=2');
    expect(() => admitPodCreate(rig.store, bare('demo', 'z'))).toThrow('pods "z" is forbidden: failed quota: compute-quota: must specify requests.cpu for: app; requests.memory for: app');
  });

  it('a replica set over quota records FailedCreate and the ReplicaFailure condition', async () => {
    await setup();
    rig.store.create('resourcequotas', quota);
    rig.store.create('deployments.apps', deployment('demo', 'web', 5, { resources: { requests: { cpu: '500m', memory: '128Mi' } } }));
    await rig.until('4 running', () => rig.pods('demo').filter(ready).length === 4);
    await rig.run(1000);
    expect(rig.pods('demo')).toHaveLength(4);
    const ev = rig.events('demo', 'FailedCreate')[0];
    expect(ev.type).toBe('Warning');
    expect(ev.message).toMatch(/^Error creating: pods "web-\w+-\w{5}" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=500m, used: requests.cpu=2, limited: requests.cpu=2$/);
    expect(ev.source).toEqual({ component: 'replicaset-controller' });
    expect(ev.involvedObject).toMatchObject({ kind: 'ReplicaSet' });
    // The condition carries the admission message itself (no "Error creating:"), on the replica set and,
    // copied by the deployment controller, on the deployment (kube-controller-manager's getReplicaFailures).
    const quotaMsg = /^pods "web-\w+-\w{5}" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=500m, used: requests.cpu=2, limited: requests.cpu=2$/;
    const rs = rig.store.list('replicasets.apps', 'demo')[0];
    expect(rs.status.conditions.find((c: any) => c.type === 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate', message: expect.stringMatching(quotaMsg) });
    await rig.until('deployment condition', () => rig.store.get('deployments.apps', 'demo', 'web')?.status?.conditions?.some((c: any) => c.type === 'ReplicaFailure'));
    const d = rig.store.get('deployments.apps', 'demo', 'web')!;
    expect(d.status.conditions.map((c: any) => c.type)).toEqual(['Available', 'ReplicaFailure', 'Progressing']);
    expect(d.status.conditions[1]).toMatchObject({ status: 'True', reason: 'FailedCreate', message: expect.stringMatching(quotaMsg) });
    // Raising the quota lets the replica set finish, and the condition clears on both.
    rig.store.mutate('resourcequotas', 'demo', 'compute-quota', (q) => ((q.spec.hard['requests.cpu'] = '4'), q));
    await rig.until('5 ready', () => rig.pods('demo').filter(ready).length === 5, 60_000);
    await rig.until('condition cleared', () => !rig.store.list('replicasets.apps', 'demo')[0].status.conditions?.some((c: any) => c.type === 'ReplicaFailure'));
    await rig.until('deployment condition cleared', () => !rig.store.get('deployments.apps', 'demo', 'web')?.status?.conditions?.some((c: any) => c.type === 'ReplicaFailure'));
  });
});

describe('events', () => {
  it('aggregates repeats into one Event with a count, and caps each namespace', async () => {
    const { EventRecorder } = await import('../../src/controllers/events.js');
    rig = await makeRig();
    namespace(rig.store, 'demo');
    const rec = new EventRecorder(rig.store, rig.clock, { maxPerNamespace: 5 });
    const pod = rig.store.create('pods', bare('demo', 'p'));
    rec.emit(pod, 'Warning', 'BackOff', 'Back-off restarting failed container app in pod p', 'kubelet', { fieldPath: 'spec.containers{app}', host: 'node-1' });
    await rig.clock.advance(30_000);
    rec.emit(pod, 'Warning', 'BackOff', 'Back-off restarting failed container app in pod p', 'kubelet', { fieldPath: 'spec.containers{app}', host: 'node-1' });
    const [ev] = rig.events('demo', 'BackOff');
    expect(ev).toMatchObject({
      apiVersion: 'v1', kind: 'Event', type: 'Warning', count: 2, reportingComponent: 'kubelet',
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'demo', uid: pod.metadata.uid, apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
      source: { component: 'kubelet', host: 'node-1' },
    });
    expect(Date.parse(ev.lastTimestamp) - Date.parse(ev.firstTimestamp)).toBe(30_000);
    expect(ev.eventTime).toMatch(/\.\d{6}Z$/);
    for (let i = 0; i < 20; i++) rec.emit(pod, 'Normal', `Reason${i}`, `message ${i}`, 'kubelet');
    expect(rig.events('demo')).toHaveLength(5);
    expect(rig.events('demo').map((e) => e.message)).toContain('message 19');
  });

  it('folds the 10th and later distinct messages of one source/object/type/reason within 10 minutes into one combined event', async () => {
    const { EventRecorder } = await import('../../src/controllers/events.js');
    rig = await makeRig();
    namespace(rig.store, 'demo');
    const rec = new EventRecorder(rig.store, rig.clock);
    const dep = rig.store.create('deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'demo' }, spec: {} });
    const scale = (i: number) => rec.emit(dep, 'Normal', 'ScalingReplicaSet', `Scaled up replica set web-${i} from 0 to 1`, 'deployment-controller');
    for (let i = 1; i <= 9; i++) scale(i);
    scale(3); // a repeat of a seen message is still deduplicated, not combined
    expect(rig.events('demo', 'ScalingReplicaSet')).toHaveLength(9);
    expect(rig.events('demo', 'ScalingReplicaSet').find((e) => e.message.includes('web-3 '))!.count).toBe(2);
    for (let i = 10; i <= 14; i++) scale(i);
    const evs = rig.events('demo', 'ScalingReplicaSet');
    expect(evs).toHaveLength(10);
    const combined = evs.filter((e) => e.message.startsWith('(combined from similar events): '));
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject({ message: '(combined from similar events): Scaled up replica set web-14 from 0 to 1', count: 5, source: { component: 'deployment-controller' } });
    // Another reason is not similar; and after 10 quiet minutes the record starts over.
    rec.emit(dep, 'Normal', 'Other', 'Scaled up replica set web-99 from 0 to 1', 'deployment-controller');
    expect(rig.events('demo', 'Other')[0].message).toBe('Scaled up replica set web-99 from 0 to 1');
    await rig.clock.advance(601_000);
    scale(15);
    expect(rig.events('demo', 'ScalingReplicaSet').map((e) => e.message)).toContain('Scaled up replica set web-15 from 0 to 1');
  });
});
