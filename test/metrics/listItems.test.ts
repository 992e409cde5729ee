import { describe, expect, it } from 'vitest';
import { ListItemsSplitter } from '../../src/metrics/listItems.js';

const list = {
  kind: 'PodMetricsList',
  apiVersion: 'metrics.k8s.io/v1beta1',
  metadata: { items: ['not these'], note: 'a "quoted" {brace} [bracket] \\ backslash' },
  items: [
    { metadata: { name: 'a', namespace: 'ns', labels: { 'x/y': '}]"\\' } }, containers: [{ name: 'c', usage: { cpu: '1m', memory: '1Ki' } }] },
    { metadata: { name: 'ünï ☃', namespace: 'ns' }, containers: [] },
    { metadata: { name: 'c', namespace: 'ns' }, nested: [[{ deep: [1, 2, { items: [3] }] }]], s: '\u0000\n\t' },
  ],
  trailer: { items: [{ not: 'an item' }] },
};

function split(text: string, size: number): { items: unknown[]; complete: boolean } {
  const s = new ListItemsSplitter();
  const items: unknown[] = [];
  for (let i = 0; i < text.length; i += size) for (const t of s.push(text.slice(i, i + size))) items.push(JSON.parse(t));
  return { items, complete: s.complete() };
}

describe('ListItemsSplitter', () => {
  it('hands out each element of the top-level items array, whatever the chunk boundaries', () => {
    for (const text of [JSON.stringify(list), JSON.stringify(list, null, 2)]) {
      for (const size of [1, 2, 3, 7, 64, text.length]) {
        const r = split(text, size);
        expect(r.items, `chunks of ${size}`).toEqual(list.items);
        expect(r.complete).toBe(true);
      }
    }
  });

  it('finds no items in a list without any, and says when the body was cut off', () => {
    expect(split('{"kind":"PodMetricsList","items":[]}', 5)).toEqual({ items: [], complete: true });
    const text = JSON.stringify(list);
    const cut = split(text.slice(0, text.indexOf('"trailer"')), 10);
    expect(cut.items).toHaveLength(3);
    expect(cut.complete).toBe(false);
  });
});
