// Builders for scenario objects that look like a real (GKE) cluster that has been running for a
// while: nodes, namespaces, services, and workloads whose pods are already Running — built the way
// the controllers would have built them, so the controllers find nothing to change.
import { randomUUID } from 'node:crypto';
import type { EventRecorder } from '../controllers/events.js';
import { podFromTemplate } from '../controllers/podFactory.js';
import { buildStatus, containerId, type ContainerRt, type PodRt } from '../controllers/podRuntime.js';
import { behaviorOf } from '../controllers/podRecord.js';
import { defaultPodSpec, fnv32a, ownerRef, randomSuffix, templateHash } from '../controllers/util.js';
import { applyDefaults, generateJobSelector } from '../admission.js';
import { admitServiceAccount } from '../serviceAccount.js';
import { kindOf } from '../kinds.js';
import type { ClusterStore, KubeObject, SimClock } from '../types.js';
import { atTime } from '../clock.js';

export interface ScenarioEnv {
  store: ClusterStore;
  clock: SimClock;
  events: EventRecorder;
  rand: () => number;
}

/** Runs `fn` with the clock reading `t` (objects created inside get that creationTimestamp). */
export function at<T>(env: ScenarioEnv, t: number, fn: () => T): T {
  return atTime(env.clock, t, fn);
}

/** Creates `obj` at time `t` with the API server's defaults filled in, as if it had come through kubectl. */
export function create(env: ScenarioEnv, t: number, resource: string, obj: KubeObject): KubeObject {
  const kind = kindOf(resource);
  if (kind) applyDefaults(kind, obj);
  if (kind?.kind === 'Pod') admitServiceAccount(obj, env.rand, env.store);
  if (kind?.kind === 'Job') {
    obj.metadata.uid ??= randomUUID();
    generateJobSelector(obj);
  }
  return at(env, t, () => env.store.create(resource, obj));
}

export function node(name: string, i: number, opts: { cpu?: string; memoryKi?: number; pods?: number; since?: number } = {}): KubeObject {
  const since = new Date(opts.since ?? 0).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const memKi = opts.memoryKi ?? 16_393_236;
  const h = fnv32a(name).toString(16).padStart(8, '0');
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/instance-type': 'e2-standard-4',
        'cloud.google.com/gke-boot-disk': 'pd-balanced', 'cloud.google.com/gke-container-runtime': 'containerd',
        'cloud.google.com/gke-nodepool': 'course-pool', 'cloud.google.com/gke-os-distribution': 'cos', 'cloud.google.com/machine-family': 'e2',
        'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': 'e2-standard-4', 'topology.kubernetes.io/region': 'europe-west1', 'topology.kubernetes.io/zone': `europe-west1-${'bcd'[i % 3]}`,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', 'container.googleapis.com/instance_id': String(4_000_000_000_000 + fnv32a(name)) },
    },
    spec: { podCIDR: `10.8.${i}.0/24`, podCIDRs: [`10.8.${i}.0/24`], providerID: `gce://kdash-course/europe-west1-${'bcd'[i % 3]}/${name}` },
    status: {
      capacity: { cpu: opts.cpu ?? '4', 'ephemeral-storage': '98831908Ki', 'hugepages-2Mi': '0', memory: `${memKi}Ki`, pods: String(opts.pods ?? 110) },
      allocatable: { cpu: opts.cpu ? `${Number(opts.cpu) * 1000 - 80}m` : '3920m', 'ephemeral-storage': '47060071478', 'hugepages-2Mi': '0', memory: `${memKi - 2_900_000}Ki`, pods: String(opts.pods ?? 110) },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', since),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', since),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', since),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', since),
      ],
      addresses: [
        { type: 'InternalIP', address: `10.128.0.${i + 2}` },
        { type: 'ExternalIP', address: `34.76.${(fnv32a(name) >> 8) & 255}.${fnv32a(name) & 255}` },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: h.repeat(4), systemUUID: `${h}-${h.slice(0, 4)}-${h.slice(4)}-${h.slice(0, 4)}-${h}${h.slice(0, 4)}`, bootID: `${h.slice(4)}${h.slice(0, 4)}-1c2d-4e5f-8a9b-${h}0c1d`,
        kernelVersion: '6.1.100+', osImage: 'Container-Optimized OS from Google', containerRuntimeVersion: 'containerd://1.7.22',
        kubeletVersion: 'v1.30.5-gke.1014001', kubeProxyVersion: 'v1.30.5-gke.1014001', operatingSystem: 'linux', architecture: 'amd64',
      },
      images: [],
    },
  };
}

