// The schemas of the kinds the embedded cluster serves, in a compact form that schema.ts reads and
// turns into OpenAPI v2/v3 documents (for kubectl explain, client-side apply and validation) and into
// the server's own strict decoding (unknown fields, quantities). Written for the sim, covering the fields
// its kinds use; status and a few deep structures (affinity, security contexts) are left open.
//
//   package NAME                      the OpenAPI name prefix of the types below (io.k8s.api.apps.v1)
//   Type [@group/version] | text      a type; @gv makes it a kind served at that group/version
//   · field type [flags] | text       a field of the type above (two spaces of indent)
// Field types: string, integer (int32), int64, number, boolean, quantity, intstr, time, bytes,
// object (anything), map:T, []T, or a type name. Flags: merge=KEY (a list merged by KEY, as strategic
// merge patch and server-side apply do), atomic (replaced as a whole), set (a list of unique scalars),
// required.
export const DEFINITIONS = `
package io.k8s.apimachinery.pkg.apis.meta.v1
ObjectMeta | Standard object metadata: name, namespace, labels, annotations and what the server records.
  name string | Unique name within a namespace (or the cluster, for cluster-scoped kinds). Cannot be updated.
  generateName string | Prefix the server uses to generate a unique name when name is not set.
  namespace string | The namespace the object lives in; empty for cluster-scoped kinds.
  selfLink string | Deprecated, never set.
  uid string | Unique id of this object over time, set by the server.
  resourceVersion string | Opaque version of the object, for optimistic concurrency and watches.
  generation int64 | Sequence number of a specific generation of the desired state, set by the server.
  creationTimestamp time | When the server created the object.
  deletionTimestamp time | When the object will be deleted; set by the server when deletion is requested.
  deletionGracePeriodSeconds int64 | Seconds the object is allowed to terminate gracefully before removal.
  labels map:string | Key/value pairs used to organize and select objects (by label selectors).
  annotations map:string | Key/value pairs for tools and people; not used for selection.
  ownerReferences []OwnerReference merge=uid | Objects this one depends on; the garbage collector deletes it when they go.
  finalizers []string set | Keys that must be removed before the object is deleted from the registry.
  managedFields []ManagedFieldsEntry atomic | Which manager owns which fields (server-side apply). Set by the server.
OwnerReference | A reference to an owning object in the same namespace.
  apiVersion string required | API version of the owner.
  kind string required | Kind of the owner.
  name string required | Name of the owner.
  uid string required | UID of the owner.
  controller boolean | True if the owner is the managing controller.
  blockOwnerDeletion boolean | If true, the owner cannot be deleted before this object (foreground deletion).
ManagedFieldsEntry | The fields a manager owns and how it last wrote them.
  manager string | Name of the workflow managing these fields (kubectl, kube-controller-manager...).
  operation string | Apply or Update.
  apiVersion string | Version of the resource the fields were written in.
  time time | When the entry last changed.
  fieldsType string | Format of fieldsV1 (always FieldsV1).
  fieldsV1 object | The set of owned fields as a trie of f:name, k:{key} and v:value entries.
  subresource string | The subresource the fields were written through (status, scale), if any.
LabelSelector atomic | A label query: matchLabels and matchExpressions are ANDed. Empty selects everything.
  matchLabels map:string | Labels that must all match exactly.
  matchExpressions []LabelSelectorRequirement atomic | Requirements on label keys (In, NotIn, Exists, DoesNotExist).
LabelSelectorRequirement | One requirement of a label selector.
  key string required | The label key.
  operator string required | In, NotIn, Exists or DoesNotExist.
  values []string atomic | Values for In and NotIn; empty for Exists and DoesNotExist.

package io.k8s.api.core.v1
Namespace @/v1 | Namespace provides a scope for names; quotas and roles apply per namespace.
  spec NamespaceSpec | The namespace's finalizers.
  status object | Phase of the namespace (Active or Terminating).
NamespaceSpec | What must happen before a namespace is removed.
  finalizers []string atomic | Finalizers that must be cleared before the namespace is deleted.
Node @/v1 | A worker node: its capacity, conditions and the pods scheduled on it.
  spec NodeSpec | The node's configuration.
  status object | Capacity, allocatable resources, conditions, addresses and node info reported by the kubelet.
NodeSpec | How the node is configured.
  podCIDR string | The pod IP range assigned to the node.
  podCIDRs []string set | The pod IP ranges assigned to the node.
  providerID string | The node's id in the cloud provider.
  unschedulable boolean | If true, no new pods are scheduled on the node (kubectl cordon).
  taints []Taint atomic | Taints that repel pods which do not tolerate them.
Taint | A taint repels pods that do not tolerate it.
  key string required | The taint key.
  value string | The taint value.
  effect string required | NoSchedule, PreferNoSchedule or NoExecute.
  timeAdded time | When a NoExecute taint was added.
Pod @/v1 | Pod is a group of containers that run together on one node.
  spec PodSpec | Specification of the desired behavior of the pod.
  status object | Most recently observed status of the pod: phase, conditions, IPs and container statuses.
PodTemplateSpec | The pods a controller creates from this template.
  metadata ObjectMeta | Metadata of the pods (labels the selector matches).
  spec PodSpec | Specification of the pods.
PodSpec | What runs in a pod and how.
  containers []Container merge=name required | The containers of the pod. At least one; cannot be added or removed later.
  initContainers []Container merge=name | Containers run to completion, in order, before the app containers start.
  volumes []Volume merge=name | Volumes the containers can mount.
  restartPolicy string | Always, OnFailure or Never. Defaults to Always.
  terminationGracePeriodSeconds int64 | Seconds the pod gets to stop gracefully. Defaults to 30.
  activeDeadlineSeconds int64 | Seconds the pod may be active before the kubelet fails it.
  dnsPolicy string | ClusterFirst (default), ClusterFirstWithHostNet, Default or None.
  dnsConfig object | Extra DNS parameters.
  nodeSelector map:string | Labels a node must have for the pod to be scheduled on it.
  nodeName string | The node the pod is bound to; set by the scheduler.
  serviceAccountName string | The ServiceAccount the pod runs as. Defaults to default.
  serviceAccount string | Deprecated alias of serviceAccountName.
  automountServiceAccountToken boolean | Whether the service account token is mounted.
  hostNetwork boolean | Use the node's network namespace.
  hostPID boolean | Use the node's PID namespace.
  hostIPC boolean | Use the node's IPC namespace.
  shareProcessNamespace boolean | Share one PID namespace between the containers.
  securityContext object | Pod-level security attributes.
  imagePullSecrets []LocalObjectReference merge=name | Secrets used to pull the images.
  hostname string | The pod's hostname. Defaults to the pod name.
  subdomain string | The pod's DNS subdomain (with a headless Service of that name).
  affinity object | Node, pod and pod anti-affinity scheduling rules.
  schedulerName string | The scheduler that places the pod. Defaults to default-scheduler.
  tolerations []Toleration atomic | Taints the pod tolerates.
  hostAliases []object | Extra /etc/hosts entries.
  priorityClassName string | The pod's priority class.
  priority integer | The pod's priority, resolved from priorityClassName.
  preemptionPolicy string | PreemptLowerPriority or Never.
  readinessGates []object atomic | Extra conditions for pod readiness.
  runtimeClassName string | The RuntimeClass that runs the pod.
  enableServiceLinks boolean | Whether Service environment variables are injected. Defaults to true.
  topologySpreadConstraints []object | How pods spread across topology domains.
  overhead map:quantity | Resource overhead of the pod sandbox.
Container | One container of a pod.
  name string required | Name of the container, a DNS label unique in the pod. Cannot be updated.
  image string | Container image name, e.g. nginx:1.27.
  command []string atomic | Entrypoint array, replacing the image's ENTRYPOINT. Not run in a shell.
  args []string atomic | Arguments to the entrypoint, replacing the image's CMD.
  workingDir string | The container's working directory.
  ports []ContainerPort merge=containerPort | Ports the container exposes (informational).
  envFrom []EnvFromSource atomic | Sources (ConfigMaps, Secrets) of environment variables.
  env []EnvVar merge=name | Environment variables of the container.
  resources ResourceRequirements | Compute resources the container requests and is limited to.
  volumeMounts []VolumeMount merge=mountPath | Volumes mounted into the container's filesystem.
  livenessProbe Probe | Probe of liveness; the container is restarted when it fails.
  readinessProbe Probe | Probe of readiness; the pod leaves Service endpoints when it fails.
  startupProbe Probe | Probe that must succeed before the other probes start.
  lifecycle object | Actions on container start and stop.
  terminationMessagePath string | Where the container writes its termination message.
  terminationMessagePolicy string | File or FallbackToLogsOnError.
  imagePullPolicy string | Always, Never or IfNotPresent. Defaults to Always for :latest or no tag.
  securityContext object | Container-level security attributes.
  stdin boolean | Allocate a buffer for stdin.
  stdinOnce boolean | Close stdin after the first attach.
  tty boolean | Allocate a TTY.
  restartPolicy string | For init containers: Always makes it a sidecar.
ContainerPort | A network port of a container.
  name string | An IANA service name for the port, unique in the pod.
  containerPort integer required | Port number on the pod's IP (1-65535).
  hostPort integer | Port number on the node.
  protocol string | TCP (default), UDP or SCTP.
  hostIP string | Host IP to bind to.
EnvVar | An environment variable.
  name string required | Name of the variable.
  value string | Its value; $(VAR) references are expanded.
  valueFrom object | Where the value comes from (configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef).
EnvFromSource | A source of environment variables.
  prefix string | Prefix added to every variable name.
  configMapRef object | The ConfigMap.
  secretRef object | The Secret.
ResourceRequirements | Compute resources of a container.
  requests map:quantity | Minimum resources the scheduler reserves (cpu, memory).
  limits map:quantity | Maximum resources the container may use.
  claims []object | Dynamic resource claims.
VolumeMount | A volume mounted into a container.
  name string required | Name of the volume.
  mountPath string required | Path in the container.
  readOnly boolean | Mount read-only.
  subPath string | Path within the volume.
  mountPropagation string | How mounts propagate.
Volume | A named volume of a pod.
  name string required | Name of the volume, referenced by volume mounts.
  emptyDir object | A temporary directory that lives as long as the pod.
  configMap object | A ConfigMap as files.
  secret object | A Secret as files.
  persistentVolumeClaim object | A PersistentVolumeClaim.
  hostPath object | A path on the node.
  projected object | Several sources projected into one directory.
  downwardAPI object | Pod fields as files.
  nfs object | An NFS share.
Probe | How the kubelet checks a container.
  exec object | Run a command in the container; exit 0 is success.
  httpGet object | An HTTP GET against the container; 2xx and 3xx are success.
  tcpSocket object | A TCP connection to a port.
  grpc object | A gRPC health check.
  initialDelaySeconds integer | Seconds after start before the first probe.
  timeoutSeconds integer | Seconds before a probe times out. Defaults to 1.
  periodSeconds integer | Seconds between probes. Defaults to 10.
  successThreshold integer | Consecutive successes to count as success. Defaults to 1.
  failureThreshold integer | Consecutive failures to count as failure. Defaults to 3.
  terminationGracePeriodSeconds int64 | Grace period after a liveness failure.
Toleration | Lets a pod be scheduled onto (or stay on) a node with a matching taint.
  key string | The taint key; empty with Exists tolerates everything.
  operator string | Exists or Equal (default).
  value string | The taint value for Equal.
  effect string | The taint effect to match; empty matches all.
  tolerationSeconds int64 | How long a NoExecute taint is tolerated.
LocalObjectReference atomic | A reference to an object in the same namespace.
  name string | Name of the referent.
Service @/v1 | A named, load-balanced address for a set of pods chosen by a label selector.
  spec ServiceSpec | Specification of the desired behavior of the service.
  status object | The load balancer status.
ServiceSpec | How a Service is exposed.
  ports []ServicePort merge=port | The ports the service exposes.
  selector map:string | Pods with these labels receive the traffic.
  clusterIP string | The virtual IP, allocated by the server; None makes a headless service.
  clusterIPs []string atomic | The virtual IPs (one per IP family).
  type string | ClusterIP (default), NodePort, LoadBalancer or ExternalName.
  externalIPs []string atomic | Extra IPs nodes accept traffic for.
  sessionAffinity string | ClientIP or None (default).
  loadBalancerIP string | Deprecated requested load balancer IP.
  loadBalancerSourceRanges []string atomic | Client ranges allowed through the load balancer.
  externalName string | The DNS name an ExternalName service points at.
  externalTrafficPolicy string | Cluster or Local.
  internalTrafficPolicy string | Cluster or Local.
  healthCheckNodePort integer | Health check node port for Local traffic policy.
  publishNotReadyAddresses boolean | Publish endpoints of pods that are not ready.
  sessionAffinityConfig object | Session affinity settings.
  ipFamilies []string atomic | IPv4 and/or IPv6.
  ipFamilyPolicy string | SingleStack, PreferDualStack or RequireDualStack.
  allocateLoadBalancerNodePorts boolean | Allocate node ports for a LoadBalancer.
  loadBalancerClass string | The load balancer implementation.
  trafficDistribution string | Traffic routing preference.
ServicePort | A port of a Service.
  name string | Name of the port, required when there are several.
  protocol string | TCP (default), UDP or SCTP.
  appProtocol string | The application protocol.
  port integer required | The port the service listens on.
  targetPort intstr | The pods' port (number or name). Defaults to port.
  nodePort integer | The port on every node (NodePort and LoadBalancer), allocated from 30000-32767.
Endpoints @/v1 | The addresses behind a Service (deprecated since v1.33 in favour of EndpointSlice, still served).
  subsets []EndpointSubset atomic | Sets of addresses and ports; the endpoints controller fills them for a Service with a selector.
EndpointSubset | Addresses that share the same ports.
  addresses []EndpointAddress atomic | Addresses ready to receive traffic.
  notReadyAddresses []EndpointAddress atomic | Addresses not ready yet (or no longer).
  ports []EndpointPort atomic | Ports available on every address.
EndpointAddress | One endpoint's address.
  ip string required | The IP of this endpoint.
  hostname string | The hostname of this endpoint.
  nodeName string | The node hosting this endpoint.
  targetRef object | The object providing the endpoint (a Pod).
EndpointPort | A port of the endpoints.
  name string | The name of the service port it serves.
  port integer required | The port number.
  protocol string | TCP (default), UDP or SCTP.
  appProtocol string | The application protocol.
ConfigMap @/v1 | Configuration data as key/value pairs, for pods to consume.
  data map:string | UTF-8 configuration data.
  binaryData map:bytes | Binary configuration data (base64).
  immutable boolean | If true, the data cannot be changed.
Secret @/v1 | A small amount of sensitive data, such as a password or token.
  data map:bytes | Secret data, base64-encoded.
  stringData map:string | Write-only plain-text data, merged into data by the server.
  type string | The secret type. Defaults to Opaque.
  immutable boolean | If true, the data cannot be changed.
ServiceAccount @/v1 | An identity for processes running in pods.
  secrets []object merge=name | Secrets of the service account (legacy tokens).
  imagePullSecrets []LocalObjectReference atomic | Secrets used to pull images for its pods.
  automountServiceAccountToken boolean | Whether pods mount its token by default.
Event @/v1 | A report of something that happened to an object.
  involvedObject object | The object the event is about.
  reason string | Short, machine-readable reason (BackOff, Scheduled...).
  message string | Human-readable description.
  source object | The component that reported it.
  firstTimestamp time | When the event first happened.
  lastTimestamp time | When it last happened.
  count integer | How many times it happened.
  type string | Normal or Warning.
  eventTime time | When it happened, with microseconds.
  series object | Data about a series of events.
  action string | What was done.
  related object | A secondary object.
  reportingComponent string | The reporting controller.
  reportingInstance string | The reporting instance.
ResourceQuota @/v1 | Limits on the total resources of a namespace.
  spec ResourceQuotaSpec | The hard limits.
  status object | Hard limits and current usage.
ResourceQuotaSpec | What a quota limits.
  hard map:quantity | The limit per resource name (requests.cpu, pods...).
  scopes []string atomic | Scopes the quota applies to.
  scopeSelector object | Scope selector.

PersistentVolumeClaim @/v1 | A user's request for storage, bound to a PersistentVolume.
  spec PersistentVolumeClaimSpec | What storage the claim asks for.
  status object | Phase (Pending, Bound, Lost), the bound volume's capacity and access modes.
PersistentVolumeClaimSpec | The storage a claim asks for.
  accessModes []string atomic | ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.
  resources VolumeResourceRequirements | The minimum storage (requests.storage) the volume must have.
  storageClassName string | The StorageClass that provisions the volume; the default class when unset, none when "".
  volumeName string | The PersistentVolume bound to this claim.
  volumeMode string | Filesystem (default) or Block.
  selector LabelSelector | Labels a pre-existing volume must have to be bound.
  dataSource object | A snapshot or claim to populate the volume from.
  dataSourceRef object | An object to populate the volume from.
  volumeAttributesClassName string | The VolumeAttributesClass of the claim.
VolumeResourceRequirements | Storage a claim requests.
  requests map:quantity | Minimum amounts, e.g. storage: 1Gi.
  limits map:quantity | Maximum amounts.
PersistentVolume @/v1 | A piece of storage in the cluster, provisioned by an administrator or a StorageClass.
  spec PersistentVolumeSpec | The volume's capacity, access and source.
  status object | Phase (Pending, Available, Bound, Released, Failed) and reason.
PersistentVolumeSpec | What a volume is.
  capacity map:quantity | The volume's capacity, e.g. storage: 10Gi.
  accessModes []string atomic | How the volume can be mounted.
  claimRef object | The claim bound to this volume.
  persistentVolumeReclaimPolicy string | What happens when the claim is deleted: Retain (default for manual volumes), Delete or Recycle.
  storageClassName string | The StorageClass this volume belongs to.
  volumeMode string | Filesystem (default) or Block.
  mountOptions []string atomic | Mount options.
  nodeAffinity object | Nodes the volume can be used from.
  volumeAttributesClassName string | The VolumeAttributesClass of the volume.
  hostPath object | A directory on the node (single-node testing only).
  local object | A local disk of a node.
  nfs object | An NFS share.
  csi object | A volume of a CSI driver.
  gcePersistentDisk object | A GCE persistent disk (deprecated, migrated to CSI).
LimitRange @/v1 | Default and allowed resource requests and limits in a namespace, applied when pods are created.
  spec LimitRangeSpec | The limits.
LimitRangeSpec | The limits of a LimitRange.
  limits []LimitRangeItem atomic required | One item per kind of object limited (Container, Pod, PersistentVolumeClaim).
LimitRangeItem | The limits for one kind of object.
  type string required | Container, Pod or PersistentVolumeClaim.
  max map:quantity | The maximum allowed.
  min map:quantity | The minimum allowed.
  default map:quantity | The limits a container gets when it names none.
  defaultRequest map:quantity | The requests a container gets when it names none.
  maxLimitRequestRatio map:quantity | The maximum ratio of limit to request.

package io.k8s.api.apps.v1
Deployment @apps/v1 | Deployment enables declarative updates for Pods and ReplicaSets.
  spec DeploymentSpec | Specification of the desired behavior of the Deployment.
  status object | Most recently observed status of the Deployment.
DeploymentSpec | The desired state of a Deployment.
  replicas integer | Number of desired pods. Distinguishes an explicit zero from not specified. Defaults to 1.
  selector LabelSelector required | Label selector for pods. It must match the pod template's labels and cannot change.
  template PodTemplateSpec required | Template of the pods the Deployment creates.
  strategy DeploymentStrategy | How old pods are replaced by new ones.
  minReadySeconds integer | Seconds a new pod must be ready to count as available. Defaults to 0.
  revisionHistoryLimit integer | Old ReplicaSets kept for rollback. Defaults to 10.
  paused boolean | Whether the rollout is paused.
  progressDeadlineSeconds integer | Seconds before a stuck rollout is reported as failed. Defaults to 600.
DeploymentStrategy | How a Deployment replaces pods.
  type string | Recreate or RollingUpdate (default).
  rollingUpdate RollingUpdateDeployment | Parameters of a rolling update.
RollingUpdateDeployment | How fast a rolling update goes.
  maxUnavailable intstr | Pods that may be unavailable during the update (number or percent). Defaults to 25%.
  maxSurge intstr | Pods that may be created above the desired count (number or percent). Defaults to 25%.
ReplicaSet @apps/v1 | ReplicaSet keeps a given number of pod replicas running.
  spec ReplicaSetSpec | Specification of the desired behavior of the ReplicaSet.
  status object | Most recently observed status of the ReplicaSet.
ReplicaSetSpec | The desired state of a ReplicaSet.
  replicas integer | Number of desired pods. Defaults to 1.
  minReadySeconds integer | Seconds a new pod must be ready to count as available.
  selector LabelSelector required | Label query over pods; must match the template's labels.
  template PodTemplateSpec | Template of the pods it creates.
StatefulSet @apps/v1 | StatefulSet runs pods with stable names and storage, created and deleted in order.
  spec StatefulSetSpec | Specification of the desired behavior of the StatefulSet.
  status object | Most recently observed status of the StatefulSet.
StatefulSetSpec | The desired state of a StatefulSet.
  replicas integer | Number of desired pods. Defaults to 1.
  selector LabelSelector required | Label query over pods; must match the template's labels.
  template PodTemplateSpec required | Template of the pods it creates.
  volumeClaimTemplates []object atomic | Claims each pod gets its own copy of.
  serviceName string | The headless Service that gives the pods their DNS names.
  podManagementPolicy string | OrderedReady (default) or Parallel.
  updateStrategy object | How pods are updated.
  revisionHistoryLimit integer | Revisions kept. Defaults to 10.
  minReadySeconds integer | Seconds a new pod must be ready to count as available.
  persistentVolumeClaimRetentionPolicy object | What happens to the claims on scale-down and deletion.
  ordinals object | The first ordinal.
DaemonSet @apps/v1 | DaemonSet runs a copy of a pod on every (selected) node.
  spec DaemonSetSpec | Specification of the desired behavior of the DaemonSet.
  status object | Most recently observed status of the DaemonSet.
DaemonSetSpec | The desired state of a DaemonSet.
  selector LabelSelector required | Label query over pods; must match the template's labels.
  template PodTemplateSpec required | Template of the pods it creates.
  updateStrategy object | How pods are updated.
  minReadySeconds integer | Seconds a new pod must be ready to count as available.
  revisionHistoryLimit integer | Revisions kept. Defaults to 10.
ControllerRevision @apps/v1 | An immutable snapshot of a controller's pod template, for rollbacks.
  data object | The serialized state.
  revision int64 required | The revision number.

package io.k8s.api.batch.v1
Job @batch/v1 | Job runs pods until a number of them complete successfully.
  spec JobSpec | Specification of the desired behavior of the Job.
  status object | Most recently observed status of the Job.
JobSpec | The desired state of a Job.
  parallelism integer | Pods that may run at the same time. Defaults to 1.
  completions integer | Successful pods needed. Defaults to 1.
  activeDeadlineSeconds int64 | Seconds the job may run before it is failed.
  backoffLimit integer | Retries before the job is failed. Defaults to 6.
  backoffLimitPerIndex integer | Retries per index (Indexed jobs).
  maxFailedIndexes integer | Failed indexes tolerated.
  podFailurePolicy object | How pod failures count.
  successPolicy object | When the job counts as succeeded.
  selector LabelSelector | Label query over pods; generated unless manualSelector is true.
  manualSelector boolean | Use the given selector instead of generating one.
  template PodTemplateSpec required | Template of the pods it runs.
  ttlSecondsAfterFinished integer | Seconds after finishing before the job is deleted.
  completionMode string | NonIndexed (default) or Indexed.
  suspend boolean | Suspend the job: no pods are created.
  podReplacementPolicy string | When replacement pods are created.
  managedBy string | The controller that manages the job.
JobTemplateSpec | The jobs a CronJob creates.
  metadata ObjectMeta | Metadata of the jobs.
  spec JobSpec | Specification of the jobs.
CronJob @batch/v1 | CronJob runs a Job on a schedule.
  spec CronJobSpec | Specification of the desired behavior of the CronJob.
  status object | Active jobs and last schedule times.
CronJobSpec | The schedule and the job template.
  schedule string required | The schedule in cron format.
  timeZone string | The schedule's time zone name.
  startingDeadlineSeconds int64 | Seconds a missed run may still start.
  concurrencyPolicy string | Allow (default), Forbid or Replace.
  suspend boolean | Suspend future runs.
  jobTemplate JobTemplateSpec required | The job to create at each run.
  successfulJobsHistoryLimit integer | Finished jobs kept. Defaults to 3.
  failedJobsHistoryLimit integer | Failed jobs kept. Defaults to 1.

package io.k8s.api.discovery.v1
EndpointSlice @discovery.k8s.io/v1 | A subset of the endpoints of a Service.
  addressType string required | IPv4, IPv6 or FQDN.
  endpoints []object atomic | The endpoints.
  ports []object atomic | The ports of the endpoints.

package io.k8s.api.events.v1
EventV1=Event @events.k8s.io/v1 | A report of something that happened to an object.
  eventTime time | When it happened.
  series object | Data about a series of events.
  reportingController string | The reporting controller.
  reportingInstance string | The reporting instance.
  action string | What was done.
  reason string | Why.
  regarding object | The object the event is about.
  related object | A secondary object.
  note string | Human-readable description.
  type string | Normal or Warning.
  deprecatedSource object | The core/v1 source.
  deprecatedFirstTimestamp time | The core/v1 firstTimestamp.
  deprecatedLastTimestamp time | The core/v1 lastTimestamp.
  deprecatedCount integer | The core/v1 count.
package io.k8s.api.networking.v1
Ingress @networking.k8s.io/v1 | Ingress routes outside HTTP(S) traffic to Services by host and path.
  spec IngressSpec | The rules.
  status object | The load balancer's addresses.
IngressSpec | How an Ingress routes.
  ingressClassName string | The IngressClass of the controller that implements this Ingress.
  defaultBackend IngressBackend | Where requests no rule matches go.
  tls []IngressTLS atomic | TLS for hosts, with the Secret holding the certificate.
  rules []IngressRule atomic | Host and path rules.
IngressTLS | TLS settings of an Ingress.
  hosts []string atomic | Hosts in the certificate.
  secretName string | The Secret with the certificate and key.
IngressRule | Routing for one host.
  host string | The fully qualified domain name; all hosts when empty.
  http HTTPIngressRuleValue | The paths of this host.
HTTPIngressRuleValue | Paths to backends.
  paths []HTTPIngressPath atomic required | The paths.
HTTPIngressPath | One path and its backend.
  path string | The path to match.
  pathType string required | Exact, Prefix or ImplementationSpecific.
  backend IngressBackend required | Where matching requests go.
IngressBackend | A Service port or a resource requests go to.
  service IngressServiceBackend | A Service.
  resource object | Another resource.
IngressServiceBackend | A Service and port.
  name string required | The Service's name.
  port ServiceBackendPort | The Service's port.
ServiceBackendPort | A Service port by number or name.
  name string | The port's name.
  number integer | The port's number.
IngressClass @networking.k8s.io/v1 | IngressClass names the controller that implements a class of Ingresses.
  spec IngressClassSpec | The controller.
IngressClassSpec | The controller of an IngressClass.
  controller string | The controller's name, e.g. k8s.io/ingress-nginx.
  parameters object | A resource with more settings for the controller.
NetworkPolicy @networking.k8s.io/v1 | Which traffic selected pods may receive and send.
  spec NetworkPolicySpec | The policy.
NetworkPolicySpec | The rules of a NetworkPolicy.
  podSelector LabelSelector | The pods the policy applies to; empty selects all pods of the namespace.
  policyTypes []string atomic | Ingress, Egress or both.
  ingress []NetworkPolicyIngressRule atomic | Allowed incoming traffic.
  egress []NetworkPolicyEgressRule atomic | Allowed outgoing traffic.
NetworkPolicyIngressRule | Incoming traffic allowed from peers on ports.
  from []NetworkPolicyPeer atomic | The sources.
  ports []NetworkPolicyPort atomic | The ports.
NetworkPolicyEgressRule | Outgoing traffic allowed to peers on ports.
  to []NetworkPolicyPeer atomic | The destinations.
  ports []NetworkPolicyPort atomic | The ports.
NetworkPolicyPeer | Pods, namespaces or an IP block.
  podSelector LabelSelector | Pods (in the policy's namespace, or those of namespaceSelector).
  namespaceSelector LabelSelector | Namespaces.
  ipBlock object | A CIDR and exceptions.
NetworkPolicyPort | A port and protocol.
  protocol string | TCP (default), UDP or SCTP.
  port intstr | A port number or name.
  endPort integer | The end of a port range.

package io.k8s.api.storage.v1
StorageClass @storage.k8s.io/v1 | A class of storage and the provisioner that creates its volumes.
  provisioner string required | The provisioner, e.g. pd.csi.storage.gke.io.
  parameters map:string | Parameters for the provisioner.
  reclaimPolicy string | Delete (default) or Retain, for the volumes it provisions.
  mountOptions []string atomic | Mount options of its volumes.
  allowVolumeExpansion boolean | Whether claims may grow.
  volumeBindingMode string | Immediate (default) or WaitForFirstConsumer.
  allowedTopologies []object atomic | Where volumes may be provisioned.

package io.k8s.api.autoscaling.v2
HorizontalPodAutoscaler @autoscaling/v2 | Scales a workload's replicas from the metrics of its pods.
  spec HorizontalPodAutoscalerSpec | The target, bounds and metrics.
  status object | Current and desired replicas, current metrics and conditions.
HorizontalPodAutoscalerSpec | What and how to scale.
  scaleTargetRef CrossVersionObjectReference required | The workload to scale (with a scale subresource).
  minReplicas integer | The fewest replicas. Defaults to 1.
  maxReplicas integer required | The most replicas.
  metrics []MetricSpec atomic | The metrics that decide the replica count (the highest wins). Defaults to CPU at 80%.
  behavior object | Scale-up and scale-down policies and stabilization windows.
CrossVersionObjectReference | A reference to an object in the same namespace.
  apiVersion string | Its API version.
  kind string required | Its kind, e.g. Deployment.
  name string required | Its name.
MetricSpec | One metric and its target.
  type string required | Resource, ContainerResource, Pods, Object or External.
  resource ResourceMetricSource | A resource (cpu, memory) of the pods.
  containerResource object | A resource of one container of the pods.
  pods object | A custom metric of the pods.
  object object | A metric of another object.
  external object | A metric from outside the cluster.
ResourceMetricSource | A resource metric and its target.
  name string required | cpu or memory.
  target MetricTarget required | The target value.
MetricTarget | A target value, utilization or average.
  type string required | Utilization, Value or AverageValue.
  value quantity | The target value.
  averageValue quantity | The target average across pods.
  averageUtilization integer | The target average percentage of the pods' requests.

package io.k8s.api.policy.v1
PodDisruptionBudget @policy/v1 | How many pods of a set may be down at once through voluntary disruptions (evictions, drains).
  spec PodDisruptionBudgetSpec | The budget.
  status object | Expected, healthy and desired pods and the disruptions allowed now.
PodDisruptionBudgetSpec | A disruption budget.
  minAvailable intstr | Pods that must stay available (a number or a percentage).
  maxUnavailable intstr | Pods that may be unavailable (a number or a percentage).
  selector LabelSelector | The pods the budget covers.
  unhealthyPodEvictionPolicy string | IfHealthyBudget or AlwaysAllow.

package io.k8s.api.rbac.v1
Role @rbac.authorization.k8s.io/v1 | A set of permissions in one namespace.
  rules []PolicyRule atomic | The permissions.
ClusterRole @rbac.authorization.k8s.io/v1 | A set of permissions, cluster-wide or bound in a namespace.
  rules []PolicyRule atomic | The permissions.
  aggregationRule object | ClusterRoles whose rules this one aggregates.
PolicyRule | Verbs allowed on resources or non-resource URLs.
  verbs []string atomic required | get, list, watch, create, update, patch, delete… or *.
  apiGroups []string atomic | The API groups ("" for core).
  resources []string atomic | The resources, e.g. pods, deployments/scale.
  resourceNames []string atomic | Names the rule is limited to.
  nonResourceURLs []string atomic | Non-resource URLs, e.g. /healthz.
RoleBinding @rbac.authorization.k8s.io/v1 | Grants a Role or ClusterRole to subjects in one namespace.
  subjects []Subject atomic | Users, groups and service accounts.
  roleRef RoleRef required | The role granted. Cannot be updated.
ClusterRoleBinding @rbac.authorization.k8s.io/v1 | Grants a ClusterRole to subjects cluster-wide.
  subjects []Subject atomic | Users, groups and service accounts.
  roleRef RoleRef required | The ClusterRole granted. Cannot be updated.
Subject | A user, group or service account.
  kind string required | User, Group or ServiceAccount.
  apiGroup string | rbac.authorization.k8s.io for users and groups, "" for service accounts.
  name string required | The name.
  namespace string | The service account's namespace.
RoleRef | The role a binding grants.
  apiGroup string required | rbac.authorization.k8s.io.
  kind string required | Role or ClusterRole.
  name string required | The role's name.

package io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1
CustomResourceDefinition @apiextensions.k8s.io/v1 | A new kind of resource served by the API server.
  spec CustomResourceDefinitionSpec | The kind's names, scope, versions and schemas.
  status object | Accepted names, conditions (Established) and stored versions.
CustomResourceDefinitionSpec | What a CRD defines.
  group string required | The API group of the kind, e.g. example.com.
  names CustomResourceDefinitionNames required | Its plural, singular, kind, short names and categories.
  scope string required | Namespaced or Cluster.
  versions []object atomic required | The served versions with their schema, subresources and printer columns.
  conversion object | How versions convert (None or a webhook).
  preserveUnknownFields boolean | Deprecated: must be false.
CustomResourceDefinitionNames | The names of a custom kind.
  plural string required | The resource name in URLs, e.g. widgets.
  singular string | The singular name. Defaults to the lowercased kind.
  kind string required | The kind, e.g. Widget.
  listKind string | The list kind. Defaults to kind + List.
  shortNames []string atomic | Short names for kubectl.
  categories []string atomic | Groups of resources it belongs to, e.g. all.
`;
