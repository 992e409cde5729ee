import { describe, expect, it } from 'vitest';
import type { KObj } from '../../src/resources/types.js';
import type { StoreChange } from '../../src/store/types.js';
import { createClusterStore, dispatchChanges } from '../../src/store/index.js';
import { createBatcher } from '../../src/watchers/batcher.js';
import { until } from '../support/until.js';

const o = (uid: string, rv = '1'): KObj => ({ metadata: { name: uid, uid, resourceVersion: rv } });

describe('batcher', () => {
  it('collapses events for the same uid within a batch to the last one', () => {
    const applied: StoreChange[][] = [];
    const b = createBatcher((c) => applied.push(c));
    b.upsert('pods@a', o('x', '1'));
    b.upsert('pods@a', o('x', '2'));
    b.upsert('pods@a', o('y', '1'));
    b.remove('pods@a', o('y', '1'));
    b.flush();
    expect(applied).toHaveLength(1);
    expect(applied[0]).toEqual([
      { type: 'upsert', key: 'pods@a', objects: [o('x', '2')] },
      { type: 'delete', key: 'pods@a', objects: [o('y', '1')] },
    ]);
    b.close();
  });

  it('lets a relist supersede earlier events and applies later ones on top of it', () => {
    const applied: StoreChange[][] = [];
    const b = createBatcher((c) => applied.push(c));
    b.upsert('pods@a', o('old'));
    b.replace('pods@a', [o('p'), o('q')]);
    b.remove('pods@a', o('q'));
    b.upsert('pods@a', o('r'));
    b.phase('pods@a', { phase: 'live', since: 1 });
    b.flush();
    expect(applied[0]).toEqual([
      { type: 'replace', key: 'pods@a', objects: [o('p'), o('r')] },
      { type: 'phase', key: 'pods@a', phase: { phase: 'live', since: 1 } },
    ]);
    b.close();
  });

  it('turns a burst of 1000 events into one store update', async () => {
    const store = createClusterStore();
    let updates = 0;
    store.subscribe(() => updates++);
    const b = createBatcher((c) => dispatchChanges(store, c), { intervalMs: 100 });
    for (let i = 0; i < 1000; i++) b.upsert('configmaps@x', o(`u${i}`));
    await until(() => store.getState().kinds['configmaps@x']?.objects.length === 1000);
    expect(updates).toBe(1);
    b.close();
  });

  it('applies at most once per interval while events keep coming', async () => {
    const times: number[] = [];
    const b = createBatcher(() => times.push(Date.now()), { intervalMs: 80, minDelayMs: 1 });
    const start = Date.now();
    let i = 0;
    await until(() => {
      b.upsert('pods@a', o(`u${i++}`));
      return Date.now() - start > 450;
    }, '450 ms of batching', { timeoutMs: 2000, everyMs: 2 });
    b.close();
    for (let k = 1; k < times.length - 1; k++) expect(times[k] - times[k - 1]).toBeGreaterThanOrEqual(75);
    expect(times.length).toBeLessThanOrEqual(8);
  });

  it('writes nothing after close', () => {
    const applied: StoreChange[][] = [];
    const b = createBatcher((c) => applied.push(c));
    b.upsert('pods@a', o('x'));
    b.close();
    b.upsert('pods@a', o('y'));
    b.flush();
    expect(applied).toHaveLength(1);
  });
});

describe('batcher under slow applies', () => {
  it('spaces applies out when each one is slow, so applying never hogs the CPU', async () => {
    const times: number[] = [];
    const busy = (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        // simulate copying a very large slice
      }
    };
    const b = createBatcher(
      () => {
        times.push(Date.now());
        busy(40);
      },
      { intervalMs: 20, minDelayMs: 1, loadFactor: 5, maxIntervalMs: 1000 },
    );
    let i = 0;
    await until(() => {
      b.upsert('pods@a', o(`u${i++}`));
      return times.length >= 4;
    }, 'four flushes', { timeoutMs: 5000, everyMs: 2 });
    const seen = times.slice();
    b.close();
    // Each apply takes ~40 ms, so the next starts no sooner than ~5 × 40 ms after the previous ended.
    for (let k = 1; k < seen.length; k++) expect(seen[k] - seen[k - 1]).toBeGreaterThanOrEqual(200);
  });
});
