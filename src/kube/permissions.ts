// What this account may do, asked once at startup, so views can say "not available to you" calmly
// instead of showing a 403 on every retry. Namespace rules come from one SelfSubjectRulesReview; the
// cluster-scoped kinds (whose rules an SSRR for a namespace does not describe reliably) from
// SelfSubjectAccessReviews; where reviews are not allowed, from cheap `limit=1` lists.
// Anything not known for sure is "unknown": allowed, so the caller tries and sees.
import type { V1ResourceRule } from '@kubernetes/client-node';
import type { Api } from './api.js';
import { statusCodeOf } from './errors.js';
import { kubeJson } from './http.js';
import { READ_TIMEOUT_MS, resourcePath, type Obj, type ResourceRef } from './objects.js';
import { probeList } from './probes.js';

export interface Verdict {
  allowed: boolean;
  /** Why not, in words for the user: 'you cannot list nodes (cluster-scoped) with this account'. */
  reason?: string;
  /** The answer is a guess (rules incomplete or never asked): try and see. */
  unknown?: boolean;
}

export interface AccessCheck {
  verb: string;
  resource: string; // plural, e.g. 'pods'
  group: string; // '' for core
  /** API version, for the limit=1 list where reviews are refused; default v1 (core, apps, batch). */
  version?: string;
}

export interface Permissions {
  namespace: string;
  /** namespace undefined = cluster-scoped kind, or a namespaced kind across all namespaces. */
  can(verb: string, resource: string, group: string, namespace?: string): Verdict;
  /** One line for the header, e.g. 'namespace vgauthier only — nodes, namespaces hidden'. */
  summary: string;
  /** The account cannot list some cluster-scoped kinds (typical for a namespace-only student). */
  namespaceOnly: boolean;
  /** Cluster-scoped resources this account cannot list, e.g. ['nodes', 'namespaces']. */
  hidden: string[];
}

export interface LoadPermissionsOptions {
  /** Cluster-wide checks to answer up front (default: list/watch nodes and namespaces). */
  clusterChecks?: AccessCheck[];
}

/** Cluster-scoped kinds kdash shows, checked up front. */
export const CLUSTER_SCOPED: AccessCheck[] = [
  { verb: 'list', resource: 'nodes', group: '' },
  { verb: 'watch', resource: 'nodes', group: '' },
  { verb: 'list', resource: 'namespaces', group: '' },
  { verb: 'watch', resource: 'namespaces', group: '' },
];

const CLUSTER_RESOURCES = new Set(['nodes', 'namespaces', 'persistentvolumes', 'storageclasses', 'clusterroles', 'clusterrolebindings', 'customresourcedefinitions']);

/** The namespaced kinds kdash shows: probed with limit=1 lists when SelfSubjectRulesReview itself is refused. */
export const NAMESPACED_KINDS: AccessCheck[] = [
  ['pods', ''], ['services', ''], ['configmaps', ''], ['events', ''], ['deployments', 'apps'], ['replicasets', 'apps'],
  ['statefulsets', 'apps'], ['daemonsets', 'apps'], ['jobs', 'batch'], ['cronjobs', 'batch'],
].map(([resource, group]) => ({ verb: 'list', resource, group }));

/** Where a check's kind lives, for its limit=1 list. */
const refOf = (c: AccessCheck): ResourceRef => ({ group: c.group, version: c.version ?? 'v1', plural: c.resource, namespaced: !CLUSTER_RESOURCES.has(c.resource) });

/**
 * Asks the server a SelfSubjectAccessReview or SelfSubjectRulesReview (a POST that changes nothing,
 * so it is timed like a read: a hung server must not hang startup or a confirm). Returns the review's status.
 */
export async function selfSubjectReview(api: Api, kind: 'SelfSubjectAccessReview' | 'SelfSubjectRulesReview', spec: object): Promise<Obj | undefined> {
  const ref: ResourceRef = { group: 'authorization.k8s.io', version: 'v1', plural: `${kind.toLowerCase()}s`, namespaced: false };
  const body = { apiVersion: 'authorization.k8s.io/v1', kind, spec };
  const res = await kubeJson<Obj>(api.kc, resourcePath(ref), { method: 'POST', body, timeoutMs: READ_TIMEOUT_MS });
  return res?.status;
}

const key = (c: AccessCheck) => `${c.verb} ${c.group}/${c.resource}`;

/** rbac RuleAllows for one resource rule (ignoring resourceNames, handled by the caller). */
function ruleMatches(rule: V1ResourceRule, verb: string, resource: string, group: string): boolean {
  const verbs = rule.verbs ?? [];
  const groups = rule.apiGroups ?? [];
  const resources = rule.resources ?? [];
  if (!verbs.includes('*') && !verbs.includes(verb)) return false;
  if (!groups.includes('*') && !groups.includes(group)) return false;
  const sub = resource.includes('/') ? resource.slice(resource.indexOf('/') + 1) : '';
  return resources.some((r) => r === '*' || r === resource || (sub !== '' && r === `*/${sub}`));
}

// Verbs that never name a single object, so rules limited to resourceNames cannot grant them.
const COLLECTION_VERBS = new Set(['list', 'watch', 'create', 'deletecollection']);

function rulesVerdict(rules: V1ResourceRule[], incomplete: boolean, verb: string, resource: string, group: string, ns: string): Verdict {
  let partial = false;
  for (const rule of rules) {
    if (!ruleMatches(rule, verb, resource, group)) continue;
    if (rule.resourceNames?.length) {
      if (!COLLECTION_VERBS.has(verb)) partial = true;
      continue;
    }
    return { allowed: true };
  }
  if (partial || incomplete) return { allowed: true, unknown: true };
  return { allowed: false, reason: `you cannot ${verb} ${resource} in namespace ${ns} with this account` };
}

