// Turns CLI flags into a Session: the kubeconfig (or the embedded demo cluster), the read-only
// guard on every request, reachability, namespace and permissions — all before anything is drawn.
// The same steps open another context of the kubeconfig later (`:ctx`), through a ContextSource.
// The first view's list need not wait for those checks: `early` starts it as soon as the kubeconfig
// is read (src/app/firstList.ts, used by --once), and it runs alongside them; if a check fails, it is
// stopped and the check's one-line error is what the user sees.
import { KubeConfig } from '@kubernetes/client-node';
import { UserError } from '../kube/errors.js';
import { contextsOf, kubeconfigContexts, loadKubeconfig, reloadCredentials, type ContextEntry } from '../kube/kubeconfig.js';
import { openSessionFromKubeConfig, sessionNamespace, type Session } from '../kube/session.js';
import { guardKubeConfig, readonlySwitch, type ReadonlySwitch } from './readonlyGuard.js';

export interface ConnectFlags {
  namespace?: string;
  allNamespaces?: boolean;
  context?: string;
  kubeconfig?: string;
  readonly?: boolean;
  demo?: boolean;
  /** With --demo: the embedded cluster's scenario (classroom by default; class for the teacher's view). */
  scenario?: string;
}

/** The kubeconfig's contexts, and a way to open a session on one of them (checked like at start). */
export interface ContextSource {
  list(): ContextEntry[];
  /** Reachability, namespace (the context's own) and permissions checked; a UserError with one line otherwise. */
  open(name: string): Promise<Session>;
}

export interface Connection {
  session: Session;
  readonly: ReadonlySwitch;
  /** Extra header notes (e.g. how to point kubectl at the demo cluster), the session's own last. */
  notes: string[];
  /** The notes that stay when the context changes (the demo's kubectl line). */
  staticNotes: string[];
  contexts: ContextSource;
  close(): Promise<void>;
}

/** The note a namespace-only account gets under the header. */
export function sessionNotes(session: Session): string[] {
  return session.permissions.namespaceOnly && session.permissions.summary ? [session.permissions.summary] : [];
}

const notFound = (name: string, names: string[]) =>
  new UserError(`context "${name}" not found in the kubeconfig${names.length ? ` (contexts: ${names.join(', ')})` : ''}`);

/** Contexts read from the kubeconfig files (again at each switch: a `gcloud … get-credentials` meanwhile counts). */
export function fileContexts(flags: Pick<ConnectFlags, 'kubeconfig' | 'readonly'>, ro: ReadonlySwitch): ContextSource {
  return {
    list: () => kubeconfigContexts({ kubeconfig: flags.kubeconfig }),
    async open(name) {
      const names = kubeconfigContexts({ kubeconfig: flags.kubeconfig }).map((c) => c.name);
      if (!names.includes(name)) throw notFound(name, names);
      const loaded = loadKubeconfig({ kubeconfig: flags.kubeconfig, context: name });
      guardKubeConfig(loaded.kc, ro);
      return openSessionFromKubeConfig(loaded.kc, {
        namespace: loaded.namespace,
        readonly: flags.readonly,
        sources: loaded.sources,
        loginHint: loaded.loginHint,
        reload: () => reloadCredentials(loaded.kc, { kubeconfig: flags.kubeconfig, context: name }),
      });
    },
  };
}

/** Contexts of a KubeConfig built in memory (the demo cluster's student and admin, tests). */
export function memoryContexts(kc: KubeConfig, ro: ReadonlySwitch, readonly?: boolean): ContextSource {
  return {
    list: () => contextsOf(kc),
    async open(name) {
      const names = kc.getContexts().map((c) => c.name);
      if (!names.includes(name)) throw notFound(name, names);
      const copy = new KubeConfig();
      copy.loadFromOptions({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: name });
      guardKubeConfig(copy, ro);
      return openSessionFromKubeConfig(copy, { readonly });
    },
  };
}

/** What `early` is told: the cluster's config and the scope the session will have, before any check. */
export interface EarlyScope {
  kc: KubeConfig;
  namespace: string;
  allNamespaces: boolean;
  /** Re-reads the kubeconfig's credentials (after a 401); absent for the demo cluster. */
  reloadCredentials?: () => Promise<string>;
}

/** Work started before the checks; stopped when a check fails. */
export interface EarlyStart {
  stop(): Promise<void>;
}

export async function connect<E extends EarlyStart = EarlyStart>(flags: ConnectFlags, early?: (scope: EarlyScope) => E | undefined): Promise<Connection & { early?: E }> {
  const ro = readonlySwitch(flags.readonly === true);
  let kc: KubeConfig;
  let sources: string[] = [];
  let loginHint: string | undefined;
  let defaultNs: string | undefined;
  let reload: (() => string) | undefined;
  let contexts: ContextSource;
  const notes: string[] = [];
  let close = async () => {};
  if (flags.demo) {
    const { startDemoCluster } = await import('./demo.js');
    if (flags.kubeconfig) throw new UserError(`--kubeconfig ${flags.kubeconfig} cannot be used with --demo (the demo cluster has its own)`, 2);
    const demo = await startDemoCluster(flags.context, flags.scenario);
    kc = demo.kubeConfig;
    contexts = memoryContexts(demo.allContexts, ro, flags.readonly);
    notes.push(`demo cluster · kubectl: KUBECONFIG=${demo.kubeconfigPath} kubectl get pods`);
    close = demo.stop;
  } else {
    const loaded = loadKubeconfig({ kubeconfig: flags.kubeconfig, context: flags.context });
    kc = loaded.kc;
    sources = loaded.sources;
    loginHint = loaded.loginHint;
    defaultNs = loaded.namespace;
    reload = () => reloadCredentials(kc, { kubeconfig: flags.kubeconfig });
    contexts = fileContexts(flags, ro);
  }
  guardKubeConfig(kc, ro);
  const namespace = flags.namespace || defaultNs;
  const started = early?.({
    kc,
    namespace: sessionNamespace(kc, namespace),
    allNamespaces: flags.allNamespaces === true,
    reloadCredentials: reload ? async () => reload!() : undefined,
  });
  try {
    // The first list's request is on its way before the checks' (they go out on the next turn).
    if (started) await new Promise((resolve) => setImmediate(resolve));
    const session = await openSessionFromKubeConfig(kc, {
      namespace,
      allNamespaces: flags.allNamespaces,
      readonly: flags.readonly,
      sources,
      loginHint,
      reload,
    });
    return { session, readonly: ro, notes: [...notes, ...sessionNotes(session)], staticNotes: notes, contexts, close, early: started };
  } catch (err) {
    await started?.stop();
    await close();
    throw err;
  }
}