function cond(type: string, status: string, reason: string, message: string, since: string) {
  return { type, status, lastHeartbeatTime: since, lastTransitionTime: since, reason, message };
}

export const namespace = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
});

export function service(ns: string, name: string, port: number, selector: Record<string, string>, clusterIP: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      type: 'ClusterIP', clusterIP, clusterIPs: [clusterIP], selector, sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster',
      ports: [{ name: port === 6379 ? 'redis' : 'http', port, targetPort: port, protocol: 'TCP' }],
    },
    status: { loadBalancer: {} },
  };
}

export function container(name: string, image: string, port: number | undefined, req: [string, string], lim?: [string, string], extra: Record<string, unknown> = {}): any {
  return {
    name, image,
    ...(port ? { ports: [{ containerPort: port, protocol: 'TCP' }] } : {}),
    resources: { requests: { cpu: req[0], memory: req[1] }, ...(lim ? { limits: { cpu: lim[0], memory: lim[1] } } : {}) },
    ...extra,
  };
}

export interface PodStory {
  /** When the current container started (ms). */
  startedAt: number;
  restarts?: number;
  /** The pod was created this long before its container started. */
  lead?: number;
  crash?: { lastFinishedAt: number };
  waiting?: { reason: string; message: string };
  completed?: { finishedAt: number };
}

/** A pod as the kubelet would report it after `story`, bound to `nodeName`. */
export function settledPod(pod: KubeObject, nodeName: string, nodeIndex: number, ipSeq: number, story: PodStory): KubeObject {
  pod.spec.nodeName = nodeName;
  const rt: PodRt = {
    key: '', ns: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? `${pod.metadata.name}-uid`, node: nodeName,
    hostIP: `10.128.0.${nodeIndex + 2}`,
    podIP: story.waiting && !story.crash ? undefined : pod.spec.hostNetwork ? `10.128.0.${nodeIndex + 2}` : `10.8.${nodeIndex}.${ipSeq}`,
    startTime: story.startedAt - (story.lead ?? 4000), restartPolicy: pod.spec.restartPolicy ?? 'Always', labels: pod.metadata.labels ?? {},
    initContainers: [], phase: story.completed ? 'Succeeded' : story.waiting && !story.crash ? 'Pending' : 'Running', deleting: false, readyDelayMs: 0, requests: new Map(), timers: new Set(),
    containers: [],
  };
  rt.containers = (pod.spec.containers ?? []).map((c: any): ContainerRt => {
      const base: ContainerRt = { name: c.name, image: c.image, behavior: behaviorOf(pod, c), state: 'running', restartCount: story.restarts ?? 0, ready: true, backoffMs: 10_000, runSeconds: 3, startedAt: story.startedAt };
      base.containerID = containerId(rt, base);
      if (story.crash) {
        base.state = 'waiting';
        base.ready = false;
        base.waitingReason = 'CrashLoopBackOff';
        base.waitingMessage = `back-off 2m40s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${rt.uid})`;
        base.last = { exitCode: 1, reason: 'Error', startedAt: story.crash.lastFinishedAt - 3000, finishedAt: story.crash.lastFinishedAt, containerID: base.containerID };
      } else if (story.waiting) {
        base.state = 'waiting';
        base.ready = false;
        base.containerID = undefined;
        base.waitingReason = story.waiting.reason;
        base.waitingMessage = story.waiting.message;
      } else if (story.completed) {
        base.state = 'terminated';
        base.ready = false;
        base.terminated = { exitCode: 0, reason: 'Completed', startedAt: story.startedAt, finishedAt: story.completed.finishedAt, containerID: base.containerID };
      }
      return base;
  });
  pod.status = buildStatus(rt, { metadata: {}, spec: pod.spec, status: { conditions: [] } } as KubeObject, story.startedAt + 1000);
  const sched = pod.status.conditions.find((c: any) => c.type === 'PodScheduled');
  if (sched) sched.lastTransitionTime = new Date(rt.startTime).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return pod;
}

/** Picks nodes round-robin by a running counter, like a scheduler spreading a small cluster. */
export class Placer {
  private n = 0;
  private readonly ips = new Map<number, number>();
  constructor(private readonly nodes: string[]) {}
  next(): { name: string; index: number; ip: number } {
    const index = this.n++ % this.nodes.length;
    const ip = (this.ips.get(index) ?? 1) + 1;
    this.ips.set(index, ip > 250 ? 2 : ip);
    return { name: this.nodes[index], index, ip };
  }
}

