// Helpers for the e2e test files: the control plane globalSetup started, clients as the student or the
// admin, kubectl and the kdash CLI as child processes, and polling waits (never fixed sleeps).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { inject } from 'vitest';
import { makeTypedApi, type TypedApi } from '../support/typedApi.js';
import type { E2EContext } from './globalSetup.js';
import { REPO_DIR } from './harness/paths.js';
import { until as pollUntil } from '../support/until.js';

export { NAMESPACE } from './harness/controlPlane.js';

export function e2e(): E2EContext {
  return inject('e2e');
}

export function kubeConfig(user: 'student' | 'admin', path = e2e().kubeconfigPath): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  kc.setCurrentContext(user === 'admin' ? 'e2e-admin' : 'e2e-student');
  return kc;
}

export const api = (user: 'student' | 'admin'): TypedApi => makeTypedApi(kubeConfig(user));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 16 << 20, cwd: REPO_DIR }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The kdash CLI as a user runs it (dist/ from `npm run build`). */
export function kdash(args: string[], kubeconfig = e2e().kubeconfigPath): Promise<Run> {
  return run(process.execPath, [join(REPO_DIR, 'dist', 'cli.js'), '--kubeconfig', kubeconfig, ...args], { NO_COLOR: '1' });
}

/** kubectl of the same release as the control plane (built by test/e2e/build.sh). */
export function kubectl(args: string[], opts: { user?: 'student' | 'admin'; kubeconfig?: string } = {}): Promise<Run> {
  const ctx = opts.kubeconfig ? [] : ['--context', opts.user === 'admin' ? 'e2e-admin' : 'e2e-student'];
  return run(join(e2e().bin, 'kubectl'), ['--kubeconfig', opts.kubeconfig ?? e2e().kubeconfigPath, ...ctx, ...args]);
}

/** The shared wait (test/support/until.ts) with the name first and the slower defaults of a real control plane. */
export function until<T>(what: string, fn: () => Promise<T> | T, timeoutMs = 60_000, everyMs = 200): Promise<NonNullable<T>> {
  return pollUntil(fn, what, { timeoutMs, everyMs });
}

export async function apiserver(op: 'stop' | 'start'): Promise<void> {
  const res = await fetch(`${e2e().control}/apiserver/${op}`, { method: 'POST' });
  if (!res.ok) throw new Error(`apiserver ${op}: ${await res.text()}`);
}

type Pod = { metadata?: any; status?: any };

/** Pods of a deployment (by its app label) that are Running and Ready and not being deleted. */
export async function readyPods(a: TypedApi, app: string): Promise<Pod[]> {
  const l = await a.core.listNamespacedPod({ namespace: 'vgauthier', labelSelector: `app=${app}` });
  return (l.items as Pod[]).filter(
    (p) => !p.metadata?.deletionTimestamp && p.status?.phase === 'Running' && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
  );
}

/** Waits until the deployment has exactly n ready pods, nothing else left over, and its status agrees. */
export async function waitForDeployment(a: TypedApi, name: string, n: number, timeoutMs = 90_000): Promise<void> {
  await until(`${name} at ${n} ready pods`, async () => {
    const [d, all] = await Promise.all([
      a.apps.readNamespacedDeployment({ name, namespace: 'vgauthier' }),
      a.core.listNamespacedPod({ namespace: 'vgauthier', labelSelector: `app=${name}` }),
    ]);
    const s = d.status ?? {};
    const ready = await readyPods(a, name);
    return (
      s.observedGeneration === d.metadata?.generation &&
      (s.readyReplicas ?? 0) === n && (s.updatedReplicas ?? 0) === n && (s.replicas ?? 0) === n &&
      ready.length === n && all.items.length === n
    );
  }, timeoutMs);
}


export { ageless } from '../support/widgets.js';
