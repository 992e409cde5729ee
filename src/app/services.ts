// Builds what the views can reach (their ports, src/views/ports.ts) from a session and its runtime. The dashboard and
// the end-to-end test rig both use this, so tests drive exactly the app users run.
import type { Session } from '../kube/session.js';
import { objectClient } from '../kube/objects.js';
import { selfSubjectReview } from '../kube/permissions.js';
import { describeError } from '../kube/errors.js';
import { kindDiscovery } from './kinds.js';
import type { AccessRequest, ForwardRegistry, RuleLine, TerminalHandoff, ViewPorts } from '../views/ports.js';
import { createForwardRegistry } from './forwards.js';
import type { ClassViewOptions } from '../course/classKind.js';
import { makeOperations } from './operations.js';
import { createDiagnosisFeed } from './diagnosisFeed.js';
import type { ReadonlySwitch } from './readonlyGuard.js';
import type { Runtime } from './runtime.js';
import { editInEditor } from './editor.js';
import { createTerminalHandoff } from './terminalHandoff.js';

export function createServices(
  session: Session,
  rt: Runtime,
  ro: ReadonlySwitch,
  opts: {
    notes?: string[];
    logTail?: number;
    confirmQuit?: boolean;
    terminal?: TerminalHandoff;
    /** --shell: the command `s` runs (default: bash, then sh). */
    shell?: string[];
    /** --address: where `F` forwards listen (default 127.0.0.1). */
    forwardAddress?: string;
    /** The forwards, when the caller owns them (to stop them on exit). */
    forwards?: ForwardRegistry;
    classOptions?: ClassViewOptions;
    allowReveal?: boolean;
    aliasesFile?: string;
    exit(code: number): void;
  },
): ViewPorts {
  const discovery = kindDiscovery(session);
  const objects = objectClient(session.api.kc);
  const terminal = opts.terminal ?? createTerminalHandoff(process.stdin, process.stdout);
  const forwards = opts.forwards ?? createForwardRegistry(session, rt, opts.forwardAddress ?? '127.0.0.1');
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
    ops: makeOperations(session, rt, ro, { terminal, forwards, shell: opts.shell }, { allowReveal: opts.allowReveal }),
    allowReveal: opts.allowReveal === true,
    diagnosis: createDiagnosisFeed(session, rt),
    kinds: { load: discovery.load, resolve: discovery.resolve, aliasesFile: opts.aliasesFile ?? '' },
    getObject: (kind, ns, name) => objects.get(kind, ns, name),
    rules: (ns) => rulesIn(session, ns),
    readonly: ro,
    focusNamespace: (ns) => rt.metrics.setScope(ns ? { namespace: ns } : { allNamespaces: true }),
    logTail: opts.logTail,
    confirmQuit: opts.confirmQuit ?? false,
    classOptions: opts.classOptions,
    color: !process.env.FORCE_COLOR || process.env.FORCE_COLOR !== '0',
    terminal,
    editor: {
      // The editor gets the terminal (kdash's screen handed over and given back as it was); without one
      // (tests, a script or GUI editor) it runs detached from it.
      edit: (text, fileName) =>
        terminal.available()
          ? terminal.run(() => editInEditor(text, fileName, { stdio: 'inherit' }), { input: 'inherit' })
          : editInEditor(text, fileName, { stdio: 'none' }),
    },
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
