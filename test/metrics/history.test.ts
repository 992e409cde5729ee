import { describe, expect, it } from 'vitest';
import { MetricsHistory, historyKey, workloadFromLabels } from '../../src/metrics/history.js';

const u = (cpuMilli: number, memBytes = cpuMilli * 1000) => ({ cpuMilli, memBytes });

describe('MetricsHistory', () => {
  it('keeps per pod, workload, namespace and node series', () => {
    const h = new MetricsHistory({ workloadOf: (_ns, name) => (name.startsWith('web-') ? 'web' : undefined) });
    h.record({ t: 1, pods: new Map([['ns/web-a', u(10)], ['ns/web-b', u(20)], ['ns/solo', u(5)], ['other/x', u(1)]]), nodes: new Map([['n1', u(100)]]) });
    h.record({ t: 2, pods: new Map([['ns/web-a', u(11)], ['ns/web-b', u(22)], ['ns/solo', u(6)]]), nodes: new Map([['n1', u(101)]]) });
    expect(h.series(historyKey({ kind: 'pod', namespace: 'ns', name: 'web-a' }))).toEqual({ t: [1, 2], cpuMilli: [10, 11], memBytes: [10000, 11000] });
    expect(h.series('workload:ns/web').cpuMilli).toEqual([30, 33]);
    expect(h.series('namespace:ns').cpuMilli).toEqual([35, 39]);
    expect(h.series('namespace:other').cpuMilli).toEqual([1]);
    expect(h.series('node:n1').cpuMilli).toEqual([100, 101]);
    expect(h.podsOf('workload:ns/web')).toEqual(['pod:ns/web-a', 'pod:ns/web-b']);
    expect(h.series('pod:ns/nothing')).toEqual({ t: [], cpuMilli: [], memBytes: [] });
    expect(h.version).toBe(2);
  });

  it('records a large sample in steps, letting the event loop run in between, to the same series', async () => {
    const pods = new Map(Array.from({ length: 5000 }, (_, i) => [`ns/web-${i}`, u(i)] as const));
    const workloadOf = (_ns: string, name: string) => (name.startsWith('web-') ? 'web' : undefined);
    const whole = new MetricsHistory({ workloadOf });
    whole.record({ t: 1, pods });
    const stepped = new MetricsHistory({ workloadOf });
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 100) setImmediate(tick);
    };
    setImmediate(tick);
    const before = stepped.version;
    const done = stepped.recordInSteps({ t: 1, pods }, 1000);
    expect(stepped.version).toBe(before); // not done in one go
    await done;
    expect(turns).toBeGreaterThanOrEqual(4); // the loop ran between the five steps
    expect(stepped.version).toBe(before + 1);
    for (const key of ['workload:ns/web', 'namespace:ns', 'pod:ns/web-4999']) expect(stepped.series(key)).toEqual(whole.series(key));
    expect(stepped.podsOf('workload:ns/web')).toHaveLength(5000);
  });

  it('is a ring of the configured capacity (at least 60 by default)', () => {
    expect(new MetricsHistory().capacity).toBeGreaterThanOrEqual(60);
    const h = new MetricsHistory({ capacity: 5 });
    for (let i = 1; i <= 12; i++) h.record({ t: i, pods: new Map([['ns/p', u(i)]]) });
    expect(h.series('pod:ns/p').t).toEqual([8, 9, 10, 11, 12]);
    expect(h.series('pod:ns/p').cpuMilli).toEqual([8, 9, 10, 11, 12]);
  });

  it('forgets pods that stopped reporting once they left the window', () => {
    const h = new MetricsHistory({ capacity: 3 });
    h.record({ t: 1, pods: new Map([['ns/gone', u(1)], ['ns/stay', u(1)]]) });
    h.record({ t: 2, pods: new Map([['ns/stay', u(1)]]) });
    expect(h.has('pod:ns/gone')).toBe(true);
    h.record({ t: 3, pods: new Map([['ns/stay', u(1)]]) });
    h.record({ t: 4, pods: new Map([['ns/stay', u(1)]]) });
    expect(h.has('pod:ns/gone')).toBe(false);
    expect(h.has('pod:ns/stay')).toBe(true);
  });

  it('notifies subscribers on each sample until they unsubscribe', () => {
    const h = new MetricsHistory();
    let calls = 0;
    const off = h.subscribe(() => calls++);
    h.record({ t: 1, pods: new Map() });
    off();
    h.record({ t: 2, pods: new Map() });
    expect(calls).toBe(1);
  });

  it('guesses workloads from controller labels', () => {
    expect(workloadFromLabels('ns', 'webnodb-7d9f8b6c5d-x2x4z', { 'pod-template-hash': '7d9f8b6c5d' })).toBe('webnodb');
    expect(workloadFromLabels('ns', 'db-1', { 'statefulset.kubernetes.io/pod-name': 'db-1', 'controller-revision-hash': 'db-abc' })).toBe('db');
    expect(workloadFromLabels('ns', 'agent-k2j4x', { 'controller-revision-hash': 'x', 'pod-template-generation': '1' })).toBe('agent');
    expect(workloadFromLabels('ns', 'backup-28312-abcde', { 'job-name': 'backup-28312' })).toBe('backup-28312');
    expect(workloadFromLabels('ns', 'solo', {})).toBeUndefined();
    expect(workloadFromLabels('ns', 'solo', undefined)).toBeUndefined();
  });
});
