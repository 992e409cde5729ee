// Storage as kube-controller-manager's persistentvolume-controller and a CSI provisioner do it, in
// one loop: a claim binds to an Available volume that fits (class, access modes, size), else its
// StorageClass's provisioner creates a volume for it (at once for Immediate binding, once a scheduled
// pod uses the claim for WaitForFirstConsumer). A claim with no class and no volume that fits, or an
// unknown class, stays Pending with the controller's event. Deleting a claim releases its volume:
// Delete removes it, Retain leaves it Released. The DefaultStorageClass admission plugin lives here too.
import { isDefaultClass } from '../tables/printMore.js';
import type { ClusterStore, KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { bytes } from './util.js';

const PVC = 'persistentvolumeclaims';
const PV = 'persistentvolumes';
const SC = 'storageclasses.storage.k8s.io';
const CONTROLLER = 'persistentvolume-controller';

/** DefaultStorageClass admission: a new claim that names no class gets the default one, when there is one. */
export function admitDefaultStorageClass(store: ClusterStore, pvc: KubeObject): void {
  if (pvc.spec?.storageClassName !== undefined && pvc.spec?.storageClassName !== null) return;
  const def = store.list(SC).filter(isDefaultClass).sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)))[0];
  if (def) pvc.spec = { ...pvc.spec, storageClassName: def.metadata.name };
}

const requested = (pvc: KubeObject) => bytes(pvc.spec?.resources?.requests?.storage);

function fits(pv: KubeObject, pvc: KubeObject): boolean {
  if (pv.spec?.claimRef || pv.status?.phase !== 'Available' || pv.metadata.deletionTimestamp) return false;
  if ((pv.spec?.storageClassName ?? '') !== (pvc.spec?.storageClassName ?? '')) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  const modes = new Set(pv.spec?.accessModes ?? []);
  if (!(pvc.spec?.accessModes ?? []).every((m: string) => modes.has(m))) return false;
  return bytes(pv.spec?.capacity?.storage) >= requested(pvc);
}

const claimRef = (pvc: KubeObject) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: pvc.metadata.namespace, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion });

export function startStorageController(ctx: Ctx): { onEvent(resource: string, obj: KubeObject, gone: boolean): void } {
  const { store } = ctx;
  /** Claims already told they wait (one event each, as the controller's dedup does). */
  const told = new Map<string, string>();

  const tell = (pvc: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component = CONTROLLER) => {
    const key = `${pvc.metadata.uid}`;
    if (told.get(key) === `${reason}/${message}`) return;
    told.set(key, `${reason}/${message}`);
    ctx.events.emit(pvc, type, reason, message, component);
  };

  const bind = (pvc: KubeObject, pv: KubeObject, provisioner?: string) => {
    store.mutate(PV, undefined, pv.metadata.name!, (o) => ({ ...o, spec: { ...o.spec, claimRef: claimRef(pvc) }, status: { ...o.status, phase: 'Bound' } }));
    const annotations: Record<string, string> = { ...pvc.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };
    if (provisioner) {
      annotations['volume.beta.kubernetes.io/storage-provisioner'] = provisioner;
      annotations['volume.kubernetes.io/storage-provisioner'] = provisioner;
    }
    store.mutate(PVC, pvc.metadata.namespace, pvc.metadata.name!, (o) => ({
      ...o,
      metadata: { ...o.metadata, annotations },
      spec: { ...o.spec, volumeName: pv.metadata.name },
      status: { phase: 'Bound', accessModes: pv.spec?.accessModes ?? [], capacity: { storage: pv.spec?.capacity?.storage } },
    }));
    told.delete(`${pvc.metadata.uid}`);
  };

  const usedByScheduledPod = (pvc: KubeObject): KubeObject | undefined =>
    store.list('pods', pvc.metadata.namespace).find((p) => p.spec?.nodeName && (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));

  const syncClaim = (pvc: KubeObject) => {
    if (pvc.spec?.volumeName || pvc.metadata.deletionTimestamp) return;
    const cls = pvc.spec?.storageClassName ?? '';
    const pv = store.list(PV).find((v) => fits(v, pvc));
    if (pv) return bind(pvc, pv);
    if (!cls) return tell(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    const sc = store.get(SC, undefined, cls);
    if (!sc) return tell(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`);
    let node: string | undefined;
    if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
      node = usedByScheduledPod(pvc)?.spec?.nodeName;
      if (!node) return tell(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    }
    const name = `pvc-${pvc.metadata.uid}`;
    const volume = store.get(PV, undefined, name) ?? store.create(PV, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': sc.provisioner ?? '' } },
      spec: {
        accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: cls,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
        csi: { driver: sc.provisioner ?? '', volumeHandle: `kdash-sim/disks/${name}`, fsType: 'ext4' },
      },
      status: { phase: 'Pending' },
    });
    if (node) store.mutate(PVC, pvc.metadata.namespace, pvc.metadata.name!, (o) => ({ ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'volume.kubernetes.io/selected-node': node } } }));
    ctx.events.emit(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`, `${sc.provisioner}_kdash-sim`);
    bind(store.get(PVC, pvc.metadata.namespace, pvc.metadata.name!) ?? pvc, volume, sc.provisioner);
  };

  const syncVolume = (pv: KubeObject) => {
    if (pv.metadata.deletionTimestamp) return;
    const ref = pv.spec?.claimRef;
    if (!ref) {
      if (pv.status?.phase !== 'Available') store.mutate(PV, undefined, pv.metadata.name!, (o) => ({ ...o, status: { ...o.status, phase: 'Available' } }));
      return;
    }
    const claim = store.get(PVC, ref.namespace, ref.name);
    if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) return;
    if (pv.status?.phase === 'Released') return;
    if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete') store.remove(PV, undefined, pv.metadata.name!);
    else store.mutate(PV, undefined, pv.metadata.name!, (o) => ({ ...o, status: { ...o.status, phase: 'Released' } }));
  };

  const queue = ctx.queue('storage', () => {
    for (const pv of store.list(PV)) syncVolume(pv);
    for (const pvc of store.list(PVC)) syncClaim(pvc);
  });
  queue.add('all');
  return {
    onEvent(resource, obj, gone) {
      if (resource === PVC || resource === PV || resource === SC) queue.add('all');
      else if (resource === 'pods' && !gone && obj.spec?.nodeName && (obj.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim)) queue.add('all');
      if (resource === PVC && gone) told.delete(`${obj.metadata.uid}`);
    },
  };
}
