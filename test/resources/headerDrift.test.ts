// The hand-made descriptors' headers are the embedded cluster's own Table headers (as `kubectl get`
// and `kubectl get -o wide` print them); test/e2e/kinds.test.ts checks the same against kube-apiserver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { allKinds } from '../../src/resources/registry.js';
import { descriptorHeaders, serverHeaders } from '../support/headerDrift.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
});
afterAll(() => sim?.stop());

describe('hand-made descriptors keep kubectl’s headers (embedded cluster)', () => {
  it.each(allKinds.map((k) => k.id))('%s', async (id) => {
    const kind = allKinds.find((k) => k.id === id)!;
    expect(descriptorHeaders(kind)).toEqual(await serverHeaders(sim.kubeConfig('admin'), kind, kind.namespaced ? 'vgauthier' : ''));
  });
});
