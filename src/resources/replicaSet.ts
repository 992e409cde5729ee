// Replica sets: `kubectl get replicasets` (printers.go printReplicaSet).
import type { ResourceKind } from './types.js';
import { ageColumn, containerColumns, intColumn, nameColumn, selectorColumn } from './columns.js';
import { workloadSelector } from './rollout.js';

export const replicaSet: ResourceKind = {
  id: 'replicasets',
  kind: 'ReplicaSet',
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  namespaced: true,
  aliases: ['rs', 'replicaset', 'replicasets'],
  columns: [
    nameColumn,
    intColumn('desired', 'DESIRED', (o) => o.spec?.replicas ?? 1),
    intColumn('current', 'CURRENT', (o) => o.status?.replicas),
    {
      id: 'ready',
      header: 'READY',
      value: (o) => Number(o.status?.readyReplicas ?? 0),
      tone: (o) => ((o.status?.readyReplicas ?? 0) < (o.spec?.replicas ?? 1) ? 'warn' : undefined),
    },
    ageColumn,
    ...containerColumns((o) => o.spec?.template),
    selectorColumn((o) => o.spec?.selector),
  ],
  actions: ['scale', 'delete', 'describe', 'yaml', 'attach', 'portForward', 'diagnose'],
  // Pods owned by this replica set; the selector narrows the list, ownership makes it exact.
  drillDown: (o) => ({
    kind: 'pods',
    labelSelector: workloadSelector(o),
    namespace: o.metadata.namespace,
    owned: { uid: o.metadata.uid },
    title: `replicaset/${o.metadata.name}`,
  }),
};
