import { describe, expect, it } from 'vitest';
import { applyPatch, jsonPatch, mergePatch, strategicMerge } from '../../src/patch.js';
import { labelSelectorMatches, parseLabelSelector, selectorString } from '../../src/selectors.js';

const dep = () => ({
  metadata: { name: 'd', labels: { app: 'd' }, finalizers: ['a'] },
  spec: {
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: { spec: { containers: [{ name: 'web', image: 'w:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }] }] } },
  },
});

describe('strategic merge patch', () => {
  it('merges env by name and container ports by containerPort, deleting with null and $patch: delete', () => {
    const out = strategicMerge(dep(), { spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'B', $patch: 'delete' }, { name: 'C', value: '3' }], ports: [{ containerPort: 80, name: 'http' }] }] } } } }, []);
    const c = out.spec.template.spec.containers[0];
    expect(c.env).toEqual([{ name: 'A', value: '1' }, { name: 'C', value: '3' }]);
    expect(c.ports).toEqual([{ containerPort: 80, name: 'http' }]);
    expect(c.image).toBe('w:1');
    expect(strategicMerge(dep(), { metadata: { labels: { app: null } } }, []).metadata.labels).toEqual({});
  });

  it('honours $retainKeys (what kubectl apply sends when switching strategy type)', () => {
    const out = strategicMerge(dep(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } }, []);
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('unions and removes primitive list entries with merge strategy (finalizers)', () => {
    expect(strategicMerge(dep(), { metadata: { finalizers: ['b'] } }, []).metadata.finalizers).toEqual(['a', 'b']);
    expect(strategicMerge(dep(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, []).metadata.finalizers).toEqual([]);
  });
});

describe('JSON patch and merge patch', () => {
  it('applies add/remove/replace/move/copy/test in order and fails a wrong test with 422', () => {
    const out = jsonPatch({ a: [1, 2], b: { c: 1 } }, [
      { op: 'add', path: '/a/-', value: 3 },
      { op: 'remove', path: '/a/0' },
      { op: 'copy', from: '/b/c', path: '/d' },
      { op: 'move', from: '/b', path: '/e' },
      { op: 'replace', path: '/d', value: 9 },
      { op: 'test', path: '/d', value: 9 },
    ]);
    expect(out).toEqual({ a: [2, 3], d: 9, e: { c: 1 } });
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(expect.objectContaining({ code: 422 }));
    expect(() => jsonPatch({ a: 1 }, [{ op: 'replace', path: '/zz', value: 2 }])).toThrow(expect.objectContaining({ code: 422 }));
  });

  it('merge patch replaces lists and deletes with null; unknown patch types are 415', () => {
    expect(mergePatch({ a: [1, 2], b: 1, c: { d: 1 } }, { a: [3], b: null, c: { e: 2 } })).toEqual({ a: [3], c: { d: 1, e: 2 } });
    expect(() => applyPatch('application/xml', {}, {})).toThrow(expect.objectContaining({ code: 415 }));
  });
});

describe('selectors', () => {
  it('parses equality, set-based and existence requirements', () => {
    const m = parseLabelSelector('env in (prod, qa),tier!=db,!canary,app')!;
    expect(m({ metadata: { labels: { env: 'qa', tier: 'web', app: 'x' } } })).toBe(true);
    expect(m({ metadata: { labels: { env: 'dev', tier: 'web', app: 'x' } } })).toBe(false);
    expect(m({ metadata: { labels: { env: 'qa', tier: 'web', app: 'x', canary: '1' } } })).toBe(false);
    expect(m({ metadata: { labels: { env: 'qa', tier: 'web' } } })).toBe(false);
  });

  it('prints LabelSelector objects the way kubectl shows them and matches them', () => {
    const sel = { matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }, { key: 'd', operator: 'DoesNotExist' }] };
    expect(selectorString(sel)).toBe('a=1,b=2,c in (x,y),!d');
    expect(labelSelectorMatches(sel, { a: '1', b: '2', c: 'x' })).toBe(true);
    expect(labelSelectorMatches(sel, { a: '1', b: '2', c: 'x', d: '' })).toBe(false);
  });
});
