// The requests a student's kubectl and tools send where the embedded cluster must answer as
// kube-apiserver does: validation, unknown fields, no-op writes, OpenAPI, health and anonymous access,
// server-side apply. One table, run against the sim (packages/sim/test/api/apiParity.test.ts) and against the
// real control plane (test/e2e/simParity.test.ts). Expected answers were captured from kube-apiserver
// v1.36 with these exact requests. Known differences live in KNOWN_DIFFERENCES (packages/sim/README.md
// lists them for a teacher).

import { endpointsParityCases } from './endpointsParityCases.js';
import { kindsParityCases } from './kindsParityCases.js';
import { watchListParityCases } from './watchListParityCases.js';

export type User = 'admin' | 'student' | 'anonymous';

export interface HttpStep {
  http: { method: string; path: string; body?: unknown; contentType?: string; user?: User; accept?: string };
  expect?: {
    status?: number;
    reason?: string;
    message?: string | RegExp;
    /** details.causes, in order, as [field, reason, message]. */
    causes?: Array<[string, string, string]>;
    details?: Record<string, unknown>;
    /** The Warning headers' texts, in order (empty: none). */
    warnings?: string[];
    /** The body (text) contains this. */
    text?: string | RegExp;
    /** metadata.resourceVersion equals the one step N (0-based) answered. */
    sameRvAs?: number;
    /** Runs on the JSON body. */
    check?: (body: any) => void;
  };
  /**
   * For a state a real server reaches a moment later (an admission plugin's cache): the request is sent
   * again every 250 ms until its answer meets `expect`, for at most this long. Only for requests that
   * change nothing (GET, dryRun=All).
   */
  untilMs?: number;
}

export interface KubectlStep {
  kubectl: string[];
  stdin?: string;
  expect?: { code?: number; stdout?: string | RegExp; stderr?: string | RegExp };
}

export type Step = HttpStep | KubectlStep;

export interface ParityCase {
  name: string;
  steps: Step[];
}

/** What runs the steps: the sim or the real control plane, as the admin in `ns` unless a step says. */
export interface ParityTarget {
  label: 'sim' | 'real';
  http(req: HttpStep['http']): Promise<{ status: number; headers: Headers; text: string }>;
  /** kubectl as the admin with `-n ns` already given. */
  kubectl(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }>;
}

const deployment = (name: string, extra: { spec?: Record<string, unknown>; container?: Record<string, unknown>; labels?: Record<string, string> } = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: extra.labels ?? { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...extra.container }] } },
    ...extra.spec,
  },
});

const workload = (kind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet', name: string) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name },
  spec: {
    ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
    selector: { matchLabels: { app: 'a' } },
    template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'w', image: 'nginx:1.27' }] } },
  },
});

const pod = (name: string, spec: Record<string, unknown> = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...(labels ? { labels } : {}) },
  spec: { containers: [{ name: 'w', image: 'nginx:1.27' }], ...spec },
});

const mismatch = (kind: string, group: string, name: string): HttpStep['expect'] => ({
  status: 422,
  reason: 'Invalid',
  message: `${kind}.${group} "${name}" is invalid: spec.template.metadata.labels: Invalid value: {"app":"b"}: \`selector\` does not match template \`labels\``,
  causes: [['spec.template.metadata.labels', 'FieldValueInvalid', 'Invalid value: {"app":"b"}: `selector` does not match template `labels`']],
});

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const yaml = (o: unknown) => JSON.stringify(o);

/** A check that the answered object's data is exactly `want`. */
const dataIs = (want: Record<string, string>) => (b: any) => {
  if (JSON.stringify(b?.data) !== JSON.stringify(want)) throw new Error(`data is ${JSON.stringify(b?.data)}, expected ${JSON.stringify(want)}`);
};

