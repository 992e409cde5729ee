// kubectl's typed clients (create deployment/job/cronjob/namespace/configmap/secret/service/quota,
// autoscale, auth can-i) send bodies as Kubernetes protobuf: "k8s\0" + runtime.Unknown{typeMeta, raw}. This is a
// small wire-format reader plus a schema for the messages those commands send, with field numbers
// from k8s.io/api's generated.proto files. Unknown fields are skipped. Answers stay JSON (kubectl
// accepts it).
import { badRequest } from './status.js';
import { SimError } from './types.js';

type Fields = Map<number, Array<Buffer | number>>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw badRequest('unexpected end of protobuf body');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
    shift += 7n;
  }
  // int32/int64 negatives are 64-bit two's complement.
  return [Number(result >= 1n << 63n ? result - (1n << 64n) : result), pos];
}

function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let key: number;
    [key, pos] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      let len: number;
      [len, pos] = readVarint(buf, pos);
      value = buf.subarray(pos, pos + len);
      pos += len;
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else throw badRequest('unsupported protobuf wire type');
    if (!out.has(field)) out.set(field, []);
    out.get(field)!.push(value);
  }
  return out;
}

/** [json name, type, repeated]. Types: scalar names, 'map' (string→string), 'map:bytes', 'map:quantity', or a message name. */
type FieldSpec = [string, string, boolean?];
const S: Record<string, Record<number, FieldSpec>> = {
  ObjectMeta: { 1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 5: ['uid', 'string'], 6: ['resourceVersion', 'string'], 7: ['generation', 'int'], 11: ['labels', 'map'], 12: ['annotations', 'map'], 13: ['ownerReferences', 'OwnerReference', true], 14: ['finalizers', 'string', true] },
  OwnerReference: { 1: ['kind', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'], 6: ['controller', 'bool'], 7: ['blockOwnerDeletion', 'bool'] },
  Namespace: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NamespaceSpec'] },
  NamespaceSpec: { 1: ['finalizers', 'string', true] },
  ConfigMap: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'map'], 3: ['binaryData', 'map:bytes'], 4: ['immutable', 'bool'] },
  Secret: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'map:bytes'], 3: ['type', 'string'], 4: ['stringData', 'map'], 5: ['immutable', 'bool'] },
  ServiceAccount: { 1: ['metadata', 'ObjectMeta'] },
  Pod: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'] },
  DeploymentSpec: { 1: ['replicas', 'int'], 2: ['selector', 'LabelSelector'], 3: ['template', 'PodTemplateSpec'], 4: ['strategy', 'DeploymentStrategy'], 5: ['minReadySeconds', 'int'], 6: ['revisionHistoryLimit', 'int'], 7: ['paused', 'bool'], 9: ['progressDeadlineSeconds', 'int'] },
  DeploymentStrategy: { 1: ['type', 'string'], 2: ['rollingUpdate', 'RollingUpdateDeployment'] },
  RollingUpdateDeployment: { 1: ['maxUnavailable', 'intOrString'], 2: ['maxSurge', 'intOrString'] },
  LabelSelector: { 1: ['matchLabels', 'map'], 2: ['matchExpressions', 'LabelSelectorRequirement', true] },
  LabelSelectorRequirement: { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', true] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: { 2: ['containers', 'Container', true], 3: ['restartPolicy', 'string'], 4: ['terminationGracePeriodSeconds', 'int'], 5: ['activeDeadlineSeconds', 'int'], 6: ['dnsPolicy', 'string'], 7: ['nodeSelector', 'map'], 8: ['serviceAccountName', 'string'], 9: ['serviceAccount', 'string'], 10: ['nodeName', 'string'], 11: ['hostNetwork', 'bool'], 15: ['imagePullSecrets', 'LocalObjectReference', true], 19: ['schedulerName', 'string'], 20: ['initContainers', 'Container', true] },
  LocalObjectReference: { 1: ['name', 'string'] },
  Container: { 1: ['name', 'string'], 2: ['image', 'string'], 3: ['command', 'string', true], 4: ['args', 'string', true], 5: ['workingDir', 'string'], 6: ['ports', 'ContainerPort', true], 7: ['env', 'EnvVar', true], 8: ['resources', 'ResourceRequirements'], 13: ['terminationMessagePath', 'string'], 14: ['imagePullPolicy', 'string'], 16: ['stdin', 'bool'], 17: ['stdinOnce', 'bool'], 18: ['tty', 'bool'], 20: ['terminationMessagePolicy', 'string'] },
  ContainerPort: { 1: ['name', 'string'], 2: ['hostPort', 'int'], 3: ['containerPort', 'int'], 4: ['protocol', 'string'], 5: ['hostIP', 'string'] },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  ResourceRequirements: { 1: ['limits', 'map:quantity'], 2: ['requests', 'map:quantity'] },
  Job: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  JobSpec: { 1: ['parallelism', 'int'], 2: ['completions', 'int'], 3: ['activeDeadlineSeconds', 'int'], 4: ['selector', 'LabelSelector'], 5: ['manualSelector', 'bool'], 6: ['template', 'PodTemplateSpec'], 7: ['backoffLimit', 'int'], 8: ['ttlSecondsAfterFinished', 'int'], 9: ['completionMode', 'string'], 10: ['suspend', 'bool'] },
  CronJob: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'CronJobSpec'] },
  CronJobSpec: { 1: ['schedule', 'string'], 2: ['startingDeadlineSeconds', 'int'], 3: ['concurrencyPolicy', 'string'], 4: ['suspend', 'bool'], 5: ['jobTemplate', 'JobTemplateSpec'], 6: ['successfulJobsHistoryLimit', 'int'], 7: ['failedJobsHistoryLimit', 'int'], 8: ['timeZone', 'string'] },
  JobTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  Service: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ServiceSpec'] },
  ServiceSpec: { 1: ['ports', 'ServicePort', true], 2: ['selector', 'map'], 3: ['clusterIP', 'string'], 4: ['type', 'string'], 5: ['externalIPs', 'string', true], 7: ['sessionAffinity', 'string'], 11: ['externalName', 'string'], 18: ['clusterIPs', 'string', true] },
  ServicePort: { 1: ['name', 'string'], 2: ['protocol', 'string'], 3: ['port', 'int'], 4: ['targetPort', 'intOrString'], 5: ['nodePort', 'int'] },
  ResourceQuota: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ResourceQuotaSpec'] },
  ResourceQuotaSpec: { 1: ['hard', 'map:quantity'], 2: ['scopes', 'string', true] },
  DeleteOptions: { 1: ['gracePeriodSeconds', 'int'], 2: ['preconditions', 'Preconditions'], 3: ['orphanDependents', 'bool'], 4: ['propagationPolicy', 'string'], 5: ['dryRun', 'string', true] },
  Preconditions: { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] },
  Eviction: { 1: ['metadata', 'ObjectMeta'], 2: ['deleteOptions', 'DeleteOptions'] },
  SelfSubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectAccessReviewSpec'] },
  SelfSubjectAccessReviewSpec: { 1: ['resourceAttributes', 'ResourceAttributes'], 2: ['nonResourceAttributes', 'NonResourceAttributes'] },
  ResourceAttributes: { 1: ['namespace', 'string'], 2: ['verb', 'string'], 3: ['group', 'string'], 4: ['version', 'string'], 5: ['resource', 'string'], 6: ['subresource', 'string'], 7: ['name', 'string'] },
  NonResourceAttributes: { 1: ['path', 'string'], 2: ['verb', 'string'] },
  SelfSubjectRulesReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectRulesReviewSpec'] },
  SelfSubjectRulesReviewSpec: { 1: ['namespace', 'string'] },
  // autoscaling/v2 (kubectl autoscale)
  HorizontalPodAutoscaler: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'HorizontalPodAutoscalerSpec'] },
  HorizontalPodAutoscalerSpec: { 1: ['scaleTargetRef', 'CrossVersionObjectReference'], 2: ['minReplicas', 'int'], 3: ['maxReplicas', 'int'], 4: ['metrics', 'MetricSpec', true] },
  CrossVersionObjectReference: { 1: ['kind', 'string'], 2: ['name', 'string'], 3: ['apiVersion', 'string'] },
  MetricSpec: { 1: ['type', 'string'], 4: ['resource', 'ResourceMetricSource'] },
  ResourceMetricSource: { 1: ['name', 'string'], 2: ['target', 'MetricTarget'] },
  MetricTarget: { 1: ['type', 'string'], 2: ['value', 'quantity'], 3: ['averageValue', 'quantity'], 4: ['averageUtilization', 'int'] },
};

