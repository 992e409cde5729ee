// Parity cases for the kinds a course cluster serves beyond workloads (issue 14): aggregated discovery,
// what `kubectl get K -o wide` prints for each (header and row), the student's RBAC forbidden on roles,
// CustomResourceDefinitions with printer columns, LimitRange admission and the eviction a
// PodDisruptionBudget refuses. Part of parityCases (apiParityCases.ts).
import type { ParityCase } from './apiParityCases.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

/** What aggregated discovery must say of each kind, as kube-apiserver v1.36 says it. */
const DISCOVERED: Record<string, string> = {
  '/persistentvolumeclaims': 'Namespaced pvc - status',
  '/persistentvolumes': 'Cluster pv - status',
  '/limitranges': 'Namespaced limits - -',
  'networking.k8s.io/ingresses': 'Namespaced ing - status',
  'networking.k8s.io/ingressclasses': 'Cluster - - -',
  'networking.k8s.io/networkpolicies': 'Namespaced netpol - -',
  'policy/poddisruptionbudgets': 'Namespaced pdb - status',
  'autoscaling/horizontalpodautoscalers': 'Namespaced hpa all status',
  'rbac.authorization.k8s.io/roles': 'Namespaced - - -',
  'rbac.authorization.k8s.io/rolebindings': 'Namespaced - - -',
  'rbac.authorization.k8s.io/clusterroles': 'Cluster - - -',
  'rbac.authorization.k8s.io/clusterrolebindings': 'Cluster - - -',
  'storage.k8s.io/storageclasses': 'Cluster sc - -',
  'apiextensions.k8s.io/customresourcedefinitions': 'Cluster crd,crds api-extensions status',
};

function discovered(body: any, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of body.items ?? []) {
    const v = g.versions[0];
    for (const r of v.resources) {
      const key = `${prefix}${g.metadata.name ?? ''}/${r.resource}`;
      out[key] = [r.scope, r.shortNames?.join(',') ?? '-', r.categories?.join(',') ?? '-', r.subresources?.map((s: any) => s.subresource).join(',') || '-'].join(' ');
    }
  }
  return out;
}

/**
 * A namespaced CRD with the printer columns courses use: Color, Size, Replicas (priority 1, -o wide) and
 * Age, a structural schema for spec (and status), and the status subresource (scale too when asked).
 */
