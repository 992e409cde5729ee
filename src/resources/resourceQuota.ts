// Resource quotas: `kubectl get resourcequotas` (printers.go printResourceQuota: REQUEST and LIMIT
// list "resource: used/hard", limits.* resources in LIMIT, sorted by resource name).
import type { KObj, ResourceKind } from './types.js';
import { ageColumn, nameColumn } from './columns.js';
import { parseQuantity } from '../metrics/quantity.js';

function usage(o: KObj, limits: boolean): string {
  const hard: Record<string, string> = o.spec?.hard ?? {};
  const used: Record<string, string> = o.status?.used ?? {};
  return Object.keys(hard)
    .sort()
    .filter((r) => (r.split('.')[0] === 'limits' && r.includes('.')) === limits)
    .map((r) => `${r}: ${used[r] ?? '0'}/${hard[r]}`)
    .join(', ');
}

/** True when some resource is used at or above its hard limit. */
export function quotaExhausted(o: KObj): boolean {
  const hard: Record<string, string> = o.spec?.hard ?? {};
  const used: Record<string, string> = o.status?.used ?? {};
  return Object.keys(hard).some((r) => {
    try {
      return used[r] !== undefined && parseQuantity(used[r]) >= parseQuantity(hard[r]);
    } catch {
      return false;
    }
  });
}

export const resourceQuota: ResourceKind = {
  id: 'resourcequotas',
  kind: 'ResourceQuota',
  group: '',
  version: 'v1',
  plural: 'resourcequotas',
  namespaced: true,
  aliases: ['quota', 'resourcequota', 'resourcequotas'],
  columns: [
    // AGE last, as servers print it since v1.33 (kubernetes/kubernetes#129419).
    nameColumn,
    { id: 'request', header: 'REQUEST', value: (o) => usage(o, false), tone: (o) => (quotaExhausted(o) ? 'warn' : undefined) },
    { id: 'limit', header: 'LIMIT', value: (o) => usage(o, true) },
    ageColumn,
  ],
  actions: ['delete', 'describe', 'yaml'],
};
