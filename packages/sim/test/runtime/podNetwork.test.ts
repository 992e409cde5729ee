import { afterEach, describe, expect, it } from 'vitest';
import { bare, makeRig, namespace, ready, type Rig } from './harness.js';

let rig: Rig;
afterEach(() => rig?.stop());

describe('pod network', () => {
  it('gives hand-made nodes without a podCIDR their own /24, so no two pods share an IP', async () => {
    rig = await makeRig();
    namespace(rig.store, 'demo');
    for (const name of ['node-a', 'node-b']) {
      rig.store.create('nodes', {
        apiVersion: 'v1', kind: 'Node', metadata: { name },
        status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: `10.128.1.${name.length}` }] },
      });
    }
    for (let i = 0; i < 6; i++) rig.store.create('pods', bare('demo', `p${i}`, {}, undefined, { nodeName: i % 2 ? 'node-a' : 'node-b' }));
    await rig.until('6 ready', () => rig.pods('demo').filter(ready).length === 6);
    const cidrs = rig.store.list('nodes').map((n) => n.spec.podCIDR);
    expect(cidrs).toEqual(['10.8.0.0/24', '10.8.1.0/24']);
    const ips = rig.pods('demo').map((p) => p.status.podIP);
    expect(new Set(ips).size).toBe(6);
    for (const p of rig.pods('demo')) {
      const cidr = rig.store.get('nodes', undefined, p.spec.nodeName)!.spec.podCIDR as string;
      expect(p.status.podIP.startsWith(cidr.replace('0/24', ''))).toBe(true);
    }
  });
});
