// Pure parts of the actions: input validation, quota arithmetic, kubectl's status/rollback logic,
// the shutdown plans, and the session history.
import { describe, expect, it } from 'vitest';
import { parseReplicas, quotaWarning, podRequests } from '../../src/actions/scaleWorkload.js';
import { deploymentStatus, podWarnings, statefulSetStatus, daemonSetStatus } from '../../src/actions/rolloutStatus.js';
import { deploymentHistory } from '../../src/actions/rolloutHistory.js';
import { pickRevision, rollbackAnnotations, sameTemplate } from '../../src/actions/undoRollout.js';
import { buildDownPlan, buildUpPlan, describeDownPlan, finishedReason, DOWN_REPLICAS } from '../../src/actions/downPlan.js';
import { createActionHistory, recordAction } from '../../src/actions/history.js';
import { podDefinition } from '../../src/actions/barePods.js';
import { retryOnConflict } from '../../src/actions/result.js';

describe('parseReplicas', () => {
  it('accepts whole numbers from 0', () => {
    expect(parseReplicas('0')).toBe(0);
    expect(parseReplicas(' 5 ')).toBe(5);
    expect(parseReplicas('1000')).toBe(1000);
  });
  it.each([
    ['-1', /cannot be negative/],
    ['abc', /"abc" is not a number/],
    ['1e9', /too many/],
    ['2.5', /whole number, not 2\.5/],
    ['', /enter a number/],
    ['1001', /too many \(at most 1000\)/],
    ['1e2', /plain digits/],
  ])('rejects %j with a clear message', (input, message) => {
    const r = parseReplicas(input);
    expect(typeof r).toBe('object');
    expect((r as { error: string }).error).toMatch(message);
  });
});

const template = (cpu: string, memory: string) => ({
  spec: { containers: [{ name: 'web', image: 'x', resources: { requests: { cpu, memory } } }] },
});
const quota = (used: Record<string, string>) => ({
  metadata: { name: 'compute-quota' },
  spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi' } },
  status: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi' }, used },
});

describe('quota warning', () => {
  it('says how much the new replicas need and how much is left', () => {
    const w = quotaWarning(template('500m', '128Mi'), 3, 5, [quota({ 'requests.cpu': '1600m', 'requests.memory': '384Mi' })]);
    expect(w).toBe('5 replicas need 1 CPU more (2.5 CPU in all); quota left: 0.4 CPU');
  });
  it('covers memory too', () => {
    const w = quotaWarning(template('10m', '512Mi'), 1, 4, [quota({ 'requests.cpu': '10m', 'requests.memory': '1Gi' })]);
    expect(w).toBe('4 replicas need 1.5Gi memory more (2Gi memory in all); quota left: 1Gi memory');
  });
  it('stays quiet when the pods fit, when scaling down, and without quotas', () => {
    expect(quotaWarning(template('100m', '64Mi'), 3, 5, [quota({ 'requests.cpu': '300m', 'requests.memory': '192Mi' })])).toBeUndefined();
    expect(quotaWarning(template('1', '1Gi'), 5, 1, [quota({ 'requests.cpu': '2', 'requests.memory': '2Gi' })])).toBeUndefined();
    expect(quotaWarning(template('1', '1Gi'), 1, 50, [])).toBeUndefined();
  });
  it('counts init containers the way the scheduler does', () => {
    const t = { spec: { containers: [{ resources: { requests: { cpu: '100m' } } }], initContainers: [{ resources: { requests: { cpu: '1' } } }] } };
    expect(podRequests(t).cpu).toBe(1);
  });
});

const dep = (spec: any, status: any, generation = 2) => ({ metadata: { name: 'web', generation }, spec, status: { observedGeneration: 2, ...status } });

