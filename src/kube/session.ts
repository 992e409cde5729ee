// A session is everything the dashboard needs to talk to one cluster as one user in one namespace,
// checked before anything is drawn: the kubeconfig loads, the server answers, the namespace exists,
// and what this account may do is known. Every failure is a UserError with one line.
import type { KubeConfig } from '@kubernetes/client-node';
import { makeApi, type Api } from './api.js';
import { UserError, describeError, statusCodeOf, type ErrorContext } from './errors.js';
import type { ResourceRef } from './objects.js';
import { loadKubeconfig, reloadCredentials, type LoadOptions } from './kubeconfig.js';
import { CLUSTER_SCOPED, loadPermissions, NAMESPACED_KINDS, unknownPermissions, type Permissions } from './permissions.js';
import { probeList } from './probes.js';
import { checkReachable } from './reachability.js';

export interface Session {
  api: Api;
  contextName: string;
  server: string;
  /** kubeconfig user name ('' when the context has none). */
  user: string;
  namespace: string;
  allNamespaces: boolean;
  readonly: boolean;
  permissions: Permissions;
  /** gitVersion from /version, e.g. 'v1.31.0'. */
  serverVersion: string;
  /** kubeconfig files read ([] for in-cluster or a KubeConfig built in memory). */
  sources: string[];
  /** Where this session points, for describeError on later failures. */
  where: ErrorContext;
  /** Re-reads the kubeconfig's credentials into api.kc (after a 401); one line saying so. Absent for in-memory configs. */
  reloadCredentials?: () => Promise<string>;
}

export interface SessionOptions {
  namespace?: string;
  allNamespaces?: boolean;
  readonly?: boolean;
  /** Reachability timeout (default 3 s). */
  timeoutMs?: number;
}

export interface OpenSessionOptions extends SessionOptions, LoadOptions {}

/** kubectl semantics: --kubeconfig / KUBECONFIG / ~/.kube/config / in-cluster, then --context. */
export async function openSession(opts: OpenSessionOptions = {}): Promise<Session> {
  const loaded = loadKubeconfig(opts);
  return openSessionFromKubeConfig(loaded.kc, {
    ...opts,
    namespace: opts.namespace || loaded.namespace,
    sources: loaded.sources,
    loginHint: loaded.loginHint,
    reload: () => reloadCredentials(loaded.kc, opts),
  });
}

/** A session from an already-built KubeConfig (the embedded cluster, tests). */
export async function openSessionFromKubeConfig(
  kc: KubeConfig,
  opts: SessionOptions & { sources?: string[]; loginHint?: string; reload?: () => string } = {},
): Promise<Session> {
  const contextName = kc.getCurrentContext();
  const server = kc.getCurrentCluster()?.server ?? '';
  const user = kc.getCurrentUser()?.name ?? '';
  const sources = opts.sources ?? [];
  const where: ErrorContext = {
    server,
    context: contextName,
    kubeconfig: sources.length ? sources.join(':') : undefined,
    user: user || undefined,
    loginHint: opts.loginHint,
  };
  const namespace = sessionNamespace(kc, opts.namespace);
  const allNamespaces = opts.allNamespaces === true;

  // Reachability, the namespace and the permissions go out together: one round trip before the first
  // screen rather than two (three with the permission reviews), which a slow or distant API server
  // made the longest wait of the start. Reachability's answer speaks first: a server that cannot be
  // reached, or refuses these credentials, fails the other two as well.
  const api = makeApi(kc);
  const clusterChecks = allNamespaces ? [...CLUSTER_SCOPED, ...NAMESPACED_KINDS] : CLUSTER_SCOPED;
  const reaching = checkReachable(kc, opts.timeoutMs ?? 3000, where);
  const namespaceChecked = allNamespaces ? Promise.resolve() : verifyNamespace(api, namespace, where);
  namespaceChecked.catch(() => undefined); // judged once the server is known to answer
  const permissionsRead = loadPermissions(api, namespace, { clusterChecks }).catch(() => unknownPermissions(namespace));
  const reach = await reaching;
  if (!reach.ok) throw new UserError(reach.message);
  const [, permissions] = await Promise.all([namespaceChecked, permissionsRead]);
  return {
    api,
    contextName,
    server,
    user,
    namespace,
    allNamespaces,
    readonly: opts.readonly === true,
    permissions,
    serverVersion: reach.version,
    sources,
    where,
    reloadCredentials: opts.reload ? async () => opts.reload!() : undefined,
  };
}

/** The namespace a session works in: the flag, else the context's, else default. */
export function sessionNamespace(kc: KubeConfig, flag: string | undefined): string {
  return flag || kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
}

const NAMESPACES: ResourceRef = { group: '', version: 'v1', plural: 'namespaces', namespaced: false };
const PODS: ResourceRef = { group: '', version: 'v1', plural: 'pods', namespaced: true };

/**
 * Fails with `namespace "x" not found` when the user can tell. Someone who may not read namespaces
 * (403) is checked with a limit=1 pod list in it instead: that works in their own namespace and
 * is refused in a foreign or missing one.
 */
export async function verifyNamespace(api: Api, namespace: string, where: ErrorContext = {}): Promise<void> {
  try {
    await api.objects.get(NAMESPACES, '', namespace);
    return;
  } catch (err) {
    const code = statusCodeOf(err);
    if (code === 404) throw new UserError(`namespace "${namespace}" not found`);
    if (code !== 403) throw new UserError(describeError(err, where));
  }
  const canList = await probeList(api, PODS, namespace);
  if (canList === false) {
    throw new UserError(`namespace "${namespace}" not found or not open to this account (you cannot read it or list its pods)`);
  }
}
