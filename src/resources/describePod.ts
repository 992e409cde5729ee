// `d` on a pod: describe.go describePod, the sections people read (status, containers, conditions, events).
import type { KObj } from './types.js';
import { formatLabels, formatRfc1123Z } from './format.js';
import { DescribeWriter, clean, lastsFor, writeAnnotations, writeEvents, writeLabels } from './describeWriter.js';
import { writeContainers, writeTolerations } from './describeContainers.js';
import { writeVolumes } from './describeVolumes.js';
import { controllerOf } from './rollout.js';

export function describePod(pod: KObj, events: KObj[], now: number): string {
  const w = new DescribeWriter();
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  w.kv(0, 'Name', pod.metadata.name);
  w.kv(0, 'Namespace', pod.metadata.namespace ?? '');
  if (spec.priority !== undefined) w.kv(0, 'Priority', spec.priority);
  if (spec.priorityClassName) w.kv(0, 'Priority Class Name', spec.priorityClassName);
  if (spec.runtimeClassName) w.kv(0, 'Runtime Class Name', spec.runtimeClassName);
  w.kv(0, 'Service Account', spec.serviceAccountName ?? '');
  w.kv(0, 'Node', spec.nodeName ? (status.hostIP ? `${spec.nodeName}/${status.hostIP}` : spec.nodeName) : '<none>');
  if (status.startTime) w.kv(0, 'Start Time', formatRfc1123Z(status.startTime));
  writeLabels(w, 0, 'Labels', pod.metadata.labels);
  writeAnnotations(w, 0, pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp) {
    w.kv(0, 'Status', lastsFor(pod.metadata.deletionTimestamp, now));
    w.kv(0, 'Termination Grace Period', `${pod.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else {
    w.kv(0, 'Status', status.phase ?? '');
  }
  if (status.reason) w.kv(0, 'Reason', status.reason);
  if (status.message) w.kv(0, 'Message', status.message);
  w.kv(0, 'IP', status.podIP ?? '');
  const ips: any[] = status.podIPs ?? [];
  if (ips.length === 0) w.line(0, 'IPs:\t<none>');
  else {
    w.line(0, 'IPs:');
    for (const ip of ips) w.kv(1, 'IP', ip.ip ?? '');
  }
  const owner = controllerOf(pod);
  if (owner) w.kv(0, 'Controlled By', `${owner.kind}/${owner.name}`);
  if (status.nominatedNodeName) w.kv(0, 'NominatedNodeName', status.nominatedNodeName);
  if ((spec.initContainers ?? []).length > 0) {
    writeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? [], '', pod);
  }
  writeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? [], '', pod);
  const conditions: any[] = status.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus');
    // kubectl writes "%v \t%v \n": note the trailing spaces.
    for (const c of conditions) w.line(1, `${clean(c.type)} \t${clean(c.status)} `);
  }
  writeVolumes(w, 0, spec.volumes);
  if (status.qosClass) w.kv(0, 'QoS Class', status.qosClass);
  w.kv(0, 'Node-Selectors', formatLabels(spec.nodeSelector));
  writeTolerations(w, 0, spec.tolerations);
  writeEvents(w, events, now);
  return w.toString();
}
