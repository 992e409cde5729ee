// The benchmark scenario: many nodes, namespaces and pods created directly in the Running state, plus
// a steady churn of pod creations, updates and deletions (batched every 100ms) so watchers and the
// dashboard can be measured under load.
import { buildStatus, containerId, type ContainerRt, type PodRt } from '../controllers/podRuntime.js';
import { defaultPodSpec, randomSuffix } from '../controllers/util.js';
import type { LargeScenarioParams as Params } from '../runtimeTypes.js';
import type { KubeObject } from '../types.js';
import { create, namespace, node, type ScenarioEnv } from './build.js';

export type LargeScenarioParams = Params;

export const LARGE_DEFAULTS: Required<Params> = { nodes: 50, namespaces: 20, pods: 10_000, churnPerSecond: 200 };

const IMAGES = ['nginx:1.27', 'redis:7', 'vgauthier/webnodb:latest', 'busybox:1.36', 'registry.k8s.io/pause:3.9'];
const TICK_MS = 100;

export interface LargeScenario {
  /** Starts the churn timer; returns its stop function. */
  startChurn(every: (ms: number, fn: () => void) => () => void): () => void;
  /** Counters for benchmarks. */
  stats(): { created: number; updated: number; deleted: number };
}

export function loadLarge(env: ScenarioEnv, params: Params = {}): LargeScenario {
  const p = { ...LARGE_DEFAULTS, ...params };
  const now = env.clock.now();
  const nodeNames: string[] = [];
  const podsPerNode = Math.max(110, Math.ceil((p.pods / Math.max(1, p.nodes)) * 1.5));
  for (let i = 0; i < p.nodes; i++) {
    const name = `gke-large-pool-${i + 1}`;
    nodeNames.push(name);
    create(env, now - 86_400_000, 'nodes', node(name, i % 250, { cpu: '64', memoryKi: 263_000_000, pods: podsPerNode, since: now - 86_000_000 }));
  }
  const namespaces: string[] = [];
  for (let i = 0; i < p.namespaces; i++) {
    const name = `team-${String(i + 1).padStart(3, '0')}`;
    namespaces.push(name);
    create(env, now - 86_400_000, 'namespaces', namespace(name));
  }
  const live: Array<[string, string]> = []; // [ns, name], for O(1) random picks
  let seq = 0;
  const stats = { created: 0, updated: 0, deleted: 0 };

  const makePod = (t: number): KubeObject => {
    const i = seq++;
    const ns = namespaces[i % namespaces.length];
    const app = `app-${i % 37}`;
    const nodeIndex = i % nodeNames.length;
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `${app}-${randomSuffix(env.rand, 10)}-${randomSuffix(env.rand)}`, namespace: ns, labels: { app, tier: i % 3 ? 'backend' : 'frontend' } },
      spec: defaultPodSpec({
        nodeName: nodeNames[nodeIndex],
        containers: [{ name: 'main', image: IMAGES[i % IMAGES.length], resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '128Mi' } } }],
      }),
    };
    const rt: PodRt = {
      key: '', ns, name: pod.metadata.name!, uid: `${pod.metadata.name}`, node: nodeNames[nodeIndex], hostIP: `10.128.${Math.floor(nodeIndex / 250)}.${(nodeIndex % 250) + 2}`,
      podIP: `10.${64 + (i >> 16) % 64}.${(i >> 8) & 255}.${i & 255}`, startTime: t, restartPolicy: 'Always', labels: pod.metadata.labels!, initContainers: [],
      phase: 'Running', deleting: false, readyDelayMs: 0, requests: new Map(), timers: new Set(), containers: [],
    };
    const c: ContainerRt = { name: 'main', image: pod.spec.containers[0].image, behavior: 'run', state: 'running', restartCount: 0, ready: true, backoffMs: 10_000, runSeconds: 5, startedAt: t + 2000 };
    c.containerID = containerId(rt, c);
    rt.containers.push(c);
    pod.status = buildStatus(rt, pod, t + 3000);
    return pod;
  };

  for (let i = 0; i < p.pods; i++) {
    const t = now - 3_600_000 + Math.floor((i / p.pods) * 3_000_000);
    const pod = create(env, t, 'pods', makePod(t));
    live.push([pod.metadata.namespace!, pod.metadata.name!]);
  }

  const pickIndex = () => Math.floor(env.rand() * live.length);
  let credit = 0;
  let op = 0;
  let last = env.clock.now();
  const tick = () => {
    // Credit follows elapsed clock time, so a late timer still yields churnPerSecond on average.
    const now = env.clock.now();
    credit += (p.churnPerSecond * Math.min(5000, now - last)) / 1000;
    last = now;
    while (credit >= 1) {
      credit--;
      const kind = op++ % 3;
      if (kind === 0 || live.length === 0) {
        const t = env.clock.now();
        const pod = env.store.create('pods', makePod(t));
        live.push([pod.metadata.namespace!, pod.metadata.name!]);
        stats.created++;
      } else if (kind === 1) {
        const [ns, name] = live[pickIndex()];
        env.store.mutate('pods', ns, name, (o) => {
          o.metadata.annotations = { ...(o.metadata.annotations ?? {}), 'sim.kdash.dev/churn': String(op) };
          return o;
        });
        stats.updated++;
      } else {
        const i = pickIndex();
        const [ns, name] = live[i];
        live[i] = live[live.length - 1];
        live.pop();
        env.store.remove('pods', ns, name);
        stats.deleted++;
      }
    }
  };

  return {
    startChurn: (every) => {
      last = env.clock.now();
      return p.churnPerSecond > 0 ? every(TICK_MS, tick) : () => {};
    },
    stats: () => ({ ...stats }),
  };
}