async function accessReview(api: Api, c: AccessCheck): Promise<boolean | undefined> {
  try {
    const status = await selfSubjectReview(api, 'SelfSubjectAccessReview', { resourceAttributes: { verb: c.verb, resource: c.resource, group: c.group } });
    return status?.allowed === true;
  } catch (err) {
    const code = statusCodeOf(err);
    if (code === 403 || code === 404 || code === 405) return undefined; // reviews not allowed here
    throw err;
  }
}

/** Asks the cluster once; never throws for a 403/404 on the reviews themselves. */
export async function loadPermissions(api: Api, namespace: string, opts: LoadPermissionsOptions = {}): Promise<Permissions> {
  const checks = opts.clusterChecks ?? CLUSTER_SCOPED;
  let rules: V1ResourceRule[] = [];
  let incomplete = true;
  let rulesKnown = false;
  // The rules review and the cluster-wide reviews go out together (one round trip before the first
  // screen, not two); the rules review's error is the one that counts.
  const cluster = new Map<string, boolean>();
  const probed = new Map<string, Promise<boolean | undefined>>();
  const probe = (c: AccessCheck, ns?: string) => {
    const k = `${ns ?? ''} ${c.group}/${c.resource}`;
    if (!probed.has(k)) probed.set(k, probeList(api, refOf(c), ns));
    return probed.get(k)!;
  };
  // Cluster-wide answers: review first, else a limit=1 list (for list/watch); unanswered stays unknown.
  const clusterAnswers = Promise.all(
    checks.map(async (c) => {
      let allowed = await accessReview(api, c);
      if (allowed === undefined && (c.verb === 'list' || c.verb === 'watch')) allowed = await probe(c);
      if (allowed !== undefined) cluster.set(key(c), allowed);
    }),
  );
  clusterAnswers.catch(() => undefined); // awaited below, unless the rules review fails first
  try {
    const status = await selfSubjectReview(api, 'SelfSubjectRulesReview', { namespace });
    rules = (status?.resourceRules as V1ResourceRule[] | undefined) ?? [];
    incomplete = status?.incomplete === true;
    rulesKnown = true;
  } catch (err) {
    const code = statusCodeOf(err);
    if (code !== 403 && code !== 404 && code !== 405) throw err;
  }
  await clusterAnswers;
  const nsProbe = new Map<string, boolean>();
  if (!rulesKnown) {
    await Promise.all(
      NAMESPACED_KINDS.map(async (c) => {
        const allowed = await probe(c, namespace);
        if (allowed !== undefined) nsProbe.set(`${c.group}/${c.resource}`, allowed);
      }),
    );
  }

  const can = (verb: string, resource: string, group: string, ns?: string): Verdict => {
    if (ns === undefined) {
      const known = cluster.get(key({ verb, resource, group }));
      const scope = CLUSTER_RESOURCES.has(resource) ? ' (cluster-scoped)' : ' across all namespaces';
      if (known === false) return { allowed: false, reason: `you cannot ${verb} ${resource}${scope} with this account` };
      return known ? { allowed: true } : { allowed: true, unknown: true };
    }
    if (ns !== namespace) return { allowed: true, unknown: true };
    if (rulesKnown) return rulesVerdict(rules, incomplete, verb, resource, group, ns);
    const probedAllowed = verb === 'list' || verb === 'watch' ? nsProbe.get(`${group}/${resource}`) : undefined;
    if (probedAllowed === false) return { allowed: false, reason: `you cannot ${verb} ${resource} in namespace ${ns} with this account` };
    return probedAllowed ? { allowed: true } : { allowed: true, unknown: true };
  };

  const deniedLists = checks.filter((c) => c.verb === 'list' && cluster.get(key(c)) === false).map((c) => c.resource);
  const hidden = [...new Set(deniedLists.filter((r) => CLUSTER_RESOURCES.has(r)))];
  const noAllNamespaces = deniedLists.some((r) => !CLUSTER_RESOURCES.has(r));
  const namespaceOnly = hidden.length > 0;
  const writes = ['create', 'update', 'patch', 'delete'].some((v) => can(v, 'pods', '', namespace).allowed || can(v, 'deployments', 'apps', namespace).allowed);
  const clusterAdmin = rulesKnown && rules.some((r) => ruleMatches(r, '*', '*', '*') && !r.resourceNames?.length) && hidden.length === 0 && !noAllNamespaces;
  let summary: string;
  if (clusterAdmin) summary = 'cluster admin';
  else if (namespaceOnly) summary = `namespace ${namespace} only — ${hidden.join(', ')} hidden`;
  else summary = hidden.length ? `${hidden.join(', ')} hidden` : '';
  if (noAllNamespaces) summary = summary ? `${summary}; no view across all namespaces` : 'no view across all namespaces';
  if (!writes && !clusterAdmin) summary = summary ? `${summary}, read-only` : 'read-only';
  if (!rulesKnown) summary = summary ? `${summary} (permissions partly unknown)` : 'permissions unknown';
  return { namespace, can, summary, namespaceOnly, hidden };
}

/** Used when the permission questions themselves failed (e.g. a flaky server): everything is "try and see". */
export function unknownPermissions(namespace: string): Permissions {
  return {
    namespace,
    can: () => ({ allowed: true, unknown: true }),
    summary: 'permissions unknown',
    namespaceOnly: false,
    hidden: [],
  };
}
