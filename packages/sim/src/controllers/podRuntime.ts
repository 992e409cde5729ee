// The simulated kubelet's per-pod records and how they become a pod's status (what the kubelet's
// status manager writes: phase, conditions, container statuses, IPs, QoS class).
import type { KubeObject } from '../types.js';
import type { Script } from './containerCommand.js';
import { fnv32a, fullImage, isoTime, qosClass } from './util.js';

export type Behavior = 'run' | 'crashloop' | 'oomkill' | 'complete' | 'fail' | 'evict' | 'imagepull';

export interface TerminatedInfo {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
  message?: string;
}

export interface ContainerRt {
  name: string;
  image: string;
  behavior: Behavior;
  state: 'waiting' | 'running' | 'terminated';
  waitingReason?: string;
  waitingMessage?: string;
  startedAt?: number;
  terminated?: TerminatedInfo;
  last?: TerminatedInfo;
  restartCount: number;
  ready: boolean;
  containerID?: string;
  /** Next CrashLoopBackOff / ImagePullBackOff delay (ms). */
  backoffMs: number;
  cancel?: () => void;
  /** Per-container runtime knobs from annotations (seconds). */
  runSeconds: number;
  init?: boolean;
  /** Exit code for 'fail' (env EXIT_CODE, or the command's). */
  exitCode?: number;
  /** What the container's command does (containerCommand.ts), when the kubelet can tell. */
  script?: Script;
}

export interface PodRt {
  key: string;
  ns: string;
  name: string;
  uid: string;
  node: string;
  hostIP: string;
  podIP?: string;
  startTime: number;
  restartPolicy: string;
  labels: Record<string, string>;
  owner?: string; // controller kind
  containers: ContainerRt[];
  /** Init containers run one after the other before any app container starts. */
  initContainers: ContainerRt[];
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  reason?: string;
  message?: string;
  deleting: boolean;
  /** From the ready-after annotation: when set, it decides readiness instead of the readiness probe. */
  readyDelayMs?: number;
  /** Millicores/bytes requested per container, for metrics. */
  requests: Map<string, { cpu: number; mem: number; limMem: number }>;
  timers: Set<() => void>;
}

export const containerId = (rt: PodRt, c: ContainerRt): string =>
  `containerd://${(fnv32a(`${rt.uid}/${c.name}/${c.restartCount}`).toString(16) + fnv32a(`${c.restartCount}:${rt.uid}:${c.name}`).toString(16)).padEnd(16, '0').repeat(4)}`;

export const imageId = (image: string): string => {
  const ref = fullImage(image).replace(/:[^/:@]+$/, '');
  const h = fnv32a(image).toString(16).padStart(8, '0');
  return `${ref}@sha256:${h.repeat(8)}`;
};

function stateOf(c: ContainerRt): any {
  if (c.state === 'running') return { running: { startedAt: isoTime(c.startedAt ?? 0) } };
  if (c.state === 'terminated' && c.terminated) return { terminated: terminatedJson(c.terminated) };
  return { waiting: { reason: c.waitingReason ?? 'ContainerCreating', ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } };
}

function terminatedJson(t: TerminatedInfo): any {
  return {
    exitCode: t.exitCode,
    reason: t.reason,
    ...(t.message ? { message: t.message } : {}),
    startedAt: isoTime(t.startedAt),
    finishedAt: isoTime(t.finishedAt),
    containerID: t.containerID,
  };
}

function containerStatus(c: ContainerRt): any {
  return {
    name: c.name,
    state: stateOf(c),
    lastState: c.last ? { terminated: terminatedJson(c.last) } : {},
    ready: c.init ? c.state === 'terminated' && c.terminated?.exitCode === 0 : c.ready,
    restartCount: c.restartCount,
    image: c.containerID ? fullImage(c.image) : c.image,
    imageID: c.containerID ? imageId(c.image) : '',
    ...(c.containerID ? { containerID: c.containerID } : {}),
    started: c.state === 'running',
  };
}

