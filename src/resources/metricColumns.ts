// Usage columns (k9s-style CPU, MEM, %CPU/R, %CPU/L, %MEM/R, %MEM/L), hidden when metrics are absent.
// Values come from ctx.podMetrics / ctx.nodeMetrics; requests and limits from the pod specs.
import type { Column, ColumnContext, KObj, Tone } from './types.js';
import { formatCpu, formatMem } from './format.js';
import { labelsMatch } from './labels.js';
import { workloadSelector } from './rollout.js';
import {
  formatPercent,
  nodePercents,
  podKey,
  podPercents,
  podResources,
  sumResources,
  sumUsage,
  type PodResources,
  type Usage,
} from '../metrics/usage.js';

interface Subject {
  usage(o: KObj, ctx: ColumnContext): Usage | undefined;
  resources(o: KObj, ctx: ColumnContext): PodResources;
}

const percentTone = (p: number | undefined): Tone | undefined =>
  p === undefined ? undefined : p >= 90 ? 'error' : p >= 70 ? 'warn' : undefined;

function usageColumns(s: Subject): Column[] {
  const pct = (id: string, header: string, pick: keyof ReturnType<typeof podPercents>): Column => {
    const get = (o: KObj, ctx: ColumnContext) => podPercents(s.usage(o, ctx), s.resources(o, ctx))[pick];
    return {
      id,
      header,
      align: 'right',
      metrics: true,
      value: (o, ctx) => get(o, ctx) ?? -1,
      text: (o, ctx) => formatPercent(get(o, ctx)),
      tone: (o, ctx) => percentTone(get(o, ctx)),
    };
  };
  return [
    {
      id: 'cpu',
      header: 'CPU',
      align: 'right',
      metrics: true,
      value: (o, ctx) => s.usage(o, ctx)?.cpuMilli ?? -1,
      text: (o, ctx) => {
        const u = s.usage(o, ctx);
        return u ? formatCpu(u.cpuMilli) : 'n/a';
      },
    },
    {
      id: 'mem',
      header: 'MEM',
      align: 'right',
      metrics: true,
      value: (o, ctx) => s.usage(o, ctx)?.memBytes ?? -1,
      text: (o, ctx) => {
        const u = s.usage(o, ctx);
        return u ? formatMem(u.memBytes) : 'n/a';
      },
    },
    pct('cpuR', '%CPU/R', 'cpuOfRequest'),
    pct('cpuL', '%CPU/L', 'cpuOfLimit'),
    pct('memR', '%MEM/R', 'memOfRequest'),
    pct('memL', '%MEM/L', 'memOfLimit'),
  ];
}

export const podMetricColumns: Column[] = usageColumns({
  usage: (o, ctx) => ctx.podMetrics?.get(podKey(o)),
  resources: (o) => podResources(o),
});

/** The pods a workload selects, among ctx.pods (same namespace, matching its selector). */
// Memoized per pod list identity: every metric cell of every workload row asks for the same set.
const podsOfCache = new WeakMap<KObj[], Map<string, KObj[]>>();

export function podsOf(o: KObj, ctx: ColumnContext): KObj[] {
  const sel = workloadSelector(o);
  if (!sel || !ctx.pods) return [];
  let byKey = podsOfCache.get(ctx.pods);
  if (!byKey) podsOfCache.set(ctx.pods, (byKey = new Map()));
  const key = `${o.metadata.namespace ?? ''}\u0000${sel}`;
  let hit = byKey.get(key);
  if (!hit) {
    hit = ctx.pods.filter((p) => p.metadata.namespace === o.metadata.namespace && labelsMatch(sel, p.metadata.labels));
    byKey.set(key, hit);
  }
  return hit;
}

/** Deployments, stateful sets, daemon sets: usage summed over their pods. */
export const workloadMetricColumns: Column[] = usageColumns({
  usage: (o, ctx) => sumUsage(podsOf(o, ctx), ctx.podMetrics),
  resources: (o, ctx) => sumResources(podsOf(o, ctx)),
});

/** kubectl top node: CPU(cores), CPU% and MEMORY(bytes), MEMORY% of allocatable. */
export const nodeMetricColumns: Column[] = (() => {
  const usage = (o: KObj, ctx: ColumnContext) => ctx.nodeMetrics?.get(o.metadata.name);
  const pcts = (o: KObj, ctx: ColumnContext) => nodePercents(usage(o, ctx), o);
  return [
    {
      id: 'cpu',
      header: 'CPU',
      align: 'right',
      metrics: true,
      value: (o, ctx) => usage(o, ctx)?.cpuMilli ?? -1,
      text: (o, ctx) => (usage(o, ctx) ? formatCpu(usage(o, ctx)!.cpuMilli) : 'n/a'),
    },
    {
      id: 'cpuPct',
      header: '%CPU',
      align: 'right',
      metrics: true,
      value: (o, ctx) => pcts(o, ctx).cpu ?? -1,
      text: (o, ctx) => formatPercent(pcts(o, ctx).cpu),
      tone: (o, ctx) => percentTone(pcts(o, ctx).cpu),
    },
    {
      id: 'mem',
      header: 'MEM',
      align: 'right',
      metrics: true,
      value: (o, ctx) => usage(o, ctx)?.memBytes ?? -1,
      text: (o, ctx) => (usage(o, ctx) ? formatMem(usage(o, ctx)!.memBytes) : 'n/a'),
    },
    {
      id: 'memPct',
      header: '%MEM',
      align: 'right',
      metrics: true,
      value: (o, ctx) => pcts(o, ctx).mem ?? -1,
      text: (o, ctx) => formatPercent(pcts(o, ctx).mem),
      tone: (o, ctx) => percentTone(pcts(o, ctx).mem),
    },
  ] satisfies Column[];
})();
