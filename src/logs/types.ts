// Shared shapes of the log layer (src/logs) and the log view (src/views/logs).
import type { WorkloadKind } from '../resources/podSelection.js';

/** Who produced a line in a multi-stream view (workload or "all containers"). */
export interface LineSource {
  pod: string;
  container: string;
  /** SGR foreground colour code (31–36, 91–96), chosen stably per pod. */
  color: number;
}

export type LogLineKind = 'log' | 'note' | 'gap' | 'restart' | 'error';

export interface LogLine {
  kind: LogLineKind;
  /** Server timestamp (RFC3339Nano) of a log line; always requested, shown only on demand. */
  ts?: string;
  /** Sanitized text; may contain SGR colours (and only those). */
  text: string;
  /** The same without colours: for search, width and saving. Same string as text when there are none. */
  plain: string;
  source?: LineSource;
}

/** What to show. `container: '*'` means all containers of the pod(s). */
export type LogSourceSpec =
  | {
      kind: 'pod';
      namespace: string;
      pod: string;
      container?: string;
      tail?: number;
      previous?: boolean;
      follow?: boolean;
    }
  | {
      kind: 'workload';
      namespace: string;
      /** 'deployment' | 'statefulset' | 'daemonset' | 'job' | 'replicaset' | 'service' */
      workloadKind: WorkloadKind;
      name: string;
      /** Label selector of the pods; read from the workload when omitted. */
      selector?: string;
      container?: string;
      tail?: number;
      previous?: boolean;
      follow?: boolean;
    };

export type { WorkloadKind };

/** State of one container stream. */
export type StreamPhase =
  | 'connecting'
  | 'following' // streaming, follow=true
  | 'reading' // streaming, follow=false
  | 'reconnecting'
  | 'waiting' // container not running yet / crash-looping: polling
  | 'ended' // done for good (container exited, pod deleted, non-follow finished)
  | 'error'; // failed for good (forbidden, no previous container, …)

export interface StreamStatus {
  phase: StreamPhase;
  /** One line for the title bar, e.g. "waiting to start: ContainerCreating". */
  detail?: string;
}

export const DEFAULT_TAIL = 200;
