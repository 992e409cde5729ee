// Against the embedded cluster: the student gets pod metrics of their namespace, while node
// metrics are forbidden for them (asked once, then never again); the admin gets both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTypedApi } from '../support/typedApi.js';
import { createMetricsPoller } from '../../src/metrics/poller.js';
import { quotaLines } from '../../src/metrics/quota.js';
import { quotaSummaryLine } from '../../src/metrics/onceSummary.js';
import { startSim, type Sim } from '@kdash/sim';
import type { StoreChange } from '../../src/store/types.js';
import { until } from '../support/until.js';

type MetricsChange = Extract<StoreChange, { type: 'metrics' }>;

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
});
afterAll(async () => {
  await sim?.stop();
});

/** Refreshes until the poller reports usage for at least `n` pods (pods need a moment to start). */
function untilPods(refresh: () => Promise<void>, changes: MetricsChange[], n: number) {
  return until(
    async () => {
      await refresh();
      const last = changes.at(-1);
      return last?.podMetrics && last.podMetrics.size >= n ? last : undefined;
    },
    `pod metrics for ${n} pods`,
    { everyMs: 100 },
  );
}

describe('metrics poller against the embedded cluster', () => {
  it('polls pod metrics for the student, calmly stops asking for forbidden node metrics', async () => {
    const ns = sim.student.namespace;
    const changes: MetricsChange[] = [];
    const poller = createMetricsPoller(makeTypedApi(sim.kubeConfig('student')), (c) => changes.push(...(c as MetricsChange[])), {
      namespace: ns,
      nodes: true,
      intervalMs: 60_000,
    });
    try {
      const before = sim.requests.count();
      const last = await untilPods(() => poller.refresh(), changes, 3);
      expect(changes.every((c) => c.available)).toBe(true);
      expect(poller.nodesPolled).toBe(false);
      expect(last.nodeMetrics).toBeUndefined();
      for (const [key, usage] of last.podMetrics!) {
        expect(key.startsWith(`${ns}/`)).toBe(true);
        expect(usage.cpuMilli).toBeGreaterThan(0);
        expect(usage.memBytes).toBeGreaterThan(0);
      }
      // The webnodb deployment's pods add up in its history.
      const webnodb = [...last.podMetrics!.keys()].filter((k) => k.startsWith(`${ns}/webnodb-`));
      expect(webnodb.length).toBeGreaterThanOrEqual(1);
      expect(poller.history.podsOf(`workload:${ns}/webnodb`)).toHaveLength(webnodb.length);
      expect(poller.history.series(`workload:${ns}/webnodb`).t.length).toBeGreaterThanOrEqual(1);
      expect(sim.requests.count()).toBeGreaterThan(before);
      expect(poller.status().state).toBe('live');
    } finally {
      poller.stop();
    }
  });

  it('polls node metrics for the admin', async () => {
    const changes: MetricsChange[] = [];
    const poller = createMetricsPoller(makeTypedApi(sim.kubeConfig('admin')), (c) => changes.push(...(c as MetricsChange[])), {
      allNamespaces: true,
      nodes: true,
      intervalMs: 60_000,
    });
    try {
      const last = await untilPods(() => poller.refresh(), changes, 3);
      expect(poller.nodesPolled).toBe(true);
      expect(last.nodeMetrics!.size).toBeGreaterThan(0);
      for (const usage of last.nodeMetrics!.values()) expect(usage.cpuMilli).toBeGreaterThan(0);
    } finally {
      poller.stop();
    }
  });

  it("reads the student's quota: requested against hard, without metrics", async () => {
    const api = makeTypedApi(sim.kubeConfig('student'));
    const res = await api.core.listNamespacedResourceQuota({ namespace: sim.student.namespace });
    const quotas = res.items as any[];
    expect(quotas.length).toBeGreaterThan(0);
    const lines = quotaLines(quotas);
    const cpu = lines.find((l) => l.resource === 'requests.cpu' || l.resource === 'cpu');
    expect(cpu?.hard).toBe(2);
    expect(quotaSummaryLine(quotas)).toMatch(/^quota \S+: cpu [\d.]+\/2 .*memory [\d.]+(Mi|Gi)?\/2Gi/m);
  });
});
