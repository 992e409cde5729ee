// Turns CLI flags into a Session: the kubeconfig (or the embedded demo cluster), the read-only
// guard on every request, reachability, namespace and permissions — all before anything is drawn.
// The first view's list does not wait for those checks: `early` starts it as soon as the kubeconfig
// is read (src/app/firstList.ts), and it runs alongside them; if a check fails, it is stopped and the
// check's one-line error is what the user sees.
import type { KubeConfig } from '@kubernetes/client-node';
import { UserError } from '../kube/errors.js';
import { loadKubeconfig, reloadCredentials } from '../kube/kubeconfig.js';
import { openSessionFromKubeConfig, sessionNamespace, type Session } from '../kube/session.js';
import { guardKubeConfig, readonlySwitch, type ReadonlySwitch } from './readonlyGuard.js';

export interface ConnectFlags {
  namespace?: string;
  allNamespaces?: boolean;
  context?: string;
  kubeconfig?: string;
  readonly?: boolean;
  demo?: boolean;
}

export interface Connection {
  session: Session;
  readonly: ReadonlySwitch;
  /** Extra header notes (e.g. how to point kubectl at the demo cluster). */
  notes: string[];
  close(): Promise<void>;
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

export async function connect<E extends EarlyStart = EarlyStart>(flags: ConnectFlags, early?: (scope: EarlyScope) => E): Promise<Connection & { early?: E }> {
  const ro = readonlySwitch(flags.readonly === true);
  let kc: KubeConfig;
  let sources: string[] = [];
  let loginHint: string | undefined;
  let defaultNs: string | undefined;
  let reload: (() => string) | undefined;
  const notes: string[] = [];
  let close = async () => {};
  if (flags.demo) {
    const { startDemoCluster } = await import('./demo.js');
    if (flags.kubeconfig) throw new UserError(`--kubeconfig ${flags.kubeconfig} cannot be used with --demo (the demo cluster has its own)`, 2);
    const demo = await startDemoCluster(flags.context);
    kc = demo.kubeConfig;
    notes.push(`demo cluster · kubectl: KUBECONFIG=${demo.kubeconfigPath} kubectl get pods`);
    close = demo.stop;
  } else {
    const loaded = loadKubeconfig({ kubeconfig: flags.kubeconfig, context: flags.context });
    kc = loaded.kc;
    sources = loaded.sources;
    loginHint = loaded.loginHint;
    defaultNs = loaded.namespace;
    reload = () => reloadCredentials(kc, { kubeconfig: flags.kubeconfig });
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
    if (session.permissions.namespaceOnly && session.permissions.summary) notes.push(session.permissions.summary);
    return { session, readonly: ro, notes, close, early: started };
  } catch (err) {
    await started?.stop();
    await close();
    throw err;
  }
}