export function crdWithPrinterColumns(names: { group: string; plural: string; singular: string; kind: string; shortNames: string[]; categories?: string[] }, scale = false): any {
  const { group, ...rest } = names;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${names.plural}.${group}` },
    spec: {
      group,
      names: rest,
      scope: 'Namespaced',
      versions: [{
        name: 'v1', served: true, storage: true,
        subresources: { status: {}, ...(scale ? { scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } } : {}) },
        additionalPrinterColumns: [
          { name: 'Color', type: 'string', jsonPath: '.spec.color' },
          { name: 'Size', type: 'integer', jsonPath: '.spec.size', description: 'how big' },
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: { openAPIV3Schema: { type: 'object', properties: {
          spec: { type: 'object', properties: { color: { type: 'string' }, size: { type: 'integer' }, replicas: { type: 'integer' } } },
          status: { type: 'object', properties: { replicas: { type: 'integer' } } },
        } } },
      }],
    },
  };
}

const CRD = crdWithPrinterColumns({ group: 'parity.example.com', plural: 'gizmos', singular: 'gizmo', kind: 'Gizmo', shortNames: ['gz'] });

const gizmo = (ns: string, name: string, spec: Record<string, unknown>) => JSON.stringify({ apiVersion: 'parity.example.com/v1', kind: 'Gizmo', metadata: { name, namespace: ns }, spec });

/** One object of each kind, as a student (or the admin, for cluster-scoped ones) would write them. */
const objects = (ns: string) => [
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: ns }, spec: { rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: ns }, spec: { storageClassName: '', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: ns }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: ns } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: ns }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb', namespace: ns }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: ns }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader', namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'robot', namespace: ns }] },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tok', namespace: ns }, stringData: { token: 'x' } },
];

const AGE = '\\d+s';

/** A pod without resources, for the LimitRange to default. */
const LR_PLAIN_POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lr-plain' }, spec: { containers: [{ name: 'w', image: 'nginx:1.27' }] } };

/** The LimitRange's defaults as kube-apiserver's LimitRanger sets them, with its annotation. */
function limitRangerDefaults(b: any): void {
  const got = JSON.stringify([b.metadata.annotations?.['kubernetes.io/limit-ranger'], b.spec.containers[0].resources]);
  const want = JSON.stringify(['LimitRanger plugin set: cpu, memory request for container w; cpu, memory limit for container w', { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } }]);
  if (got !== want) throw new Error(got);
}

export function kindsParityCases(ns: string): ParityCase[] {
  const list = (o: object[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: o });
  return [
    {
      name: 'aggregated discovery (apidiscovery.k8s.io/v2) describes the course kinds as kube-apiserver does; v2beta1 alone is 406',
      steps: [
        {
          http: { method: 'GET', path: '/apis', accept: AGGREGATED },
          expect: {
            status: 200,
            check: (b) => {
              if (b.kind !== 'APIGroupDiscoveryList' || b.apiVersion !== 'apidiscovery.k8s.io/v2') throw new Error(`${b.kind} ${b.apiVersion}`);
              const got = discovered(b, '');
              const want = Object.entries(DISCOVERED).filter(([k]) => !k.startsWith('/'));
              const diff = want.filter(([k, v]) => got[k] !== v).map(([k, v]) => `${k}: want "${v}", got "${got[k]}"`);
              if (diff.length) throw new Error(diff.join('\n'));
            },
          },
        },
        {
          http: { method: 'GET', path: '/api', accept: AGGREGATED },
          expect: {
            status: 200,
            check: (b) => {
              const got = discovered({ items: b.items.map((g: any) => ({ ...g, metadata: { name: '' } })) }, '');
              const want = Object.entries(DISCOVERED).filter(([k]) => k.startsWith('/'));
              const diff = want.filter(([k, v]) => got[k] !== v).map(([k, v]) => `${k}: want "${v}", got "${got[k]}"`);
              if (diff.length) throw new Error(diff.join('\n'));
            },
          },
        },
        {
          http: { method: 'GET', path: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList' },
          expect: { status: 406, reason: 'NotAcceptable', message: 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf' },
        },
      ],
    },
    {
      name: 'aggregated discovery lists the serviceaccounts/token subresource (kubectl create token)',
      steps: [{
        http: { method: 'GET', path: '/api', accept: AGGREGATED },
        expect: { status: 200, check: (b) => { const got = discovered({ items: b.items.map((g: any) => ({ ...g, metadata: { name: '' } })) }, '')['/serviceaccounts']; if (got !== 'Namespaced sa - token') throw new Error(got); } },
      }],
    },
    {
      name: 'HorizontalPodAutoscalers are served in autoscaling/v1 too',
      steps: [{ http: { method: 'GET', path: `/apis/autoscaling/v1/namespaces/${ns}/horizontalpodautoscalers` }, expect: { status: 200, check: (b) => { if (b.kind !== 'HorizontalPodAutoscalerList') throw new Error(b.kind); } } }],
    },
    {
      name: 'kubectl get K -o wide prints kube-apiserver\'s columns for ingresses, claims, autoscalers, service accounts, network policies, budgets, roles, bindings and secrets',
      steps: [
        { kubectl: ['apply', '-f', '-'], stdin: list(objects(ns)), expect: { code: 0 } },
        { kubectl: ['get', 'ingress', '-o', 'wide'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE\\nweb\\s+<none>\\s+web\\.example\\.com\\s+80\\s+${AGE}\\n$`) } },
        { kubectl: ['get', 'pvc', '-o', 'wide'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+STATUS\\s+VOLUME\\s+CAPACITY\\s+ACCESS MODES\\s+STORAGECLASS\\s+VOLUMEATTRIBUTESCLASS\\s+AGE\\s+VOLUMEMODE\\ndata\\s+Pending\\s+<unset>\\s+${AGE}\\s+Filesystem\\n$`) } },
        { kubectl: ['get', 'hpa', '-o', 'wide'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+REFERENCE\\s+TARGETS\\s+MINPODS\\s+MAXPODS\\s+REPLICAS\\s+AGE\\nweb\\s+Deployment/web\\s+cpu: <unknown>/80%\\s+1\\s+3\\s+0\\s+${AGE}\\n$`) } },
        { kubectl: ['get', 'sa', 'robot'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+AGE\\nrobot\\s+${AGE}\\n$`) } },
        { kubectl: ['get', 'netpol'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+POD-SELECTOR\\s+AGE\\ndeny\\s+<none>\\s+${AGE}\\n$`) } },
        { kubectl: ['get', 'pdb'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+MIN AVAILABLE\\s+MAX UNAVAILABLE\\s+ALLOWED DISRUPTIONS\\s+AGE\\nweb-pdb\\s+N/A\\s+1\\s+0\\s+${AGE}\\n$`) } },
        { kubectl: ['get', 'roles'], expect: { code: 0, stdout: /^NAME\s+CREATED AT\nreader\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/ } },
        { kubectl: ['get', 'rolebindings', 'reader', '-o', 'wide'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+ROLE\\s+AGE\\s+USERS\\s+GROUPS\\s+SERVICEACCOUNTS\\nreader\\s+Role/reader\\s+${AGE}\\s+bob\\s+${ns}/robot\\n$`) } },
        { kubectl: ['get', 'secret', 'tok'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+TYPE\\s+DATA\\s+AGE\\ntok\\s+Opaque\\s+1\\s+${AGE}\\n$`) } },
        { kubectl: ['get', 'limits'], expect: { code: 0, stdout: '' , stderr: `No resources found in ${ns} namespace.` } },
        { kubectl: ['delete', 'hpa,pdb,netpol,ingress,pvc', '--all'], expect: { code: 0 } },
      ],
    },
    {
      name: 'the student, like edit, may not list roles or role bindings',
      steps: [
        {
          http: { method: 'GET', path: '/apis/rbac.authorization.k8s.io/v1/namespaces/vgauthier/roles', user: 'student' },
          expect: { status: 403, reason: 'Forbidden', message: 'roles.rbac.authorization.k8s.io is forbidden: User "vgauthier" cannot list resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "vgauthier"', details: { group: 'rbac.authorization.k8s.io', kind: 'roles' } },
        },
        {
          http: { method: 'GET', path: '/apis/rbac.authorization.k8s.io/v1/namespaces/vgauthier/rolebindings', user: 'student' },
          expect: { status: 403, reason: 'Forbidden', message: 'rolebindings.rbac.authorization.k8s.io is forbidden: User "vgauthier" cannot list resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "vgauthier"' },
        },
        { http: { method: 'GET', path: '/apis/networking.k8s.io/v1/namespaces/vgauthier/ingresses', user: 'student' }, expect: { status: 200 } },
        { http: { method: 'GET', path: '/apis/policy/v1/namespaces/vgauthier/poddisruptionbudgets', user: 'student' }, expect: { status: 200 } },
        { http: { method: 'GET', path: '/api/v1/namespaces/vgauthier/limitranges', user: 'student' }, expect: { status: 200 } },
      ],
    },
    {
      name: 'a CRD serves its kind: kubectl get prints its printer columns (priority 1 with -o wide), unknown fields fail under Strict, deleting the CRD removes it',
      steps: [
        { kubectl: ['apply', '-f', '-'], stdin: JSON.stringify(CRD), expect: { code: 0, stdout: 'customresourcedefinition.apiextensions.k8s.io/gizmos.parity.example.com created' } },
        { kubectl: ['wait', '--for', 'condition=established', '--timeout=30s', 'crd/gizmos.parity.example.com'], expect: { code: 0, stdout: 'customresourcedefinition.apiextensions.k8s.io/gizmos.parity.example.com condition met' } },
        { kubectl: ['get', 'crd', 'gizmos.parity.example.com'], expect: { code: 0, stdout: /^NAME\s+CREATED AT\ngizmos\.parity\.example\.com\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/ } },
        { kubectl: ['apply', '-f', '-'], stdin: gizmo(ns, 'g1', { color: 'red', size: 3, replicas: 2 }), expect: { code: 0, stdout: 'gizmo.parity.example.com/g1 created' } },
        { kubectl: ['apply', '-f', '-'], stdin: gizmo(ns, 'g2', { size: 1 }), expect: { code: 0, stdout: 'gizmo.parity.example.com/g2 created' } },
        { kubectl: ['get', 'gizmos'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+COLOR\\s+SIZE\\s+AGE\\ng1\\s+red\\s+3\\s+${AGE}\\ng2\\s+1\\s+${AGE}\\n$`) } },
        { kubectl: ['get', 'gz', '-o', 'wide'], expect: { code: 0, stdout: new RegExp(`^NAME\\s+COLOR\\s+SIZE\\s+REPLICAS\\s+AGE\\ng1\\s+red\\s+3\\s+2\\s+${AGE}\\ng2\\s+1\\s+${AGE}\\n$`) } },
        { kubectl: ['apply', '-f', '-'], stdin: gizmo(ns, 'g3', { colour: 'x' }), expect: { code: 1, stderr: /strict decoding error: unknown field "spec\.colour"/ } },
        {
          http: { method: 'POST', path: `/apis/parity.example.com/v1/namespaces/${ns}/gizmos`, body: JSON.parse(gizmo(ns, 'g4', { size: 'big' })) },
          expect: { status: 422, reason: 'Invalid', message: 'Gizmo.parity.example.com "g4" is invalid: spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"' },
        },
        { kubectl: ['delete', 'crd', 'gizmos.parity.example.com'], expect: { code: 0 } },
        { http: { method: 'GET', path: `/apis/parity.example.com/v1/namespaces/${ns}/gizmos` }, expect: { status: 404 } },
      ],
    },
    {
      name: 'a LimitRange defaults a container\'s requests and limits and refuses one over its maximum with the LimitRanger message',
      steps: [
        {
          http: { method: 'POST', path: `/api/v1/namespaces/${ns}/limitranges`, body: { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '1', memory: '1Gi' } }] } } },
          expect: { status: 201 },
        },
        // kube-apiserver's LimitRanger remembers for 30 s that a namespace had no LimitRange (its live
        // lookup while the informer had none): a dry run shows when the new one is in force.
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/pods?dryRun=All`, body: LR_PLAIN_POD }, untilMs: 45_000, expect: { status: 201, check: limitRangerDefaults } },
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/pods`, body: LR_PLAIN_POD }, expect: { status: 201, check: limitRangerDefaults } },
        {
          http: { method: 'POST', path: `/api/v1/namespaces/${ns}/pods`, body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lr-big' }, spec: { containers: [{ name: 'w', image: 'nginx:1.27', resources: { limits: { cpu: '2', memory: '2Gi' } } }] } } },
          // kube-apiserver walks the limits in Go map order, which varies from one request to the next.
          expect: { status: 403, reason: 'Forbidden', message: /^pods "lr-big" is forbidden: \[(maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi|maximum memory usage per Container is 1Gi, but limit is 2Gi, maximum cpu usage per Container is 1, but limit is 2)\]$/ },
        },
        { kubectl: ['get', 'limits'], expect: { code: 0, stdout: /^NAME\s+CREATED AT\nlr\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/ } },
        { kubectl: ['delete', 'limitrange', 'lr'], expect: { code: 0 } },
        { kubectl: ['delete', 'pod', 'lr-plain', '--grace-period=0', '--force'], expect: { code: 0 } },
      ],
    },
    {
      name: 'evicting the only pod a PodDisruptionBudget protects is refused with 429',
      steps: [
        { http: { method: 'POST', path: `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, body: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'solo' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'solo' } } } } }, expect: { status: 201 } },
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/pods`, body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', labels: { app: 'solo' } }, spec: { containers: [{ name: 'w', image: 'nginx:1.27' }] } } }, expect: { status: 201 } },
        // A pod still Pending is evicted whatever its budget says (kube-apiserver ignores the PDB for it):
        // the case is about a running pod, so it is marked Running as its kubelet would.
        { http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/pods/solo/status`, contentType: 'application/merge-patch+json', body: { status: { phase: 'Running' } } }, expect: { status: 200 } },
        {
          http: { method: 'POST', path: `/api/v1/namespaces/${ns}/pods/solo/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'solo' } } },
          expect: { status: 429, reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget." },
        },
        { kubectl: ['delete', 'pdb', 'solo'], expect: { code: 0 } },
        { kubectl: ['delete', 'pod', 'solo', '--grace-period=0', '--force'], expect: { code: 0 } },
      ],
    },
  ];
}
