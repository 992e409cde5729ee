import { describe, expect, it } from 'vitest';
import { logSpecFor } from '../../src/logs/logSpec.js';
import { matches, parseSelector } from '../../src/logs/selector.js';

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
    expect(matches(sel, { app: 'webnodb', tier: 'b' })).toBe(true);
    expect(matches(sel, { app: 'webnodb', tier: 'c' })).toBe(false);
  });

  it('opens a service by its selector map and refuses kinds without logs', () => {
    expect(logSpecFor('services', { metadata: meta('web'), spec: { selector: { app: 'web' } } })).toMatchObject({ workloadKind: 'service', selector: 'app=web' });
    expect(logSpecFor('services', { metadata: meta('ext'), spec: {} })).toEqual({ error: 'service ext has no pod selector' });
    expect(logSpecFor('configmaps', { metadata: meta('c') })).toEqual({ error: 'configmaps have no logs' });
  });
});

describe('parseSelector', () => {
  it('parses kubectl selector syntax', () => {
    const sel = parseSelector('app=web, env!=prod,tier notin (db),debug,!legacy');
    expect(matches(sel, { app: 'web', env: 'dev', tier: 'fe', debug: '1' })).toBe(true);
    expect(matches(sel, { app: 'web', env: 'prod', debug: '1' })).toBe(false);
    expect(matches(sel, { app: 'web', debug: '1', legacy: 'y' })).toBe(false);
    expect(() => parseSelector('app==(')).toThrow(/invalid label selector/);
  });
});
