// Kinds without a hand-made descriptor: found by every name discovery lists, drawn with the columns of
// the server's Table (kubectl's headers, wide columns only with `o`), AGE ticking from creationTimestamp.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResource } from '../../src/kube/discovery.js';
import { findKind, kindById, kindNames, kindsInCategory, setServedResources, setUserAliases } from '../../src/resources/registry.js';
import { renderPlainTable } from '../../src/resources/plainTable.js';
import { withServerColumns } from '../../src/resources/serverTable.js';
import type { KObj, TableColumnDefinition } from '../../src/resources/types.js';

const res = (r: Partial<ApiResource> & Pick<ApiResource, 'plural' | 'kind'>): ApiResource => ({
  group: '',
  version: 'v1',
  singular: r.kind.toLowerCase(),
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ['get', 'list', 'watch', 'delete'],
  subresources: [],
  ...r,
});

const served = [
  res({ plural: 'pods', kind: 'Pod', shortNames: ['po'], categories: ['all'] }),
  res({ plural: 'ingresses', kind: 'Ingress', group: 'networking.k8s.io', shortNames: ['ing'] }),
  res({ plural: 'widgets', kind: 'Widget', group: 'example.com', shortNames: ['wd'], categories: ['all'], subresources: ['scale'] }),
  res({ plural: 'events', kind: 'Event', group: 'events.k8s.io', shortNames: ['ev'] }),
  res({ plural: 'tokenreviews', kind: 'TokenReview', group: 'authentication.k8s.io', verbs: ['create'] }),
];

afterEach(() => {
  setServedResources([]);
  setUserAliases(new Map());
});

describe('kinds from discovery', () => {
  it('finds a served kind by plural, singular, short name, Kind and kind.group', () => {
    setServedResources(served);
    for (const name of ['ingresses', 'ingress', 'ing', 'Ingress', 'ingresses.networking.k8s.io', 'ingress.v1.networking.k8s.io']) {
      expect(findKind(name)?.id, name).toBe('ingresses.networking.k8s.io');
    }
    expect(findKind('wd')).toMatchObject({ id: 'widgets.example.com', serverTable: true, actions: ['scale', 'delete', 'describe', 'yaml'] });
    expect(kindById('widgets.example.com')?.plural).toBe('widgets');
  });

  it('keeps the hand-made descriptors, and core events for ev as kubectl does', () => {
    setServedResources(served);
    expect(findKind('po')?.serverTable).toBeUndefined();
    expect(findKind('ev')?.group).toBe('');
    expect(findKind('events.events.k8s.io')?.serverTable).toBe(true);
  });

  it('leaves out what cannot be listed, and says nothing of names it does not know', () => {
    setServedResources(served);
    expect(findKind('tokenreviews')).toBeUndefined();
    expect(findKind('gadgets')).toBeUndefined();
  });

  it('groups kinds by category and offers every name to completion', () => {
    setServedResources(served);
    expect(kindsInCategory('all').map((k) => k.id)).toEqual(['pods', 'widgets.example.com']);
    expect(kindNames()).toEqual(expect.arrayContaining(['ing', 'ingress', 'widgets.example.com', 'wd']));
  });

  it('resolves a user alias to any name kubectl accepts, never hiding a real one', () => {
    setServedResources(served);
    setUserAliases(new Map([['dp', 'deployments'], ['w', 'wd'], ['pods', 'widgets']]));
    expect(findKind('dp')?.id).toBe('deployments');
    expect(findKind('w')?.id).toBe('widgets.example.com');
    expect(findKind('pods')?.id).toBe('pods');
  });
});

describe('columns of the server’s Table', () => {
  const defs: TableColumnDefinition[] = [
    { name: 'Name', type: 'string', format: 'name', priority: 0 },
    { name: 'Color', type: 'string', priority: 0 },
    { name: 'Size', type: 'integer', priority: 0 },
    { name: 'Owner Ref', type: 'string', priority: 1 },
    { name: 'Age', type: 'date', priority: 0 },
  ];
  const row = (name: string, cells: unknown[], created: string): KObj => ({ metadata: { name, namespace: 'ns', uid: name, creationTimestamp: created }, cells });

  it('prints kubectl’s headers and cells, nothing for a missing value, wide columns only when asked', () => {
    setServedResources(served);
    const kind = withServerColumns(findKind('widgets')!, defs);
    const now = Date.parse('2026-01-01T01:00:00Z');
    const rows = [row('b', ['b', 'blue', 10, 'x', '5m'], '2026-01-01T00:00:00Z'), row('a', ['a', null, 2, 'y', '5m'], '2026-01-01T00:59:00Z')];
    expect(renderPlainTable(kind, rows, { now })).toBe(['NAME   COLOR   SIZE   AGE', 'a              2      60s', 'b      blue    10     60m', ''].join('\n'));
    expect(renderPlainTable(kind, rows, { now }, { wide: true }).split('\n')[0]).toBe('NAME   COLOR   SIZE   OWNER REF   AGE');
    expect(kind.columns.find((c) => c.header === 'SIZE')!.value(rows[0], { now })).toBe(10);
  });

  it('gives the same kind instance for the same definitions (views memoize on it)', () => {
    setServedResources(served);
    const k = findKind('widgets')!;
    expect(withServerColumns(k, defs)).toBe(withServerColumns(k, defs));
    expect(withServerColumns(k, undefined)).toBe(k);
  });
});
