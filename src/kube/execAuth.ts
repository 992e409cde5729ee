// Exec credential plugins (client.authentication.k8s.io ExecCredential), e.g. GKE's
// gke-gcloud-auth-plugin. Registered on the KubeConfig as a client-node Authenticator, so every
// client-node request (API clients, Watch, Log) gets the token. Compared with client-node's built-in
// ExecAuth this: caches credentials without expirationTimestamp for the process lifetime (as
// client-go does; otherwise every request would spawn the plugin), runs one plugin at a time for
// parallel requests, passes KUBERNETES_EXEC_INFO, never lets the plugin's stderr reach the terminal
// (it would tear the dashboard), and fails with a one-line ExecPluginError that names the plugin.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { User } from '@kubernetes/client-node';
import { ExecPluginError, oneLine } from './errors.js';

/** The `user.exec` block of a kubeconfig. */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: Array<{ name: string; value: string }> | null;
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

interface Credential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expiresAt?: number; // ms; undefined = valid until the process ends
}

/** authProvider name kdash uses for exec users, so client-node's own ExecAuth does not claim them. */
export const EXEC_PROVIDER = 'kdash-exec';

export function execAuthProvider(exec: ExecConfig, server: string): { name: string; config: Record<string, unknown> } {
  return { name: EXEC_PROVIDER, config: { kdashExec: exec, server } };
}

const PLUGIN_TIMEOUT_MS = 60_000;
// Refresh a little before expiry so a request never goes out with a token that dies in flight.
const EXPIRY_SLACK_MS = 10_000;

export class ExecPluginAuth {
  private cache = new Map<string, Credential>();
  private inflight = new Map<string, Promise<Credential>>();

  /** Drops cached credentials: the next request runs the plugin again (after the server rejected them). */
  forget(): void {
    this.cache.clear();
  }

  isAuthProvider(user: User): boolean {
    return user.authProvider?.name === EXEC_PROVIDER;
  }

  async applyAuthentication(user: User, opts: { headers?: any; cert?: any; key?: any }): Promise<void> {
    const cred = await this.credential(user);
    if (cred.clientCertificateData) opts.cert = cred.clientCertificateData;
    if (cred.clientKeyData) opts.key = cred.clientKeyData;
    if (cred.token) {
      opts.headers ??= {};
      opts.headers.Authorization = `Bearer ${cred.token}`;
    }
  }

  private credential(user: User): Promise<Credential> {
    const cached = this.cache.get(user.name);
    if (cached && (cached.expiresAt === undefined || cached.expiresAt - EXPIRY_SLACK_MS > Date.now())) {
      return Promise.resolve(cached);
    }
    let running = this.inflight.get(user.name);
    if (!running) {
      const { kdashExec, server } = user.authProvider.config as { kdashExec: ExecConfig; server: string };
      running = runPlugin(kdashExec, server).finally(() => this.inflight.delete(user.name));
      running.then((c) => this.cache.set(user.name, c), () => undefined);
      this.inflight.set(user.name, running);
    }
    return running;
  }
}

/** Runs the plugin and parses its ExecCredential. Throws ExecPluginError. */
export function runPlugin(exec: ExecConfig, server: string): Promise<Credential> {
  const name = path.basename(exec.command);
  const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1';
  const info = {
    apiVersion,
    kind: 'ExecCredential',
    spec: { interactive: false, ...(exec.provideClusterInfo ? { cluster: { server } } : {}) },
  };
  const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) };
  for (const e of exec.env ?? []) env[e.name] = e.value;
  return new Promise<Credential>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (detail: string) => {
      if (settled) return;
      settled = true;
      reject(new ExecPluginError(name, detail));
    };
    const child = spawn(exec.command, exec.args ?? [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`no answer after ${PLUGIN_TIMEOUT_MS / 1000}s`);
    }, PLUGIN_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') {
        fail(`not found${exec.installHint ? ` — ${oneLine(exec.installHint)}` : ' (is it installed and on PATH?)'}`);
      } else fail(oneLine(err.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (settled) return;
      if (code !== 0) return fail(oneLine(stderr) || `exited with status ${code}`);
      try {
        const parsed = JSON.parse(stdout) as { status?: Record<string, unknown> };
        const st = parsed.status ?? {};
        const cred: Credential = {
          token: typeof st.token === 'string' ? st.token : undefined,
          clientCertificateData: typeof st.clientCertificateData === 'string' ? st.clientCertificateData : undefined,
          clientKeyData: typeof st.clientKeyData === 'string' ? st.clientKeyData : undefined,
        };
        if (typeof st.expirationTimestamp === 'string') {
          const t = Date.parse(st.expirationTimestamp);
          if (!Number.isNaN(t)) cred.expiresAt = t;
        }
        if (!cred.token && !cred.clientCertificateData) return fail('its ExecCredential has neither a token nor a client certificate');
        settled = true;
        resolve(cred);
      } catch {
        fail('its output is not a valid ExecCredential (JSON)');
      }
    });
  });
}
