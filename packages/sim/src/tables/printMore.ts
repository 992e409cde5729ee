// Rows for ingresses, ingress classes, storage classes, persistent volumes and claims, horizontal pod
// autoscalers, role bindings, network policies and pod disruption budgets, mirroring kubectl's
// printIngress, printIngressClass, printStorageClass, printPersistentVolume(Claim),
// printHorizontalPodAutoscaler, printRoleBinding, printNetworkPolicy and printPodDisruptionBudget
// (pkg/printers/internalversion/printers.go). Roles, cluster roles and limit ranges use the default table.
import type { KubeObject } from '../types.js';
import { selectorString } from '../selectors.js';
import { since } from './format.js';
import { col, type Column, type Printer } from './printer.js';

const NAME = col('Name', 0, 'Name must be unique within a namespace.', 'name');
const AGE = col('Age', 0, 'CreationTimestamp');
const age = (o: KubeObject, now: number) => since(o.metadata.creationTimestamp, now);

export const ingressPrinter: Printer = {
  columns: [NAME, col('Class', 0, 'The name of the IngressClass resource that should be used for additional configuration'), col('Hosts', 0, 'Hosts that incoming requests are matched against before the ingress rule'), col('Address', 0, 'Address is a list containing ingress points for the load-balancer'), col('Ports', 0, 'Ports of TLS configurations that open'), AGE],
  row(o, now) {
    const hosts = (o.spec?.rules ?? []).map((r: any) => r.host).filter(Boolean);
    const lb = (o.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip || i.hostname).filter(Boolean);
    return [o.metadata.name, o.spec?.ingressClassName ?? '<none>', hosts.length ? hosts.join(',') : '*', lb.join(','), o.spec?.tls?.length ? '80, 443' : '80', age(o, now)];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [NAME, col('Controller', 0, 'Controller that is responsible for handling this class'), col('Parameters', 0, 'A reference to a resource with additional parameters'), AGE],
  row(o, now) {
    const p = o.spec?.parameters;
    const params = p ? `${p.apiGroup ? `${p.kind}.${p.apiGroup}` : p.kind}/${p.name}` : '<none>';
    return [o.metadata.name, o.spec?.controller ?? '', params, age(o, now)];
  },
};

/** The annotations that make a StorageClass the default (GA and beta, as kubectl reads them). */
export function isDefaultClass(o: KubeObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClassPrinter: Printer = {
  columns: [NAME, col('Provisioner', 0, 'provisioner indicates the type of the provisioner.'), col('ReclaimPolicy', 0, 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'), col('VolumeBindingMode', 0, 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'), col('AllowVolumeExpansion', 0, 'allowVolumeExpansion shows whether the storage class allow volume expand.'), AGE],
  row: (o, now) => [isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name, o.provisioner ?? '', o.reclaimPolicy ?? 'Delete', o.volumeBindingMode ?? 'Immediate', o.allowVolumeExpansion ?? false, age(o, now)],
};

const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
/** helper.GetAccessModesAsString: the short forms in kubectl's fixed order. */
export function accessModes(modes: string[] | undefined): string {
  const have = new Set(modes ?? []);
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'].filter((m) => have.has(m)).map((m) => MODES[m]).join(',');
}

export const persistentVolumeClaimPrinter: Printer = {
  columns: [NAME, col('Status', 0, 'phase represents the current phase of PersistentVolumeClaim.'), col('Volume', 0, 'volumeName is the binding reference to the PersistentVolume backing this claim.'), col('Capacity', 0, 'capacity represents the actual resources of the underlying volume.'), col('Access Modes', 0, 'accessModes contains the actual access modes the volume backing the PVC has.'), col('StorageClass', 0, 'StorageClass of the pvc'), col('VolumeAttributesClass', 0, 'VolumeAttributesClass of the pvc'), AGE, col('VolumeMode', 1, 'volumeMode defines what type of volume is required by the claim.')],
  row(o, now) {
    const bound = Boolean(o.spec?.volumeName);
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? '';
    return [o.metadata.name, phase, o.spec?.volumeName ?? '', bound ? o.status?.capacity?.storage ?? '' : '', bound ? accessModes(o.status?.accessModes) : '', o.spec?.storageClassName ?? '', o.spec?.volumeAttributesClassName ?? '<unset>', age(o, now), o.spec?.volumeMode ?? '<unset>'];
  },
};

export const persistentVolumePrinter: Printer = {
  columns: [NAME, col('Capacity', 0, "capacity is the description of the persistent volume's resources and capacity."), col('Access Modes', 0, 'accessModes contains all ways the volume can be mounted.'), col('Reclaim Policy', 0, 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'), col('Status', 0, 'phase indicates if a volume is available, bound to a claim, or released by a claim.'), col('Claim', 0, 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'), col('StorageClass', 0, 'StorageClass of the pv'), col('VolumeAttributesClass', 0, 'VolumeAttributesClass of the pv'), col('Reason', 0, 'reason is a brief CamelCase string that describes any failure.'), AGE, col('VolumeMode', 1, 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.')],
  row(o, now) {
    const ref = o.spec?.claimRef;
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? '';
    return [o.metadata.name, o.spec?.capacity?.storage ?? '', accessModes(o.spec?.accessModes), o.spec?.persistentVolumeReclaimPolicy ?? '', phase, ref ? `${ref.namespace}/${ref.name}` : '', o.spec?.storageClassName ?? '', o.spec?.volumeAttributesClassName ?? '<unset>', o.status?.reason ?? '', age(o, now), o.spec?.volumeMode ?? '<unset>'];
  },
};

/** One metric of an HPA as kubectl's formatHPAMetrics writes it: `cpu: 12%/80%`, `memory: 100Mi/200Mi`. */
function hpaMetric(spec: any, current: any): string {
  if (spec.type === 'Resource' || spec.type === 'ContainerResource') {
    const r = spec.type === 'Resource' ? spec.resource : spec.containerResource;
    const cur = current ? (spec.type === 'Resource' ? current.resource : current.containerResource) : undefined;
    const prefix = spec.type === 'Resource' ? `${r.name}: ` : `${r.name} on ${r.container}: `;
    if (r.target?.type === 'AverageValue') return `${prefix}${cur?.current?.averageValue ?? '<unknown>'}/${r.target.averageValue}`;
    const u = cur?.current?.averageUtilization;
    return `${prefix}${u === undefined ? '<unknown>' : `${u}%`}/${r.target?.averageUtilization ?? 0}%`;
  }
  const kind = spec.type === 'Pods' ? spec.pods : spec.type === 'Object' ? spec.object : spec.external;
  const t = kind?.target ?? {};
  const target = t.averageValue ?? t.value ?? '';
  const cur = current ? (spec.type === 'Pods' ? current.pods : spec.type === 'Object' ? current.object : current.external)?.current : undefined;
  const value = cur?.averageValue ?? cur?.value;
  return `${value ?? '<unknown>'}/${target}${t.type === 'AverageValue' && spec.type !== 'Pods' ? ' (avg)' : ''}`;
}

export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [NAME, col('Reference', 0, 'scaleTargetRef points to the target resource to scale.'), col('Targets', 0, 'metrics contains the specifications for which to use to calculate the desired replica count.'), col('MinPods', 0, 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'), col('MaxPods', 0, 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'), col('Replicas', 0, 'currentReplicas is current number of replicas of pods managed by this autoscaler.'), AGE],
  row(o, now) {
    const ref = o.spec?.scaleTargetRef ?? {};
    const specs: any[] = o.spec?.metrics ?? [];
    const currents: any[] = o.status?.currentMetrics ?? [];
    const parts = specs.map((m, i) => hpaMetric(m, currents[i]));
    const targets = !parts.length ? '<none>' : parts.length > 2 ? `${parts.slice(0, 2).join(', ')} + ${parts.length - 2} more...` : parts.join(', ');
    const min = o.spec?.minReplicas !== undefined ? String(o.spec.minReplicas) : '<unset>';
    return [o.metadata.name, `${ref.kind}/${ref.name}`, targets, min, o.spec?.maxReplicas ?? 0, o.status?.currentReplicas ?? 0, age(o, now)];
  },
};

function bindingPrinter(what: string): Printer {
  const role = col('Role', 0, what === 'roleBinding' ? 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.' : 'RoleRef can only reference a ClusterRole in the global namespace.');
  const wide = (n: string): Column => col(n, 1, `${n} in the ${what}`);
  return {
    columns: [NAME, role, AGE, wide('Users'), wide('Groups'), wide('ServiceAccounts')],
    row(o, now) {
      const subjects: any[] = o.subjects ?? [];
      const of = (k: string) => subjects.filter((s) => s.kind === k);
      return [o.metadata.name, `${o.roleRef?.kind}/${o.roleRef?.name}`, age(o, now), of('User').map((s) => s.name).join(', '), of('Group').map((s) => s.name).join(', '), of('ServiceAccount').map((s) => `${s.namespace ?? ''}/${s.name}`).join(', ')];
    },
  };
}
export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');

export const networkPolicyPrinter: Printer = {
  columns: [NAME, col('Pod-Selector', 0, 'podSelector selects the pods to which this NetworkPolicy object applies.'), AGE],
  row: (o, now) => [o.metadata.name, selectorString(o.spec?.podSelector ?? {}), age(o, now)],
};

export const podDisruptionBudgetPrinter: Printer = {
  columns: [NAME, col('Min Available', 0, 'The minimum number of pods that must be available.'), col('Max Unavailable', 0, 'The maximum number of pods that may be unavailable.'), col('Allowed Disruptions', 0, 'Calculated number of pods that may be disrupted at this time.', '', 'integer'), AGE],
  row: (o, now) => [o.metadata.name, o.spec?.minAvailable !== undefined ? String(o.spec.minAvailable) : 'N/A', o.spec?.maxUnavailable !== undefined ? String(o.spec.maxUnavailable) : 'N/A', o.status?.disruptionsAllowed ?? 0, age(o, now)],
};
