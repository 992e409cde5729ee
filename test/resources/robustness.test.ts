// Objects in flight can be partial (a pod just created has no status; a sim or an old server may omit
// defaulted fields). No column, describe or YAML may throw on them: a throw would blank the screen.
import { describe, expect, it } from 'vitest';
import { describeObject } from '../../src/resources/describe.js';
import { allKinds } from '../../src/resources/registry.js';
import type { KObj } from '../../src/resources/types.js';
import { toYaml } from '../../src/resources/yaml.js';
import { renderPlainTable } from '../../src/resources/plainTable.js';
import { NOW } from './helpers.js';

const partial: KObj[] = [
  { metadata: { name: 'bare', uid: 'u1' } },
  { metadata: { name: 'empty', uid: 'u2', namespace: 'ns' }, spec: {}, status: {} },
  {
    metadata: { name: 'nulls', uid: 'u3', namespace: 'ns', labels: {}, annotations: {}, creationTimestamp: 'not a date' },
    spec: { selector: {}, template: { spec: { containers: [{ name: 'c' }] } }, ports: [{}] },
    status: { conditions: [{}], containerStatuses: [{ name: 'c', state: {} }], loadBalancer: { ingress: [{}] } },
  },
];

describe('partial objects', () => {
  it.each(allKinds.map((k) => [k.id, k] as const))('%s: every column, drill-down, describe and YAML cope', (_id, kind) => {
    const ctx = { now: NOW, pods: partial, podMetrics: new Map(), nodeMetrics: new Map() };
    for (const o of partial) {
      for (const c of kind.columns) {
        expect(() => c.value(o, ctx)).not.toThrow();
        expect(() => c.text?.(o, ctx)).not.toThrow();
        expect(() => c.tone?.(o, ctx)).not.toThrow();
      }
      expect(() => kind.drillDown?.(o)).not.toThrow();
      expect(describeObject(kind, o, { events: [], pods: partial, replicaSets: partial, quotas: partial }, NOW)).toContain(o.metadata.name);
      expect(toYaml(o, kind)).toContain(`name: ${o.metadata.name}`);
    }
    expect(renderPlainTable(kind, partial, ctx, { wide: true, allNamespaces: true, metrics: true })).toContain('bare');
  });

  it('shows <unknown> for an unparsable creation time rather than NaN', () => {
    const pod = allKinds[0];
    const age = pod.columns.find((c) => c.id === 'age')!;
    expect(age.text!(partial[2], { now: NOW })).toBe('<unknown>');
  });
});
