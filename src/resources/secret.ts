// Secrets: `kubectl get secrets` (printers.go printSecret: NAME TYPE DATA AGE, DATA = number of keys).
// The store holds keys and sizes only (secretData.ts); `x` opens the keys screen, where one key's value
// can be read on an explicit key press.
import type { ResourceKind } from './types.js';
import { ageColumn, nameColumn } from './columns.js';
import { secretKeys } from './secretData.js';

export const secret: ResourceKind = {
  id: 'secrets',
  kind: 'Secret',
  group: '',
  version: 'v1',
  plural: 'secrets',
  namespaced: true,
  aliases: ['secret', 'secrets'],
  columns: [nameColumn, { id: 'type', header: 'TYPE', value: (o) => String(o.type ?? '') }, { id: 'data', header: 'DATA', value: (o) => secretKeys(o).length }, ageColumn],
  actions: ['delete', 'describe', 'yaml', 'secretKeys'],
};
