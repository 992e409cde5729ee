// What `l` opens for the selected object of a table: a pod's logs, or all pods of a workload.
// The selector is taken from the object itself, so no extra request is needed.
import { requirementsToString } from '../resources/labels.js';
import type { KObj } from '../resources/types.js';
import type { LogSourceSpec, WorkloadKind } from './types.js';
import { podSelectorOf } from './workloadLogs.js';

const WORKLOAD_BY_RESOURCE: Record<string, WorkloadKind> = {
  deployments: 'deployment',
  statefulsets: 'statefulset',
  daemonsets: 'daemonset',
  jobs: 'job',
  replicasets: 'replicaset',
  services: 'service',
};

/**
 * The log source for an object of a resource kind (descriptor id: 'pods', 'deployments', …), or a
 * one-line reason why it has no logs. `tail` defaults to DEFAULT_TAIL in the controller.
 */
export function logSpecFor(resourceId: string, obj: KObj, opts: { tail?: number; container?: string } = {}): LogSourceSpec | { error: string } {
  const namespace = obj.metadata.namespace ?? 'default';
  if (resourceId === 'pods') return { kind: 'pod', namespace, pod: obj.metadata.name, tail: opts.tail, container: opts.container };
  const workloadKind = WORKLOAD_BY_RESOURCE[resourceId];
  if (!workloadKind) return { error: `${resourceId} have no logs` };
  const sel = podSelectorOf(workloadKind, obj.spec?.selector);
  if (sel.length === 0) return { error: `${workloadKind} ${obj.metadata.name} has no pod selector` };
  return { kind: 'workload', namespace, workloadKind, name: obj.metadata.name, selector: requirementsToString(sel), tail: opts.tail, container: opts.container };
}
