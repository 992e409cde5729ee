// The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount) as it mutates a new pod:
// the service account name defaults to "default", and unless automounting is turned off every
// container and init container mounts a projected kube-api-access-<suffix> volume that carries a
// bound token, the cluster CA and the namespace.
import { randomSuffix } from './controllers/util.js';
import type { ClusterStore, KubeObject } from './types.js';

export const SA_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_PREFIX = 'kube-api-access-';

/** The projected volume of serviceaccount.TokenVolumeSource, with the API's defaultMode (0644). */
function tokenVolume(name: string): any {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

/** shouldAutomount: the pod's own setting wins, then the service account's, else true. */
function automount(store: ClusterStore | undefined, pod: KubeObject, saName: string): boolean {
  if (typeof pod.spec?.automountServiceAccountToken === 'boolean') return pod.spec.automountServiceAccountToken;
  const sa = store?.get('serviceaccounts', pod.metadata.namespace, saName);
  return typeof sa?.automountServiceAccountToken === 'boolean' ? sa.automountServiceAccountToken : true;
}

/**
 * Mutates a pod being created (Plugin.Admit + mountServiceAccountToken). Containers that already mount
 * something at the token path are left alone; an existing kube-api-access-* volume is reused.
 * `rand` draws the volume name's suffix (names.SimpleNameGenerator).
 */
export function admitServiceAccount(pod: KubeObject, rand: () => number, store?: ClusterStore): void {
  const spec = pod.spec;
  if (!spec) return;
  // Mirror pods (static pods reported by a kubelet) are not given a service account.
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return;
  const saName = spec.serviceAccountName || spec.serviceAccount || 'default';
  spec.serviceAccountName = saName;
  // The deprecated field mirrors serviceAccountName in v1 (as the conversion writes it).
  spec.serviceAccount = saName;
  if (!automount(store, pod, saName)) return;
  const existing = (spec.volumes ?? []).find((v: any) => typeof v?.name === 'string' && v.name.startsWith(VOLUME_PREFIX));
  const volumeName: string = existing?.name ?? `${VOLUME_PREFIX}${randomSuffix(rand)}`;
  let needed = false;
  for (const key of ['initContainers', 'containers'] as const) {
    if (!Array.isArray(spec[key])) continue;
    spec[key] = spec[key].map((c: any) => {
      if ((c.volumeMounts ?? []).some((m: any) => m?.mountPath === SA_TOKEN_MOUNT_PATH)) return c;
      needed = true;
      return { ...c, volumeMounts: [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: SA_TOKEN_MOUNT_PATH }] };
    });
  }
  if (needed && !existing) spec.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
}
