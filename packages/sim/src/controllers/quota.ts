// ResourceQuota: the admission check on pod creation (as the ResourceQuota admission plugin does it)
// and the controller that keeps status.used/status.hard current, incrementally per namespace.
import type { ClusterStore, KubeObject } from '../types.js';
import { SimError } from '../types.js';
import type { Ctx } from './context.js';
import { bytes, fmtCpu, fmtMem, isTerminal, milliCpu, podResources } from './util.js';

const CPU_KEYS = new Set(['requests.cpu', 'limits.cpu', 'cpu']);
const MEM_KEYS = new Set(['requests.memory', 'limits.memory', 'memory']);
const POD_KEYS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory', 'pods', 'count/pods'];

/** A pod's contribution to each quota resource, in base units (millicores, bytes, count). */
export function podUsage(pod: KubeObject): Record<string, number> {
  if (isTerminal(pod)) return {};
  const r = podResources(pod);
  return {
    'requests.cpu': r.reqCpu, cpu: r.reqCpu, 'requests.memory': r.reqMem, memory: r.reqMem,
    'limits.cpu': r.limCpu, 'limits.memory': r.limMem, pods: 1, 'count/pods': 1,
  };
}

function parseFor(key: string, q: unknown): number {
  if (CPU_KEYS.has(key)) return milliCpu(q);
  if (MEM_KEYS.has(key)) return bytes(q);
  return Math.round(Number(q) || bytes(q));
}

function fmtFor(key: string, v: number): string {
  if (CPU_KEYS.has(key)) return fmtCpu(v);
  if (MEM_KEYS.has(key)) return fmtMem(v);
  return String(v);
}

/**
 * Admission for a pod about to be created (ResourceQuota admission, pkg/quota/v1/evaluator/core/pods):
 * rejects with 403 when a quota would be exceeded or a tracked compute resource is unspecified, and
 * charges the pod to status.used so a burst of creations cannot all slip under the limit.
 */
export function admitPodCreate(store: ClusterStore, pod: KubeObject): void {
  const ns = pod.metadata.namespace ?? 'default';
  const quotas = store.list('resourcequotas', ns);
  if (!quotas.length || isTerminal(pod)) return;
  const name = pod.metadata.name ?? pod.metadata.generateName ?? '';
  const usage = podUsage(pod);
  for (const q of quotas) {
    const hard: Record<string, unknown> = q.spec?.hard ?? {};
    const used: Record<string, unknown> = q.status?.used ?? {};
    // Compute resources the quota tracks must be set on every container ("must specify ...").
    const missing: string[] = [];
    for (const key of ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory']) {
      if (!(key in hard)) continue;
      const [kind, res] = key.includes('.') ? key.split('.') : ['requests', key];
      const lacking = (pod.spec?.containers ?? [])
        .filter((c: any) => c.resources?.[kind]?.[res] === undefined && (kind !== 'requests' || c.resources?.limits?.[res] === undefined))
        .map((c: any) => c.name);
      if (lacking.length) missing.push(`${key} for: ${lacking.join(',')}`);
    }
    if (missing.length) {
      throw new SimError(403, 'Forbidden', `pods "${name}" is forbidden: failed quota: ${q.metadata.name}: must specify ${missing.join('; ')}`, { name, kind: 'pods' });
    }
    const exceeded = Object.keys(hard)
      .filter((k) => usage[k] !== undefined && usage[k] > 0)
      .filter((k) => parseFor(k, used[k] ?? '0') + usage[k] > parseFor(k, hard[k]))
      .sort();
    if (exceeded.length) {
      const list = (f: (k: string) => string) => exceeded.map((k) => `${k}=${f(k)}`).join(',');
      throw new SimError(403, 'Forbidden',
        `pods "${name}" is forbidden: exceeded quota: ${q.metadata.name}, requested: ${list((k) => fmtFor(k, usage[k]))}, used: ${list((k) => fmtFor(k, parseFor(k, used[k] ?? '0')))}, limited: ${list((k) => fmtFor(k, parseFor(k, hard[k])))}`,
        { name, kind: 'pods' });
    }
  }
  for (const q of quotas) {
    store.mutate('resourcequotas', ns, q.metadata.name ?? '', (o) => {
      const hard: Record<string, unknown> = o.spec?.hard ?? {};
      const used: Record<string, string> = { ...(o.status?.used ?? {}) };
      let changed = false;
      for (const k of Object.keys(hard)) {
        if (!usage[k]) continue;
        used[k] = fmtFor(k, parseFor(k, used[k] ?? '0') + usage[k]);
        changed = true;
      }
      if (!changed) return undefined;
      o.status = { ...(o.status ?? {}), hard: { ...hard }, used };
      return o;
    });
  }
}

/** Keeps every ResourceQuota's status current from a per-namespace running total of pod usage. */
export function startQuotaController(ctx: Ctx): { onPod(prev: KubeObject | undefined, next: KubeObject | undefined): void; onQuota(q: KubeObject): void; onCountable(ns: string): void } {
  const totals = new Map<string, Record<string, number>>(); // ns → usage
  const queue = ctx.queue('quota', (ns) => sync(ns));

  const add = (ns: string, u: Record<string, number>, sign: number) => {
    let t = totals.get(ns);
    if (!t) totals.set(ns, (t = {}));
    for (const [k, v] of Object.entries(u)) t[k] = (t[k] ?? 0) + sign * v;
  };

  function sync(ns: string): void {
    const quotas = ctx.cache.list('resourcequotas', ns);
    if (!quotas.length) return;
    const t = totals.get(ns) ?? {};
    for (const q of quotas) {
      const hard: Record<string, unknown> = q.spec?.hard ?? {};
      const used: Record<string, string> = {};
      for (const k of Object.keys(hard)) {
        if (POD_KEYS.includes(k)) used[k] = fmtFor(k, t[k] ?? 0);
        else if (k.startsWith('count/')) used[k] = String(ctx.cache.list(k.slice(6), ns).length);
        else if (k === 'services' || k === 'configmaps') used[k] = String(ctx.cache.list(k, ns).length);
        else used[k] = String(q.status?.used?.[k] ?? '0');
      }
      const status = { hard: { ...hard }, used };
      if (JSON.stringify(q.status ?? {}) === JSON.stringify(status)) continue;
      ctx.store.mutate('resourcequotas', ns, q.metadata.name ?? '', (o) => {
        o.status = status;
        return o;
      });
    }
  }

  return {
    onPod(prev, next) {
      const ns = (next ?? prev)!.metadata.namespace ?? '';
      if (prev) add(ns, podUsage(prev), -1);
      if (next) add(ns, podUsage(next), +1);
      if (!ctx.cache.list('resourcequotas', ns).length) return;
      // Only a change in what the pod is charged for needs a status write.
      const a = prev ? podUsage(prev) : {};
      const b = next ? podUsage(next) : {};
      if (JSON.stringify(a) !== JSON.stringify(b)) queue.add(ns);
    },
    onQuota(q) {
      queue.add(q.metadata.namespace ?? '');
    },
    onCountable(ns) {
      if (ctx.cache.list('resourcequotas', ns).length) queue.add(ns);
    },
  };
}
