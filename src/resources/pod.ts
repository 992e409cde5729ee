// Pods: `kubectl get pods` columns (printers.go printPod) plus usage columns.
import type { ResourceKind } from './types.js';
import { ageColumn, nameColumn } from './columns.js';
import { podMetricColumns } from './metricColumns.js';
import { podStoredFields } from './podFields.js';
import { podIp, podRow, podTone, readinessGates, restartsText } from './podStatus.js';

export const pod: ResourceKind = {
  id: 'pods',
  kind: 'Pod',
  group: '',
  version: 'v1',
  plural: 'pods',
  namespaced: true,
  aliases: ['po', 'pod', 'pods'],
  columns: [
    nameColumn,
    {
      id: 'ready',
      header: 'READY',
      value: (o) => podRow(o).ready,
      // A finished pod is expected to have no ready container; only a live one short of ready is worth a glance.
      tone: (o) => {
        const r = podRow(o);
        const done = o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed';
        return done ? 'dim' : r.readyCount < r.total ? 'warn' : undefined;
      },
    },
    { id: 'status', header: 'STATUS', value: (o) => podRow(o).status, tone: (o) => podTone(podRow(o)) },
    {
      id: 'restarts',
      header: 'RESTARTS',
      value: (o) => podRow(o).restarts,
      text: (o, ctx) => restartsText(podRow(o), ctx.now),
      tone: (o) => (podRow(o).restarts > 0 ? 'warn' : undefined),
    },
    ageColumn,
    { id: 'ip', header: 'IP', wide: true, value: (o) => podIp(o) },
    { id: 'node', header: 'NODE', wide: true, value: (o) => o.spec?.nodeName || '<none>' },
    { id: 'nominatedNode', header: 'NOMINATED NODE', wide: true, value: (o) => o.status?.nominatedNodeName || '<none>' },
    { id: 'readinessGates', header: 'READINESS GATES', wide: true, value: (o) => readinessGates(o) },
    ...podMetricColumns,
  ],
  actions: ['logs', 'delete', 'kill', 'describe', 'yaml', 'metrics', 'shell', 'attach', 'portForward', 'diagnose'],
  stored: podStoredFields,
};
