// Bare pods (no owner) have nothing that could recreate them. Before `down` deletes one (only when the
// user asked for it), its definition is saved in a ConfigMap of the namespace, and `up` creates the pod
// again from it: the pod comes back as it was defined (not its in-memory or on-disk state).
import type { Api } from '../kube/api.js';
import { isNotFound, errorCode } from './result.js';
import { builtinKind, meta, type Obj } from './targets.js';

export const SAVED_PODS_CONFIGMAP = 'kdash-down-pods';

const configMaps = () => builtinKind('configmaps');

/** Pure: the pod as its author defined it: no status, no server-set fields, not bound to a node. */
export function podDefinition(pod: Obj): Obj {
  const m = meta(pod);
  const metadata: Record<string, unknown> = { name: m.name };
  if (m.labels && Object.keys(m.labels).length) metadata.labels = m.labels;
  if (m.annotations && Object.keys(m.annotations).length) metadata.annotations = m.annotations;
  const spec = JSON.parse(JSON.stringify(pod.spec ?? {}));
  delete spec.nodeName; // let the scheduler place it again
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

export async function readSavedPods(api: Api, namespace: string): Promise<Record<string, string>> {
  try {
    const cm = await api.objects.get(configMaps(), namespace, SAVED_PODS_CONFIGMAP);
    return cm.data ?? {};
  } catch (e) {
    if (isNotFound(e)) return {};
    throw e;
  }
}

/** Adds one pod's definition to the namespace's saved-pods ConfigMap (creating it when missing). */
export async function savePod(api: Api, namespace: string, pod: Obj): Promise<void> {
  const name = meta(pod).name as string;
  const data = { [name]: JSON.stringify(podDefinition(pod)) };
  try {
    await api.objects.patch(configMaps(), namespace, SAVED_PODS_CONFIGMAP, { data });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    try {
      await api.objects.create(configMaps(), namespace, {
        metadata: {
          name: SAVED_PODS_CONFIGMAP,
          labels: { 'app.kubernetes.io/managed-by': 'kdash' },
          annotations: { 'kdash.dev/purpose': 'bare pods deleted by kdash down; kdash up creates them again' },
        },
        data,
      });
    } catch (e2) {
      // Another writer created it meanwhile: add to it.
      if (errorCode(e2) !== 409) throw e2;
      await api.objects.patch(configMaps(), namespace, SAVED_PODS_CONFIGMAP, { data });
    }
  }
}

/** Removes one saved definition; the ConfigMap goes when it is empty. */
export async function forgetPod(api: Api, namespace: string, name: string): Promise<void> {
  const cm = await api.objects.patch(configMaps(), namespace, SAVED_PODS_CONFIGMAP, { data: { [name]: null } });
  if (!cm.data || Object.keys(cm.data).length === 0) {
    await api.objects.delete(configMaps(), namespace, SAVED_PODS_CONFIGMAP).catch((e) => {
      if (!isNotFound(e)) throw e;
    });
  }
}
