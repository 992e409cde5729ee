// The server's Table as watcher rows: metadata and cells only (never the whole object), the column
// definitions when a page states them, one row per watch event, and a bookmark's resourceVersion.
import { describe, expect, it } from 'vitest';
import { tableRows } from '../../src/watchers/tableRows.js';

const meta = (name: string, rv = '7') => ({ name, namespace: 'ns', uid: `u-${name}`, resourceVersion: rv, managedFields: [{}] });

describe('tableRows', () => {
  it('asks for Table v1 with metadata only', () => {
    expect(tableRows.accept).toBe('application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
    expect(tableRows.query).toEqual({ includeObject: 'Metadata' });
  });

  it('reads a page into compact rows and its columns', () => {
    const page = {
      kind: 'Table',
      columnDefinitions: [{ name: 'Name', type: 'string', format: 'name' }, { name: 'Color', type: 'string' }],
      rows: [
        { cells: ['a', 'red'], object: { kind: 'PartialObjectMetadata', metadata: meta('a') } },
        { cells: ['x', 'bad'], object: { metadata: { name: 'x' } } }, // no uid: skipped
      ],
    };
    const { items, columns } = tableRows.page(page);
    expect(columns?.map((c) => c.name)).toEqual(['Name', 'Color']);
    expect(items).toEqual([{ metadata: { name: 'a', namespace: 'ns', uid: 'u-a', resourceVersion: '7' }, cells: ['a', 'red'] }]);
  });

  it('reads a plain list from a server that cannot make a Table', () => {
    const { items, columns } = tableRows.page({ kind: 'WidgetList', items: [{ metadata: meta('a'), spec: {} }] });
    expect(columns).toBeUndefined();
    expect(items[0].metadata.uid).toBe('u-a');
  });

  it('reads one row per watch event, and a bookmark with no row by its resourceVersion', () => {
    expect(tableRows.event({ kind: 'Table', rows: [{ cells: ['b', 'blue'], object: { metadata: meta('b', '9') } }] })).toMatchObject({ metadata: { uid: 'u-b', resourceVersion: '9' }, cells: ['b', 'blue'] });
    expect(tableRows.event({ kind: 'Table', metadata: { resourceVersion: '12' }, rows: [] })?.metadata.resourceVersion).toBe('12');
    expect(tableRows.event({ kind: 'PartialObjectMetadata', metadata: { resourceVersion: '13' } })?.metadata.resourceVersion).toBe('13');
  });
});
