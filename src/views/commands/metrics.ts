// m: usage charts of the object under the cursor; `:metrics` (`:top`): of the namespace in view.
import { metricsScreen } from '../actionScreens.js';
import type { MetricsTarget } from '../metrics/MetricsView.js';
import type { Command } from './types.js';

export const metrics: Command = {
  id: 'metrics',
  keys: ['m'],
  title: 'metrics',
  views: ['table'],
  action: 'metrics',
  run: ({ app, table }) => {
    const o = table?.selected;
    if (!table || !o) return false;
    const { name, namespace = '' } = o.metadata;
    const id = table.kind.id;
    const target: MetricsTarget =
      id === 'pods' ? { kind: 'pod', namespace, name } : id === 'nodes' ? { kind: 'node', name } : { kind: 'workload', namespace, name };
    app.push(metricsScreen(target));
  },
};

export const namespaceMetrics: Command = {
  id: 'namespaceMetrics',
  keys: [],
  title: 'usage charts of the namespace',
  views: ['any'],
  line: { names: ['metrics', 'top'] },
  run: ({ app }) => app.push(metricsScreen({ kind: 'namespace', namespace: app.namespace, name: app.namespace })),
};
