// The benchmark scenario: many nodes and namespaces, and pods created directly in the Running state —
// about seven in ten of them owned by Deployments (each with its ReplicaSet, statuses as the
// controllers leave them), a StatefulSet of three (`db-0`…`db-2`) and a completed Job in each namespace
// when there are enough pods, the rest bare pods — plus a steady churn of pod creations, updates and
// deletions (batched every 100ms) so watchers and the dashboard can be measured under load. `pods` is
// the total, all in the team-NNN namespaces (benchmarks count them there); the churn creates and deletes
// bare pods only, so the replica sets never have to replace one, and updates any pod.
import { buildStatus, containerId, type ContainerRt, type PodRt } from '../controllers/podRuntime.js';
import { defaultPodSpec, ownerRef, randomSuffix, templateHash } from '../controllers/util.js';
import type { LargeScenarioParams as Params } from '../runtimeTypes.js';
import type { KubeObject } from '../types.js';
import { create, namespace, node, type ScenarioEnv } from './build.js';

export type LargeScenarioParams = Params;

export const LARGE_DEFAULTS: Required<Params> = { nodes: 50, namespaces: 20, pods: 10_000, churnPerSecond: 200 };

const IMAGES = ['nginx:1.27', 'redis:7', 'vgauthier/webnodb:latest', 'busybox:1.36', 'registry.k8s.io/pause:3.9'];
const TICK_MS = 100;
const APPS = ['web', 'api', 'worker', 'cache', 'auth', 'search', 'billing', 'frontend', 'gateway', 'notifier'];
/** Replicas of the deployments, in turn. */
const REPLICAS = [3, 5, 2, 8, 4, 10, 1, 6];

export interface LargeScenario {
  /** Starts the churn timer; returns its stop function. */
  startChurn(every: (ms: number, fn: () => void) => () => void): () => void;
  /** Counters for benchmarks. */
  stats(): { created: number; updated: number; deleted: number };
}

