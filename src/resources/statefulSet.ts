// Stateful sets: `kubectl get statefulsets` (printers.go printStatefulSet) plus usage over their pods.
import type { ResourceKind } from './types.js';
import { ageColumn, containerColumns, nameColumn } from './columns.js';
import { workloadMetricColumns } from './metricColumns.js';
import { workloadSelector } from './rollout.js';

const desired = (o: any): number => o.spec?.replicas ?? 1;

export const statefulSet: ResourceKind = {
  id: 'statefulsets',
  kind: 'StatefulSet',
  group: 'apps',
  version: 'v1',
  plural: 'statefulsets',
  namespaced: true,
  aliases: ['sts', 'statefulset', 'statefulsets'],
  columns: [
    nameColumn,
    {
      id: 'ready',
      header: 'READY',
      value: (o) => `${o.status?.readyReplicas ?? 0}/${desired(o)}`,
      tone: (o) => ((o.status?.readyReplicas ?? 0) < desired(o) ? 'warn' : 'ok'),
    },
    ageColumn,
    ...containerColumns((o) => o.spec?.template),
    ...workloadMetricColumns,
  ],
  actions: ['scale', 'restart', 'undo', 'history', 'rolloutStatus', 'logs', 'delete', 'describe', 'yaml', 'metrics', 'attach', 'portForward', 'diagnose'],
  drillDown: (o) => {
    const labelSelector = workloadSelector(o);
    if (!labelSelector) return undefined;
    return { kind: 'pods', labelSelector, namespace: o.metadata.namespace, title: `statefulset/${o.metadata.name}` };
  },
};
