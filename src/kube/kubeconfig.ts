// Loads the kubeconfig the way kubectl does (client-go clientcmd): --kubeconfig, else the KUBECONFIG
// path list merged, else ~/.kube/config, else in-cluster; --context overrides current-context.
// client-node's loadFromDefault throws on duplicate names across KUBECONFIG files and resolves
// relative paths against the cwd for token-file, so the merge is done here and the result is handed
// to client-node already resolved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import YAML from 'yaml';
import { UserError, oneLine } from './errors.js';
import { EXEC_PROVIDER, ExecPluginAuth, execAuthProvider, type ExecConfig } from './execAuth.js';

export interface LoadedConfig {
  kc: KubeConfig;
  contextName: string;
  cluster: { name: string; server: string };
  user: { name: string };
  /** The context's namespace, or 'default'. */
  namespace: string;
  /** Files actually read, in precedence order ([] for in-cluster). */
  sources: string[];
  /** How this user logs in again, for 401 messages (e.g. 'gcloud auth login'). */
  loginHint?: string;
}

export interface LoadOptions {
  kubeconfig?: string;
  context?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Where the in-cluster service account lives (tests point it elsewhere). */
  serviceAccountDir?: string;
}

type Named = { name: string; [k: string]: any };

interface RawConfig {
  clusters: Named[];
  users: Named[];
  contexts: Named[];
  currentContext?: string;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function resolveAgainst(dir: string, p: unknown): unknown {
  return typeof p === 'string' && p !== '' && !path.isAbsolute(p) ? path.join(dir, p) : p;
}

/** Parses one file and makes its relative paths absolute (clientcmd ResolveLocalPaths). */
function readFile(file: string): RawConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read kubeconfig ${file}: ${oneLine((err as Error).message)}`);
  }
  let doc: any;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new UserError(`cannot parse kubeconfig ${file}: ${oneLine((err as Error).message)}`);
  }
  if (doc == null) return { clusters: [], users: [], contexts: [] };
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new UserError(`cannot parse kubeconfig ${file}: not a kubeconfig (expected a mapping)`);
  const dir = path.dirname(path.resolve(file));
  const list = (v: unknown): Named[] =>
    Array.isArray(v) ? v.filter((e): e is Named => !!e && typeof e === 'object' && typeof e.name === 'string' && e.name !== '') : [];
  const clusters = list(doc.clusters).map((c) => {
    const cluster = { ...(c.cluster ?? {}) };
    cluster['certificate-authority'] = resolveAgainst(dir, cluster['certificate-authority']);
    return { name: c.name, cluster };
  });
  const users = list(doc.users).map((u) => {
    const user = { ...(u.user ?? {}) };
    for (const k of ['client-certificate', 'client-key', 'token-file']) user[k] = resolveAgainst(dir, user[k]);
    // Only a command with a path separator is file-relative; a bare name is looked up on PATH.
    if (user.exec && typeof user.exec.command === 'string' && user.exec.command.includes(path.sep)) {
      user.exec = { ...user.exec, command: resolveAgainst(dir, user.exec.command) };
    }
    return { name: u.name, user };
  });
  const contexts = list(doc.contexts).map((c) => ({ name: c.name, context: { ...(c.context ?? {}) } }));
  const cur = doc['current-context'];
  return { clusters, users, contexts, currentContext: typeof cur === 'string' && cur ? cur : undefined };
}

/** clientcmd merge rule: the first file to define a name (or current-context) wins. */
export function mergeConfigs(configs: RawConfig[]): RawConfig {
  const out: RawConfig = { clusters: [], users: [], contexts: [] };
  for (const cfg of configs) {
    for (const key of ['clusters', 'users', 'contexts'] as const) {
      for (const entry of cfg[key]) if (!out[key].some((e) => e.name === entry.name)) out[key].push(entry);
    }
    out.currentContext ??= cfg.currentContext;
  }
  return out;
}

function pathList(value: string): string[] {
  const seen = new Set<string>();
  return value.split(path.delimiter).filter((p) => p !== '' && !seen.has(p) && seen.add(p));
}

function readFileBase64(file: string, what: string): string {
  try {
    return fs.readFileSync(file).toString('base64');
  } catch (err) {
    throw new UserError(`cannot read ${what} ${file}: ${oneLine((err as Error).message)}`);
  }
}

function inCluster(env: NodeJS.ProcessEnv, saDir: string): RawConfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port || !fs.existsSync(path.join(saDir, 'token'))) return undefined;
  const h = host.includes(':') ? `[${host}]` : host;
  let namespace: string | undefined;
  try {
    namespace = fs.readFileSync(path.join(saDir, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    namespace = undefined;
  }
  const ca = path.join(saDir, 'ca.crt');
  return {
    clusters: [{ name: 'in-cluster', cluster: { server: `https://${h}:${port}`, ...(fs.existsSync(ca) ? { 'certificate-authority': ca } : {}) } }],
    users: [{ name: 'in-cluster', user: { 'token-file': path.join(saDir, 'token') } }],
    contexts: [{ name: 'in-cluster', context: { cluster: 'in-cluster', user: 'in-cluster', namespace } }],
    currentContext: 'in-cluster',
  };
}

