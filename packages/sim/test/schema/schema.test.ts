import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/kinds.js';
import { decodeCheck, kindType, quantityError, QUANTITY_FORMAT_ERROR } from '../../src/schema/schema.js';

describe('the sim\'s schemas', () => {
  it('describe every kind the embedded cluster serves', () => {
    expect(KINDS.filter((k) => !kindType(k.group, k.kind)).map((k) => k.kind)).toEqual([]);
  });

  it('parse quantities as resource.ParseQuantity does', () => {
    for (const ok of ['100m', '1', '1.5Gi', '2e3', '0.5', 128, '1E-2', '64Mi', '+1']) expect(quantityError(ok), String(ok)).toBeUndefined();
    for (const bad of ['lots', '', '1 Gi', 'Gi', '1..2', '1Gb']) expect(quantityError(bad), bad).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('1KM')).toBe("unable to parse quantity's suffix");
  });

  it('name unknown fields by their path and drop them when asked', () => {
    const body = { metadata: { name: 'x', labelz: {} }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'b' }, { name: 'c', imagee: 'd' }] } } } };
    const r = decodeCheck(kindType('apps', 'Deployment')!, body, true);
    expect(r.unknown).toEqual(['metadata.labelz', 'spec.template.spec.containers[1].imagee']);
    expect(body.metadata).toEqual({ name: 'x' });
    expect(body.spec.template.spec.containers[1]).toEqual({ name: 'c' });
  });

  it('leave open structures (status, affinity) alone', () => {
    const r = decodeCheck(kindType('', 'Pod')!, { spec: { containers: [], affinity: { anything: 1 } }, status: { whatever: true } }, false);
    expect(r.unknown).toEqual([]);
  });
});
