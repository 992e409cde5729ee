// Workload rows, mirroring kubectl's printDeployment, printReplicaSet, printStatefulSet,
// printDaemonSet, printJob and printCronJob (pkg/printers/internalversion/printers.go).
import { selectorString } from '../selectors.js';
import type { KubeObject } from '../types.js';
import { containerCells, formatLabels, humanDuration, since } from './format.js';
import { col, type Printer } from './printer.js';

const wideCols = (selector = true) => [col('Containers', 1, 'Names of each container in the template.'), col('Images', 1, 'Images referenced by each container in the template.'), ...(selector ? [col('Selector', 1, 'Label selector for pods.')] : [])];

export const deploymentPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Ready', 0, 'Number of the pod with ready state'), col('Up-to-date', 0, 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', '', 'integer'), col('Available', 0, 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', '', 'integer'), col('Age', 0, 'CreationTimestamp'), ...wideCols()],
  row(o, now) {
    const s = o.status ?? {};
    return [o.metadata.name, `${s.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, s.updatedReplicas ?? 0, s.availableReplicas ?? 0, since(o.metadata.creationTimestamp, now), ...containerCells(o.spec?.template?.spec?.containers), selectorString(o.spec?.selector)];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Desired', 0, 'Replicas is the number of desired replicas.', '', 'integer'), col('Current', 0, 'Replicas is the most recently observed number of replicas.', '', 'integer'), col('Ready', 0, 'The number of ready replicas for this replica set.', '', 'integer'), col('Age', 0, 'CreationTimestamp'), ...wideCols()],
  row(o, now) {
    const s = o.status ?? {};
    return [o.metadata.name, o.spec?.replicas ?? 0, s.replicas ?? 0, s.readyReplicas ?? 0, since(o.metadata.creationTimestamp, now), ...containerCells(o.spec?.template?.spec?.containers), selectorString(o.spec?.selector)];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Ready', 0, 'Number of the pod with ready state'), col('Age', 0, 'CreationTimestamp'), ...wideCols(false)],
  row(o, now) {
    return [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, since(o.metadata.creationTimestamp, now), ...containerCells(o.spec?.template?.spec?.containers)];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Desired', 0, 'The total number of nodes that should be running the daemon pod.', '', 'integer'), col('Current', 0, 'The number of nodes that are running at least 1 daemon pod.', '', 'integer'), col('Ready', 0, 'The number of nodes that should be running the daemon pod and have one or more ready.', '', 'integer'), col('Up-to-date', 0, 'The total number of nodes that are running updated daemon pod', '', 'integer'), col('Available', 0, 'The number of nodes that should be running the daemon pod and have one or more available.', '', 'integer'), col('Node Selector', 0, 'NodeSelector is a selector which must be true for the pod to fit on a node.'), col('Age', 0, 'CreationTimestamp'), ...wideCols()],
  row(o, now) {
    const s = o.status ?? {};
    return [o.metadata.name, s.desiredNumberScheduled ?? 0, s.currentNumberScheduled ?? 0, s.numberReady ?? 0, s.updatedNumberScheduled ?? 0, s.numberAvailable ?? 0, formatLabels(o.spec?.template?.spec?.nodeSelector), since(o.metadata.creationTimestamp, now), ...containerCells(o.spec?.template?.spec?.containers), selectorString(o.spec?.selector)];
  },
};

const hasCond = (o: KubeObject, type: string) => (o.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');

export const jobPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Status', 0, 'Status of the job.'), col('Completions', 0, 'The desired number of successfully finished pods the job should be run with.'), col('Duration', 0, 'Time required to complete the job.'), col('Age', 0, 'CreationTimestamp'), ...wideCols()],
  row(o, now) {
    const s = o.status ?? {};
    let completions: string;
    if (o.spec?.completions != null) completions = `${s.succeeded ?? 0}/${o.spec.completions}`;
    else {
      const par = o.spec?.parallelism ?? 0;
      completions = par > 1 ? `${s.succeeded ?? 0}/1 of ${par}` : `${s.succeeded ?? 0}/1`;
    }
    let duration = '';
    if (s.startTime) duration = humanDuration((s.completionTime ? Date.parse(s.completionTime) : now) - Date.parse(s.startTime));
    let status = 'Running';
    if (hasCond(o, 'Complete')) status = 'Complete';
    else if (hasCond(o, 'Failed')) status = 'Failed';
    else if (o.metadata.deletionTimestamp) status = 'Terminating';
    else if (hasCond(o, 'Suspended')) status = 'Suspended';
    else if (hasCond(o, 'FailureTarget')) status = 'FailureTarget';
    return [o.metadata.name, status, completions, duration, since(o.metadata.creationTimestamp, now), ...containerCells(o.spec?.template?.spec?.containers), selectorString(o.spec?.selector)];
  },
};

export const cronJobPrinter: Printer = {
  columns: [col('Name', 0, 'Name must be unique within a namespace.', 'name'), col('Schedule', 0, 'The schedule in Cron format.'), col('Timezone', 0, 'The time zone name for the given schedule.'), col('Suspend', 0, 'This flag tells the controller to suspend subsequent executions.', '', 'boolean'), col('Active', 0, 'A list of pointers to currently running jobs.', '', 'integer'), col('Last Schedule', 0, 'Information when was the last time the job was successfully scheduled.'), col('Age', 0, 'CreationTimestamp'), ...wideCols()],
  row(o, now) {
    const jt = o.spec?.jobTemplate?.spec ?? {};
    const last = o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>';
    return [o.metadata.name, o.spec?.schedule ?? '', o.spec?.timeZone ?? '<none>', o.spec?.suspend ? 'True' : 'False', (o.status?.active ?? []).length, last, since(o.metadata.creationTimestamp, now), ...containerCells(jt.template?.spec?.containers), selectorString(jt.selector)];
  },
};
