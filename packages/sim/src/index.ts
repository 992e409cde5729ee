// The embedded cluster's programmatic API: clock → store → runtime (controllers, kubelet, scenario)
// → API server on 127.0.0.1 (HTTPS with a CA made at start, like kube-apiserver; plain HTTP on request).
// Used by `kdash --demo`, `kdash sim`, every test and benchmark.
import { writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import { createAuth } from './auth.js';
import { createClock } from './clock.js';
import { startRuntime } from './controllers/index.js';
import { kubeconfigYaml, SIM_CLUSTER } from './kubeconfig.js';
import type { SimRuntime } from './runtimeTypes.js';
import type { LargeScenarioParams } from './scenarios/large.js';
import { createApiServer, type ApiServer } from './server.js';
import { createClusterStore, type SimStore } from './store.js';
import { makeServingTls, type ServingTls } from './tls.js';
import type { SimClock } from './types.js';

export type { LargeScenarioParams };

export interface StartSimOptions {
  /** `empty`: nodes and the student's namespace, nothing deployed; `bare`: the system namespaces only (tests). */
  scenario?: 'classroom' | 'class' | 'large' | 'empty' | 'bare';
  port?: number;
  clock?: 'real' | 'manual';
  /** Real clock only: simulated ms per real ms. */
  speed?: number;
  large?: LargeScenarioParams;
  /** Simulated ms between watch bookmarks (default 60 000). */
  bookmarkIntervalMs?: number;
  /** Watch history kept for resuming (default 10 000 changes). */
  historySize?: number;
  /** Serve WatchList (sendInitialEvents) as 1.34+ does (default true); false answers like 1.33 with the feature gate off. */
  watchList?: boolean;
  /** Start without controllers/kubelet (a bare API server over the store). */
  runtime?: boolean;
  /** Bearer tokens to accept (default: fresh random ones), e.g. to stand in for a server with the same users. */
  tokens?: { admin: string; student: string };
  /**
   * Serve HTTPS with a CA and serving certificate made at start (default true), as kube-apiserver
   * does: kubectl sends its bearer token only over TLS. false serves plain HTTP (fast unit tests; a
   * kubeconfig for it works for client-node but not for kubectl's credentials).
   */
  tls?: boolean;
  /** The address to listen on (default 127.0.0.1); 0.0.0.0 or :: serves every interface (a classroom). */
  host?: string;
}

export interface Sim {
  /** https://127.0.0.1:PORT (http:// with tls: false). */
  url: string;
  /** PEM of the CA that signed the serving certificate (undefined over plain HTTP). */
  ca: string | undefined;
  port: number;
  tokens: { admin: string; student: string };
  /** The student's user and namespace. */
  student: { name: string; namespace: string };
  kubeconfigYaml(): string;
  writeKubeconfig(path: string): void;
  kubeConfig(user: 'student' | 'admin'): KubeConfig;
  clock: SimClock;
  store: SimStore;
  runtime: SimRuntime | undefined;
  faults: { dropWatches(): void; failNext(n: number, status: 500 | 429): void; expireNextWatch(): void };
  /** Stop and restart the HTTP server on the same port, state kept (connections are cut). */
  restart(): Promise<void>;
  requests: { count(method?: string): number; countPath(prefix: string): number; mutating(): Array<{ method: string; path: string }>; reset(): void };
  stop(): Promise<void>;
}

export async function startSim(opts: StartSimOptions = {}): Promise<Sim> {
  const host = opts.host ?? '127.0.0.1';
  // Keys are made on the thread pool while the scenario is built here.
  const pendingTls = servingTls(opts.tls !== false, host);
  const clock = createClock({ mode: opts.clock ?? 'real', speed: opts.speed });
  const store = createClusterStore(clock, { historySize: opts.historySize });
  const auth = createAuth({ tokens: opts.tokens });
  const runtime = opts.runtime === false ? undefined : startRuntime(store, clock, { scenario: opts.scenario ?? 'classroom', large: opts.large });
  if (opts.runtime === false || opts.scenario === 'bare') ensureBaseNamespaces(store);
  let port: number;
  let tls: ServingTls | undefined;
  let server: ApiServer;
  try {
    tls = await pendingTls;
    server = createApiServer({ store, clock, auth, runtime: () => runtime, bookmarkIntervalMs: opts.bookmarkIntervalMs, watchList: opts.watchList, host, tls });
    port = await server.listen(opts.port ?? 0);
  } catch (err) {
    runtime?.stop();
    throw err;
  }
  const local = WILDCARD.has(host) ? '127.0.0.1' : host;
  const url = `${tls ? 'https' : 'http'}://${local.includes(':') ? `[${local}]` : local}:${port}`;
  const student = { name: 'vgauthier', namespace: auth.studentNamespace };
  const yaml = () => kubeconfigYaml({ server: url, ca: tls?.ca, tokens: auth.tokens, studentName: student.name, studentNamespace: student.namespace });
  let stopped = false;

  return {
    url,
    ca: tls?.ca,
    port,
    tokens: auth.tokens,
    student,
    kubeconfigYaml: yaml,
    writeKubeconfig: (path) => writeFileSync(path, yaml(), { mode: 0o600 }),
    kubeConfig(user) {
      const kc = new KubeConfig();
      // The same names as the kubeconfig written for kubectl: context sim-student, user vgauthier.
      const name = user === 'admin' ? 'sim-admin' : 'sim-student';
      const userName = user === 'admin' ? 'sim-admin' : student.name;
      kc.loadFromOptions({
        clusters: [tls ? { name: SIM_CLUSTER, server: url, caData: Buffer.from(tls.ca).toString('base64') } : { name: SIM_CLUSTER, server: url, skipTLSVerify: true }],
        users: [{ name: userName, token: user === 'admin' ? auth.tokens.admin : auth.tokens.student }],
        contexts: [{ name, cluster: SIM_CLUSTER, user: userName, namespace: user === 'admin' ? 'default' : student.namespace }],
        currentContext: name,
      });
      return kc;
    },
    clock,
    store,
    runtime,
    faults: server.faults,
    async restart() {
      await server.close();
      await server.listen(port);
    },
    requests: server.requests,
    async stop() {
      if (stopped) return;
      stopped = true;
      runtime?.stop();
      await server.close();
    },
  };
}

const WILDCARD = new Set(['0.0.0.0', '::']);

/**
 * The serving certificate names every address a client may use: loopback, and the bind address; for a
 * wildcard bind, this machine's interface addresses and host name (students' kubectl on the network).
 */
function servingTls(on: boolean, host: string): Promise<ServingTls | undefined> {
  if (!on) return Promise.resolve(undefined);
  const names = ['127.0.0.1', 'localhost', '::1'];
  if (WILDCARD.has(host)) {
    names.push(hostname());
    for (const addrs of Object.values(networkInterfaces())) for (const a of addrs ?? []) names.push(a.address.replace(/%.*$/, ''));
  } else {
    names.push(host);
  }
  return makeServingTls([...new Set(names)]);
}

/** A bare cluster still has the namespaces every real cluster has. */
function ensureBaseNamespaces(store: SimStore): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'vgauthier']) {
    if (!store.get('namespaces', undefined, name)) {
      store.create('namespaces', { metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
  }
}
