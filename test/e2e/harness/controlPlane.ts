// A real Kubernetes control plane on 127.0.0.1 for the end-to-end tests: etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler and kwok (fake nodes whose pods become Running), all from
// the binaries test/e2e/build.sh puts in the cache. Free ports from the OS, one temp dir, torn down by
// process group on stop() or when the parent exits.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, waitUntil, type Proc } from './processes.js';

export const STUDENT = 'vgauthier';
export const NAMESPACE = 'vgauthier';

/** What the local server behind kwok's port-forward answers, to every path. */
export const FORWARD_PAGE = 'hello through the forward\n';

const WEBNODB_LOG = [' * Serving Flask app "webnodb"', ' * Running on http://0.0.0.0:5000/', 'GET /api/health 200'];

export interface ControlPlaneInfo {
  server: string;
  /** kubeconfig with contexts e2e-student (current, namespace vgauthier) and e2e-admin. */
  kubeconfigPath: string;
  /** Same, with e2e-admin as current context (for kubectl as admin). */
  adminKubeconfigPath: string;
  tokens: { admin: string; student: string };
  /** PEM of the CA that signed the apiserver's serving certificate. */
  caPem: string;
  /** The apiserver's audit log (JSON lines): every request the student made, as the server saw it. */
  auditLogPath: string;
  /** What kwok serves as the log of every webnodb container in vgauthier (CRI log format). */
  webnodbLog: string[];
  /**
   * kwok forwards every port of every pod in vgauthier here (ClusterPortForward): a local HTTP server that
   * answers FORWARD_PAGE; and runs every exec on this host in /tmp with KDASH_E2E_EXEC=kwok (ClusterExec).
   */
  forwardTarget: string;
  bin: string;
  dir: string;
}

export interface ControlPlane extends ControlPlaneInfo {
  procs(): Proc[];
  stopApiserver(): Promise<void>;
  startApiserver(): Promise<void>;
  stop(): Promise<void>;
}

export interface ControlPlaneOptions {
  bin: string;
  /** Keep the temp dir (logs) after stop, for debugging. */
  keepDir?: boolean;
  /** More kube-apiserver flags (e.g. --goaway-chance for the HTTP/2 test). */
  apiserverArgs?: string[];
  log?: (line: string) => void;
  /** Whose requests the audit log records (default: the student's; the bench adds admin). */
  auditUsers?: string[];
}

/** GET over HTTPS with a bearer token against the apiserver's self-signed CA. */
export function httpsGet(url: string, token: string | undefined, ca: string, timeoutMs = 3000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: token ? { authorization: `Bearer ${token}` } : {}, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export function kubeconfigYaml(server: string, caPem: string, tokens: { admin: string; student: string }, current: 'e2e-student' | 'e2e-admin'): string {
  const ca = Buffer.from(caPem).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: e2e',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${ca}`,
    'users:',
    '- name: e2e-student',
    `  user: {token: ${tokens.student}}`,
    '- name: e2e-admin',
    `  user: {token: ${tokens.admin}}`,
    'contexts:',
    '- name: e2e-student',
    `  context: {cluster: e2e, user: e2e-student, namespace: ${NAMESPACE}}`,
    '- name: e2e-admin',
    '  context: {cluster: e2e, user: e2e-admin, namespace: default}',
    `current-context: ${current}`,
    '',
  ].join('\n');
}

/** etcd on 127.0.0.1 with its data in dataDir (a fresh dir is a fresh cluster). */
export function startEtcd(bin: string, dataDir: string, ports: { client: number; peer: number }, logFile: string): Proc {
  return startProcess('etcd', join(bin, 'etcd'), [
    '--name=e2e', `--data-dir=${dataDir}`,
    `--listen-client-urls=http://127.0.0.1:${ports.client}`, `--advertise-client-urls=http://127.0.0.1:${ports.client}`,
    `--listen-peer-urls=http://127.0.0.1:${ports.peer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${ports.peer}`,
    `--initial-cluster=e2e=http://127.0.0.1:${ports.peer}`,
    '--unsafe-no-fsync', '--log-level=warn',
  ], logFile);
}

/**
 * kube-apiserver's flags: serving cert in dir/certs (made on first start), tokens from dir/tokens.csv,
 * service-account keys dir/sa.{key,pub}, RBAC.
 */
