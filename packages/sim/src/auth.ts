// Authentication (bearer tokens) and authorization (RBAC-shaped rules). The admin is bound to
// cluster-admin; the student has the `edit` role in their own namespace plus read access to pod
// metrics there, and the discovery/self-review rights every authenticated user has. Denials carry the
// exact RBAC message shape (apiserver responsewriters forbiddenMessage + apierrors.NewForbidden).
import { randomBytes } from 'node:crypto';
import { SimError } from './types.js';

export interface User {
  name: string;
  groups: string[];
}

export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface NonResourceAttributes {
  verb: string;
  path: string;
}

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}

const EDIT = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const VIEW = ['get', 'list', 'watch'];

/** Namespace-scoped rules of the student (a subset of the `edit` ClusterRole plus pod metrics). */
function studentNamespaceRules(ns: string): PolicyRule[] {
  return [
    { verbs: EDIT, apiGroups: [''], resources: ['pods', 'services', 'configmaps', 'secrets', 'serviceaccounts', 'persistentvolumeclaims', 'replicationcontrollers', 'endpoints'] },
    { verbs: ['create', 'get'], apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'pods/eviction'] },
    { verbs: VIEW, apiGroups: [''], resources: ['pods/log', 'pods/status', 'services/status', 'events', 'resourcequotas', 'resourcequotas/status', 'namespaces/status', 'limitranges', 'persistentvolumeclaims/status'] },
    { verbs: VIEW, apiGroups: [''], resources: ['namespaces'], resourceNames: [ns] },
    { verbs: EDIT, apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets'] },
    { verbs: VIEW, apiGroups: ['apps'], resources: ['controllerrevisions', 'deployments/status', 'replicasets/status', 'statefulsets/status', 'daemonsets/status'] },
    { verbs: EDIT, apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
    { verbs: VIEW, apiGroups: ['batch'], resources: ['jobs/status', 'cronjobs/status'] },
    { verbs: EDIT, apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
    { verbs: VIEW, apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers/status'] },
    { verbs: EDIT, apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
    { verbs: VIEW, apiGroups: ['networking.k8s.io'], resources: ['ingresses/status'] },
    { verbs: EDIT, apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
    { verbs: VIEW, apiGroups: ['policy'], resources: ['poddisruptionbudgets/status'] },
    { verbs: VIEW, apiGroups: ['events.k8s.io'], resources: ['events'] },
    { verbs: VIEW, apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
    { verbs: VIEW, apiGroups: ['metrics.k8s.io'], resources: ['pods'] },
    { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'] },
  ];
}

/** What every authenticated user may do (system:basic-user, system:discovery, system:public-info-viewer). */
const BASIC_RULES: PolicyRule[] = [
  { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
];
const BASIC_NON_RESOURCE: NonResourceRule[] = [
  { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
];

/** system:public-info-viewer, bound to system:unauthenticated too: what anonymous requests may read. */
const PUBLIC_INFO: NonResourceRule[] = [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] }];

const ADMIN_RULES: PolicyRule[] = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
const ADMIN_NON_RESOURCE: NonResourceRule[] = [{ verbs: ['*'], nonResourceURLs: ['*'] }];

export interface Auth {
  tokens: { admin: string; student: string };
  studentNamespace: string;
  authenticate(authorization: string | undefined): User | undefined;
  allowed(user: User, attrs: ResourceAttributes): boolean;
  allowedPath(user: User, attrs: NonResourceAttributes): boolean;
  /** Throws 403 Forbidden unless allowed. */
  check(user: User, attrs: ResourceAttributes): void;
  checkPath(user: User, attrs: NonResourceAttributes): void;
  rules(user: User, namespace: string): { resourceRules: PolicyRule[]; nonResourceRules: NonResourceRule[] };
  /** The `reason` a SubjectAccessReview reports for an allowed request. */
  reason(user: User, attrs: ResourceAttributes | NonResourceAttributes): string;
}

export const ADMIN_USER: User = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
/** Who a request without credentials is (kube-apiserver's --anonymous-auth, on by default). */
export const ANONYMOUS_USER: User = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export function createAuth(opts: { studentName?: string; tokens?: { admin: string; student: string } } = {}): Auth {
  const studentName = opts.studentName ?? 'vgauthier';
  const tokens = opts.tokens ?? { admin: `admin-${randomBytes(12).toString('hex')}`, student: `student-${randomBytes(12).toString('hex')}` };
  const student: User = { name: studentName, groups: ['system:authenticated'] };
  const isAdmin = (u: User) => u.groups.includes('system:masters');

  const rules = (user: User, ns: string) => {
    if (isAdmin(user)) return { resourceRules: ADMIN_RULES, nonResourceRules: ADMIN_NON_RESOURCE };
    if (user.groups.includes('system:unauthenticated')) return { resourceRules: [], nonResourceRules: PUBLIC_INFO };
    const own = ns === studentName ? studentNamespaceRules(studentName) : [];
    return { resourceRules: [...BASIC_RULES, ...own], nonResourceRules: BASIC_NON_RESOURCE };
  };

  const allowed = (user: User, a: ResourceAttributes): boolean => {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    return rules(user, a.namespace ?? '').resourceRules.some(
      (r) =>
        (r.verbs.includes('*') || r.verbs.includes(a.verb)) &&
        (r.apiGroups.includes('*') || r.apiGroups.includes(a.group)) &&
        (r.resources.includes('*') || r.resources.includes(resource)) &&
        (!r.resourceNames?.length || (a.name !== undefined && r.resourceNames.includes(a.name))),
    );
  };

  const allowedPath = (user: User, a: NonResourceAttributes): boolean =>
    rules(user, '').nonResourceRules.some(
      (r) =>
        (r.verbs.includes('*') || r.verbs.includes(a.verb)) &&
        r.nonResourceURLs.some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path.startsWith(u.slice(0, -1)))),
    );

  return {
    tokens,
    studentNamespace: studentName,
    authenticate(header) {
      if (header === undefined) return ANONYMOUS_USER;
      const m = /^Bearer\s+(.+)$/i.exec(header);
      if (!m) return undefined;
      if (m[1] === tokens.admin) return ADMIN_USER;
      if (m[1] === tokens.student) return student;
      return undefined;
    },
    allowed,
    allowedPath,
    check(user, a) {
      if (allowed(user, a)) return;
      const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
      const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
      const why = `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`;
      const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
      const msg = a.name ? `${qualified} "${a.name}" is forbidden: ${why}` : `${qualified} is forbidden: ${why}`;
      throw new SimError(403, 'Forbidden', msg, { ...(a.name ? { name: a.name } : {}), ...(a.group ? { group: a.group } : {}), kind: a.resource });
    },
    checkPath(user, a) {
      if (allowedPath(user, a)) return;
      throw new SimError(403, 'Forbidden', `forbidden: User "${user.name}" cannot ${a.verb} path "${a.path}"`, {});
    },
    rules,
    reason(user, _a) {
      if (isAdmin(user)) return 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"';
      if ('path' in _a || _a.resource.endsWith('reviews')) return 'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"';
      return `RBAC: allowed by RoleBinding "edit/${studentName}" of ClusterRole "edit" to User "${studentName}"`;
    },
  };
}

export function unauthorized(): SimError {
  return new SimError(401, 'Unauthorized', 'Unauthorized');
}
