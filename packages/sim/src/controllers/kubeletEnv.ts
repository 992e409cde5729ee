// The kubelet's node-local state and tools, as the lifecycle, failure and probe stories see them:
// apart from kubelet.ts, which runs those stories, so they do not import each other.
import type { Ctx } from './context.js';
import type { LogHub } from '../logs.js';
import type { ContainerRt, PodIps, PodRt } from './podRuntime.js';

/** What the lifecycle and failure stories share: the kubelet's node-local state and its three tools. */
export interface KubeletEnv {
  ctx: Ctx;
  logs: LogHub;
  ips: PodIps;
  /** Images already on each node (an IfNotPresent pull of one of them is skipped). */
  nodeImages: Map<string, Set<string>>;
  /** A timer for this pod, cancelled when the pod goes; once it is terminating only its stop sequence (`evenIfDeleting`) runs. */
  after(rt: PodRt, ms: number, fn: () => void, evenIfDeleting?: boolean): () => void;
  /** An event from this kubelet about the pod (or one of its containers). */
  ev(rt: PodRt, type: 'Normal' | 'Warning', reason: string, msg: string, c?: ContainerRt): void;
  /** Writes the record's status to the pod, when it changed. */
  publish(rt: PodRt): void;
}
