import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml } from '../../src/resources/yaml.js';
import { kindById } from '../../src/resources/registry.js';
import { ownedBy, podTemplateImages, revisionOf, workloadSelector } from '../../src/resources/rollout.js';
import { byName, load } from './helpers.js';

const pods = load('pods.json');
const rss = load('replicasets.json');
const deployments = load('deployments.json');

describe('toYaml', () => {
  it('drops managedFields, keeps everything else, apiVersion/kind/metadata first', () => {
    const p = byName(pods, 'running-ready');
    const y = toYaml(p);
    expect(y.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n')).toBe(true);
    expect(y).not.toContain('managedFields');
    const back = parse(y);
    expect(back.spec).toEqual(p.spec);
    expect(back.metadata.name).toBe('running-ready');
    expect(p.metadata.managedFields).toBeDefined(); // the input is not mutated
  });

  it('writes like kubectl: sorted keys, unindented sequences, quoted look-alikes, kind from the descriptor', () => {
    const { apiVersion: _a, kind: _k, ...bare } = byName(deployments, 'webnodb');
    const y = toYaml(bare as typeof bare & { metadata: any }, kindById('deployments'));
    expect(y.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    deployment.kubernetes.io/revision: "2"\n  creationTimestamp: "2024-04-29T09:00:00Z"\n')).toBe(true);
    expect(y).toContain('\n    spec:\n      containers:\n      - image: nginx:1.25\n        name: web\n');
    const odd = toYaml({ metadata: { name: 'x', uid: 'u', labels: { a: 'yes', b: '1:20', c: 'plain', d: '*/5 * * * *', e: '' } } });
    expect(odd).toContain('a: "yes"\n    b: "1:20"\n    c: plain\n    d: \'*/5 * * * *\'\n    e: ""\n');
  });

  it('never emits raw control characters from cluster strings', () => {
    const y = toYaml({ metadata: { name: 'x\u001b[2J', uid: 'u', annotations: { bell: 'ring\u0007' } } });
    expect(y).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(parse(y).metadata.name).toBe('x\u001b[2J');
  });
});

describe('rollout helpers', () => {
  it('reads revisions and ownership', () => {
    expect(revisionOf(byName(rss, 'webnodb-7c9f8d6b5'))).toBe(2);
    expect(revisionOf(byName(rss, 'webnodb-5d4b8c7f9'))).toBe(1);
    expect(revisionOf({ metadata: { name: 'cr', uid: 'u' }, revision: 4 })).toBe(4);
    expect(ownedBy(byName(rss, 'webnodb-7c9f8d6b5'), 'dep-uid-webnodb')).toBe(true);
    expect(ownedBy(byName(pods, 'running-ready'), 'dep-uid-webnodb')).toBe(false);
  });
  it('lists template images and selectors', () => {
    const d = byName(deployments, 'webnodb');
    expect(podTemplateImages(d.spec.template)).toEqual([{ container: 'web', image: 'nginx:1.25' }]);
    expect(workloadSelector(d)).toBe('app=webnodb');
    expect(workloadSelector({ metadata: { name: 's', uid: 'u' }, kind: 'Service', spec: { selector: { app: 'web' } } })).toBe('app=web');
    expect(workloadSelector({ metadata: { name: 's', uid: 'u' }, spec: { selector: { matchLabels: {} } } })).toBeUndefined();
  });
});
