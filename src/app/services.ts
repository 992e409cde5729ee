// Builds what the views can reach (their ports, src/views/ports.ts) from a session and its runtime. The dashboard and
// the end-to-end test rig both use this, so tests drive exactly the app users run.
import type { Session } from '../kube/session.js';
import type { AccessRequest, ViewPorts } from '../views/ports.js';
import type { ClassViewOptions } from '../course/classKind.js';
import { makeOperations } from './operations.js';
import { createDiagnosisFeed } from './diagnosisFeed.js';
import type { ReadonlySwitch } from './readonlyGuard.js';
import type { Runtime } from './runtime.js';

export function createServices(
  session: Session,
  rt: Runtime,
  ro: ReadonlySwitch,
  opts: { notes?: string[]; logTail?: number; confirmQuit?: boolean; classOptions?: ClassViewOptions; allowReveal?: boolean; exit(code: number): void },
): ViewPorts {
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
    ops: makeOperations(session, rt, ro, { allowReveal: opts.allowReveal }),
    allowReveal: opts.allowReveal === true,
    diagnosis: createDiagnosisFeed(session, rt),
    readonly: ro,
    focusNamespace: (ns) => rt.metrics.setScope(ns ? { namespace: ns } : { allNamespaces: true }),
    logTail: opts.logTail,
    confirmQuit: opts.confirmQuit ?? false,
    classOptions: opts.classOptions,
    color: !process.env.FORCE_COLOR || process.env.FORCE_COLOR !== '0',
    exit: (code = 0) => opts.exit(code),
  };
}

/** RBAC names a subresource as `resource/subresource` (deployments/scale); rules for the resource alone do not grant it. */
function resourceOf(req: AccessRequest): string {
  return req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
}
