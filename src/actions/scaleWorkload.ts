// Scale a deployment, stateful set or replica set through its scale subresource (like kubectl scale),
// with a quota check first: the pods a scale-up adds must fit in what the namespace's ResourceQuota has left.
import type { Api } from '../kube/api.js';
import { tryParseQuantity } from '../metrics/quantity.js';

// Cluster data is untrusted: a malformed quantity counts as 0 rather than failing the action.
const parseQuantity = (s: string): number => tryParseQuantity(s) ?? 0;
import { attempt, fail, ok, retryOnConflict, type ActionResult } from './result.js';
import { builtinKind, isScalable, kindOf, type Obj, objectName, readTarget, refName, type TargetRef } from './targets.js';

/** A sane ceiling for a classroom/dev dashboard; a typo like 1e9 should not reach the server. */
export const MAX_REPLICAS = 1000;

export function parseReplicas(input: string): number | { error: string } {
  const s = input.trim();
  if (s === '') return { error: 'enter a number of replicas (0 or more)' };
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n > MAX_REPLICAS) return { error: `${s} replicas is too many (at most ${MAX_REPLICAS})` };
    return n;
  }
  if (/^-\s*\d+(\.\d+)?$/.test(s)) return { error: `replicas cannot be negative (${s}); use 0 to stop all pods` };
  if (/^\+?\d*\.\d+$/.test(s)) return { error: `replicas must be a whole number, not ${s}` };
  if (/^[-+]?\d+(\.\d+)?e[-+]?\d+$/i.test(s)) {
    const n = Number(s);
    if (Number.isInteger(n) && n > MAX_REPLICAS) return { error: `${s} replicas is too many (at most ${MAX_REPLICAS})` };
    return { error: `write the count as plain digits, not ${s}` };
  }
  return { error: `"${s.slice(0, 20)}" is not a number: replicas must be a whole number, 0 or more` };
}

export interface ScalePlan {
  /** The count as it is now (read when the plan is made, i.e. when the person confirms). */
  current: number;
  next: number;
  /** Set when the added pods would not fit in the namespace's ResourceQuota. */
  quota?: { warning: string };
}

/** Effective pod requests (max of containers' sum and each init container), like the scheduler/quota count them. */
export function podRequests(template: any): { cpu: number; memory: number } {
  const spec = template?.spec ?? {};
  const req = (c: any, r: string) => {
    const v = c?.resources?.requests?.[r] ?? c?.resources?.limits?.[r];
    return v === undefined ? 0 : parseQuantity(String(v));
  };
  const sum = (r: string) => ((spec.containers ?? []) as any[]).reduce((t, c) => t + req(c, r), 0);
  const init = (r: string) => ((spec.initContainers ?? []) as any[]).reduce((m, c) => Math.max(m, req(c, r)), 0);
  const overhead = (r: string) => (spec.overhead?.[r] ? parseQuantity(String(spec.overhead[r])) : 0);
  return {
    cpu: Math.max(sum('cpu'), init('cpu')) + overhead('cpu'),
    memory: Math.max(sum('memory'), init('memory')) + overhead('memory'),
  };
}

export function formatCpu(cores: number): string {
  return `${+cores.toFixed(3)} CPU`;
}

export function formatMemory(bytes: number): string {
  const gi = 1024 ** 3;
  const mi = 1024 ** 2;
  if (Math.abs(bytes) >= gi) return `${+(bytes / gi).toFixed(2)}Gi memory`;
  if (Math.abs(bytes) >= mi) return `${+(bytes / mi).toFixed(1)}Mi memory`;
  return `${Math.round(bytes)} bytes of memory`;
}

/** Pods from one template: a workload before or after a scale or an edit. */
export interface PodSet {
  template: any;
  replicas: number;
}

/**
 * Pure: the quota warning for going from current to next replicas, given the pod template and the
 * namespace's quotas (hard − used is what is left; every quota must have room, like admission checks).
 */
export function quotaWarning(template: any, current: number, next: number, quotas: Obj[]): string | undefined {
  return quotaProjection({ template, replicas: current }, { template, replicas: next }, quotas);
}

/**
 * Pure: kdash's quota projection for a workload going from `before` to `after` (more replicas, larger
 * requests, or both): what the added pods and requests need against what every quota has left.
 */
