import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypedApi } from '../support/typedApi.js';
import type { Sim } from '@kdash/sim';
import { aggregateStatus, StreamSet, type StreamSetSink, type Target } from '../../src/logs/streamSet.js';
import { classroom } from './simSupport.js';
import { until } from '../support/until.js';

let sim: Sim;
let api: TypedApi;
let ns: string;
const sets: StreamSet[] = [];

beforeAll(async () => {
  ({ sim, api, ns } = await classroom());
});
afterAll(async () => {
  for (const s of sets) s.dispose();
  await sim.stop();
});

function recording() {
  const lines: Array<{ pod: string; text: string }> = [];
  const notes: string[] = [];
  const sink: StreamSetSink = {
    line: (t, text) => lines.push({ pod: t.pod, text }),
    note: (t, kind, text) => notes.push(`${t ? `${t.pod}: ` : ''}${kind}: ${text}`),
    changed: () => {},
  };
  return { lines, notes, sink };
}

async function webnodbTargets(tail: number): Promise<Target[]> {
  const list = await api.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=webnodb' });
  return list.items.map((p) => ({ pod: p.metadata!.name!, container: 'webnodb', tail }));
}

describe('StreamSet against the embedded cluster', () => {
  it('runs at most maxStreams at once, says so, and starts a waiting target when a stream ends', async () => {
    const targets = await webnodbTargets(2);
    expect(targets.length).toBeGreaterThanOrEqual(3);
    const r = recording();
    const set = new StreamSet(api, { namespace: ns, follow: false, maxStreams: 1 }, r.sink);
    sets.push(set);
    set.setTargets(targets);
    expect(r.notes[0]).toBe(`note: following 1 of ${targets.length} streams (limit 1); ${targets.length - 1} waiting for a free slot`);
    expect(set.counts()).toEqual({ active: 1, pending: targets.length - 1, total: targets.length });
    // Non-follow streams end after their tail, so each waiting target gets its turn.
    await until(() => set.counts().pending === 0 && set.counts().active === 0, 'every stream to run and end');
    expect(new Set(r.lines.map((l) => l.pod))).toEqual(new Set(targets.map((t) => t.pod)));
    for (const t of targets) expect(r.lines.filter((l) => l.pod === t.pod)).toHaveLength(2);
    expect(aggregateStatus(set.statuses()).phase).toBe('ended');
  });

  it('stops the streams of targets that are no longer wanted', async () => {
    const [first, second] = await webnodbTargets(1);
    const r = recording();
    const set = new StreamSet(api, { namespace: ns, follow: true }, r.sink);
    sets.push(set);
    set.setTargets([first, second]);
    await until(() => set.statuses().filter((s) => s.phase === 'following').length === 2, 'both following');
    set.setTargets([second]);
    expect(set.counts()).toEqual({ active: 1, pending: 0, total: 1 });
    set.dispose();
    expect(set.counts().total).toBe(0);
  });
});

describe('aggregateStatus', () => {
  it('shows the most urgent phase of several streams, and one stream as it is', () => {
    expect(aggregateStatus([])).toEqual({ phase: 'connecting' });
    expect(aggregateStatus([{ phase: 'ended' }, { phase: 'reconnecting', detail: 'EOF' }, { phase: 'following' }])).toEqual({ phase: 'reconnecting', detail: 'EOF' });
    expect(aggregateStatus([{ phase: 'ended' }, { phase: 'error', detail: 'forbidden' }])).toEqual({ phase: 'error', detail: 'forbidden' });
    expect(aggregateStatus([{ phase: 'waiting', detail: 'ContainerCreating' }])).toEqual({ phase: 'waiting', detail: 'ContainerCreating' });
  });
});