/** Finds and merges the kubeconfig files; returns the merged config and the files read. */
function gather(opts: LoadOptions): { raw: RawConfig; sources: string[] } {
  const env = opts.env ?? process.env;
  const saDir = opts.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  if (opts.kubeconfig) {
    const file = path.resolve(opts.kubeconfig);
    if (!fs.existsSync(file)) throw new UserError(`kubeconfig not found: ${file} does not exist (given with --kubeconfig)`);
    return { raw: readFile(file), sources: [file] };
  }
  const files = pathList(env.KUBECONFIG ?? '').map((f) => path.resolve(f));
  if (files.length > 0) {
    const present = files.filter((f) => fs.existsSync(f)); // kubectl skips missing entries silently
    if (present.length > 0) return { raw: mergeConfigs(present.map(readFile)), sources: present };
    const ic = inCluster(env, saDir);
    if (ic) return { raw: ic, sources: [] };
    throw new UserError(`no kubeconfig found: ${files.join(', ')} ${files.length > 1 ? 'do' : 'does'} not exist (set KUBECONFIG or use --kubeconfig)`);
  }
  const home = opts.home ?? env.HOME ?? os.homedir();
  const file = path.join(home, '.kube', 'config');
  if (fs.existsSync(file)) return { raw: readFile(file), sources: [file] };
  const ic = inCluster(env, saDir);
  if (ic) return { raw: ic, sources: [] };
  throw new UserError(`no kubeconfig found: ${file} does not exist (set KUBECONFIG or use --kubeconfig)`);
}

function toClusterOptions(name: string, c: any, where: string): Cluster {
  const server = typeof c.server === 'string' ? c.server.replace(/\/$/, '') : '';
  if (!server) throw new UserError(`cluster "${name}" has no server in ${where}`);
  const caFile = c['certificate-authority'];
  return {
    name,
    server,
    caData: c['certificate-authority-data'] ?? (caFile ? readFileBase64(caFile, 'certificate-authority') : undefined),
    // kubectl talks plain http without complaint; client-node refuses unless skipTLSVerify is set.
    skipTLSVerify: c['insecure-skip-tls-verify'] === true || server.startsWith('http:'),
    tlsServerName: c['tls-server-name'],
    proxyUrl: c['proxy-url'],
  };
}

function toUserOptions(name: string, u: any, server: string): { user: User; loginHint?: string } {
  const user: any = {
    name,
    certData: u['client-certificate-data'] ?? (u['client-certificate'] ? readFileBase64(u['client-certificate'], 'client-certificate') : undefined),
    keyData: u['client-key-data'] ?? (u['client-key'] ? readFileBase64(u['client-key'], 'client-key') : undefined),
    token: u.token || undefined,
    username: u.username,
    password: u.password,
    impersonateUser: u.as,
  };
  let loginHint: string | undefined;
  if (u.exec && typeof u.exec.command === 'string') {
    const exec = u.exec as ExecConfig;
    user.authProvider = execAuthProvider(exec, server);
    const cmd = path.basename(exec.command);
    loginHint = cmd.includes('gke-gcloud') ? 'gcloud auth login' : cmd.includes('aws') ? 'aws sso login' : cmd.includes('kubelogin') ? 'kubelogin' : undefined;
  } else if (!user.token && u['token-file']) {
    // A file token is re-read by client-node's FileAuth (bound service-account tokens rotate).
    if (!fs.existsSync(u['token-file'])) throw new UserError(`cannot read token-file ${u['token-file']}: it does not exist (user "${name}")`);
    user.authProvider = { name: 'tokenFile', config: { tokenFile: u['token-file'] } };
  } else if (u['auth-provider']) {
    user.authProvider = u['auth-provider'];
    if (u['auth-provider'].name === 'gcp') loginHint = 'gcloud auth login';
  }
  return { user, loginHint };
}

