// Config maps: `kubectl get configmaps` (printers.go printConfigMap: DATA counts data and binaryData).
import type { ResourceKind } from './types.js';
import { ageColumn, nameColumn } from './columns.js';

export const configMap: ResourceKind = {
  id: 'configmaps',
  kind: 'ConfigMap',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  namespaced: true,
  aliases: ['cm', 'configmap', 'configmaps'],
  columns: [
    nameColumn,
    { id: 'data', header: 'DATA', value: (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length },
    ageColumn,
  ],
  actions: ['delete', 'describe', 'yaml'],
};