/** The pod status the kubelet would report for this record; keeps transition times of unchanged conditions. */
export function buildStatus(rt: PodRt, pod: KubeObject, now: number): any {
  const prevConds: any[] = pod.status?.conditions ?? [];
  const nowIso = isoTime(now);
  const cond = (type: string, status: boolean, reason?: string, message?: string) => {
    const s = status ? 'True' : 'False';
    const prev = prevConds.find((c) => c.type === type);
    const c: any = { type, status: s, lastProbeTime: null, lastTransitionTime: prev?.status === s ? prev.lastTransitionTime : nowIso };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  };
  const unready = rt.containers.filter((c) => !c.ready).map((c) => c.name);
  const initPending = rt.initContainers.filter((c) => !(c.state === 'terminated' && c.terminated?.exitCode === 0)).map((c) => c.name);
  const allReady = unready.length === 0 && rt.phase === 'Running' && !rt.deleting;
  const done = rt.phase === 'Succeeded' || rt.phase === 'Failed';
  const notReadyReason = rt.phase === 'Succeeded' ? 'PodCompleted' : rt.phase === 'Failed' ? 'PodFailed' : 'ContainersNotReady';
  const notReadyMsg = rt.phase === 'Running' || rt.phase === 'Pending' ? `containers with unready status: [${unready.join(' ')}]` : undefined;
  const sandbox = rt.containers.some((c) => c.state !== 'waiting' || c.waitingReason !== 'ContainerCreating') || rt.phase !== 'Pending';
  const conditions = [
    cond('PodReadyToStartContainers', sandbox && !done),
    initPending.length ? cond('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${initPending.join(' ')}]`) : cond('Initialized', true),
    allReady ? cond('Ready', true) : cond('Ready', false, notReadyReason, notReadyMsg),
    allReady ? cond('ContainersReady', true) : cond('ContainersReady', false, notReadyReason, notReadyMsg),
    cond('PodScheduled', true),
  ];
  const evicted = prevConds.find((c) => c.type === 'DisruptionTarget');
  if (rt.reason === 'Evicted') conditions.unshift(evicted ?? cond('DisruptionTarget', true, 'TerminationByKubelet', rt.message));
  const status: any = {
    phase: rt.phase,
    conditions,
    hostIP: rt.hostIP,
    hostIPs: [{ ip: rt.hostIP }],
    ...(rt.podIP ? { podIP: rt.podIP, podIPs: [{ ip: rt.podIP }] } : {}),
    startTime: isoTime(rt.startTime),
    ...(rt.reason ? { reason: rt.reason } : {}),
    ...(rt.message ? { message: rt.message } : {}),
    containerStatuses: rt.containers.map(containerStatus),
    qosClass: qosClass(pod),
  };
  if (rt.initContainers.length) status.initContainerStatuses = rt.initContainers.map(containerStatus);
  return status;
}

/** Pod IPs per node from its podCIDR, never handing out an address a live (or adopted) pod holds, on any node. */
export class PodIps {
  private readonly next = new Map<string, number>();
  private readonly used = new Map<string, Set<string>>();
  /** Every address held, whichever node: two nodes given the same podCIDR by hand still never share one. */
  private readonly all = new Set<string>();

  hold(node: string, ip: string | undefined): void {
    if (!ip) return;
    let s = this.used.get(node);
    if (!s) this.used.set(node, (s = new Set()));
    s.add(ip);
    this.all.add(ip);
  }

  release(node: string, ip: string | undefined): void {
    if (ip && this.used.get(node)?.delete(ip)) this.all.delete(ip);
  }

  /** The next free address of the node's /24 (the node IPAM gives every node one before its pods start). */
  allocate(node: string, podCIDR: string | undefined): string | undefined {
    if (!podCIDR) return undefined;
    const [a, b, c] = podCIDR.split('/')[0].split('.');
    let n = this.next.get(node) ?? 1;
    for (let tries = 0; tries < 253; tries++) {
      n = n >= 254 ? 2 : n + 1;
      const ip = `${a}.${b}.${c}.${n}`;
      if (this.all.has(ip)) continue;
      this.next.set(node, n);
      this.hold(node, ip);
      return ip;
    }
    return undefined;
  }
}
