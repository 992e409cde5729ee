// Jobs: `kubectl get jobs` (printers.go printJob: STATUS, COMPLETIONS, DURATION).
import type { KObj, ResourceKind, Tone } from './types.js';
import { ageColumn, containerColumns, nameColumn, selectorColumn } from './columns.js';
import { humanDuration, parseTime } from './format.js';
import { workloadSelector } from './rollout.js';

const hasCondition = (o: KObj, type: string) =>
  (o.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');

/** printJob's STATUS precedence. */
export function jobStatus(o: KObj): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** printJob's COMPLETIONS: "1/1", or "0/1 of 3" for a work queue with parallelism. */
export function jobCompletions(o: KObj): string {
  const succeeded = o.status?.succeeded ?? 0;
  if (o.spec?.completions !== undefined && o.spec?.completions !== null) return `${succeeded}/${o.spec.completions}`;
  const parallelism = o.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** printJob's DURATION in ms: start → completion, or start → now while running; undefined before start. */
export function jobDurationMs(o: KObj, now: number): number | undefined {
  const start = parseTime(o.status?.startTime);
  if (start === undefined) return undefined;
  const end = parseTime(o.status?.completionTime);
  return (end ?? now) - start;
}

const STATUS_TONE: Record<string, Tone> = {
  Complete: 'ok',
  Failed: 'error',
  FailureTarget: 'error',
  Terminating: 'warn',
  Suspended: 'dim',
};

export const job: ResourceKind = {
  id: 'jobs',
  kind: 'Job',
  group: 'batch',
  version: 'v1',
  plural: 'jobs',
  namespaced: true,
  aliases: ['job', 'jobs'],
  columns: [
    nameColumn,
    { id: 'status', header: 'STATUS', value: (o) => jobStatus(o), tone: (o) => STATUS_TONE[jobStatus(o)] },
    { id: 'completions', header: 'COMPLETIONS', value: (o) => jobCompletions(o) },
    {
      id: 'duration',
      header: 'DURATION',
      value: (o, ctx) => Math.trunc((jobDurationMs(o, ctx.now) ?? -1000) / 1000),
      text: (o, ctx) => {
        const ms = jobDurationMs(o, ctx.now);
        return ms === undefined ? '' : humanDuration(ms);
      },
    },
    ageColumn,
    ...containerColumns((o) => o.spec?.template),
    selectorColumn((o) => o.spec?.selector),
  ],
  actions: ['logs', 'delete', 'describe', 'yaml'],
  drillDown: (o) => {
    const labelSelector = workloadSelector(o);
    if (!labelSelector) return undefined;
    return { kind: 'pods', labelSelector, namespace: o.metadata.namespace, title: `job/${o.metadata.name}` };
  },
};