export function loadLarge(env: ScenarioEnv, params: Params = {}): LargeScenario {
  const p = { ...LARGE_DEFAULTS, ...params };
  const now = env.clock.now();
  const nodeNames: string[] = [];
  const podsPerNode = Math.max(110, Math.ceil((p.pods / Math.max(1, p.nodes)) * 1.5));
  for (let i = 0; i < p.nodes; i++) {
    const name = `gke-large-pool-${i + 1}`;
    nodeNames.push(name);
    create(env, now - 86_400_000, 'nodes', node(name, i % 250, { cpu: '64', memoryKi: 263_000_000, pods: podsPerNode, since: now - 86_000_000 }));
  }
  const namespaces: string[] = [];
  for (let i = 0; i < p.namespaces; i++) {
    const name = `team-${String(i + 1).padStart(3, '0')}`;
    namespaces.push(name);
    create(env, now - 86_400_000, 'namespaces', namespace(name));
  }
  const live: Array<[string, string]> = []; // [ns, name], for O(1) random picks
  let seq = 0;
  const stats = { created: 0, updated: 0, deleted: 0 };

  /**
   * A running pod: bare, or of a controller (`rs`: a ReplicaSet, StatefulSet or Job, whose template it
   * is made from; `member` names a StatefulSet's member and adds its labels; `completed` makes a Job's pod
   * that has finished).
   */
  const makePod = (t: number, rs?: KubeObject, member?: { name: string; labels: Record<string, string> }, completed = false): KubeObject => {
    const i = seq++;
    const ns = rs?.metadata.namespace ?? namespaces[i % namespaces.length];
    const app = `app-${i % 37}`;
    const nodeIndex = i % nodeNames.length;
    const pod: KubeObject = rs
      ? {
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: member?.name ?? `${rs.metadata.name}-${randomSuffix(env.rand)}`, namespace: ns, labels: { ...rs.spec.template.metadata.labels, ...member?.labels }, ownerReferences: [ownerRef(rs)] },
        spec: defaultPodSpec({ ...structuredClone(rs.spec.template.spec), nodeName: nodeNames[nodeIndex], ...(member ? { hostname: member.name, subdomain: rs.spec.serviceName } : {}) }),
      }
      : {
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: `${app}-${randomSuffix(env.rand, 10)}-${randomSuffix(env.rand)}`, namespace: ns, labels: { app, tier: i % 3 ? 'backend' : 'frontend' } },
        spec: defaultPodSpec({
          nodeName: nodeNames[nodeIndex],
          containers: [{ name: 'main', image: IMAGES[i % IMAGES.length], resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '128Mi' } } }],
        }),
      };
    const rt: PodRt = {
      key: '', ns, name: pod.metadata.name!, uid: `${pod.metadata.name}`, node: nodeNames[nodeIndex], hostIP: `10.128.${Math.floor(nodeIndex / 250)}.${(nodeIndex % 250) + 2}`,
      podIP: `10.${64 + (i >> 16) % 64}.${(i >> 8) & 255}.${i & 255}`, startTime: t, restartPolicy: 'Always', labels: pod.metadata.labels!, initContainers: [],
      phase: 'Running', deleting: false, readyDelayMs: 0, requests: new Map(), timers: new Set(), containers: [],
    };
    const c: ContainerRt = { name: pod.spec.containers[0].name, image: pod.spec.containers[0].image, behavior: 'run', state: 'running', restartCount: 0, ready: true, backoffMs: 10_000, runSeconds: 5, startedAt: t + 2000 };
    c.containerID = containerId(rt, c);
    if (completed) {
      rt.phase = 'Succeeded';
      Object.assign(c, { behavior: 'complete', state: 'terminated', ready: false, terminated: { exitCode: 0, reason: 'Completed', startedAt: t + 2000, finishedAt: t + 32_000, containerID: c.containerID ?? '' } });
    }
    rt.containers.push(c);
    pod.status = buildStatus(rt, pod, t + 3000);
    return pod;
  };

  const podTime = (i: number) => now - 3_600_000 + Math.floor((i / Math.max(1, p.pods)) * 3_000_000);
  let made = 0;
  // Deployments take about 70% of the pods, spread over the namespaces in turn.
  const owned = Math.floor(p.pods * 0.7);
  for (let k = 0; made + REPLICAS[k % REPLICAS.length] <= owned; k++) {
    const replicas = REPLICAS[k % REPLICAS.length];
    const ns = namespaces[k % namespaces.length];
    const name = `${APPS[Math.floor(k / namespaces.length) % APPS.length]}${Math.floor(k / namespaces.length / APPS.length) || ''}`.replace(/(\d+)$/, '-$1');
    const t = podTime(made);
    const rs = deploymentWithReplicaSet(env, ns, name, replicas, IMAGES[k % IMAGES.length], t);
    for (let r = 0; r < replicas; r++) create(env, t, 'pods', makePod(t, rs));
    made += replicas;
  }
  // One StatefulSet (a database of three members) and one completed Job per namespace, when the pods allow.
  if (p.pods - made >= namespaces.length * 8) {
    namespaces.forEach((ns, k) => {
      const t = podTime(made);
      const sts = settledStatefulSet(env, ns, 'db', 3, k % 2 ? 'postgres:16' : 'redis:7', t);
      const revision = `db-${templateHash(sts.spec.template).slice(0, 10)}`;
      for (let r = 0; r < 3; r++) {
        const name = `db-${r}`;
        create(env, t + r * 5000, 'pods', makePod(t + r * 5000, sts, { name, labels: { 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(r) } }));
      }
      const job = completedJob(env, ns, 'nightly-backup', t);
      create(env, t + 1000, 'pods', makePod(t + 1000, job, undefined, true));
      made += 4;
    });
  }
  for (; made < p.pods; made++) {
    const t = podTime(made);
    const pod = create(env, t, 'pods', makePod(t));
    live.push([pod.metadata.namespace!, pod.metadata.name!]);
  }
  const all = env.store.list('pods').filter((o) => o.metadata.namespace?.startsWith('team-'));
  const updatable: Array<[string, string]> = all.map((o) => [o.metadata.namespace!, o.metadata.name!]);

  const pickIndex = () => Math.floor(env.rand() * live.length);
  let credit = 0;
  let op = 0;
  let last = env.clock.now();
  const tick = () => {
    // Credit follows elapsed clock time, so a late timer still yields churnPerSecond on average.
    const now = env.clock.now();
    credit += (p.churnPerSecond * Math.min(5000, now - last)) / 1000;
    last = now;
    while (credit >= 1) {
      credit--;
      const kind = op++ % 3;
      if (kind === 0 || live.length === 0) {
        const t = env.clock.now();
        const pod = env.store.create('pods', makePod(t));
        live.push([pod.metadata.namespace!, pod.metadata.name!]);
        stats.created++;
      } else if (kind === 1) {
        const [ns, name] = env.rand() < 0.5 && updatable.length ? updatable[Math.floor(env.rand() * updatable.length)] : live[pickIndex()];
        env.store.mutate('pods', ns, name, (o) => {
          if (!o) return undefined;
          o.metadata.annotations = { ...(o.metadata.annotations ?? {}), 'sim.kdash.dev/churn': String(op) };
          return o;
        });
        stats.updated++;
      } else {
        const i = pickIndex();
        const [ns, name] = live[i];
        live[i] = live[live.length - 1];
        live.pop();
        env.store.remove('pods', ns, name);
        stats.deleted++;
      }
    }
  };

  return {
    startChurn: (every) => {
      last = env.clock.now();
      return p.churnPerSecond > 0 ? every(TICK_MS, tick) : () => {};
    },
    stats: () => ({ ...stats }),
  };
}

