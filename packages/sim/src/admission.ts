// What kube-apiserver does to an object between decoding and storage: defaulting (the
// SetDefaults_* functions of the v1/apps/batch types), create-time strategy (status reset, pod QoS)
// and validation (a subset of pkg/apis/*/validation, with the same field paths and messages).
import { cronJobCauses } from './controllers/cron.js';
import { invalid, type FieldCause } from './status.js';
import { canonicalJson } from './store.js';
import type { KubeObject, SimKind } from './types.js';
import { containerCauses, labelCauses, nameCauses, selectorCauses } from './validation.js';

/** The API server's defaults for a pod spec (also applied to templates the controllers compare). */
export function defaultPodSpec(spec: any): void {
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const image = String(c.image ?? '');
    const tagged = /:[^/]+$/.test(image) || image.includes('@');
    c.imagePullPolicy ??= !tagged || image.endsWith(':latest') ? 'Always' : 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  }
}

function defaultTemplate(spec: any): void {
  if (spec?.template) {
    spec.template.metadata ??= {};
    defaultPodSpec(spec.template.spec);
  }
}

/**
 * Service fields the real server fills on an IPv4 single-stack cluster: SetDefaults_Service
 * (internalTrafficPolicy, externalTrafficPolicy, allocateLoadBalancerNodePorts) and the IP allocator's
 * initIPFamilyFields (ipFamilyPolicy, ipFamilies). A headless service without a selector asks for
 * RequireDualStack, which a single-stack cluster still serves with IPv4 alone.
 */
function defaultServiceTraffic(spec: any): void {
  if (spec.type === 'ExternalName') return;
  spec.internalTrafficPolicy ??= 'Cluster';
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.externalIPs ?? []).length > 0;
  if (external) spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  const headlessNoSelector = spec.clusterIP === 'None' && !Object.keys(spec.selector ?? {}).length;
  spec.ipFamilyPolicy ??= headlessNoSelector ? 'RequireDualStack' : 'SingleStack';
  spec.ipFamilies ??= ['IPv4'];
}

