// What `l` opens for the selected object of a table: a pod's logs, or all pods of a workload.
// The selector is taken from the object itself, so no extra request is needed.
import type { KObj } from '../resources/types.js';
import { formatSelector, fromLabelSelector, fromMap } from './selector.js';
import type { LogSourceSpec, WorkloadKind } from './types.js';

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
  const sel = workloadKind === 'service' ? fromMap(obj.spec?.selector) : fromLabelSelector(obj.spec?.selector);
  if (!sel || sel.length === 0) return { error: `${workloadKind} ${obj.metadata.name} has no pod selector` };
  return { kind: 'workload', namespace, workloadKind, name: obj.metadata.name, selector: formatSelector(sel), tail: opts.tail, container: opts.container };
}
