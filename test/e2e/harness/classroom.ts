// The classroom the e2e tests and the parity test start from, applied as the admin through the typed
// clients: three fake nodes (kwok manages them on the real control plane), the student's namespace with
// `edit` bound to the student there only, a quota, the course's app (webnodb + redis, services) and a
// finished migration job. The same calls run against the embedded cluster for the parity test.
import type { TypedApi } from '../../support/typedApi.js';
import { NAMESPACE, STUDENT } from './controlPlane.js';

export const NODES = ['kwok-node-1', 'kwok-node-2', 'kwok-node-3'];

type Obj = Record<string, any>;

/**
 * kwok initializes a node (addresses, kubelet port, conditions) only while it is not Ready, so the real
 * cluster's nodes are created without conditions; the embedded cluster gets a Ready node like kwok makes.
 */
export function nodeManifest(name: string, opts: { ready: boolean; capacity?: { cpu: string; memory: string; pods: string } }): Obj {
  const capacity = opts.capacity ?? { cpu: '4', memory: '16Gi', pods: '110' };
  const ready = opts.ready
    ? {
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
        addresses: [{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'Hostname', address: name }],
      }
    : {};
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      // kwok manages only nodes carrying this annotation (--manage-nodes-with-annotation-selector).
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', type: 'kwok' },
    },
    status: {
      allocatable: capacity,
      capacity,
      ...ready,
      nodeInfo: { architecture: 'amd64', operatingSystem: 'linux', kubeletVersion: 'v1.36.3', containerRuntimeVersion: 'containerd://2.0.0', kernelVersion: '6.1.0', osImage: 'kwok', kubeProxyVersion: 'v1.36.3', machineID: '', bootID: '', systemUUID: '' },
    },
  };
}

const container = (name: string, image: string, port: number | undefined, requests: [string, string], limits: [string, string]) => ({
  name,
  image,
  ...(port ? { ports: [{ containerPort: port, protocol: 'TCP' }] } : {}),
  resources: { requests: { cpu: requests[0], memory: requests[1] }, limits: { cpu: limits[0], memory: limits[1] } },
});

export function deploymentManifest(name: string, replicas: number, image: string, port: number): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [container(name, image, port, ['100m', '128Mi'], ['250m', '256Mi'])] },
      },
    },
  };
}

export function serviceManifest(name: string, port: number): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NAMESPACE, labels: { app: name } },
    spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }] },
  };
}

export const jobManifest: Obj = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'db-migrate', namespace: NAMESPACE, labels: { app: 'db-migrate' } },
  spec: {
    backoffLimit: 4,
    template: {
      metadata: { labels: { app: 'db-migrate' } },
      spec: { restartPolicy: 'Never', containers: [{ ...container('migrate', 'vgauthier/webnodb:latest', undefined, ['100m', '64Mi'], ['250m', '128Mi']), command: ['python', 'manage.py', 'migrate'] }] },
    },
  },
};

const ignoreExists = (e: unknown) => {
  const code = (e as { code?: number }).code;
  if (code !== 409) throw e;
};

/** Cluster-level setup: nodes, the namespace, the student's rights there, the quota. */
export async function applyCluster(admin: TypedApi): Promise<void> {
  for (const name of NODES) await admin.core.createNode({ body: nodeManifest(name, { ready: false }) as any }).catch(ignoreExists);
  await admin.core
    .createNamespace({ body: { metadata: { name: NAMESPACE } } })
    .catch(ignoreExists);
  await admin.objects
    .create({ group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', namespaced: true }, NAMESPACE, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${STUDENT}-edit`, namespace: NAMESPACE },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: STUDENT }],
    })
    .catch(ignoreExists);
  await admin.core
    .createNamespacedResourceQuota({
      namespace: NAMESPACE,
      body: { metadata: { name: 'compute-quota' }, spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi' } } },
    })
    .catch(ignoreExists);
}

/** The student's app, created as the student would (through their own rights). */
export async function applyWorkloads(api: TypedApi): Promise<void> {
  await api.apps.createNamespacedDeployment({ namespace: NAMESPACE, body: deploymentManifest('webnodb', 3, 'vgauthier/webnodb:latest', 5000) as any });
  await api.apps.createNamespacedDeployment({ namespace: NAMESPACE, body: deploymentManifest('redis', 1, 'redis:7', 6379) as any });
  await api.core.createNamespacedService({ namespace: NAMESPACE, body: serviceManifest('webnodb', 5000) as any });
  await api.core.createNamespacedService({ namespace: NAMESPACE, body: serviceManifest('redis', 6379) as any });
  await api.batch.createNamespacedJob({ namespace: NAMESPACE, body: jobManifest as any });
}