export function applyDefaults(kind: SimKind, obj: KubeObject): void {
  const spec = obj.spec;
  switch (kind.kind) {
    case 'Pod':
      defaultPodSpec(spec);
      break;
    case 'Deployment':
      if (!spec) break;
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate' };
      if (spec.strategy.type === 'RollingUpdate') spec.strategy.rollingUpdate ??= { maxSurge: '25%', maxUnavailable: '25%' };
      defaultTemplate(spec);
      break;
    case 'ReplicaSet':
      if (!spec) break;
      spec.replicas ??= 1;
      defaultTemplate(spec);
      break;
    case 'StatefulSet':
      if (!spec) break;
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
      spec.revisionHistoryLimit ??= 10;
      defaultTemplate(spec);
      break;
    case 'DaemonSet':
      if (!spec) break;
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
      spec.revisionHistoryLimit ??= 10;
      defaultTemplate(spec);
      break;
    case 'Job':
      if (!spec) break;
      spec.parallelism ??= 1;
      if (spec.completions === undefined && spec.parallelism === 1) spec.completions = 1;
      spec.backoffLimit ??= 6;
      spec.completionMode ??= 'NonIndexed';
      spec.suspend ??= false;
      if (spec.template?.spec) spec.template.spec.restartPolicy ??= 'Never';
      defaultTemplate(spec);
      break;
    case 'CronJob':
      if (!spec) break;
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      if (spec.jobTemplate?.spec) defaultTemplate(spec.jobTemplate.spec);
      break;
    case 'Service':
      obj.spec ??= {};
      obj.spec.type ??= 'ClusterIP';
      obj.spec.sessionAffinity ??= 'None';
      // The ClusterIP and node ports are allocated by serviceAlloc.ts (it needs the other Services).
      if (obj.spec.clusterIP) obj.spec.clusterIPs ??= [obj.spec.clusterIP];
      defaultServiceTraffic(obj.spec);
      for (const p of obj.spec.ports ?? []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
      break;
    case 'Endpoints':
      // SetDefaults_EndpointPort: a port without a protocol is TCP.
      for (const sub of obj.subsets ?? []) for (const p of sub.ports ?? []) p.protocol ??= 'TCP';
      break;
    case 'EndpointSlice':
      // SetDefaults_EndpointPort: a port without a name gets "", without a protocol TCP.
      for (const p of obj.ports ?? []) {
        p.name ??= '';
        p.protocol ??= 'TCP';
      }
      break;
    case 'Secret':
      obj.type ??= 'Opaque';
      // stringData is write-only: merged into data (base64) on write, as the real registry does.
      if (obj.stringData && typeof obj.stringData === 'object') {
        obj.data = { ...(obj.data ?? {}) };
        for (const [k, v] of Object.entries(obj.stringData)) obj.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
        delete obj.stringData;
      }
      break;
    case 'PersistentVolumeClaim':
      obj.spec ??= {};
      obj.spec.volumeMode ??= 'Filesystem';
      break;
    case 'PersistentVolume':
      obj.spec ??= {};
      obj.spec.persistentVolumeReclaimPolicy ??= 'Retain';
      obj.spec.volumeMode ??= 'Filesystem';
      break;
    case 'StorageClass':
      obj.reclaimPolicy ??= 'Delete';
      obj.volumeBindingMode ??= 'Immediate';
      break;
    case 'HorizontalPodAutoscaler':
      // SetDefaults_HorizontalPodAutoscaler: one replica at least, and CPU at 80% when no metric is given.
      obj.spec ??= {};
      obj.spec.minReplicas ??= 1;
      if (!obj.spec.metrics?.length) obj.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
      break;
    case 'Namespace':
      obj.spec ??= {};
      obj.spec.finalizers ??= ['kubernetes'];
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
      break;
  }
}

/**
 * PrepareForCreate: a new object's status is the server's, not the client's. Nodes are the exception:
 * nodeStrategy.PrepareForCreate keeps every field, status included (a kubelet registers with its status).
 */
export function prepareForCreate(kind: SimKind, obj: KubeObject): void {
  if (kind.kind === 'Node') obj.status ??= {};
  else if (kind.kind === 'Pod') obj.status = { phase: 'Pending', qosClass: qosClass(obj) };
  else if (kind.kind === 'Namespace') obj.status = { phase: 'Active' };
  else if (kind.kind === 'PersistentVolumeClaim' || kind.kind === 'PersistentVolume') obj.status = { phase: 'Pending' };
  else if (kind.kind === 'PodDisruptionBudget') obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  else if (kind.subresources?.includes('status')) obj.status = {};
}

/**
 * The Job strategy's generateSelector (run from jobStrategy.Validate, once the uid exists): unless
 * spec.manualSelector is true, the pod template is labelled with the job's name and uid (both the
 * batch.kubernetes.io/ and the legacy keys) and the selector matches the uid label. Labels and
 * matchLabels the client set are kept.
 */
export function generateJobSelector(job: KubeObject): void {
  const spec = job.spec;
  if (!spec || spec.manualSelector === true) return;
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels = (spec.template.metadata.labels ??= {});
  for (const [k, v] of [['batch.kubernetes.io/controller-uid', uid], ['batch.kubernetes.io/job-name', name], ['controller-uid', uid], ['job-name', name]]) labels[k] ??= v;
  spec.selector ??= {};
  spec.selector.matchLabels ??= {};
  spec.selector.matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
}

/** v1 qos.GetPodQOS: Guaranteed when every container has equal cpu+memory requests and limits. */
export function qosClass(pod: KubeObject): string {
  const cs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function replicaCauses(spec: any, field = 'spec.replicas'): FieldCause[] {
  const r = spec?.replicas;
  if (r === undefined || r === null) return [];
  if (typeof r !== 'number' || !Number.isInteger(r)) return [{ field, type: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(r)}: must be an integer` }];
  return r < 0 ? [{ field, type: 'FieldValueInvalid', message: `Invalid value: ${r}: must be greater than or equal to 0` }] : [];
}

/** Throws 422 Invalid (apierrors.NewInvalid shape) when the object is not valid. */
export function validate(kind: SimKind, obj: KubeObject, isCreate: boolean): void {
  const causes = validationCauses(kind, obj, isCreate);
  if (causes.length) throw invalid(kind.kind, kind.group, obj.metadata?.name ?? '', causes);
}

function validationCauses(kind: SimKind, obj: KubeObject, isCreate: boolean): FieldCause[] {
  const name = obj.metadata?.name ?? '';
  const causes: FieldCause[] = [];
  if (isCreate && name) causes.push(...nameCauses(kind.kind, name));
  causes.push(...labelCauses(obj.metadata?.labels, 'metadata.labels'));
  switch (kind.kind) {
    case 'Pod':
      causes.push(...containerCauses(obj.spec, 'spec'));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      causes.push(...replicaCauses(obj.spec));
      if (!obj.spec?.selector) causes.push({ field: 'spec.selector', type: 'FieldValueRequired', message: 'Required value' });
      causes.push(...labelCauses(obj.spec?.template?.metadata?.labels, 'spec.template.metadata.labels'));
      causes.push(...selectorCauses(obj.spec));
      causes.push(...containerCauses(obj.spec?.template?.spec, 'spec.template.spec'));
      break;
    case 'Job':
      causes.push(...labelCauses(obj.spec?.template?.metadata?.labels, 'spec.template.metadata.labels'));
      causes.push(...selectorCauses(obj.spec));
      causes.push(...containerCauses(obj.spec?.template?.spec, 'spec.template.spec'));
      break;
    case 'CronJob':
      if (!obj.spec?.schedule) causes.push({ field: 'spec.schedule', type: 'FieldValueRequired', message: 'Required value' });
      causes.push(...cronJobCauses(obj.spec));
      causes.push(...containerCauses(obj.spec?.jobTemplate?.spec?.template?.spec, 'spec.jobTemplate.spec.template.spec'));
      break;
  }
  return causes;
}

/** Scale subresource validation (autoscaling/v1 Scale). */
export function validateScale(kind: SimKind, name: string, replicas: unknown): void {
  const causes = replicaCauses({ replicas });
  if (causes.length) throw invalid(kind.kind, kind.group, name, causes);
}

const POD_UPDATE_MESSAGE = 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * ValidateXUpdate: the object's own validation, then the registries' update rules (most of a pod's
 * spec and a workload's selector are immutable), all in one 422 as the strategies append them.
 */
export function validateUpdate(kind: SimKind, current: KubeObject, next: KubeObject, isStatus: boolean): void {
  const causes = validationCauses(kind, next, false);
  if (!isStatus) causes.push(...immutableCauses(kind, current, next));
  if (causes.length) throw invalid(kind.kind, kind.group, current.metadata.name ?? '', causes);
}

function immutableCauses(kind: SimKind, current: KubeObject, next: KubeObject): FieldCause[] {
  if (kind.kind === 'Pod') {
    // ValidatePodUpdate: compare the specs with the mutable fields masked out.
    const mask = (spec: any) => {
      const m = JSON.parse(JSON.stringify(spec ?? {}));
      for (const c of [...(m.containers ?? []), ...(m.initContainers ?? [])]) delete c.image;
      delete m.activeDeadlineSeconds;
      delete m.tolerations;
      delete m.terminationGracePeriodSeconds;
      return canonicalJson(m);
    };
    if (mask(current.spec) !== mask(next.spec)) return [{ field: 'spec', type: 'FieldValueForbidden', message: POD_UPDATE_MESSAGE }];
  }
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(kind.kind) && current.spec?.selector && next.spec?.selector) {
    if (canonicalJson(current.spec.selector) !== canonicalJson(next.spec.selector)) {
      return [{ field: 'spec.selector', type: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(next.spec.selector)}: field is immutable` }];
    }
  }
  return [];
}