describe('rollout status (kubectl DeploymentStatusViewer)', () => {
  it('walks through kubectl messages to success', () => {
    expect(deploymentStatus(dep({ replicas: 3 }, {}, 3)).message).toBe('Waiting for deployment spec update to be observed...');
    expect(deploymentStatus(dep({ replicas: 3 }, { updatedReplicas: 1, replicas: 4 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    );
    expect(deploymentStatus(dep({ replicas: 3 }, { updatedReplicas: 3, replicas: 4 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(deploymentStatus(dep({ replicas: 3 }, { updatedReplicas: 3, replicas: 3, availableReplicas: 2 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
    );
    const done = deploymentStatus(dep({ replicas: 3 }, { updatedReplicas: 3, replicas: 3, availableReplicas: 3 }));
    expect(done).toEqual({ message: 'deployment "web" successfully rolled out', done: true, failed: false });
  });
  it('fails on ProgressDeadlineExceeded', () => {
    const s = deploymentStatus(dep({ replicas: 3 }, { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }));
    expect(s).toEqual({ message: 'deployment "web" exceeded its progress deadline', done: false, failed: true });
  });
  it('follows stateful sets and daemon sets', () => {
    const sts = { metadata: { name: 's', generation: 1 }, spec: { replicas: 2, updateStrategy: { type: 'RollingUpdate' } }, status: { observedGeneration: 1, readyReplicas: 1 } };
    expect(statefulSetStatus(sts).message).toBe('Waiting for 1 pods to be ready...');
    const ds = { metadata: { name: 'd', generation: 1 }, spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 } };
    expect(daemonSetStatus(ds)).toEqual({ message: 'daemon set "d" successfully rolled out', done: true, failed: false });
  });
  it('warns about image pulls, crash loops and unschedulable pods, without control sequences', () => {
    const pods = [
      { metadata: { name: 'a' }, status: { containerStatuses: [{ name: 'web', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x:\x1b[31mbad"' } } }] } },
      { metadata: { name: 'b' }, status: { containerStatuses: [{ name: 'web', state: { waiting: { reason: 'CrashLoopBackOff' } } }] } },
      { metadata: { name: 'c' }, status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' }] } },
    ];
    const w = podWarnings(pods);
    expect(w).toEqual([
      'pod a: ImagePullBackOff (web): Back-off pulling image "x:bad"',
      'pod b: CrashLoopBackOff (web)',
      'pod c: Unschedulable: 0/1 nodes are available',
    ]);
  });
});

const rs = (name: string, revision: string, image: string, ownerUid = 'd1', annotations: Record<string, string> = {}) => ({
  metadata: {
    name,
    uid: `uid-${name}`,
    annotations: { 'deployment.kubernetes.io/revision': revision, ...annotations },
    ownerReferences: [{ kind: 'Deployment', name: 'web', uid: ownerUid, controller: true }],
  },
  spec: { template: { metadata: { labels: { app: 'web', 'pod-template-hash': name } }, spec: { containers: [{ name: 'web', image }] } } },
});

describe('rollout history and undo (kubectl rollback.go)', () => {
  const d = { metadata: { name: 'web', uid: 'd1', annotations: { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'c' } } };
  const list = [rs('a', '1', 'img:a'), rs('c', '3', 'img:c'), rs('b', '2', 'img:b', 'd1', { 'kubernetes.io/change-cause': 'to b' }), rs('x', '9', 'other', 'zz')];
  it('lists owned replica sets by revision', () => {
    const h = deploymentHistory(d, list);
    expect(h.map((e) => [e.revision, e.images.join(), e.changeCause])).toEqual([
      [1, 'img:a', undefined],
      [2, 'img:b', 'to b'],
      [3, 'img:c', undefined],
    ]);
  });
  it('picks the previous revision, or the asked one, with kubectl messages otherwise', () => {
    const h = deploymentHistory(d, list);
    expect(pickRevision(h, 'web', 'deployments').revision).toBe(2);
    expect(pickRevision(h, 'web', 'deployments', 1).revision).toBe(1);
    expect(() => pickRevision(h, 'web', 'deployments', 7)).toThrow('unable to find specified revision 7 in history');
    expect(() => pickRevision(h.slice(0, 1), 'web', 'deployments')).toThrow('no rollout history found for deployment "web"');
  });
  it('compares templates ignoring the pod-template-hash label', () => {
    const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'img:b' }] } };
    expect(sameTemplate(rs('b', '2', 'img:b').spec.template, t)).toBe(true);
    expect(sameTemplate(rs('c', '3', 'img:c').spec.template, t)).toBe(false);
  });
  it('keeps the bookkeeping annotations of the deployment and copies the rest from the replica set', () => {
    const a = rollbackAnnotations(d, { 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'to b' });
    expect(a).toEqual({ 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'to b' });
  });
});

const obj = (name: string, extra: any = {}) => ({ metadata: { name, uid: name, ...(extra.metadata ?? {}) }, spec: extra.spec, status: extra.status });

describe('down/up plans', () => {
  const objs = {
    deployments: [obj('web', { spec: { replicas: 3 } }), obj('idle', { spec: { replicas: 0 } }), obj('done', { spec: { replicas: 0 }, metadata: { annotations: { [DOWN_REPLICAS]: '2' } } })],
    statefulsets: [obj('db', { spec: { replicas: 1 } })],
    replicasets: [obj('owned', { spec: { replicas: 3 }, metadata: { ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'web', controller: true }] } }), obj('lonely', { spec: { replicas: 2 } })],
    daemonsets: [],
    cronjobs: [obj('nightly', { spec: { suspend: false } })],
    jobs: [],
    pods: [
      obj('finished', { status: { phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed' } } }] }, metadata: { ownerReferences: [{ kind: 'Job', name: 'j', uid: 'j' }] } }),
      obj('evicted', { status: { phase: 'Failed', reason: 'Evicted' }, metadata: { ownerReferences: [{ kind: 'ReplicaSet', name: 'owned', uid: 'owned' }] } }),
      obj('scratch', { status: { phase: 'Running' } }),
      obj('web-1', { status: { phase: 'Running' }, metadata: { ownerReferences: [{ kind: 'ReplicaSet', name: 'owned', uid: 'owned', controller: true }] } }),
    ],
  };
  it('scales workloads and owner-less replica sets, suspends cron jobs, deletes finished pods, lists bare pods', () => {
    const plan = buildDownPlan('ns', objs);
    expect(describeDownPlan(plan, false)).toEqual([
      'scale deployment.apps/web 3 → 0',
      'scale statefulset.apps/db 1 → 0',
      'scale replicaset.apps/lonely 2 → 0',
      'suspend cronjob.batch/nightly',
      'delete pod/finished (Completed)',
      'delete pod/evicted (Evicted)',
      'keep pod/scratch running: a bare pod, nothing else could recreate it (--delete-bare-pods saves its definition and deletes it)',
      'deployment.apps/done is already down (up restores 2)',
    ]);
  });
  it('up ignores the copies of our records the deployment controller puts on owned replica sets', () => {
    const owned = obj('web-abc', { spec: { replicas: 0 }, metadata: { annotations: { [DOWN_REPLICAS]: '3' }, ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'web', controller: true }] } });
    const up = buildUpPlan('ns', { ...objs, deployments: [], replicasets: [owned] });
    expect(up.steps).toEqual([]);
  });
  it('undo keeps the deployment own kdash records and never copies them from a replica set', () => {
    const d = { metadata: { name: 'web', annotations: { [DOWN_REPLICAS]: '3', other: 'x' } } };
    expect(rollbackAnnotations(d, { [DOWN_REPLICAS]: '1', 'kubernetes.io/change-cause': 'b' })).toEqual({ [DOWN_REPLICAS]: '3', 'kubernetes.io/change-cause': 'b' });
  });
  it('never records 0 over a recorded count, and up restores only what down recorded', () => {
    const up = buildUpPlan('ns', { ...objs, deployments: [obj('done', { spec: { replicas: 0 }, metadata: { annotations: { [DOWN_REPLICAS]: '2' } } })] });
    expect(up.steps.map((s) => s.line)).toEqual(['scale deployment.apps/done 0 → 2']);
    const again = buildDownPlan('ns', objs);
    expect(again.steps.some((s) => s.ref.name === 'done')).toBe(false);
  });
  it('up creates saved bare pods again, or only forgets them when they exist', () => {
    const up = buildUpPlan('ns', { ...objs, deployments: [], pods: [obj('scratch', { status: { phase: 'Running' } })] }, { scratch: '{}', notes: '{}' });
    expect(up.steps.map((s) => s.line)).toEqual(['pod/scratch exists again; forget its saved definition', 'create pod/notes again from its saved definition']);
  });
  it('saves a bare pod as its author defined it', () => {
    const pod = { metadata: { name: 'p', uid: 'u', resourceVersion: '9', creationTimestamp: 'x', labels: { a: 'b' } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Running' } };
    expect(podDefinition(pod)).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  });
  it('names why a pod is finished like kubectl', () => {
    expect(finishedReason({ metadata: {}, status: { phase: 'Failed', containerStatuses: [{ state: { terminated: { reason: 'OOMKilled' } } }] } })).toBe('OOMKilled');
    expect(finishedReason({ metadata: {}, status: { phase: 'Failed' } })).toBe('Error');
    expect(finishedReason({ metadata: {}, status: { phase: 'Running' } })).toBeUndefined();
  });
});

describe('session history', () => {
  it('records results with time and notifies subscribers', () => {
    const h = createActionHistory(2, () => 42);
    let calls = 0;
    h.subscribe(() => calls++);
    const before = h.getSnapshot();
    recordAction('scale', 'deployment.apps/web', { ok: true, message: 'scaled\x1b[2J to 5' }, h);
    expect(h.getSnapshot()).not.toBe(before);
    expect(h.getSnapshot()[0]).toEqual({ at: 42, action: 'scale', target: 'deployment.apps/web', ok: true, message: 'scaled to 5' });
    recordAction('a', 't', { ok: false, message: 'x' }, h);
    recordAction('b', 't', { ok: false, message: 'y' }, h);
    expect(h.getSnapshot().map((e) => e.action)).toEqual(['a', 'b']);
    expect(calls).toBe(3);
  });
});

describe('errors', () => {
  it('retries a 409 Conflict on fresh data, a bounded number of times', async () => {
    let n = 0;
    const conflict = Object.assign(new Error('conflict'), { code: 409, body: '{"reason":"Conflict"}' });
    await expect(retryOnConflict(async () => (++n === 1 ? Promise.reject(conflict) : 'fresh'))).resolves.toBe('fresh');
    n = 0;
    await expect(retryOnConflict(async () => (++n, Promise.reject(conflict)))).rejects.toBe(conflict);
    expect(n).toBe(4);
    n = 0;
    const other = Object.assign(new Error('nope'), { code: 422 });
    await expect(retryOnConflict(async () => (++n, Promise.reject(other)))).rejects.toBe(other);
    expect(n).toBe(1);
  });
});
