// The scheduler: binds Pending pods to the feasible node with the most free requested capacity
// (the LeastAllocated score), with kube-scheduler's filter messages when nothing fits. Node usage is
// kept as running totals updated from pod events, so scheduling one pod costs O(nodes).
import type { KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { bytes, condition, isTerminal, matchesSelector, milliCpu, podResources } from './util.js';

interface NodeUse { cpu: number; mem: number; pods: number }

export interface Scheduler {
  onPod(prev: KubeObject | undefined, next: KubeObject | undefined): void;
  onNode(node: KubeObject | undefined): void;
}

export function startScheduler(ctx: Ctx): Scheduler {
  const use = new Map<string, NodeUse>();
  const unschedulable = new Set<string>(); // pod keys waiting for capacity
  const queue = ctx.queue('scheduler', (key) => schedule(key));
  let retryPending = false;

  const charge = (pod: KubeObject | undefined, sign: number) => {
    const node = pod?.spec?.nodeName;
    if (!pod || !node || isTerminal(pod)) return;
    let u = use.get(node);
    if (!u) use.set(node, (u = { cpu: 0, mem: 0, pods: 0 }));
    const r = podResources(pod);
    u.cpu += sign * r.reqCpu;
    u.mem += sign * r.reqMem;
    u.pods += sign;
  };

  const wantsScheduling = (p: KubeObject) =>
    !p.spec?.nodeName && !p.metadata.deletionTimestamp && !isTerminal(p) &&
    (p.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler';

  /** Capacity was freed or a node changed: give waiting pods another try (once per burst). */
  const retryUnschedulable = () => {
    if (!unschedulable.size || retryPending) return;
    retryPending = true;
    ctx.after(1000, () => {
      retryPending = false;
      for (const k of unschedulable) queue.add(k);
    });
  };

  function schedule(key: string): void {
    const [ns, name] = key.split('/');
    const pod = ctx.cache.get('pods', ns, name);
    if (!pod || !wantsScheduling(pod)) {
      unschedulable.delete(key);
      return;
    }
    const nodes = ctx.cache.list('nodes');
    const req = podResources(pod);
    const reasons = new Map<string, number>();
    const fail = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
    let best: { node: KubeObject; score: number } | undefined;
    for (const node of nodes) {
      const why = filter(pod, node, req);
      if (why.length) {
        why.forEach(fail);
        continue;
      }
      const alloc = node.status?.allocatable ?? {};
      const u = use.get(node.metadata.name ?? '') ?? { cpu: 0, mem: 0, pods: 0 };
      const cpuA = milliCpu(alloc.cpu) || 1;
      const memA = bytes(alloc.memory) || 1;
      const score = ((cpuA - u.cpu - req.reqCpu) / cpuA + (memA - u.mem - req.reqMem) / memA) / 2 - u.pods * 1e-6;
      if (!best || score > best.score) best = { node, score };
    }
    if (!best) {
      unschedulable.add(key);
      const detail = [...reasons.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([r, n]) => `${n} ${r}`).join(', ');
      const message = nodes.length
        ? `0/${nodes.length} nodes are available: ${detail}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} No preemption victims found for incoming pod.`
        : 'no nodes available to schedule pods';
      const prevCond = condition(pod, 'PodScheduled');
      if (prevCond?.status !== 'False' || prevCond.message !== message) {
        ctx.store.mutate('pods', ns, name, (p) => {
          p.status ??= {};
          p.status.phase ??= 'Pending';
          const conds = (p.status.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
          conds.push({ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: ctx.nowIso(), reason: 'Unschedulable', message });
          p.status.conditions = conds;
          return p;
        });
      }
      ctx.events.emit(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
      return;
    }
    unschedulable.delete(key);
    const nodeName = best.node.metadata.name!;
    const bound = ctx.store.mutate('pods', ns, name, (p) => {
      if (p.spec.nodeName) return undefined;
      p.spec.nodeName = nodeName;
      p.status ??= {};
      p.status.phase ??= 'Pending';
      const conds = (p.status.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
      conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.nowIso() });
      p.status.conditions = conds;
      return p;
    });
    if (bound) ctx.events.emit(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${nodeName}`, 'default-scheduler');
  }

  function filter(pod: KubeObject, node: KubeObject, req: { reqCpu: number; reqMem: number }): string[] {
    const name = node.metadata.name ?? '';
    const labels = node.metadata.labels ?? {};
    // Required node affinity on metadata.name is how DaemonSet pods target their node.
    const terms: any[] = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    const affinityOk = !terms.length || terms.some((t) =>
      (t.matchFields ?? []).every((f: any) => f.key !== 'metadata.name' || (f.operator === 'In' ? f.values?.includes(name) : !f.values?.includes(name))) &&
      matchesSelector({ matchExpressions: t.matchExpressions ?? [] }, labels));
    const selectorOk = Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
    if (!affinityOk || !selectorOk) return ["node(s) didn't match Pod's node affinity/selector"];
    if (node.spec?.unschedulable && !tolerates(pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return ['node(s) were unschedulable'];
    if (condition(node, 'Ready')?.status !== 'True') return ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'];
    for (const t of node.spec?.taints ?? []) {
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod, t)) return [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`];
    }
    const alloc = node.status?.allocatable ?? {};
    const u = use.get(name) ?? { cpu: 0, mem: 0, pods: 0 };
    const out: string[] = [];
    if (u.pods + 1 > (Number(alloc.pods) || 110)) out.push('Too many pods');
    if (req.reqCpu && u.cpu + req.reqCpu > milliCpu(alloc.cpu)) out.push('Insufficient cpu');
    if (req.reqMem && u.mem + req.reqMem > bytes(alloc.memory)) out.push('Insufficient memory');
    return out;
  }

  return {
    onPod(prev, next) {
      charge(prev, -1);
      charge(next, +1);
      if (next && wantsScheduling(next)) {
        const key = `${next.metadata.namespace}/${next.metadata.name}`;
        if (!prev || !unschedulable.has(key)) queue.add(key);
      }
      // A pod leaving a node frees capacity.
      if (prev?.spec?.nodeName && (!next || isTerminal(next))) retryUnschedulable();
    },
    onNode() {
      retryUnschedulable();
    },
  };
}

function tolerates(pod: KubeObject, taint: { key: string; value?: string; effect?: string }): boolean {
  return (pod.spec?.tolerations ?? []).some((t: any) =>
    (t.operator === 'Exists' ? !t.key || t.key === taint.key : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')) &&
    (!t.effect || t.effect === taint.effect));
}
