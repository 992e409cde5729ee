// DaemonSet controller (pkg/controller/daemon): one pod per eligible node, pinned with a required
// node affinity on metadata.name so the scheduler places it there.
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { createPodFor, deletePodFor, podFromTemplate } from './podFactory.js';
import { syncRevision } from './revisions.js';
import { condition, controllerRef, isActive, isAvailable, isReady } from './util.js';

/** The tolerations the DaemonSet controller adds to its pods. */
const DS_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function eligible(ds: KubeObject, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  const sel = ds.spec?.template?.spec?.nodeSelector ?? {};
  if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) return false;
  const tol: any[] = [...(ds.spec?.template?.spec?.tolerations ?? []), ...DS_TOLERATIONS];
  return (node.spec?.taints ?? []).every((t: any) =>
    t.effect === 'PreferNoSchedule' || tol.some((x) => (x.operator === 'Exists' ? !x.key || x.key === t.key : x.key === t.key && (x.value ?? '') === (t.value ?? '')) && (!x.effect || x.effect === t.effect)));
}

export function startDaemonSetController(ctx: Ctx): { enqueue(o: KubeObject): void; onPod(p: KubeObject): void; onNode(): void } {
  const queue = ctx.queue('daemonset', (key) => sync(key));

  function sync(key: string): void {
    const [ns, name] = key.split('/');
    const ds = ctx.cache.get('daemonsets.apps', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const hash = syncRevision(ctx, ds).hash;
    const nodes = ctx.cache.list('nodes');
    const pods = ctx.cache.controlledBy(ds, 'pods').filter(isActive);
    const byNode = new Map<string, KubeObject[]>();
    for (const p of pods) {
      const n = targetNode(p);
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const want = new Set(nodes.filter((n) => eligible(ds, n)).map((n) => n.metadata.name ?? ''));
    let failed = false;
    // RollingUpdate with maxUnavailable 1: replace one outdated pod only while every node has a ready one.
    let mayReplace = [...want].every((n) => (byNode.get(n) ?? []).some(isReady));
    for (const node of want) {
      const mine = byNode.get(node) ?? [];
      if (mine.length === 0 && !failed) {
        const pod = podFromTemplate(ds, ds.spec?.template, '', { 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) });
        pod.spec.affinity = {
          ...(pod.spec.affinity ?? {}),
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } },
        };
        pod.spec.tolerations = [...(pod.spec.tolerations ?? []).filter((t: any) => !DS_TOLERATIONS.some((d) => d.key === t.key)), ...DS_TOLERATIONS];
        if (!createPodFor(ctx, ds, pod).ok) {
          failed = true;
          queue.addAfter(key, 10_000);
        }
      } else if (mine.length > 1) for (const p of mine.slice(1)) deletePodFor(ctx, ds, p);
      else if (mayReplace && mine[0] && mine[0].metadata.labels?.['controller-revision-hash'] !== hash && ds.spec?.updateStrategy?.type !== 'OnDelete') {
        deletePodFor(ctx, ds, mine[0]);
        mayReplace = false;
      }
    }
    for (const [node, ps] of byNode) if (!want.has(node)) for (const p of ps) deletePodFor(ctx, ds, p);
    writeStatus(ds, want, hash);
  }

  function writeStatus(ds: KubeObject, want: Set<string>, hash: string): void {
    const pods = ctx.cache.controlledBy(ds, 'pods').filter(isActive);
    const now = ctx.now();
    const scheduled = pods.filter((p) => want.has(targetNode(p)));
    const st: any = {
      currentNumberScheduled: scheduled.length,
      numberMisscheduled: pods.length - scheduled.length,
      desiredNumberScheduled: want.size,
      numberReady: scheduled.filter(isReady).length,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
      numberAvailable: scheduled.filter((p) => isAvailable(p, ds.spec?.minReadySeconds ?? 0, now)).length,
    };
    st.numberUnavailable = Math.max(0, want.size - st.numberAvailable);
    if (!st.numberUnavailable) delete st.numberUnavailable;
    if (JSON.stringify(ds.status ?? {}) === JSON.stringify(st)) return;
    ctx.store.mutate('daemonsets.apps', ds.metadata.namespace, ds.metadata.name ?? '', (o) => {
      o.status = st;
      return o;
    });
  }

  return {
    enqueue: (o) => queue.add(`${o.metadata.namespace}/${o.metadata.name}`),
    onPod(p) {
      const ref = controllerRef(p);
      if (ref?.kind === 'DaemonSet') queue.add(`${p.metadata.namespace}/${ref.name}`);
    },
    onNode() {
      for (const ds of ctx.cache.list('daemonsets.apps')) queue.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
    },
  };
}

function targetNode(p: KubeObject): string {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return terms[0]?.matchFields?.find((f: any) => f.key === 'metadata.name')?.values?.[0] ?? '';
}

export const nodeReady = (n: KubeObject): boolean => condition(n, 'Ready')?.status === 'True';
