// Cheap `limit=1` lists: the fallback way to learn whether a list is allowed where access reviews
// are not, and how the session tells "namespace does not exist" from "you may not read namespaces".
import type { Api } from './api.js';
import { statusCodeOf } from './errors.js';

type Lister = (api: Api, namespace: string | undefined) => Promise<unknown>;

const LISTERS: Record<string, Lister> = {
  '/pods': (a, ns) => (ns ? a.core.listNamespacedPod({ namespace: ns, limit: 1 }) : a.core.listPodForAllNamespaces({ limit: 1 })),
  '/services': (a, ns) => (ns ? a.core.listNamespacedService({ namespace: ns, limit: 1 }) : a.core.listServiceForAllNamespaces({ limit: 1 })),
  '/configmaps': (a, ns) => (ns ? a.core.listNamespacedConfigMap({ namespace: ns, limit: 1 }) : a.core.listConfigMapForAllNamespaces({ limit: 1 })),
  '/events': (a, ns) => (ns ? a.core.listNamespacedEvent({ namespace: ns, limit: 1 }) : a.core.listEventForAllNamespaces({ limit: 1 })),
  '/nodes': (a) => a.core.listNode({ limit: 1 }),
  '/namespaces': (a) => a.core.listNamespace({ limit: 1 }),
  'apps/deployments': (a, ns) => (ns ? a.apps.listNamespacedDeployment({ namespace: ns, limit: 1 }) : a.apps.listDeploymentForAllNamespaces({ limit: 1 })),
  'apps/replicasets': (a, ns) => (ns ? a.apps.listNamespacedReplicaSet({ namespace: ns, limit: 1 }) : a.apps.listReplicaSetForAllNamespaces({ limit: 1 })),
  'apps/statefulsets': (a, ns) => (ns ? a.apps.listNamespacedStatefulSet({ namespace: ns, limit: 1 }) : a.apps.listStatefulSetForAllNamespaces({ limit: 1 })),
  'apps/daemonsets': (a, ns) => (ns ? a.apps.listNamespacedDaemonSet({ namespace: ns, limit: 1 }) : a.apps.listDaemonSetForAllNamespaces({ limit: 1 })),
  'batch/jobs': (a, ns) => (ns ? a.batch.listNamespacedJob({ namespace: ns, limit: 1 }) : a.batch.listJobForAllNamespaces({ limit: 1 })),
  'batch/cronjobs': (a, ns) => (ns ? a.batch.listNamespacedCronJob({ namespace: ns, limit: 1 }) : a.batch.listCronJobForAllNamespaces({ limit: 1 })),
};

/** true = the list works, false = 403, undefined = cannot tell (unknown kind or another error). */
export async function probeList(api: Api, resource: string, group: string, namespace?: string): Promise<boolean | undefined> {
  const lister = LISTERS[`${group}/${resource}`];
  if (!lister) return undefined;
  try {
    await lister(api, namespace);
    return true;
  } catch (err) {
    return statusCodeOf(err) === 403 ? false : undefined;
  }
}