/** Loads the kubeconfig like kubectl. Throws UserError with a one-line message. */
export function loadKubeconfig(opts: LoadOptions = {}): LoadedConfig {
  const { raw, sources } = gather(opts);
  const where = sources.length ? `kubeconfig ${sources.join(':')}` : 'the in-cluster config';
  const names = raw.contexts.map((c) => c.name);
  const available = names.length ? `; available: ${names.join(', ')}` : ' (it has no contexts)';
  const contextName = opts.context || raw.currentContext;
  if (!contextName) throw new UserError(`no current context in ${where}; use --context${available}`);
  const ctx = raw.contexts.find((c) => c.name === contextName);
  if (!ctx) throw new UserError(`context "${contextName}" not found in ${where}${available}`);
  const clusterName = ctx.context.cluster;
  const rawCluster = raw.clusters.find((c) => c.name === clusterName);
  if (!clusterName || !rawCluster) throw new UserError(`context "${contextName}" refers to cluster "${clusterName ?? ''}", which is not in ${where}`);
  const cluster = toClusterOptions(clusterName, rawCluster.cluster, where);
  const userName: string = ctx.context.user ?? '';
  const rawUser = raw.users.find((u) => u.name === userName);
  // kubectl accepts a context whose user is missing (anonymous requests); so do we.
  const { user, loginHint } = toUserOptions(userName, rawUser?.user ?? {}, cluster.server);
  const namespace: string = ctx.context.namespace || 'default';
  const context: Context = { name: contextName, cluster: clusterName, user: userName, namespace };

  const kc = new KubeConfig();
  const exec = new ExecPluginAuth();
  execAuths.set(kc, exec);
  kc.addAuthenticator(exec);
  // Only the selected context is built: other entries may reference files that do not exist.
  kc.loadFromOptions({ clusters: [cluster], users: [user], contexts: [context], currentContext: contextName });
  return { kc, contextName, cluster: { name: clusterName, server: cluster.server }, user: { name: userName }, namespace, sources, loginHint };
}

const execAuths = new WeakMap<KubeConfig, ExecPluginAuth>();

/**
 * Re-reads the kubeconfig files a KubeConfig came from and puts its context's user (token, client
 * certificate, exec plugin, token file) into it in place, so every client built on it uses the new
 * credentials; cached exec-plugin credentials are dropped so the plugin runs again. The server, the
 * context and the namespace stay as they are. Returns one line saying what was done.
 */
export function reloadCredentials(kc: KubeConfig, opts: LoadOptions = {}): string {
  const { raw, sources } = gather(opts);
  const where = sources.length ? `kubeconfig ${sources.join(':')}` : 'the in-cluster config';
  const contextName = kc.getCurrentContext();
  const userName = kc.getCurrentUser()?.name ?? '';
  const ctx = raw.contexts.find((c) => c.name === contextName);
  const rawUser = raw.users.find((u) => u.name === (ctx?.context.user ?? userName));
  if (!ctx || !rawUser) throw new UserError(`re-read ${where}: context "${contextName}" or its user is gone`);
  const { user } = toUserOptions(rawUser.name, rawUser.user ?? {}, kc.getCurrentCluster()?.server ?? '');
  kc.users = kc.users.map((u) => (u.name === userName ? user : u));
  if (ctx.context.user && ctx.context.user !== userName) {
    kc.users.push(user);
    kc.contexts = kc.contexts.map((c) => (c.name === contextName ? { ...c, user: user.name } : c));
  }
  execAuths.get(kc)?.forget();
  return `re-read the credentials from ${where}${user.authProvider?.name === EXEC_PROVIDER ? ' (exec plugin run again)' : ''}`;
}

/** Every context name in the kubeconfig kdash would load (for error messages and completion). */
export function listContexts(opts: LoadOptions = {}): string[] {
  return gather(opts).raw.contexts.map((c) => c.name);
}

/** One context of the kubeconfig, as `kubectl config get-contexts` lists it. */
export interface ContextEntry {
  name: string;
  cluster: string;
  user: string;
  /** '' when the context names none (kubectl shows an empty cell; the session uses 'default'). */
  namespace: string;
}

/** Every context of the kubeconfig kubectl would read (the same files and merge as loadKubeconfig). */
export function kubeconfigContexts(opts: LoadOptions = {}): ContextEntry[] {
  return gather(opts).raw.contexts.map(contextEntry);
}

/** The contexts of a KubeConfig built in memory (the embedded cluster, tests). */
export function contextsOf(kc: KubeConfig): ContextEntry[] {
  return kc.getContexts().map((c) => contextEntry({ name: c.name, context: c }));
}

function contextEntry(c: Named): ContextEntry {
  const ctx = (c.context ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { name: c.name, cluster: str(ctx.cluster), user: str(ctx.user), namespace: str(ctx.namespace) };
}
