// Deployments: `kubectl get deployments` (printers.go printDeployment) plus usage summed over their pods.
import type { ResourceKind } from './types.js';
import { ageColumn, containerColumns, intColumn, nameColumn, selectorColumn } from './columns.js';
import { workloadMetricColumns } from './metricColumns.js';
import { workloadSelector } from './rollout.js';

const desired = (o: any): number => o.spec?.replicas ?? 1;

export const deployment: ResourceKind = {
  id: 'deployments',
  kind: 'Deployment',
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  namespaced: true,
  aliases: ['deploy', 'deployment', 'deployments'],
  columns: [
    nameColumn,
    {
      id: 'ready',
      header: 'READY',
      value: (o) => `${o.status?.readyReplicas ?? 0}/${desired(o)}`,
      // Not fully available (or not yet rolled out) is worth a glance.
      tone: (o) => ((o.status?.availableReplicas ?? 0) < desired(o) || (o.status?.updatedReplicas ?? 0) < desired(o) ? 'warn' : 'ok'),
    },
    intColumn('upToDate', 'UP-TO-DATE', (o) => o.status?.updatedReplicas),
    intColumn('available', 'AVAILABLE', (o) => o.status?.availableReplicas),
    ageColumn,
    ...containerColumns((o) => o.spec?.template),
    selectorColumn((o) => o.spec?.selector, ''),
    ...workloadMetricColumns,
  ],
  actions: ['scale', 'restart', 'undo', 'history', 'pause', 'resume', 'rolloutStatus', 'logs', 'delete', 'describe', 'yaml', 'metrics', 'attach', 'portForward', 'diagnose'],
  drillDown: (o) => {
    const labelSelector = workloadSelector(o);
    if (!labelSelector) return undefined;
    return { kind: 'pods', labelSelector, namespace: o.metadata.namespace, title: `deployment/${o.metadata.name}` };
  },
};
