// What every cluster and every namespace has without anyone asking:
// - kube-apiserver's bootstrap controllers: the system namespaces and the `default/kubernetes` Service
//   at the first address of the service range, with an EndpointSlice naming the API server;
// - kube-controller-manager's serviceaccount controller (a `default` ServiceAccount in each namespace)
//   and root-ca-cert-publisher (the `kube-root-ca.crt` ConfigMap every pod's token volume mounts).
// Both namespace objects come back when deleted, as their controllers recreate them.
import { KUBERNETES_SERVICE_IP } from '../serviceAlloc.js';
import type { ClusterStore, KubeObject } from '../types.js';
import type { Ctx } from './context.js';
import { fnv32a } from './util.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/** Where the `kubernetes` Service's endpoint says the API server is (a GKE control plane's address). */
export const API_SERVER_ENDPOINT = { ip: '172.16.0.2', port: 443 };
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

const ROOT_CA_DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A PEM block with the shape of the cluster CA (the embedded cluster serves plain HTTP: nothing verifies it). */
function caPem(): string {
  const bytes = Buffer.alloc(780);
  let h = fnv32a('kdash-sim-cluster-ca');
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h ^ (h >>> 15), 2_246_822_507) >>> 0;
    bytes[i] = h & 255;
  }
  const b64 = Buffer.concat([Buffer.from([0x30, 0x82, 0x03, 0x08]), bytes]).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function namespaceDefaults(ns: string): Array<[string, KubeObject]> {
  return [
    ['serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } }],
    ['configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } }, data: { 'ca.crt': caPem() } }],
  ];
}

const live = (ns: KubeObject | undefined) => !!ns && !ns.metadata.deletionTimestamp && ns.status?.phase !== 'Terminating';

/** Creates whatever of the namespace's defaults is missing. */
export function ensureNamespaceDefaults(store: ClusterStore, ns: string): void {
  if (!live(store.get('namespaces', undefined, ns))) return;
  for (const [resource, obj] of namespaceDefaults(ns)) {
    if (!store.get(resource, ns, obj.metadata.name ?? '')) store.create(resource, obj);
  }
}

/** The system namespaces and the `kubernetes` Service with its EndpointSlice and Endpoints, where missing. */
export function ensureClusterDefaults(store: ClusterStore): void {
  for (const name of SYSTEM_NAMESPACES) {
    if (!store.get('namespaces', undefined, name)) {
      store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
  }
  if (!store.get('services', 'default', 'kubernetes')) {
    store.create('services', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: KUBERNETES_SERVICE_IP, clusterIPs: [KUBERNETES_SERVICE_IP], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: API_SERVER_ENDPOINT.port }], sessionAffinity: 'None', type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  }
  const slices = 'endpointslices.discovery.k8s.io';
  if (!store.get(slices, 'default', 'kubernetes')) {
    // The API server's endpoint reconciler writes this slice itself (the Service has no selector).
    store.create(slices, {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [API_SERVER_ENDPOINT.ip], conditions: { ready: true } }],
      ports: [{ name: 'https', port: API_SERVER_ENDPOINT.port, protocol: 'TCP' }],
    });
  }
  if (!store.get('endpoints', 'default', 'kubernetes')) {
    store.create('endpoints', {
      apiVersion: 'v1', kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: API_SERVER_ENDPOINT.ip }], ports: [{ name: 'https', port: API_SERVER_ENDPOINT.port, protocol: 'TCP' }] }],
    });
  }
}

export interface NamespaceDefaults {
  /** A namespace appeared, or one of its defaults was deleted. */
  onNamespace(ns: string): void;
  onDeleted(resource: string, o: KubeObject): void;
}

export function startNamespaceDefaults(ctx: Ctx): NamespaceDefaults {
  const queue = ctx.queue('namespace-defaults', (ns) => ensureNamespaceDefaults(ctx.store, ns));
  return {
    onNamespace: (ns) => queue.add(ns),
    onDeleted(resource, o) {
      const ns = o.metadata.namespace ?? '';
      const name = o.metadata.name;
      if ((resource === 'serviceaccounts' && name === 'default') || (resource === 'configmaps' && name === ROOT_CA_CONFIGMAP)) queue.add(ns);
    },
  };
}

/**
 * kube-controller-manager's node IPAM (--allocate-node-cidrs, as on GKE): a node registered without a
 * podCIDR gets the next free /24 of the cluster CIDR 10.8.0.0/14, so pod IPs never collide across nodes.
 */
export function startNodeIpam(ctx: Ctx): { onNode(node: KubeObject): void } {
  const queue = ctx.queue('nodeipam', (name) => {
    const node = ctx.cache.get('nodes', undefined, name);
    if (!node || node.spec?.podCIDR) return;
    const taken = new Set(ctx.cache.list('nodes').map((n) => n.spec?.podCIDR).filter(Boolean));
    for (let i = 0; i < 1024; i++) {
      const cidr = `10.${8 + (i >> 8)}.${i & 255}.0/24`;
      if (taken.has(cidr)) continue;
      ctx.store.mutate('nodes', undefined, name, (n) => {
        if (n.spec?.podCIDR) return undefined;
        n.spec = { ...(n.spec ?? {}), podCIDR: cidr, podCIDRs: [cidr] };
        return n;
      });
      return;
    }
  });
  return {
    onNode(node) {
      if (!node.spec?.podCIDR) queue.add(node.metadata.name ?? '');
    },
  };
}