const SSA_DEPLOY = (ns: string) => yaml({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'ssa', namespace: ns },
  spec: { replicas: 3, selector: { matchLabels: { app: 'ssa' } }, template: { metadata: { labels: { app: 'ssa' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
});

export function parityCases(ns: string): ParityCase[] {
  const deploys = `/apis/apps/v1/namespaces/${ns}/deployments`;
  const pods = `/api/v1/namespaces/${ns}/pods`;
  const typo = deployment('typo', { spec: { replicaz: 3 }, container: { imagee: 'x' } });
  // In document order: replicaz comes after template in this body (kubectl sends keys sorted, so there
  // replicaz comes first).
  const unknownFields = ['unknown field "spec.template.spec.containers[0].imagee"', 'unknown field "spec.replicaz"'];
  const kubectlUnknownFields = [...unknownFields].reverse();
  return [
    // ---- unknown fields (fieldValidation) ----
    {
      name: 'fieldValidation=Strict refuses unknown fields with 400 and every field path',
      steps: [{
        http: { method: 'POST', path: `${deploys}?fieldValidation=Strict`, body: typo },
        expect: { status: 400, reason: 'BadRequest', message: `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ${unknownFields.join(', ')}` },
      }],
    },
    {
      name: 'fieldValidation=Warn creates the object and sends one Warning header per unknown field',
      steps: [{ http: { method: 'POST', path: `${deploys}?fieldValidation=Warn&dryRun=All`, body: typo }, expect: { status: 201, warnings: unknownFields } }],
    },
    {
      name: 'no fieldValidation parameter means Warn',
      steps: [{ http: { method: 'POST', path: `${deploys}?dryRun=All`, body: typo }, expect: { status: 201, warnings: unknownFields } }],
    },
    {
      name: 'fieldValidation=Ignore drops unknown fields silently',
      steps: [{ http: { method: 'POST', path: `${deploys}?fieldValidation=Ignore&dryRun=All`, body: typo }, expect: { status: 201, warnings: [] } }],
    },
    {
      name: 'kubectl create -f with a typo fails as kube-apiserver fails it (Strict is kubectl\'s default)',
      steps: [{
        kubectl: ['create', '-f', '-'],
        stdin: yaml(typo),
        expect: { code: 1, stderr: `Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ${kubectlUnknownFields.join(', ')}` },
      }],
    },
    {
      name: 'kubectl create --validate=warn prints the server\'s warnings and creates',
      steps: [{
        kubectl: ['create', '--validate=warn', '--dry-run=server', '-f', '-'],
        stdin: yaml(typo),
        expect: { code: 0, stderr: kubectlUnknownFields.map((w) => `Warning: ${w}`).join('\n'), stdout: 'deployment.apps/typo created (server dry run)' },
      }],
    },
    // ---- workload selectors ----
    {
      name: 'a Deployment whose selector does not match its template labels is 422',
      steps: [{ http: { method: 'POST', path: deploys, body: deployment('sel', { labels: { app: 'b' } }) }, expect: mismatch('Deployment', 'apps', 'sel') }],
    },
    ...(['ReplicaSet', 'StatefulSet', 'DaemonSet'] as const).map((kind) => ({
      name: `a ${kind} whose selector does not match its template labels is 422`,
      steps: [{ http: { method: 'POST', path: `/apis/apps/v1/namespaces/${ns}/${kind.toLowerCase()}s`, body: workload(kind, 'sel') }, expect: mismatch(kind, 'apps', 'sel') }],
    })),
    {
      name: 'a Job with manualSelector whose selector does not match its template labels is 422',
      steps: [{
        http: {
          method: 'POST',
          path: `/apis/batch/v1/namespaces/${ns}/jobs`,
          body: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'sel' }, spec: { manualSelector: true, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'b' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox:1.36' }] } } } },
        },
        expect: mismatch('Job', 'batch', 'sel'),
      }],
    },
    {
      name: 'changing a Deployment\'s selector is refused: field is immutable',
      steps: [
        { http: { method: 'POST', path: deploys, body: deployment('imm', { labels: { app: 'imm', tier: 'web' } }) }, expect: { status: 201 } },
        {
          http: { method: 'PATCH', path: `${deploys}/imm`, contentType: 'application/merge-patch+json', body: { spec: { selector: { matchLabels: { app: 'imm', tier: 'web' } } } } },
          expect: {
            status: 422,
            reason: 'Invalid',
            message: 'Deployment.apps "imm" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"imm","tier":"web"}}: field is immutable',
            causes: [['spec.selector', 'FieldValueInvalid', 'Invalid value: {"matchLabels":{"app":"imm","tier":"web"}}: field is immutable']],
          },
        },
      ],
    },
    // ---- quantities, names, labels, containers, ports ----
    {
      name: 'a quantity that is not one (cpu: lots) is refused while decoding, with 400',
      steps: [{
        http: { method: 'POST', path: pods, body: pod('q', { containers: [{ name: 'w', image: 'nginx:1.27', resources: { requests: { cpu: 'lots' } } }] }) },
        expect: { status: 400, reason: 'BadRequest', message: `Pod in version "v1" cannot be handled as a Pod: ${QUANTITY}` },
      }],
    },
    {
      name: 'a quantity inside a Deployment\'s template is refused the same way',
      steps: [{
        http: { method: 'POST', path: deploys, body: deployment('q', { container: { resources: { limits: { memory: 'much' } } } }) },
        expect: { status: 400, reason: 'BadRequest', message: `Deployment in version "v1" cannot be handled as a Deployment: ${QUANTITY}` },
      }],
    },
    {
      name: 'a pod name with capitals and _ is not a DNS-1123 subdomain',
      steps: [{
        http: { method: 'POST', path: pods, body: pod('Bad_Name') },
        expect: { status: 422, reason: 'Invalid', message: `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`, causes: [['metadata.name', 'FieldValueInvalid', `Invalid value: "Bad_Name": ${SUBDOMAIN}`]] },
      }],
    },
    {
      name: 'a Service name must be a DNS-1123 label: no dots',
      steps: [{
        http: { method: 'POST', path: `/api/v1/namespaces/${ns}/services`, body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'my.svc' }, spec: { ports: [{ port: 80 }] } } },
        expect: { status: 422, reason: 'Invalid', message: 'Service "my.svc" is invalid: metadata.name: Invalid value: "my.svc": must not contain dots', causes: [['metadata.name', 'FieldValueInvalid', 'Invalid value: "my.svc": must not contain dots']] },
      }],
    },
    {
      name: 'a Namespace name must be a DNS-1123 label',
      steps: [{
        http: { method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Class-A' } } },
        expect: { status: 422, reason: 'Invalid', message: `Namespace "Class-A" is invalid: metadata.name: Invalid value: "Class-A": ${LABEL}` },
      }],
    },
    {
      name: 'a label key with a space is refused with the qualified-name message',
      steps: [{
        http: { method: 'POST', path: pods, body: pod('lk', {}, { 'my app': 'web' }) },
        expect: {
          status: 422,
          reason: 'Invalid',
          causes: [['metadata.labels', 'FieldValueInvalid', `Invalid value: "my app": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`]],
        },
      }],
    },
    {
      name: 'a label value longer than 63 bytes is refused',
      steps: [{
        http: { method: 'POST', path: pods, body: pod('lv', {}, { app: 'a'.repeat(64) }) },
        expect: { status: 422, reason: 'Invalid', message: `Pod "lv" is invalid: metadata.labels: Invalid value: "${'a'.repeat(64)}": must be no more than 63 bytes` },
      }],
    },
    {
      name: 'container names, ports and protocols are validated with their field paths',
      steps: [{
        http: {
          method: 'POST',
          path: pods,
          body: pod('ports', { containers: [{ name: 'Web_1', image: 'nginx:1.27', ports: [{ containerPort: 70000 }, { containerPort: 0, name: 'Http_Port' }, { containerPort: 80, protocol: 'tcp' }] }] }),
        },
        expect: {
          status: 422,
          reason: 'Invalid',
          causes: [
            ['spec.containers[0].name', 'FieldValueInvalid', `Invalid value: "Web_1": ${LABEL}`],
            ['spec.containers[0].ports[0].containerPort', 'FieldValueInvalid', 'Invalid value: 70000: must be between 1 and 65535, inclusive'],
            ['spec.containers[0].ports[1].name', 'FieldValueInvalid', 'Invalid value: "Http_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
            ['spec.containers[0].ports[1].containerPort', 'FieldValueRequired', 'Required value'],
            ['spec.containers[0].ports[2].protocol', 'FieldValueNotSupported', 'Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"'],
          ],
        },
      }],
    },
    {
      name: 'two containers with the same name are a Duplicate value',
      steps: [{
        http: { method: 'POST', path: pods, body: pod('dup', { containers: [{ name: 'w', image: 'nginx:1.27' }, { name: 'w', image: 'redis:7' }] }) },
        expect: { status: 422, reason: 'Invalid', message: 'Pod "dup" is invalid: spec.containers[1].name: Duplicate value: "w"', causes: [['spec.containers[1].name', 'FieldValueDuplicate', 'Duplicate value: "w"']] },
      }],
    },
    // ---- writes that change nothing ----
    {
      name: 'a patch that changes nothing keeps the resourceVersion',
      steps: [
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/configmaps`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', labels: { a: 'b' } }, data: { k: 'v' } } }, expect: { status: 201 } },
        { http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/same`, contentType: 'application/merge-patch+json', body: { data: { k: 'v' } } }, expect: { status: 200, sameRvAs: 0 } },
        { http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/same`, contentType: 'application/strategic-merge-patch+json', body: { metadata: { labels: { a: 'b' } } } }, expect: { status: 200, sameRvAs: 0 } },
      ],
    },
    {
      name: 'a PUT of the object as read keeps the resourceVersion',
      steps: [
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/configmaps`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same-put' }, data: { k: 'v' } } }, expect: { status: 201 } },
        { kubectl: ['get', 'configmap', 'same-put', '-o', 'json'], expect: { code: 0 } },
        { kubectl: ['replace', '-f', '-'], stdin: yaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same-put' }, data: { k: 'v' } }), expect: { code: 0, stdout: 'configmap/same-put replaced' } },
        { http: { method: 'GET', path: `/api/v1/namespaces/${ns}/configmaps/same-put` }, expect: { status: 200, sameRvAs: 0 } },
      ],
    },
    // ---- OpenAPI and discovery ----
    {
      name: 'kubectl explain deployment.spec.replicas reads the published schema',
      steps: [{ kubectl: ['explain', 'deployment.spec.replicas'], expect: { code: 0, stdout: /KIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: replicas <integer>\n+DESCRIPTION:\n {4}Number of desired pods\./ } }],
    },
    {
      name: 'kubectl explain of a field that does not exist says so',
      steps: [{ kubectl: ['explain', 'deployment.spec.replicaz'], expect: { code: 1, stderr: 'error: field "replicaz" does not exist' } }],
    },
    {
      name: 'kubectl apply of a kind the server does not serve says "no matches for kind"',
      steps: [{
        kubectl: ['apply', '-f', '-'],
        stdin: yaml({ apiVersion: 'apps/v1', kind: 'Deploymnt', metadata: { name: 'x' }, spec: {} }),
        expect: { code: 1, stderr: `error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Deploymnt" in version "apps/v1"\nensure CRDs are installed first` },
      }],
    },
    {
      name: '/openapi/v3 lists a document per group version and apps/v1 has the Deployment schema',
      steps: [
        { http: { method: 'GET', path: '/openapi/v3' }, expect: { status: 200, check: (b) => { if (!b.paths['apis/apps/v1']?.serverRelativeURL) throw new Error('no apis/apps/v1'); } } },
        {
          http: { method: 'GET', path: '/openapi/v3/apis/apps/v1' },
          expect: {
            status: 200,
            check: (b) => {
              const d = b.components.schemas['io.k8s.api.apps.v1.Deployment'];
              if (!d?.['x-kubernetes-group-version-kind']?.some((g: any) => g.kind === 'Deployment' && g.group === 'apps')) throw new Error('no Deployment GVK');
              const r = b.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas;
              if (r.type !== 'integer' || r.format !== 'int32') throw new Error(`replicas is ${JSON.stringify(r)}`);
            },
          },
        },
      ],
    },
    {
      name: '/openapi/v2 answers JSON with definitions of the served kinds',
      steps: [{
        http: { method: 'GET', path: '/openapi/v2', accept: 'application/json' },
        expect: { status: 200, check: (b) => { if (b.swagger !== '2.0' || !b.definitions['io.k8s.api.core.v1.PodSpec']?.properties?.containers) throw new Error('no PodSpec'); } },
      }],
    },
    // ---- health, version and anonymous requests ----
    ...['/healthz', '/readyz', '/livez'].map((path) => ({
      name: `${path} answers ok without credentials`,
      steps: [{ http: { method: 'GET', path, user: 'anonymous' as const }, expect: { status: 200, text: /^ok$/ } }],
    })),
    {
      name: '/version answers without credentials: v1.36, with the emulation and compatibility versions',
      steps: [{ http: { method: 'GET', path: '/version', user: 'anonymous' }, expect: { status: 200, check: checkVersion } }],
    },
    {
      name: 'an anonymous request for discovery is forbidden to system:anonymous',
      steps: [{ http: { method: 'GET', path: '/api', user: 'anonymous' }, expect: { status: 403, reason: 'Forbidden', message: 'forbidden: User "system:anonymous" cannot get path "/api"', details: {} } }],
    },
    {
      name: 'an anonymous list of pods is forbidden to system:anonymous',
      steps: [{
        http: { method: 'GET', path: pods, user: 'anonymous' },
        expect: { status: 403, reason: 'Forbidden', message: `pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "${ns}"`, details: { kind: 'pods' } },
      }],
    },
    {
      name: 'kubectl get --raw lists pods with the kubeconfig\'s credentials',
      steps: [{ kubectl: ['get', '--raw', `/api/v1/namespaces/${ns}/pods`], expect: { code: 0, stdout: /^\{"kind":"PodList","apiVersion":"v1"/ } }],
    },
    // ---- server-side apply ----
    {
      name: 'server-side apply creates an object and records the manager',
      steps: [
        {
          http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/applied?fieldManager=tool`, contentType: 'application/apply-patch+yaml', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { a: '1' } } },
          expect: {
            status: 201,
            check: (b) => {
              const m = b.metadata.managedFields?.[0];
              if (m?.manager !== 'tool' || m.operation !== 'Apply' || JSON.stringify(m.fieldsV1) !== '{"f:data":{"f:a":{}}}') throw new Error(JSON.stringify(b.metadata.managedFields));
            },
          },
        },
        {
          http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/applied?fieldManager=tool`, contentType: 'application/apply-patch+yaml', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { a: '1' } } },
          expect: { status: 200, sameRvAs: 0 },
        },
      ],
    },
    {
      name: 'server-side apply without a fieldManager is 422',
      steps: [{
        http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/nomanager`, contentType: 'application/apply-patch+yaml', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nomanager' } } },
        expect: { status: 422, reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', causes: [['fieldManager', 'FieldValueRequired', 'Required value: is required for apply patch']] },
      }],
    },
    {
      name: 'kubectl apply --server-side conflicts with the fields kubectl create set, --force-conflicts takes them',
      steps: [
        { kubectl: ['create', 'deployment', 'ssa', '--image=nginx'], expect: { code: 0 } },
        {
          kubectl: ['apply', '--server-side', '-f', '-'],
          stdin: SSA_DEPLOY(ns),
          expect: { code: 1, stderr: /^error: Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps\/v1:\n- \.spec\.replicas\n- \.spec\.template\.spec\.containers\[name="nginx"\]\.image\nPlease review the fields above--they currently have other managers\./ },
        },
        { kubectl: ['apply', '--server-side', '--force-conflicts', '-f', '-'], stdin: SSA_DEPLOY(ns), expect: { code: 0, stdout: 'deployment.apps/ssa serverside-applied' } },
        {
          http: { method: 'PATCH', path: `${deploys}/ssa?fieldManager=other`, contentType: 'application/apply-patch+yaml', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ssa' }, spec: { replicas: 5 } } },
          expect: {
            status: 409,
            reason: 'Conflict',
            // An Apply manager is named alone; an Update manager with its apiVersion ("using apps/v1").
            message: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas',
            causes: [['.spec.replicas', 'FieldManagerConflict', 'conflict with "kubectl"']],
          },
        },
        { kubectl: ['apply', '--server-side', '-f', '-'], stdin: SSA_DEPLOY(ns), expect: { code: 0, stdout: 'deployment.apps/ssa serverside-applied' } },
      ],
    },
    {
      name: 'server-side apply of the value another manager set shares the field instead of conflicting',
      steps: [
        { http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/shared?fieldManager=one`, contentType: 'application/apply-patch+yaml', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { a: '1' } } }, expect: { status: 201 } },
        {
          http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/shared?fieldManager=two`, contentType: 'application/apply-patch+yaml', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { a: '1', b: '2' } } },
          expect: { status: 200, check: (b) => { if (b.metadata.managedFields.map((m: any) => m.manager).join() !== 'one,two') throw new Error(JSON.stringify(b.metadata.managedFields)); } },
        },
        {
          http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/shared?fieldManager=two`, contentType: 'application/apply-patch+yaml', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { a: '9' } } },
          expect: { status: 409, reason: 'Conflict', message: 'Apply failed with 1 conflict: conflict with "one": .data.a' },
        },
      ],
    },
    // ---- what kdash edit and kdash apply rely on ----
    {
      name: 'an update with dryRun=All answers the object as it would be stored and stores nothing',
      steps: [
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/configmaps`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' }, data: { a: '1' } } }, expect: { status: 201 } },
        {
          http: { method: 'PUT', path: `/api/v1/namespaces/${ns}/configmaps/dry?dryRun=All`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' }, data: { a: '2' } } },
          expect: { status: 200, warnings: [], check: dataIs({ a: '2' }) },
        },
        { http: { method: 'GET', path: `/api/v1/namespaces/${ns}/configmaps/dry` }, expect: { status: 200, sameRvAs: 0, check: dataIs({ a: '1' }) } },
      ],
    },
    {
      name: 'an update carrying an old resourceVersion is 409 Conflict with the server\'s words, dry run or not',
      steps: [
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/configmaps`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stale' }, data: { a: '1' } } }, expect: { status: 201 } },
        { http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/stale`, contentType: 'application/merge-patch+json', body: { data: { a: '2' } } }, expect: { status: 200 } },
        ...(['', '?dryRun=All'] as const).map((q) => ({
          http: { method: 'PUT', path: `/api/v1/namespaces/${ns}/configmaps/stale${q}`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stale', resourceVersion: '1' }, data: { a: '3' } } },
          expect: {
            status: 409,
            reason: 'Conflict',
            message: 'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
          },
        })),
      ],
    },
    {
      name: 'server-side apply with dryRun=All answers the new object and creates nothing',
      steps: [
        {
          http: { method: 'PATCH', path: `/api/v1/namespaces/${ns}/configmaps/dryapply?fieldManager=kdash&dryRun=All`, contentType: 'application/apply-patch+yaml', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dryapply' }, data: { a: '1' } } },
          expect: { status: 201, check: dataIs({ a: '1' }) },
        },
        { http: { method: 'GET', path: `/api/v1/namespaces/${ns}/configmaps/dryapply` }, expect: { status: 404, reason: 'NotFound', message: 'configmaps "dryapply" not found' } },
      ],
    },
    ...endpointsParityCases(ns),
    // ---- exec, attach, port-forward: what kube-apiserver checks before it connects to the kubelet ----
    {
      name: 'exec, attach and port-forward to a pod that is not scheduled, to a container it lacks, to a pod that does not exist',
      steps: [
        { http: { method: 'POST', path: pods, body: pod('unplaced', { nodeSelector: { 'kdash.dev/nowhere': 'true' } }) }, expect: { status: 201 } },
        { http: { method: 'POST', path: `${pods}/unplaced/exec?command=env&stdout=true` }, expect: { status: 400, reason: 'BadRequest', message: 'pod unplaced does not have a host assigned' } },
        { http: { method: 'POST', path: `${pods}/unplaced/exec?command=env&stdout=true&container=nope` }, expect: { status: 400, reason: 'BadRequest', message: 'container nope is not valid for pod unplaced' } },
        { http: { method: 'POST', path: `${pods}/unplaced/attach?stdout=true&container=w` }, expect: { status: 400, reason: 'BadRequest', message: 'pod unplaced does not have a host assigned' } },
        { http: { method: 'POST', path: `${pods}/unplaced/portforward?ports=80` }, expect: { status: 400, reason: 'BadRequest', message: 'pod unplaced does not have a host assigned' } },
        { http: { method: 'POST', path: `${pods}/nopod/exec?command=env&stdout=true` }, expect: { status: 404, reason: 'NotFound', message: 'pods "nopod" not found' } },
        { http: { method: 'POST', path: `${pods}/unplaced/exec?command=env&stdout=true`, user: 'anonymous' }, expect: { status: 403, reason: 'Forbidden' } },
      ],
    },
    ...kindsParityCases(ns),
    ...watchListParityCases(ns),
  ];
}

/** kube-apiserver v1.36's /version: its fields (binary, emulation and minimum compatibility versions). */
function checkVersion(b: any): void {
  const fields = ['buildDate', 'compiler', 'emulationMajor', 'emulationMinor', 'gitCommit', 'gitTreeState', 'gitVersion', 'goVersion', 'major', 'minCompatibilityMajor', 'minCompatibilityMinor', 'minor', 'platform'];
  const same = JSON.stringify(Object.keys(b).sort()) === JSON.stringify(fields);
  const v136 = b.major === '1' && b.minor === '36' && /^v1\.36\.\d+/.test(b.gitVersion) && b.emulationMajor === '1' && b.emulationMinor === '36' && b.minCompatibilityMajor === '1' && b.minCompatibilityMinor === '35';
  if (!same || !v136) throw new Error(JSON.stringify(b));
}

/**
 * Where the embedded cluster still answers differently, by case name, with the reason. The sim test
 * skips these expectations on the sim; the e2e test checks them on the real control plane.
 */
export const KNOWN_DIFFERENCES: Record<string, string> = {
  'HorizontalPodAutoscalers are served in autoscaling/v1 too':
    'the sim serves HPAs in autoscaling/v2 only (the preferred version, what kubectl autoscale and get use): serving one resource in two versions needs the v1<->v2 conversion it does not implement',
  'aggregated discovery lists the serviceaccounts/token subresource (kubectl create token)':
    'the sim issues no service account tokens (TokenRequest): its users are the two fixed tokens of the kubeconfig, so serviceaccounts/token is not served',
};
