import { describe, expect, it } from 'vitest';
import {
  SelectorError,
  labelSelectorRequirements,
  labelsMatch,
  matchesSelector,
  parseSelector,
  requirementsToString,
  selectorToString,
} from '../../src/resources/labels.js';

const web = { app: 'web', tier: 'frontend', env: 'prod' };

describe('label selectors', () => {
  it('matches equality requirements', () => {
    expect(labelsMatch('app=web', web)).toBe(true);
    expect(labelsMatch('app==web', web)).toBe(true);
    expect(labelsMatch('app=api', web)).toBe(false);
    expect(labelsMatch('app=web,tier=frontend', web)).toBe(true);
    expect(labelsMatch('app=web,tier=backend', web)).toBe(false);
  });

  it('treats != and notin as matching objects without the label', () => {
    expect(labelsMatch('app!=api', web)).toBe(true);
    expect(labelsMatch('app!=web', web)).toBe(false);
    expect(labelsMatch('canary!=true', web)).toBe(true);
    expect(labelsMatch('canary notin (true)', web)).toBe(true);
    expect(labelsMatch('env notin (prod,staging)', web)).toBe(false);
  });

  it('matches set-based and existence requirements', () => {
    expect(labelsMatch('env in (prod, staging)', web)).toBe(true);
    expect(labelsMatch('env in (dev)', web)).toBe(false);
    expect(labelsMatch('tier', web)).toBe(true);
    expect(labelsMatch('!tier', web)).toBe(false);
    expect(labelsMatch('!canary', web)).toBe(true);
    expect(labelsMatch('a=b,c!=d,env in (x,prod),f notin (z),tier,!h', { a: 'b', env: 'prod', tier: 'x' })).toBe(true);
    expect(labelsMatch('app=web', undefined)).toBe(false);
    expect(labelsMatch('', undefined)).toBe(true);
  });

  it('compares numbers with > and <', () => {
    expect(labelsMatch('replicas>2', { replicas: '3' })).toBe(true);
    expect(labelsMatch('replicas<2', { replicas: '3' })).toBe(false);
  });

  it('accepts prefixed keys', () => {
    expect(labelsMatch('app.kubernetes.io/name=web', { 'app.kubernetes.io/name': 'web' })).toBe(true);
  });

  it('rejects malformed selectors with a one-line message', () => {
    expect(() => parseSelector('app in (a')).toThrow(SelectorError);
    expect(() => parseSelector('app=we b')).toThrow(/invalid label selector "app=we b"/);
    expect(() => parseSelector('=web')).toThrow(SelectorError);
    expect(() => parseSelector('a,,b')).toThrow(/empty requirement/);
  });

  it('prints a LabelSelector the way LabelSelectorAsSelector().String() does', () => {
    expect(selectorToString({ app: 'web' })).toBe('app=web');
    expect(
      selectorToString({ tier: 'fe', app: 'web' }, [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'gpu', operator: 'Exists' },
      ]),
    ).toBe('app=web,!canary,env in (dev,prod),gpu,tier=fe,zone notin (b)');
    expect(selectorToString(undefined, undefined)).toBe('');
  });

  it('round-trips: a printed selector selects what it describes', () => {
    const s = selectorToString({ app: 'web' }, [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }]);
    expect(labelsMatch(s, web)).toBe(true);
    expect(labelsMatch(s, { app: 'web', env: 'qa' })).toBe(false);
  });

  it('reads kubectl -l syntax with spaces after commas', () => {
    const sel = parseSelector('app=web, env!=prod,tier notin (db),debug,!legacy');
    expect(matchesSelector(sel, { app: 'web', env: 'dev', tier: 'fe', debug: '1' })).toBe(true);
    expect(matchesSelector(sel, { app: 'web', env: 'prod', debug: '1' })).toBe(false);
    expect(matchesSelector(sel, { app: 'web', debug: '1', legacy: 'y' })).toBe(false);
    expect(() => parseSelector('app==(')).toThrow(/invalid label selector "app==\(": invalid value "\("/);
  });
});

describe('LabelSelector objects as requirements', () => {
  it('turns matchLabels and matchExpressions into requirements sorted by key', () => {
    const reqs = labelSelectorRequirements({ tier: 'fe', app: 'web' }, [
      { key: 'env', operator: 'In', values: ['prod', 'dev'] },
      { key: 'canary', operator: 'DoesNotExist', values: ['ignored'] },
      { key: 'gpu', operator: 'Exists' },
      { key: 'zone', operator: 'NotIn', values: ['b'] },
      { key: 'odd', operator: 'Near', values: ['x'] },
      { key: 'proto', operator: 'constructor' },
    ]);
    expect(reqs).toEqual([
      { key: 'app', op: '=', values: ['web'] },
      { key: 'canary', op: '!', values: [] },
      { key: 'env', op: 'in', values: ['prod', 'dev'] },
      { key: 'gpu', op: 'exists', values: [] },
      { key: 'tier', op: '=', values: ['fe'] },
      { key: 'zone', op: 'notin', values: ['b'] },
    ]);
    expect(matchesSelector(reqs, { app: 'web', tier: 'fe', env: 'dev', gpu: '1' })).toBe(true);
    expect(matchesSelector(reqs, { app: 'web', tier: 'fe', env: 'dev', gpu: '1', zone: 'b' })).toBe(false);
    expect(matchesSelector(reqs, { app: 'web', tier: 'fe', env: 'dev' })).toBe(false);
  });

  it('reads a service selector map as equality requirements, and nothing as no requirements', () => {
    expect(labelSelectorRequirements({ app: 'web' })).toEqual([{ key: 'app', op: '=', values: ['web'] }]);
    expect(labelSelectorRequirements(undefined, undefined)).toEqual([]);
    expect(labelSelectorRequirements(null, [])).toEqual([]);
  });

  it('prints requirements in their order, with set values sorted, so that parsing gives them back', () => {
    const text = 'tier notin (b,a),app=web,!canary,gpu,replicas>3,env!=qa';
    expect(requirementsToString(parseSelector(text))).toBe('tier notin (a,b),app=web,!canary,gpu,replicas>3,env!=qa');
    expect(requirementsToString(parseSelector('app==web'))).toBe('app=web');
    expect(requirementsToString([])).toBe('');
    const reqs = labelSelectorRequirements({ app: 'web' }, [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }]);
    expect(parseSelector(requirementsToString(reqs))).toEqual([
      { key: 'app', op: '=', values: ['web'] },
      { key: 'env', op: 'in', values: ['dev', 'prod'] },
    ]);
  });
});
