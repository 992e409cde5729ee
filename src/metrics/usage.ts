// Usage against requests, limits and allocatable: the numbers behind %CPU/R, %MEM/L and node %.
// A percentage is undefined (shown "n/a") when its denominator is missing, never 0% or Infinity.
import type { KObj } from '../resources/types.js';
import { tryParseQuantity } from './quantity.js';

export interface Usage {
  cpuMilli: number;
  memBytes: number;
}

/** A pod's requests and limits summed over its containers; undefined where not set. */
export interface PodResources {
  cpuRequestMilli?: number;
  cpuLimitMilli?: number;
  memRequestBytes?: number;
  memLimitBytes?: number;
}

interface ContainerLike {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  restartPolicy?: string;
}

type Field = 'requests' | 'limits';

function amount(c: ContainerLike, field: Field, resource: 'cpu' | 'memory'): number | undefined {
  const v = tryParseQuantity(c.resources?.[field]?.[resource]);
  if (v === undefined) return undefined;
  return resource === 'cpu' ? v * 1000 : v;
}

/**
 * Effective pod request/limit for one resource, after kubectl's resourcehelper.PodRequestsAndLimits:
 * max(sum over app containers (+ sidecars), largest init container) plus pod overhead.
 * A request missing on some containers counts as 0 for them (they request nothing); a limit missing
 * on any app container means the pod as a whole is unbounded, so its limit is undefined.
 */
function podAmount(pod: KObj, field: Field, resource: 'cpu' | 'memory'): number | undefined {
  const containers: ContainerLike[] = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const inits: ContainerLike[] = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  const sidecars = inits.filter((c) => c.restartPolicy === 'Always');
  const app = [...containers, ...sidecars];
  if (app.length === 0) return undefined;
  let sum = 0;
  let seen = false;
  for (const c of app) {
    const v = amount(c, field, resource);
    if (v === undefined) {
      if (field === 'limits') return undefined;
      continue;
    }
    seen = true;
    sum += v;
  }
  let initMax = 0;
  for (const c of inits) {
    if (c.restartPolicy === 'Always') continue;
    const v = amount(c, field, resource);
    if (v !== undefined) {
      seen = true;
      initMax = Math.max(initMax, v);
    }
  }
  if (!seen) return undefined;
  const overhead = tryParseQuantity(pod.spec?.overhead?.[resource]);
  const extra = overhead === undefined ? 0 : resource === 'cpu' ? overhead * 1000 : overhead;
  return Math.max(sum, initMax) + extra;
}

export function podResources(pod: KObj): PodResources {
  return {
    cpuRequestMilli: podAmount(pod, 'requests', 'cpu'),
    cpuLimitMilli: podAmount(pod, 'limits', 'cpu'),
    memRequestBytes: podAmount(pod, 'requests', 'memory'),
    memLimitBytes: podAmount(pod, 'limits', 'memory'),
  };
}

/** used / total in percent; undefined when either side is missing or total is not positive. */
export function percent(used: number | undefined, total: number | undefined): number | undefined {
  if (used === undefined || total === undefined) return undefined;
  if (!Number.isFinite(used) || !Number.isFinite(total) || total <= 0) return undefined;
  return (used / total) * 100;
}

/** "45%", or "n/a" when the percentage is undefined. Rounded like kubectl top node's CPU%. */
export function formatPercent(p: number | undefined): string {
  return p === undefined ? 'n/a' : `${Math.round(p)}%`;
}

export interface PodPercents {
  cpuOfRequest?: number;
  cpuOfLimit?: number;
  memOfRequest?: number;
  memOfLimit?: number;
}

/** The %CPU/R, %CPU/L, %MEM/R, %MEM/L columns (k9s's names) for a pod. */
export function podPercents(usage: Usage | undefined, res: PodResources): PodPercents {
  return {
    cpuOfRequest: percent(usage?.cpuMilli, res.cpuRequestMilli),
    cpuOfLimit: percent(usage?.cpuMilli, res.cpuLimitMilli),
    memOfRequest: percent(usage?.memBytes, res.memRequestBytes),
    memOfLimit: percent(usage?.memBytes, res.memLimitBytes),
  };
}

export function podKey(pod: { metadata: { namespace?: string; name: string } }): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
}

/** Usage of a set of pods (a workload): undefined when none of them has metrics yet. */
export function sumUsage(pods: KObj[], podMetrics: Map<string, Usage> | undefined): Usage | undefined {
  if (!podMetrics) return undefined;
  let found = false;
  const total: Usage = { cpuMilli: 0, memBytes: 0 };
  for (const pod of pods) {
    const u = podMetrics.get(podKey(pod));
    if (!u) continue;
    found = true;
    total.cpuMilli += u.cpuMilli;
    total.memBytes += u.memBytes;
  }
  return found ? total : undefined;
}

/** Requests/limits of a set of pods; a limit is undefined as soon as one pod is unbounded. */
export function sumResources(pods: KObj[]): PodResources {
  const out: PodResources = {};
  const keys: Array<keyof PodResources> = ['cpuRequestMilli', 'cpuLimitMilli', 'memRequestBytes', 'memLimitBytes'];
  for (const key of keys) {
    const isLimit = key === 'cpuLimitMilli' || key === 'memLimitBytes';
    let sum: number | undefined;
    for (const pod of pods) {
      const v = podResources(pod)[key];
      if (v === undefined) {
        if (isLimit) {
          sum = undefined;
          break;
        }
        continue;
      }
      sum = (sum ?? 0) + v;
    }
    if (sum !== undefined) out[key] = sum;
  }
  return out;
}

/** A node's allocatable CPU (millicores) and memory (bytes), from status.allocatable. */
export function nodeAllocatable(node: KObj): { cpuMilli?: number; memBytes?: number } {
  const cpu = tryParseQuantity(node.status?.allocatable?.cpu);
  const mem = tryParseQuantity(node.status?.allocatable?.memory);
  return { cpuMilli: cpu === undefined ? undefined : cpu * 1000, memBytes: mem };
}

/** kubectl top node's CPU% and MEMORY%: usage over allocatable. */
export function nodePercents(usage: Usage | undefined, node: KObj): { cpu?: number; mem?: number } {
  const alloc = nodeAllocatable(node);
  return { cpu: percent(usage?.cpuMilli, alloc.cpuMilli), mem: percent(usage?.memBytes, alloc.memBytes) };
}

/**
 * The workload a pod belongs to, from its controller ownerReference: a ReplicaSet made by a
 * Deployment is named "<deployment>-<pod-template-hash>", so the hash suffix is stripped.
 */
export function workloadOfPod(pod: KObj): { kind: string; name: string } | undefined {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return undefined;
  if (owner.kind === 'ReplicaSet') {
    const hash = pod.metadata.labels?.['pod-template-hash'];
    if (hash && owner.name.endsWith(`-${hash}`)) {
      return { kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)) };
    }
    return { kind: 'ReplicaSet', name: owner.name };
  }
  return { kind: owner.kind, name: owner.name };
}
