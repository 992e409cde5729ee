// Turns CLI flags into a Session: the kubeconfig (or the embedded demo cluster), the read-only
// guard on every request, reachability, namespace and permissions — all before anything is drawn.
import type { KubeConfig } from '@kubernetes/client-node';
import { UserError } from '../kube/errors.js';
import { loadKubeconfig, reloadCredentials } from '../kube/kubeconfig.js';
import { openSessionFromKubeConfig, type Session } from '../kube/session.js';
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

export interface Connection {
  session: Session;
  readonly: ReadonlySwitch;
  /** Extra header notes (e.g. how to point kubectl at the demo cluster). */
  notes: string[];
  close(): Promise<void>;
}

export async function connect(flags: ConnectFlags): Promise<Connection> {
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
    const demo = await startDemoCluster(flags.context, flags.scenario);
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
  try {
    const session = await openSessionFromKubeConfig(kc, {
      namespace: flags.namespace || defaultNs,
      allNamespaces: flags.allNamespaces,
      readonly: flags.readonly,
      sources,
      loginHint,
      reload,
    });
    if (session.permissions.namespaceOnly && session.permissions.summary) notes.push(session.permissions.summary);
    return { session, readonly: ro, notes, close };
  } catch (err) {
    await close();
    throw err;
  }
}
