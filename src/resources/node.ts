// Nodes: `kubectl get nodes` (printers.go printNode, findNodeRoles, getNodeInternalIP/ExternalIP) plus
// `kubectl top node`'s usage columns.
import type { KObj, ResourceKind } from './types.js';
import { ageColumn, nameColumn } from './columns.js';
import { nodeMetricColumns } from './metricColumns.js';

/** printNode's STATUS: "Ready", "NotReady", "Unknown", with ",SchedulingDisabled" when cordoned. */
export function nodeStatus(o: KObj): string {
  const ready = (o.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  const status: string[] = [];
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (o.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** printers.go findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role, sorted. */
export function nodeRoles(o: KObj): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

const address = (o: KObj, type: string): string =>
  (o.status?.addresses ?? []).find((a: any) => a.type === type)?.address || '<none>';
const info = (o: KObj, field: string): string => o.status?.nodeInfo?.[field] || '<unknown>';

export const node: ResourceKind = {
  id: 'nodes',
  kind: 'Node',
  group: '',
  version: 'v1',
  plural: 'nodes',
  namespaced: false,
  aliases: ['no', 'node', 'nodes'],
  columns: [
    nameColumn,
    {
      id: 'status',
      header: 'STATUS',
      value: (o) => nodeStatus(o),
      tone: (o) => {
        const s = nodeStatus(o);
        return s.startsWith('Ready') ? (s.includes('SchedulingDisabled') ? 'warn' : 'ok') : 'error';
      },
    },
    { id: 'roles', header: 'ROLES', value: (o) => nodeRoles(o) },
    ageColumn,
    { id: 'version', header: 'VERSION', value: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
    { id: 'internalIp', header: 'INTERNAL-IP', wide: true, value: (o) => address(o, 'InternalIP') },
    { id: 'externalIp', header: 'EXTERNAL-IP', wide: true, value: (o) => address(o, 'ExternalIP') },
    { id: 'osImage', header: 'OS-IMAGE', wide: true, value: (o) => info(o, 'osImage') },
    { id: 'kernelVersion', header: 'KERNEL-VERSION', wide: true, value: (o) => info(o, 'kernelVersion') },
    { id: 'containerRuntime', header: 'CONTAINER-RUNTIME', wide: true, value: (o) => info(o, 'containerRuntimeVersion') },
    ...nodeMetricColumns,
  ],
  actions: ['describe', 'yaml', 'metrics'],
  // Pods scheduled on this node, in every namespace ('' = all namespaces).
  drillDown: (o) => ({
    kind: 'pods',
    fieldSelector: `spec.nodeName=${o.metadata.name}`,
    namespace: '',
    title: `node/${o.metadata.name}`,
  }),
};