const str = (v: Buffer | number | undefined): string => (Buffer.isBuffer(v) ? v.toString('utf8') : '');

function mapEntries(values: Array<Buffer | number>, valueType: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of values) {
    if (!Buffer.isBuffer(v)) continue;
    const e = fields(v);
    const key = str(e.get(1)?.[0]);
    const raw = e.get(2)?.[0];
    if (valueType === 'map:bytes') out[key] = Buffer.isBuffer(raw) ? raw.toString('base64') : '';
    else if (valueType === 'map:quantity') out[key] = Buffer.isBuffer(raw) ? str(fields(raw).get(1)?.[0]) : '';
    else out[key] = str(raw);
  }
  return out;
}

function scalar(v: Buffer | number, type: string): unknown {
  switch (type) {
    case 'string':
      return str(v);
    case 'int':
      return typeof v === 'number' ? v : 0;
    case 'bool':
      return v === 1;
    case 'quantity':
      return Buffer.isBuffer(v) ? str(fields(v).get(1)?.[0]) : '';
    case 'intOrString': {
      const f = Buffer.isBuffer(v) ? fields(v) : new Map();
      return f.get(1)?.[0] === 1 ? str(f.get(3)?.[0]) : (f.get(2)?.[0] as number) ?? 0;
    }
    default:
      return Buffer.isBuffer(v) ? decodeMessage(v, type) : undefined;
  }
}

