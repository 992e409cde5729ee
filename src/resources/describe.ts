// `d`: a kubectl-describe-like text for any object, with its events. Each kind follows kubectl's
// describer for it; kinds kubectl has none for (events) follow its generic describer.
import type { KObj, ResourceKind } from './types.js';
import { sanitize } from './format.js';
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
import { describeUnstructured } from './describeUnstructured.js';
import { describeSecret } from './secretData.js';

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
      case 'Secret':
        return describeSecret(obj);
      case 'ConfigMap':
        return describeConfigMap(obj, r.events, now);
      default:
        return describeUnstructured(kind, obj, r.events, now);
    }
  })();
  // Last line of defence: whatever a describer let through, no control sequence reaches the terminal.
  return sanitize(text, true);
}

/** describe.go ConfigMapDescriber: "key:", a rule, the value verbatim, a blank line. */
function describeConfigMap(obj: KObj, events: KObj[], now: number): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', obj.metadata.name);
  w.kv(0, 'Namespace', obj.metadata.namespace ?? '');
  writeLabels(w, 0, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 0, obj.metadata.annotations);
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
  writeEvents(w, events, now);
  return w.toString();
}
