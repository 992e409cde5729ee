// The contract between the API server (server.ts, index.ts) and the runtime (controllers/, kubelet,
// logs, metrics). The server only parses HTTP and delegates; the runtime owns the behaviour.
import type { ClusterStore, KubeObject, SimClock } from './types.js';

/** Query parameters of GET .../pods/NAME/log, already parsed. */
export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

/** Knobs of the `large` benchmark scenario. */
export interface LargeScenarioParams {
  nodes?: number;
  namespaces?: number;
  pods?: number;
  /** Pod changes per second (creations + updates + deletions). */
  churnPerSecond?: number;
}

export interface SimRuntime {
  stop(): void;
  logs: {
    /** Whole text for a non-follow request; throws SimError (400 previous with no previous container,
     * 400 'a container name must be specified for pod X, choose one of: [a b]', 404 pod not found). */
    read(ns: string, pod: string, opts: LogOptions): string;
    /** follow: onData with chunks as lines are produced; onEnd when the container stops or the pod is
     * deleted; returns unsubscribe. Same errors as read, thrown synchronously. */
    follow(ns: string, pod: string, opts: LogOptions, onData: (chunk: string) => void, onEnd: () => void): () => void;
  };
  /** A container's main process ended by itself with this exit code (an attached shell's `exit`): the kubelet records it as it would a real exit. */
  processExited(ns: string, pod: string, container: string, code: number): void;
  /** PodMetrics / NodeMetrics objects (metrics.k8s.io/v1beta1). */
  metrics: { podMetrics(ns?: string): KubeObject[]; nodeMetrics(): KubeObject[] };
}

export type StartRuntime = (
  store: ClusterStore,
  clock: SimClock,
  opts: { scenario?: string; large?: LargeScenarioParams },
) => SimRuntime;
