// Test harness: a manual clock, a store and the runtime, plus helpers to let simulated time pass
// and wait for a condition without real sleeps.
import { createClock } from '../../src/clock.js';
import { startRuntime, type RuntimeInternals, type RuntimeOptions } from '../../src/controllers/index.js';
import { createClusterStore } from '../../src/store.js';
import type { ClusterStore, KubeObject, SimClock } from '../../src/types.js';

export const T0 = Date.parse('2026-03-02T09:00:00Z');

export interface Rig {
  store: ClusterStore;
  clock: SimClock;
  rt: RuntimeInternals;
  /** Let `ms` of simulated time pass in steps, letting controllers react between steps. */
  run(ms: number, step?: number): Promise<void>;
  /** Advance until `pred` holds (checked after each step); throws with `what` after `maxMs` simulated. */
  until(what: string, pred: () => boolean, maxMs?: number, step?: number): Promise<number>;
  pods(ns: string, pred?: (p: KubeObject) => boolean): KubeObject[];
  events(ns: string, reason?: string): KubeObject[];
  stop(): void;
}

export const settle = () => new Promise<void>((r) => setImmediate(r));

export async function makeRig(opts: RuntimeOptions = { scenario: 'bare' }): Promise<Rig> {
  const clock = createClock({ mode: 'manual', start: T0 });
  const store = createClusterStore(clock);
  const rt = startRuntime(store, clock, opts);
  await settle();
  const rig: Rig = {
    store,
    clock,
    rt,
    async run(ms, step = 250) {
      for (let t = 0; t < ms; t += step) {
        await clock.advance(Math.min(step, ms - t));
        await settle();
      }
    },
    async until(what, pred, maxMs = 120_000, step = 250) {
      await settle();
      let t = 0;
      while (!pred()) {
        if (t >= maxMs) throw new Error(`timed out after ${maxMs}ms of simulated time waiting for: ${what}`);
        await clock.advance(step);
        await settle();
        t += step;
      }
      return t;
    },
    pods: (ns, pred = () => true) => store.list('pods', ns).filter(pred),
    events: (ns, reason) => store.list('events', ns).filter((e) => !reason || e.reason === reason),
    stop: () => rt.stop(),
  };
  return rig;
}

export function addNodes(store: ClusterStore, n: number, cpu = '4', memory = '16Gi'): void {
  for (let i = 1; i <= n; i++) {
    store.create('nodes', {
      apiVersion: 'v1', kind: 'Node',
      metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } },
      spec: { podCIDR: `10.9.${i}.0/24` },
      status: {
        capacity: { cpu, memory, pods: '110' },
        allocatable: { cpu, memory, pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
        addresses: [{ type: 'InternalIP', address: `10.128.1.${i}` }],
      },
    });
  }
}

/** The usual start of a runtime test: a rig with `nodes` nodes of `cpu` CPUs and namespace "demo". */
export async function demoRig(nodes = 3, cpu = '4'): Promise<Rig> {
  const rig = await makeRig();
  addNodes(rig.store, nodes, cpu);
  namespace(rig.store, 'demo');
  return rig;
}

export function namespace(store: ClusterStore, name: string): void {
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } });
}

export function deployment(ns: string, name: string, replicas: number, extra: { image?: string; strategy?: any; env?: any[]; annotations?: Record<string, string>; resources?: any } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(extra.strategy ? { strategy: extra.strategy } : {}),
      template: {
        metadata: { labels: { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
        spec: { containers: [{ name: 'app', image: extra.image ?? 'nginx:1.27', ...(extra.env ? { env: extra.env } : {}), resources: extra.resources ?? { requests: { cpu: '100m', memory: '64Mi' } } }] },
      },
    },
  };
}

export function bare(ns: string, name: string, container: Record<string, unknown> = {}, annotations?: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...container }], ...spec },
    status: { phase: 'Pending' },
  };
}

export const ready = (p: KubeObject) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
export const waitingReason = (p: KubeObject | undefined) => p?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