/** Optional (pointer) integers where 0 is a real value; other zero ints are Go zero values, omitted like JSON's omitempty. */
const MEANINGFUL_ZERO = new Set(['gracePeriodSeconds', 'replicas', 'completions', 'parallelism', 'backoffLimit', 'terminationGracePeriodSeconds', 'revisionHistoryLimit', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'ttlSecondsAfterFinished', 'activeDeadlineSeconds', 'startingDeadlineSeconds', 'progressDeadlineSeconds', 'minReadySeconds', 'intOrString']);

function decodeMessage(buf: Buffer, type: string): Record<string, unknown> {
  const schema = S[type];
  const f = fields(buf);
  const out: Record<string, unknown> = {};
  for (const [num, values] of f) {
    const spec = schema?.[num];
    if (!spec) continue;
    const [name, t, repeated] = spec;
    let v: unknown;
    if (t.startsWith('map')) v = mapEntries(values, t);
    else if (repeated) v = values.map((x) => scalar(x, t));
    else v = scalar(values[values.length - 1], t);
    // gogo-protobuf writes Go zero values; JSON would have omitted them.
    if (v === '' || v === false || (v === 0 && !MEANINGFUL_ZERO.has(name) && t !== 'intOrString')) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[name] = v;
  }
  return out;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decodes a k8s protobuf body of a kind we have a schema for into its JSON form. */
export function decodeProtobuf(body: Buffer): Record<string, any> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  const unknown = fields(body.subarray(4));
  const typeMeta = unknown.get(1)?.[0];
  const tm = Buffer.isBuffer(typeMeta) ? fields(typeMeta) : new Map();
  const apiVersion = str(tm.get(1)?.[0]);
  const kind = str(tm.get(2)?.[0]);
  const raw = unknown.get(2)?.[0];
  if (!S[kind] || !Buffer.isBuffer(raw)) {
    throw new SimError(415, 'UnsupportedMediaType', `the embedded cluster cannot decode protobuf for kind "${kind}"; send application/json`);
  }
  return { apiVersion, kind, ...decodeMessage(raw, kind) };
}
