// `d`: a kubectl-describe-like text for any object, with its events. Pods, workloads, nodes and
// services follow kubectl's describers; other kinds get a generic form built from their columns.
import type { KObj, ResourceKind } from './types.js';
import { formatRfc1123Z, sanitize } from './format.js';
import { DescribeWriter, clean, eventsFor, writeAnnotations, writeEvents, writeLabels } from './describeWriter.js';
import { describePod } from './describePod.js';
import {
  describeCronJob,
  describeDaemonSet,
  describeDeployment,
  describeJob,
  describeReplicaSet,
  describeStatefulSet,
} from './describeWorkload.js';
import { describeNode } from './describeNode.js';
import { describeService } from './describeService.js';
import { describeNamespace, describeResourceQuota } from './describeQuota.js';

export interface DescribeRelated {
  events: KObj[];
  pods?: KObj[];
  replicaSets?: KObj[];
  /** Resource quotas of the namespace, for describing a namespace. */
  quotas?: KObj[];
}

export function describeObject(kind: ResourceKind, obj: KObj, related: DescribeRelated, now: number): string {
  const r = { ...related, events: eventsFor({ ...obj, kind: obj.kind ?? kind.kind }, related.events) };
  const text = (() => {
    switch (kind.kind) {
      case 'Pod':
        return describePod(obj, r.events, now);
      case 'Deployment':
        return describeDeployment(obj, r, now);
      case 'ReplicaSet':
        return describeReplicaSet(obj, r, now);
      case 'StatefulSet':
        return describeStatefulSet(obj, r, now);
      case 'DaemonSet':
        return describeDaemonSet(obj, r, now);
      case 'Job':
        return describeJob(obj, r, now);
      case 'CronJob':
        return describeCronJob(obj, r, now);
      case 'Node':
        return describeNode(obj, r, now);
      case 'Service':
        return describeService(obj, r, now);
      case 'Namespace':
        return describeNamespace(obj, related.quotas);
      case 'ResourceQuota':
        return describeResourceQuota(obj);
      default:
        return describeGeneric(kind, obj, r.events, now);
    }
  })();
  // Last line of defence: whatever a describer let through, no control sequence reaches the terminal.
  return sanitize(text, true);
}

function describeGeneric(kind: ResourceKind, obj: KObj, events: KObj[], now: number): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', obj.metadata.name);
  if (kind.namespaced) w.kv(0, 'Namespace', obj.metadata.namespace ?? '');
  writeLabels(w, 0, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 0, obj.metadata.annotations);
  if (kind.kind !== 'ConfigMap') w.kv(0, 'CreationTimestamp', formatRfc1123Z(obj.metadata.creationTimestamp));
  if (kind.kind === 'ConfigMap') {
    // describe.go ConfigMapDescriber: "key:", a rule, the value verbatim, a blank line.
    w.line(0, '');
    w.line(0, 'Data');
    w.line(0, '====');
    for (const k of Object.keys(obj.data ?? {}).sort()) {
      w.line(0, `${clean(k)}:`);
      w.line(0, '----');
      for (const line of `${obj.data[k]}\n`.split('\n')) w.line(0, clean(line));
    }
    w.line(0, '');
    w.line(0, 'BinaryData');
    w.line(0, '====');
    for (const k of Object.keys(obj.binaryData ?? {}).sort()) {
      w.line(0, `${clean(k)}: ${Buffer.from(String(obj.binaryData[k]), 'base64').length} bytes`);
    }
    w.line(0, '');
  } else {
    const ctx = { now };
    for (const c of kind.columns) {
      if (c.metrics || c.id === 'name' || c.id === 'age') continue;
      const text = c.text ? c.text(obj, ctx) : String(c.value(obj, ctx));
      w.kv(0, titleCase(c.header), text === '' ? '<none>' : text);
    }
  }
  if (kind.kind !== 'Event') writeEvents(w, events, now);
  return w.toString();
}

// "LAST SEEN" → "Last Seen", "PORT(S)" → "Port(s)".
const titleCase = (h: string) => h.toLowerCase().replace(/(^|[\s-/])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
