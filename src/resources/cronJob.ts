// Cron jobs: `kubectl get cronjobs` (printers.go printCronJob).
import type { ResourceKind } from './types.js';
import { ageColumn, containerColumns, nameColumn, selectorColumn, sinceColumn } from './columns.js';

// printers.go printBoolPtr: "<unset>" for nil.
const boolPtr = (v: unknown) => (v === undefined || v === null ? '<unset>' : v ? 'True' : 'False');

export const cronJob: ResourceKind = {
  id: 'cronjobs',
  kind: 'CronJob',
  group: 'batch',
  version: 'v1',
  plural: 'cronjobs',
  namespaced: true,
  aliases: ['cj', 'cronjob', 'cronjobs'],
  columns: [
    nameColumn,
    { id: 'schedule', header: 'SCHEDULE', value: (o) => o.spec?.schedule ?? '' },
    { id: 'timezone', header: 'TIMEZONE', value: (o) => o.spec?.timeZone ?? '<none>' },
    {
      id: 'suspend',
      header: 'SUSPEND',
      value: (o) => boolPtr(o.spec?.suspend),
      tone: (o) => (o.spec?.suspend ? 'dim' : undefined),
    },
    { id: 'active', header: 'ACTIVE', value: (o) => (o.status?.active ?? []).length },
    sinceColumn('lastSchedule', 'LAST SCHEDULE', (o) => o.status?.lastScheduleTime, '<none>'),
    ageColumn,
    ...containerColumns((o) => o.spec?.jobTemplate?.spec?.template),
    selectorColumn((o) => o.spec?.jobTemplate?.spec?.selector),
  ],
  actions: ['delete', 'describe', 'yaml'],
  drillDown: (o) => ({
    kind: 'jobs',
    namespace: o.metadata.namespace,
    owned: { uid: o.metadata.uid },
    title: `cronjob/${o.metadata.name}`,
  }),
};
