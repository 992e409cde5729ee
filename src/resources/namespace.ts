// Namespaces: `kubectl get namespaces` (printers.go printNamespace).
import type { ResourceKind } from './types.js';
import { ageColumn, nameColumn } from './columns.js';

export const namespace: ResourceKind = {
  id: 'namespaces',
  kind: 'Namespace',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  namespaced: false,
  aliases: ['ns', 'namespace', 'namespaces'],
  columns: [
    nameColumn,
    {
      id: 'status',
      header: 'STATUS',
      value: (o) => o.status?.phase ?? '',
      tone: (o) => (o.status?.phase === 'Terminating' ? 'warn' : undefined),
    },
    ageColumn,
  ],
  actions: ['delete', 'describe', 'yaml'],
  drillDown: (o) => ({ kind: 'pods', namespace: o.metadata.name }),
};
