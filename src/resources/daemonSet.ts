// Daemon sets: `kubectl get daemonsets` (printers.go printDaemonSet) plus usage over their pods.
import type { ResourceKind } from './types.js';
import { ageColumn, containerColumns, intColumn, nameColumn, selectorColumn } from './columns.js';
import { formatLabels } from './format.js';
import { workloadMetricColumns } from './metricColumns.js';
import { workloadSelector } from './rollout.js';

export const daemonSet: ResourceKind = {
  id: 'daemonsets',
  kind: 'DaemonSet',
  group: 'apps',
  version: 'v1',
  plural: 'daemonsets',
  namespaced: true,
  aliases: ['ds', 'daemonset', 'daemonsets'],
  columns: [
    nameColumn,
    intColumn('desired', 'DESIRED', (o) => o.status?.desiredNumberScheduled),
    intColumn('current', 'CURRENT', (o) => o.status?.currentNumberScheduled),
    {
      id: 'ready',
      header: 'READY',
      value: (o) => Number(o.status?.numberReady ?? 0),
      tone: (o) => ((o.status?.numberReady ?? 0) < (o.status?.desiredNumberScheduled ?? 0) ? 'warn' : undefined),
    },
    intColumn('upToDate', 'UP-TO-DATE', (o) => o.status?.updatedNumberScheduled),
    intColumn('available', 'AVAILABLE', (o) => o.status?.numberAvailable),
    { id: 'nodeSelector', header: 'NODE SELECTOR', value: (o) => formatLabels(o.spec?.template?.spec?.nodeSelector) },
    ageColumn,
    ...containerColumns((o) => o.spec?.template),
    selectorColumn((o) => o.spec?.selector),
    ...workloadMetricColumns,
  ],
  actions: ['restart', 'undo', 'history', 'rolloutStatus', 'logs', 'delete', 'describe', 'yaml', 'metrics', 'shell', 'attach', 'portForward', 'diagnose'],
  drillDown: (o) => {
    const labelSelector = workloadSelector(o);
    if (!labelSelector) return undefined;
    return { kind: 'pods', labelSelector, namespace: o.metadata.namespace, title: `daemonset/${o.metadata.name}` };
  },
};
