// Server-side printing: meta.k8s.io/v1 Table responses (what `kubectl get` asks for), one printer
// per kind, as kube-apiserver's TableConvertor does with the internalversion printers.
import type { KubeObject, SimKind } from '../types.js';
import { customPrinter } from './printCustom.js';
import { clusterRoleBindingPrinter, horizontalPodAutoscalerPrinter, ingressClassPrinter, ingressPrinter, networkPolicyPrinter, persistentVolumeClaimPrinter, persistentVolumePrinter, podDisruptionBudgetPrinter, roleBindingPrinter, storageClassPrinter } from './printMore.js';
import { POD_COLUMNS, podRow } from './printPod.js';
import { configMapPrinter, controllerRevisionPrinter, defaultPrinter, endpointSlicePrinter, endpointsPrinter, eventPrinter, namespacePrinter, nodePrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter, servicePrinter } from './printOthers.js';
import { cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter } from './printWorkloads.js';
import type { Printer } from './printer.js';

const PRINTERS: Record<string, Printer> = {
  Pod: { columns: POD_COLUMNS, row: podRow },
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  StatefulSet: statefulSetPrinter,
  DaemonSet: daemonSetPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Event: eventPrinter,
  ConfigMap: configMapPrinter,
  ResourceQuota: resourceQuotaPrinter,
  ControllerRevision: controllerRevisionPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  Ingress: ingressPrinter,
  IngressClass: ingressClassPrinter,
  StorageClass: storageClassPrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  PersistentVolume: persistentVolumePrinter,
  HorizontalPodAutoscaler: horizontalPodAutoscalerPrinter,
  RoleBinding: roleBindingPrinter,
  ClusterRoleBinding: clusterRoleBindingPrinter,
  NetworkPolicy: networkPolicyPrinter,
  PodDisruptionBudget: podDisruptionBudgetPrinter,
};

/** The printer of a kind: a CRD's printer columns for a custom resource, else the built-in one (or the default table). */
export function printerFor(kind: Pick<SimKind, 'kind' | 'custom'>): Printer {
  if (kind.custom) return customPrinter(kind.custom);
  return PRINTERS[kind.kind] ?? defaultPrinter;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function tableRow(p: Printer, obj: KubeObject, now: number, include: IncludeObject): Record<string, unknown> {
  const row: Record<string, unknown> = { cells: p.row(obj, now) };
  if (include === 'Object') row.object = obj;
  else if (include === 'Metadata') row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  return row;
}

export function buildTable(kind: Pick<SimKind, 'kind' | 'custom'>, objs: KubeObject[], now: number, include: IncludeObject, meta: Record<string, unknown>, apiVersion = 'meta.k8s.io/v1', withColumns = true): Record<string, unknown> {
  const p = printerFor(kind);
  return {
    kind: 'Table',
    apiVersion,
    metadata: meta,
    ...(withColumns ? { columnDefinitions: p.columns } : {}),
    rows: objs.map((o) => tableRow(p, o, now, include)),
  };
}
