import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/clock.js';
import { createClusterStore } from '../../src/store.js';
import { SimError, type StoreEvent } from '../../src/types.js';

const pod = (name: string, ns = 'default') => ({ metadata: { name, namespace: ns }, spec: { containers: [{ name: 'c', image: 'i' }] } });

describe('cluster store', () => {
  it('fills server fields on create and bumps resourceVersion on every write', () => {
    const clock = createClock({ mode: 'manual', start: Date.parse('2026-01-01T00:00:00Z') });
    const s = createClusterStore(clock);
    const a = s.create('pods', pod('a'));
    expect(a.apiVersion).toBe('v1');
    expect(a.kind).toBe('Pod');
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(a.metadata.generation).toBe(1);
    const b = s.create('deployments.apps', { metadata: { generateName: 'web-', namespace: 'x' }, spec: { replicas: 1 } });
    expect(b.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(b.apiVersion).toBe('apps/v1');
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(s.rv).toBe(Number(b.metadata.resourceVersion));
  });

  it('answers 409 AlreadyExists, 404 NotFound and 409 Conflict on a stale update', () => {
    const s = createClusterStore(createClock({ mode: 'manual' }));
    const a = s.create('pods', pod('a'));
    expect(() => s.create('pods', pod('a'))).toThrow(expect.objectContaining({ code: 409, reason: 'AlreadyExists', message: 'pods "a" already exists' }));
    expect(() => s.update('deployments.apps', { metadata: { name: 'zz', namespace: 'default' } })).toThrow(expect.objectContaining({ code: 404, message: 'deployments.apps "zz" not found' }));
    const a2 = s.update('pods', { ...a, metadata: { ...a.metadata, labels: { x: '1' } } });
    expect(a2.metadata.labels).toEqual({ x: '1' });
    expect(a2.metadata.generation).toBe(1);
    let err: unknown;
    try {
      s.update('pods', a);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SimError);
    expect((err as SimError).code).toBe(409);
    expect((err as SimError).message).toMatch(/^Operation cannot be fulfilled on pods "a": the object has been modified/);
  });

  it('bumps generation only when spec changes, and returns deep copies', () => {
    const s = createClusterStore(createClock({ mode: 'manual' }));
    s.create('deployments.apps', { metadata: { name: 'd', namespace: 'n' }, spec: { replicas: 1 } });
    const got = s.get('deployments.apps', 'n', 'd')!;
    got.spec.replicas = 99;
    expect(s.get('deployments.apps', 'n', 'd')!.spec.replicas).toBe(1);
    const m = s.mutate('deployments.apps', 'n', 'd', (o) => ({ ...o, spec: { replicas: 3 } }))!;
    expect(m.metadata.generation).toBe(2);
    const st = s.mutate('deployments.apps', 'n', 'd', (o) => ({ ...o, status: { replicas: 3 } }))!;
    expect(st.metadata.generation).toBe(2);
  });

  it('keeps a bounded history: since() resumes, and reports too-old versions as undefined', () => {
    const s = createClusterStore(createClock({ mode: 'manual' }), { historySize: 3 });
    const seen: StoreEvent[] = [];
    s.subscribe((e) => seen.push(e));
    const start = s.rv;
    expect(s.since(start)).toEqual([]);
    for (const n of ['a', 'b', 'c', 'd']) s.create('pods', pod(n));
    s.remove('pods', 'default', 'a');
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'ADDED', 'ADDED', 'DELETED']);
    expect(seen[4].object.metadata.resourceVersion).toBe(String(s.rv));
    expect(s.since(start)).toBeUndefined();
    expect(s.oldestRv).toBe(s.rv - 3);
    expect(s.since(s.rv - 2)!.map((e) => e.object.metadata.name)).toEqual(['d', 'a']);
  });

  it('lists in namespace/name order, per namespace and cluster-wide', () => {
    const s = createClusterStore(createClock({ mode: 'manual' }));
    for (const [n, ns] of [['b', 'a-b'], ['z', 'a'], ['a', 'b'], ['c', 'a']]) s.create('pods', pod(n, ns));
    expect(s.list('pods').map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['a/c', 'a/z', 'a-b/b', 'b/a']);
    expect(s.list('pods', 'a').map((p) => p.metadata.name)).toEqual(['c', 'z']);
  });

  it('stores core and events.k8s.io events once and converts on the way out', () => {
    const s = createClusterStore(createClock({ mode: 'manual' }));
    s.create('events', { metadata: { name: 'e1', namespace: 'n' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Started', message: 'hi', type: 'Normal', source: { component: 'kubelet' } });
    const v1 = s.get('events.events.k8s.io', 'n', 'e1')!;
    expect(v1).toMatchObject({ apiVersion: 'events.k8s.io/v1', regarding: { kind: 'Pod', name: 'p' }, note: 'hi', reportingController: 'kubelet' });
    expect(s.list('events')).toHaveLength(1);
    expect(s.list('events.events.k8s.io')).toHaveLength(1);
  });

  it('handles 10,000 pods and fast writes', () => {
    const s = createClusterStore(createClock({ mode: 'manual' }));
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) s.create('pods', { ...pod(`p${i}`, `ns${i % 20}`), status: { phase: 'Running', podIP: '10.0.0.1' } });
    for (let i = 0; i < 2_000; i++) s.mutate('pods', `ns${i % 20}`, `p${i}`, (o) => ({ ...o, status: { phase: 'Succeeded' } }));
    expect(s.entries('pods')).toHaveLength(10_000);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('manual clock', () => {
  it('fires due timers in time order on advance and never otherwise', async () => {
    const c = createClock({ mode: 'manual', start: 1000 });
    const fired: string[] = [];
    c.setTimeout(() => fired.push(`b@${c.now()}`), 200);
    c.setTimeout(() => fired.push(`a@${c.now()}`), 100);
    const stop = c.setInterval(() => fired.push(`i@${c.now()}`), 150);
    const cancel = c.setTimeout(() => fired.push('never'), 50);
    cancel();
    await c.advance(310);
    expect(fired).toEqual(['a@1100', 'i@1150', 'b@1200', 'i@1300']);
    expect(c.now()).toBe(1310);
    stop();
    await c.advance(1000);
    expect(fired).toHaveLength(4);
  });

  it('real clock runs faster with a speed multiplier', async () => {
    const c = createClock({ mode: 'real', speed: 100 });
    const t0 = c.now();
    await new Promise<void>((r) => c.setTimeout(r, 2000));
    expect(c.now() - t0).toBeGreaterThanOrEqual(1900);
  });
});
