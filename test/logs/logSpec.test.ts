import { describe, expect, it } from 'vitest';
import { logSpecFor } from '../../src/logs/logSpec.js';
import { matchesSelector, parseSelector } from '../../src/resources/labels.js';

const meta = (name: string) => ({ name, namespace: 'vgauthier', uid: name });

describe('logSpecFor', () => {
  it('opens a pod', () => {
    expect(logSpecFor('pods', { metadata: meta('web-1') }, { tail: 50 })).toEqual({ kind: 'pod', namespace: 'vgauthier', pod: 'web-1', tail: 50, container: undefined });
  });

  it('opens a deployment by its selector, including match expressions', () => {
    const spec = logSpecFor('deployments', {
      metadata: meta('webnodb'),
      spec: { selector: { matchLabels: { app: 'webnodb' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] } },
    });
    expect(spec).toMatchObject({ kind: 'workload', workloadKind: 'deployment', name: 'webnodb', selector: 'app=webnodb,tier in (a,b)' });
    const sel = parseSelector((spec as { selector: string }).selector);
    expect(matchesSelector(sel, { app: 'webnodb', tier: 'b' })).toBe(true);
    expect(matchesSelector(sel, { app: 'webnodb', tier: 'c' })).toBe(false);
  });

  it('opens a service by its selector map and refuses kinds without logs', () => {
    expect(logSpecFor('services', { metadata: meta('web'), spec: { selector: { app: 'web' } } })).toMatchObject({ workloadKind: 'service', selector: 'app=web' });
    expect(logSpecFor('services', { metadata: meta('ext'), spec: {} })).toEqual({ error: 'service ext has no pod selector' });
    expect(logSpecFor('configmaps', { metadata: meta('c') })).toEqual({ error: 'configmaps have no logs' });
  });

  it('writes the selector the way kubectl prints one: sorted by key', () => {
    const spec = logSpecFor('statefulsets', { metadata: meta('db'), spec: { selector: { matchLabels: { tier: 'db', app: 'shop' } } } });
    expect(spec).toMatchObject({ workloadKind: 'statefulset', selector: 'app=shop,tier=db' });
    const onlyUnknown = { matchExpressions: [{ key: 'x', operator: 'Near', values: ['y'] }] };
    expect(logSpecFor('jobs', { metadata: meta('j'), spec: { selector: onlyUnknown } })).toEqual({ error: 'job j has no pod selector' });
  });
});