export function quotaProjection(before: PodSet, after: PodSet, quotas: Obj[]): string | undefined {
  if (quotas.length === 0) return undefined;
  const was = podRequests(before.template);
  const per = podRequests(after.template);
  const next = after.replicas;
  const added = next - before.replicas;
  const checks: Array<{ keys: string[]; need: number; more: number; fmt: (n: number) => string }> = [
    { keys: ['requests.cpu', 'cpu'], need: per.cpu, more: per.cpu * next - was.cpu * before.replicas, fmt: formatCpu },
    { keys: ['requests.memory', 'memory'], need: per.memory, more: per.memory * next - was.memory * before.replicas, fmt: formatMemory },
  ];
  const parts: string[] = [];
  for (const { keys, need, more, fmt } of checks) {
    if (more <= 1e-9) continue;
    let tightest: { left: number; quota: string } | undefined;
    for (const q of quotas) {
      for (const key of keys) {
        const hard = q.spec?.hard?.[key] ?? q.status?.hard?.[key];
        if (hard === undefined) continue;
        const used = q.status?.used?.[key];
        const left = parseQuantity(String(hard)) - (used === undefined ? 0 : parseQuantity(String(used)));
        if (!tightest || left < tightest.left) tightest = { left: Math.max(0, left), quota: q.metadata?.name ?? '' };
      }
    }
    if (!tightest) continue;
    // A template without requests may still get defaults from a LimitRange: no guess, no warning.
    if (need > 0 && more > tightest.left + 1e-9) {
      parts.push(`${next} replicas need ${fmt(more)} more (${fmt(need * next)} in all); quota left: ${fmt(tightest.left)}`);
    }
  }
  if (added > 0) {
    for (const q of quotas) {
      const hard = q.spec?.hard?.pods ?? q.spec?.hard?.['count/pods'];
      if (hard === undefined) continue;
      const used = q.status?.used?.pods ?? q.status?.used?.['count/pods'] ?? '0';
      const left = parseQuantity(String(hard)) - parseQuantity(String(used));
      if (added > left) parts.push(`${added} more pods; quota ${q.metadata?.name} allows ${Math.max(0, left)} more`);
    }
  }
  return parts.length ? parts.join('; ') : undefined;
}

export async function planScale(api: Api, ref: TargetRef, replicas: number): Promise<ScalePlan> {
  const k = kindOf(ref.kind);
  if (!k || !isScalable(ref.kind)) throw new Error(`${ref.kind} cannot be scaled`);
  const obj = await readTarget(ref, () => api.objects.get(k, ref.namespace, ref.name));
  const current = Number(obj.spec?.replicas ?? 1);
  const plan: ScalePlan = { current, next: replicas };
  if (replicas > current) {
    // A user who may not list quotas simply gets no warning; the server still enforces the quota.
    const quotas = await api.objects.list(builtinKind('resourcequotas'), ref.namespace).catch(() => [] as Obj[]);
    const warning = quotaWarning(obj.spec?.template, current, replicas, quotas);
    if (warning) plan.quota = { warning };
  }
  return plan;
}

/**
 * kubectl scale: read the Scale, set spec.replicas, replace it with the Scale's resourceVersion (409 →
 * retried on fresh data). With `from` (kubectl scale --current-replicas): refused, in words, when the
 * count is no longer the one the person confirmed against.
 */
export async function scaleWorkload(api: Api, ref: TargetRef, replicas: number, from?: number): Promise<ActionResult> {
  const k = kindOf(ref.kind);
  if (!k || !isScalable(ref.kind)) return fail(`${ref.kind} cannot be scaled`);
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS) {
    return fail(`replicas must be a whole number from 0 to ${MAX_REPLICAS}`);
  }
  return attempt(async () => {
    await retryOnConflict(async () => {
      const scale = await readTarget(ref, () => api.objects.getScale(k, ref.namespace, ref.name));
      const now = Number(scale.spec?.replicas ?? 0);
      if (from !== undefined && now !== from) {
        throw new Error(`${objectName(ref)} now has ${now} replicas (you confirmed from ${from}); nothing was changed — press s again`);
      }
      const body = { ...scale, spec: { ...(scale.spec ?? {}), replicas } };
      return api.objects.replaceScale(k, ref.namespace, ref.name, body);
    });
    return ok(`${refName(ref)} scaled to ${replicas}`);
  });
}
