// Builds what the views can reach (their ports, src/views/ports.ts) from a session and its runtime. The dashboard and
// the end-to-end test rig both use this, so tests drive exactly the app users run.
import type { Session } from '../kube/session.js';
import type { AccessRequest, RuleLine, ViewPorts } from '../views/ports.js';
import { objectClient } from '../kube/objects.js';
import { selfSubjectReview } from '../kube/permissions.js';
import { describeError } from '../kube/errors.js';
import { kindDiscovery } from './kinds.js';
import { makeOperations } from './operations.js';
import type { ReadonlySwitch } from './readonlyGuard.js';
import type { Runtime } from './runtime.js';

export function createServices(
  session: Session,
  rt: Runtime,
  ro: ReadonlySwitch,
  opts: { notes?: string[]; logTail?: number; confirmQuit?: boolean; aliasesFile?: string; exit(code: number): void },
): ViewPorts {
  const discovery = kindDiscovery(session);
  const objects = objectClient(session.api.kc);
  return {
    info: {
      contextName: session.contextName,
      server: session.server,
      user: session.user || '(none)',
      namespace: session.namespace,
      allNamespaces: session.allNamespaces,
      notes: opts.notes ?? [],
      serverVersion: session.serverVersion,
    },
    store: rt.store,
    watch: (kindId, ns) => rt.watches.use(kindId, ns),
    can: (req, ns) => session.permissions.can(req.verb, resourceOf(req), req.group, ns),
    ops: makeOperations(session, rt, ro),
    kinds: { load: discovery.load, resolve: discovery.resolve, aliasesFile: opts.aliasesFile ?? '' },
    getObject: (kind, ns, name) => objects.get(kind, ns, name),
    rules: (ns) => rulesIn(session, ns),
    readonly: ro,
    focusNamespace: (ns) => rt.metrics.setScope(ns ? { namespace: ns } : { allNamespaces: true }),
    logTail: opts.logTail,
    confirmQuit: opts.confirmQuit ?? false,
    color: !process.env.FORCE_COLOR || process.env.FORCE_COLOR !== '0',
    exit: (code = 0) => opts.exit(code),
  };
}

/** RBAC names a subresource as `resource/subresource` (deployments/scale); rules for the resource alone do not grant it. */
function resourceOf(req: AccessRequest): string {
  return req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
}

/** SelfSubjectRulesReview for one namespace, as `kubectl auth can-i --list -n NS` reads it. */
async function rulesIn(session: Session, namespace: string): Promise<{ rules: RuleLine[]; incomplete: boolean; error?: string }> {
  try {
    const status = await selfSubjectReview(session.api, 'SelfSubjectRulesReview', { namespace });
    const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    const rules: RuleLine[] = [
      ...((status?.resourceRules ?? []) as any[]).map((r) => ({
        // kubectl auth can-i --list: one name per resource and group, `deployments.apps`, `pods` for core.
        resources: strings(r.resources).flatMap((res) => strings(r.apiGroups ?? ['']).map((g) => (g ? `${res}.${g}` : res))),
        verbs: strings(r.verbs),
        resourceNames: strings(r.resourceNames),
        nonResourceURLs: [],
      })),
      ...((status?.nonResourceRules ?? []) as any[]).map((r) => ({ resources: [], verbs: strings(r.verbs), resourceNames: [], nonResourceURLs: strings(r.nonResourceURLs) })),
    ];
    return { rules, incomplete: status?.incomplete === true };
  } catch (err) {
    return { rules: [], incomplete: true, error: describeError(err, { brief: true }) };
  }
}
