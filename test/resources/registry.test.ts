import { describe, expect, it } from 'vitest';
import { allKinds, findKind, kindById } from '../../src/resources/registry.js';

describe('kind registry', () => {
  it.each([
    ['po', 'pods'],
    ['Pods', 'pods'],
    ['deploy', 'deployments'],
    ['deployment', 'deployments'],
    ['deployments', 'deployments'],
    ['deployments.apps', 'deployments'],
    ['DEPLOY.v1.apps', 'deployments'],
    ['rs', 'replicasets'],
    ['sts', 'statefulsets'],
    ['ds', 'daemonsets'],
    ['job', 'jobs'],
    ['jobs.batch', 'jobs'],
    ['cj', 'cronjobs'],
    ['svc', 'services'],
    ['cm', 'configmaps'],
    ['no', 'nodes'],
    ['ns', 'namespaces'],
    ['ev', 'events'],
    ['quota', 'resourcequotas'],
    [' pods.v1 ', 'pods'],
  ])('finds %s', (alias, id) => {
    expect(findKind(alias)?.id).toBe(id);
  });

  it('rejects unknown names and wrong groups', () => {
    expect(findKind('pizza')).toBeUndefined();
    expect(findKind('deployments.batch')).toBeUndefined();
    expect(findKind('')).toBeUndefined();
  });

  it('has unique ids and aliases, lower case, with singular and plural', () => {
    const ids = allKinds.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    const aliases = allKinds.flatMap((k) => k.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const k of allKinds) {
      expect(k.id).toBe(k.plural);
      expect(k.aliases).toContain(k.plural);
      expect(k.aliases).toContain(k.kind.toLowerCase());
      for (const a of k.aliases) expect(a).toBe(a.toLowerCase());
      expect(kindById(k.id)).toBe(k);
    }
    expect(allKinds).toHaveLength(14);
  });

  it('points every drill-down at a registered kind', () => {
    const stub = { metadata: { name: 'x', namespace: 'ns', uid: 'u' }, spec: { selector: { matchLabels: { a: 'b' } } } };
    for (const k of allKinds) {
      const dd = k.drillDown?.(stub);
      if (dd) expect(kindById(dd.kind), `${k.id} → ${dd.kind}`).toBeDefined();
    }
  });
});