export interface DeploymentSpec {
  ns: string;
  name: string;
  replicas: number;
  containers: any[];
  /** The pod template's volumes (the containers' volumeMounts name them). */
  volumes?: any[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Earlier templates (oldest first) to leave as scaled-down replica sets: rollout history. */
  history?: Array<{ containers: any[]; at: number; changeCause?: string }>;
  createdAt: number;
  /** When the current replica set's pods started. */
  podsAt: number;
  story?: (i: number) => Partial<PodStory>;
  podAnnotations?: Record<string, string>;
}

/** A Deployment with its ReplicaSets (one per revision) and the current one's pods, all settled. */
export function settledDeployment(env: ScenarioEnv, placer: Placer, s: DeploymentSpec): KubeObject {
  const labels = s.labels ?? { app: s.name };
  const tpl = (containers: any[]) => ({ metadata: { labels: { ...labels }, ...(s.podAnnotations ? { annotations: { ...s.podAnnotations } } : {}) }, spec: { containers: structuredClone(containers), ...(s.volumes ? { volumes: structuredClone(s.volumes) } : {}), restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {} } });
  const revisions = [...(s.history ?? []), { containers: s.containers, at: s.podsAt, changeCause: undefined as string | undefined }];
  const d = create(env, s.createdAt, 'deployments.apps', {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: s.name, namespace: s.ns, labels: { ...labels }, annotations: { 'deployment.kubernetes.io/revision': String(revisions.length), ...(s.annotations ?? {}) } },
    spec: {
      replicas: s.replicas, selector: { matchLabels: { ...labels } }, template: tpl(s.containers),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
    },
  });
  let current: KubeObject | undefined;
  revisions.forEach((r, i) => {
    const t = tpl(r.containers);
    const hash = templateHash(t);
    const isCurrent = i === revisions.length - 1;
    t.metadata.labels['pod-template-hash'] = hash;
    const rs = create(env, r.at - 2000, 'replicasets.apps', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: `${s.name}-${hash}`, namespace: s.ns, labels: { ...t.metadata.labels },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(s.replicas), 'deployment.kubernetes.io/max-replicas': String(s.replicas + Math.ceil(s.replicas / 4)),
          'deployment.kubernetes.io/revision': String(i + 1), ...(r.changeCause ? { 'kubernetes.io/change-cause': r.changeCause } : {}),
        },
        ownerReferences: [ownerRef(d)],
      },
      spec: { replicas: isCurrent ? s.replicas : 0, minReadySeconds: 0, selector: { matchLabels: { ...labels, 'pod-template-hash': hash } }, template: t },
      status: { replicas: 0 },
    });
    env.events.emit(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${s.replicas}`, 'deployment-controller', { at: r.at - 2000 });
    if (!isCurrent) env.events.emit(d, 'Normal', 'ScalingReplicaSet', `Scaled down replica set ${rs.metadata.name} from ${s.replicas} to 0`, 'deployment-controller', { at: revisions[i + 1].at + 8000 });
    if (isCurrent) current = rs;
  });
  const pods = [];
  for (let i = 0; i < s.replicas; i++) pods.push(settledPodFor(env, placer, current!, s.podsAt + i * 700, s.story?.(i)));
  // Statuses as the controllers left them, with condition times from the rollout, not from start-up.
  const readyPods = pods.filter((p) => p.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True')).length;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  env.store.mutate('replicasets.apps', s.ns, current!.metadata.name!, (o) => {
    o.status = { replicas: s.replicas, fullyLabeledReplicas: s.replicas, readyReplicas: readyPods, availableReplicas: readyPods, observedGeneration: 1 };
    for (const k of ['readyReplicas', 'availableReplicas']) if (!o.status[k]) delete o.status[k];
    return o;
  });
  const done = s.podsAt + s.replicas * 700 + 6000;
  const ok = readyPods === s.replicas;
  const rsName = current!.metadata.name;
  return env.store.mutate('deployments.apps', s.ns, s.name, (o) => {
    o.status = {
      observedGeneration: o.metadata.generation ?? 1, replicas: s.replicas, updatedReplicas: s.replicas, readyReplicas: readyPods, availableReplicas: readyPods,
      unavailableReplicas: s.replicas - readyPods,
      conditions: [
        ok
          ? { lastUpdateTime: iso(done), type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastTransitionTime: iso(done) }
          : { lastUpdateTime: iso(done), type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastTransitionTime: iso(done) },
        ok
          ? { lastUpdateTime: iso(done), type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.`, lastTransitionTime: iso(s.createdAt) }
          : { lastUpdateTime: iso(done), type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.`, lastTransitionTime: iso(s.createdAt) },
      ],
    };
    return o;
  })!;
}

/** One pod of `owner` (a ReplicaSet, Job, DaemonSet…) created at `t` and settled to its story. */
export function settledPodFor(env: ScenarioEnv, placer: Placer, owner: KubeObject, t: number, story: Partial<PodStory> = {}, extraLabels: Record<string, string> = {}): KubeObject {
  const pod = podFromTemplate(owner, owner.spec?.template, `${owner.metadata.name}-${randomSuffix(env.rand)}`, extraLabels);
  delete pod.status.qosClass;
  const ctl = owner.kind === 'Job' ? 'job-controller' : owner.kind === 'DaemonSet' ? 'daemonset-controller' : 'replicaset-controller';
  env.events.emit(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, ctl, { at: t });
  return settledBarePod(env, placer, pod, t, story);
}

/** A pod created at `t` and settled to its story, with the events the scheduler and kubelet recorded. */
export function settledBarePod(env: ScenarioEnv, placer: Placer, pod: KubeObject, t: number, story: Partial<PodStory> = {}): KubeObject {
  pod.spec = defaultPodSpec(pod.spec);
  const place = placer.next();
  const startedAt = story.startedAt ?? t + 4000;
  const created = create(env, t, 'pods', pod);
  const settled = settledPod(created, place.name, place.index, place.ip, { ...story, startedAt, lead: startedAt - t });
  const out = env.store.update('pods', settled);
  const name = out.metadata.name;
  env.events.emit(out, 'Normal', 'Scheduled', `Successfully assigned ${out.metadata.namespace}/${name} to ${out.spec.nodeName}`, 'default-scheduler', { at: t + 50 });
  for (const c of out.spec.containers) {
    const o = { host: out.spec.nodeName, fieldPath: `spec.containers{${c.name}}` };
    env.events.emit(out, 'Normal', 'Pulling', `Pulling image "${c.image}"`, 'kubelet', { ...o, at: t + 200 });
    if (story.waiting && !story.crash) continue;
    env.events.emit(out, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in 2.841s (2.841s including waiting). Image size: 51342187 bytes.`, 'kubelet', { ...o, at: startedAt - 300 });
    env.events.emit(out, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet', { ...o, at: startedAt - 100 });
    env.events.emit(out, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', { ...o, at: startedAt });
    if (story.crash) {
      // The back-off history of a container that has crashed `restarts` times (aggregated into one Event).
      const uid = out.metadata.uid;
      for (let i = 1; i <= (story.restarts ?? 1); i++) {
        const when = story.crash.lastFinishedAt - ((story.restarts ?? 1) - i) * 40_000 + 1000;
        env.events.emit(out, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${name}_${out.metadata.namespace}(${uid})`, 'kubelet', { ...o, at: Math.max(t + 5000, when) });
      }
    }
  }
  return out;
}

/** The StorageClasses a GKE cluster comes with: `standard-rwo` (the default, bound when a pod first uses the claim) and `standard`. */
export function gkeStorageClasses(env: ScenarioEnv, t: number): void {
  create(env, t, 'storageclasses.storage.k8s.io', {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name: 'standard-rwo', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } },
    provisioner: 'pd.csi.storage.gke.io', parameters: { type: 'pd-balanced' }, reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true,
  });
  create(env, t, 'storageclasses.storage.k8s.io', {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name: 'standard', labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } },
    provisioner: 'kubernetes.io/gce-pd', parameters: { type: 'pd-standard' }, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', allowVolumeExpansion: true,
  });
}

/** A claim already bound to the volume its class's provisioner made for it, as the storage controller leaves them. */
export function settledClaim(env: ScenarioEnv, t: number, ns: string, name: string, size: string, storageClass: string, provisioner: string, node: string): KubeObject {
  const pvc = create(env, t, 'persistentvolumeclaims', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns, annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.beta.kubernetes.io/storage-provisioner': provisioner, 'volume.kubernetes.io/selected-node': node, 'volume.kubernetes.io/storage-provisioner': provisioner } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, storageClassName: storageClass, volumeMode: 'Filesystem' },
  });
  const pvName = `pvc-${pvc.metadata.uid}`;
  create(env, t + 3000, 'persistentvolumes', {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': provisioner } },
    spec: {
      accessModes: ['ReadWriteOnce'], capacity: { storage: size }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: storageClass, volumeMode: 'Filesystem',
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace: ns, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion },
      csi: { driver: provisioner, volumeHandle: `kdash-sim/disks/${pvName}`, fsType: 'ext4' },
    },
  });
  env.store.mutate('persistentvolumes', undefined, pvName, (o) => ({ ...o, status: { phase: 'Bound' } }));
  return env.store.mutate('persistentvolumeclaims', ns, name, (o) => ({ ...o, spec: { ...o.spec, volumeName: pvName }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: size } } }))!;
}