/** A Deployment and its one ReplicaSet with `replicas` pods (made by the caller), statuses settled. */
function deploymentWithReplicaSet(env: ScenarioEnv, ns: string, name: string, replicas: number, image: string, t: number): KubeObject {
  const labels = { app: name };
  const template = {
    metadata: { labels: { ...labels } },
    spec: {
      containers: [{ name, image, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '128Mi' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {},
    },
  };
  const hash = templateHash(template);
  const status = { replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 };
  const iso = new Date(t + 10_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const d = create(env, t - 5000, 'deployments.apps', {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: ns, labels: { ...labels }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas, selector: { matchLabels: { ...labels } }, template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
    },
    status: {
      ...status,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: iso, lastTransitionTime: iso, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: iso, lastTransitionTime: iso, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}-${hash}" has successfully progressed.` },
      ],
    },
  });
  const rsTemplate = structuredClone(template);
  rsTemplate.metadata.labels = { ...labels, 'pod-template-hash': hash } as typeof labels;
  return create(env, t - 4000, 'replicasets.apps', {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${hash}`, namespace: ns, labels: { ...rsTemplate.metadata.labels }, ownerReferences: [ownerRef(d)],
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)), 'deployment.kubernetes.io/revision': '1' },
    },
    spec: { replicas, minReadySeconds: 0, selector: { matchLabels: { ...rsTemplate.metadata.labels } }, template: rsTemplate },
    status: { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
  });
}

const ISO = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function podTemplate(name: string, image: string, extra: Record<string, unknown> = {}): any {
  return {
    metadata: { labels: { app: name } },
    spec: {
      containers: [{ name, image, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '128Mi' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {},
      ...extra,
    },
  };
}

/** A StatefulSet with `replicas` members (made by the caller), its status as the controller leaves it. */
function settledStatefulSet(env: ScenarioEnv, ns: string, name: string, replicas: number, image: string, t: number): KubeObject {
  const template = podTemplate(name, image);
  const revision = `${name}-${templateHash(template).slice(0, 10)}`;
  return create(env, t - 5000, 'statefulsets.apps', {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      replicas, serviceName: name, selector: { matchLabels: { app: name } }, template, podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, revisionHistoryLimit: 10, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    status: { observedGeneration: 1, replicas, readyReplicas: replicas, currentReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas, currentRevision: revision, updateRevision: revision, collisionCount: 0 },
  });
}

/** A Job that ran one pod to completion half a minute after `t` (the pod is made by the caller). */
function completedJob(env: ScenarioEnv, ns: string, name: string, t: number): KubeObject {
  const done = ISO(t + 33_000);
  return create(env, t, 'jobs.batch', {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, template: podTemplate(name, 'busybox:1.36', { restartPolicy: 'Never' }) },
    status: {
      startTime: ISO(t), completionTime: done, succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {},
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: done, lastTransitionTime: done },
        { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: done, lastTransitionTime: done },
      ],
    },
  });
}
