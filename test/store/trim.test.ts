import { describe, expect, it } from 'vitest';
import { trimObject } from '../../src/store/index.js';

describe('trimObject', () => {
  it('drops managedFields and the last-applied annotation and keeps everything a view shows', () => {
    const raw = {
      kind: 'Pod',
      metadata: {
        name: 'web',
        uid: 'u1',
        labels: { app: 'web' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}', keep: 'me' },
        managedFields: [{ manager: 'kubectl' }],
      },
      spec: { containers: [{ name: 'c' }] },
      status: { phase: 'Running' },
    };
    const t = trimObject(raw);
    expect(t.metadata.managedFields).toBeUndefined();
    expect(t.metadata.annotations).toEqual({ keep: 'me' });
    expect(t.metadata.labels).toEqual({ app: 'web' });
    expect(t.spec).toBe(raw.spec);
    expect(t.status).toEqual({ phase: 'Running' });
    // the input is left alone
    expect(raw.metadata.managedFields).toHaveLength(1);
  });

  it('removes an annotations map that only held last-applied, and returns untouched objects as is', () => {
    const t = trimObject({ metadata: { name: 'a', uid: 'u', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'x' } } });
    expect(t.metadata.annotations).toBeUndefined();
    const clean = { metadata: { name: 'b', uid: 'v', annotations: { a: 'b' } } };
    expect(trimObject(clean)).toBe(clean);
  });
});