export function apiserverArgs(dir: string, ports: { etcd: number; api: number }): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcd}`,
    `--secure-port=${ports.api}`, '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1',
    `--cert-dir=${join(dir, 'certs')}`,
    `--token-auth-file=${join(dir, 'tokens.csv')}`,
    '--authorization-mode=Node,RBAC',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${join(dir, 'sa.pub')}`,
    `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
    '--service-cluster-ip-range=10.96.0.0/16',
    '--endpoint-reconciler-type=none',
    '--allow-privileged=true',
    '--profiling=false',
  ];
}

/** Writes the service-account signing key pair the apiserver needs into dir. */
export function writeServiceAccountKeys(dir: string): void {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  writeFileSync(join(dir, 'sa.key'), privateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'sa.pub'), publicKey);
}

/** The serving cert file holds the leaf then the CA that signed it (certutil's self-signed fixture). */
export function lastCertificate(bundle: string): string {
  const certs = bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certs.length === 0) throw new Error('no certificate in the apiserver cert dir');
  return certs[certs.length - 1] + '\n';
}

export async function startControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const log = opts.log ?? (() => {});
  const { bin } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'kdash-e2e-'));
  const procs: Record<string, Proc | undefined> = {};
  const all = () => Object.values(procs).filter((p): p is Proc => p !== undefined);
  let stopped = false;

  let forwardServer: Server | undefined;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    forwardServer?.close();
    forwardServer?.closeAllConnections();
    // Clients first, store last, so nothing logs errors about a vanished etcd.
    for (const name of ['kwok', 'scheduler', 'controller-manager', 'apiserver', 'etcd']) await procs[name]?.stop();
    if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const tokens = { admin: randomBytes(16).toString('hex'), student: randomBytes(16).toString('hex') };
    const [etcdPort, peerPort, apiPort, kcmPort, schedPort, kwokPort] = await Promise.all(Array.from({ length: 6 }, freePort));
    const server = `https://127.0.0.1:${apiPort}`;
    mkdirSync(join(dir, 'certs'));
    writeServiceAccountKeys(dir);
    // Audit only the student's requests (Metadata level, unless asked for others): tests count what kdash really sent.
    writeFileSync(join(dir, 'audit-policy.yaml'), [
      'apiVersion: audit.k8s.io/v1', 'kind: Policy', 'omitStages: [RequestReceived]', 'rules:',
      `- level: Metadata`, `  users: [${(opts.auditUsers ?? [STUDENT]).join(', ')}]`, '- level: None', '',
    ].join('\n'));
    const auditLogPath = join(dir, 'audit.log');
    writeFileSync(join(dir, 'tokens.csv'), `${tokens.admin},admin,uid-admin,"system:masters"\n${tokens.student},${STUDENT},uid-${STUDENT}\n`, { mode: 0o600 });

    log(`etcd on ${etcdPort}`);
    procs.etcd = startEtcd(bin, join(dir, 'etcd'), { client: etcdPort, peer: peerPort }, join(dir, 'etcd.log'));

    const apiArgs = [
      ...apiserverArgs(dir, { etcd: etcdPort, api: apiPort }),
      // kwok's nodes all serve their "kubelet" API (logs) at 127.0.0.1:kwokPort.
      '--kubelet-preferred-address-types=InternalIP',
      `--audit-policy-file=${join(dir, 'audit-policy.yaml')}`, `--audit-log-path=${auditLogPath}`, '--audit-log-mode=blocking',
      ...(opts.apiserverArgs ?? []),
    ];
    const startApiserver = async () => {
      procs.apiserver = startProcess('apiserver', join(bin, 'kube-apiserver'), apiArgs, join(dir, 'apiserver.log'));
      // The CA is written by the apiserver itself on its first start (then reused from the cert dir).
      const ca = await waitUntil('the apiserver serving certificate', () => {
        try {
          return lastCertificate(readFileSync(join(dir, 'certs', 'apiserver.crt'), 'utf8'));
        } catch {
          return undefined;
        }
      }, 60_000, all());
      await waitUntil('kube-apiserver /readyz', async () => (await httpsGet(`${server}/readyz`, tokens.admin, ca)).status === 200, 90_000, all());
      return ca;
    };
    log(`kube-apiserver on ${apiPort}`);
    const caPem = await startApiserver();

    const kubeconfigPath = join(dir, 'kubeconfig');
    const adminKubeconfigPath = join(dir, 'admin.kubeconfig');
    writeFileSync(kubeconfigPath, kubeconfigYaml(server, caPem, tokens, 'e2e-student'), { mode: 0o600 });
    writeFileSync(adminKubeconfigPath, kubeconfigYaml(server, caPem, tokens, 'e2e-admin'), { mode: 0o600 });
    writeFileSync(join(dir, 'ca.crt'), caPem);

    const componentAuth = [`--kubeconfig=${adminKubeconfigPath}`, `--authentication-kubeconfig=${adminKubeconfigPath}`, `--authorization-kubeconfig=${adminKubeconfigPath}`];
    procs['controller-manager'] = startProcess('controller-manager', join(bin, 'kube-controller-manager'), [
      ...componentAuth, '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${kcmPort}`,
      `--service-account-private-key-file=${join(dir, 'sa.key')}`, `--root-ca-file=${join(dir, 'ca.crt')}`,
      '--use-service-account-credentials=false', '--kube-api-qps=100', '--kube-api-burst=200',
      '--profiling=false',
    ], join(dir, 'controller-manager.log'));
    procs.scheduler = startProcess('scheduler', join(bin, 'kube-scheduler'), [
      ...componentAuth, '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${schedPort}`, '--profiling=false',
    ], join(dir, 'scheduler.log'));
    // kwok reads $HOME/.kwok/kwok.yaml: a ClusterLogs object makes it serve a fixed log for webnodb.
    const webnodbLog = WEBNODB_LOG.map((text, i) => `2026-01-05T09:00:0${i}.000000000Z stdout F ${text}`);
    writeFileSync(join(dir, 'webnodb.log'), webnodbLog.join('\n') + '\n');
    // The app behind kwok's port-forward (kwok has no containers: it forwards to an address of the host).
    forwardServer = createHttpServer((_req, res) => res.end(FORWARD_PAGE));
    await new Promise<void>((resolve) => forwardServer!.listen(0, '127.0.0.1', resolve));
    const forwardPort = (forwardServer.address() as { port: number }).port;
    mkdirSync(join(dir, '.kwok'));
    writeFileSync(join(dir, '.kwok', 'kwok.yaml'), [
      'apiVersion: kwok.x-k8s.io/v1alpha1', 'kind: ClusterLogs', 'metadata: {name: webnodb}', 'spec:',
      `  selector: {matchNamespaces: [${NAMESPACE}]}`,
      `  logs: [{containers: [webnodb], logsFile: ${JSON.stringify(join(dir, 'webnodb.log'))}, follow: true}]`,
      // exec runs the command on this host; port-forward reaches the local server above.
      '---', 'apiVersion: kwok.x-k8s.io/v1alpha1', 'kind: ClusterExec', 'metadata: {name: exec}', 'spec:',
      `  selector: {matchNamespaces: [${NAMESPACE}]}`,
      '  execs: [{local: {workDir: /tmp, envs: [{name: KDASH_E2E_EXEC, value: kwok}]}}]',
      '---', 'apiVersion: kwok.x-k8s.io/v1alpha1', 'kind: ClusterPortForward', 'metadata: {name: forward}', 'spec:',
      `  selector: {matchNamespaces: [${NAMESPACE}]}`,
      `  forwards: [{target: {port: ${forwardPort}, address: 127.0.0.1}}]`, '',
    ].join('\n'));
    procs.kwok = startProcess('kwok', join(bin, 'kwok'), [
      `--kubeconfig=${adminKubeconfigPath}`,
      '--manage-all-nodes=false', '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--cidr=10.244.0.1/16', '--node-ip=127.0.0.1', `--node-port=${kwokPort}`, '--node-lease-duration-seconds=40',
      `--server-address=127.0.0.1:${kwokPort}`,
      // The apiserver talks to kubelets over HTTPS without verifying them (no --kubelet-certificate-authority).
      `--tls-cert-file=${join(dir, 'certs', 'apiserver.crt')}`, `--tls-private-key-file=${join(dir, 'certs', 'apiserver.key')}`,
    ], join(dir, 'kwok.log'), { ...process.env, HOME: dir });

    const healthy = async (port: number) => {
      // The components serve /healthz to anyone (alwaysAllowPaths) over a self-signed cert of their own.
      return new Promise<boolean>((resolve) => {
        const req = request(`https://127.0.0.1:${port}/healthz`, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
        req.on('error', () => resolve(false));
        req.on('timeout', () => req.destroy());
        req.end();
      });
    };
    await waitUntil('kube-controller-manager /healthz', () => healthy(kcmPort), 90_000, all());
    await waitUntil('kube-scheduler /healthz', () => healthy(schedPort), 90_000, all());
    await waitUntil('kwok /healthz', () => healthy(kwokPort), 90_000, all());

    return {
      server,
      kubeconfigPath,
      adminKubeconfigPath,
      tokens,
      caPem,
      auditLogPath,
      webnodbLog: WEBNODB_LOG,
      forwardTarget: `127.0.0.1:${forwardPort}`,
      bin,
      dir,
      procs: all,
      async stopApiserver() {
        await procs.apiserver?.stop();
      },
      async startApiserver() {
        if (procs.apiserver?.alive()) return;
        await startApiserver();
      },
      stop,
    };
  } catch (err) {
    const tails = all().map((p) => `--- ${p.name} (${p.logFile})\n${p.tail(15)}`).join('\n');
    await stop();
    throw new Error(`${(err as Error).message}\n${tails}`);
  }
}
