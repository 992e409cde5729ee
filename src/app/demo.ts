// `kdash --demo`: the embedded classroom cluster in this process, with a kubeconfig written to a
// private temp dir so kubectl can be pointed at the same cluster while the dashboard runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { UserError } from '../kube/errors.js';
import { startSim } from '@kdash/sim';

/** The contexts of the kubeconfig the demo writes (packages/sim/src/kubeconfig.ts), and whom each connects as. */
const DEMO_CONTEXTS = { 'sim-student': 'student', 'sim-admin': 'admin' } as const;

export interface DemoCluster {
  kubeConfig: KubeConfig;
  kubeconfigPath: string;
  url: string;
  stop(): Promise<void>;
}

/** Starts the demo cluster and connects as `context` says (default: the student), like --context does for a kubeconfig. */
export async function startDemoCluster(context = 'sim-student'): Promise<DemoCluster> {
  const user = DEMO_CONTEXTS[context as keyof typeof DEMO_CONTEXTS];
  if (!user) throw new UserError(`context "${context}" not found in the demo cluster (contexts: ${Object.keys(DEMO_CONTEXTS).join(', ')})`);
  const sim = await startSim({ scenario: 'classroom', port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'kdash-demo-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfigPath);
  // The kubeconfig holds the demo's tokens: remove it however kdash ends (quit, signal, crash).
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  return {
    kubeConfig: sim.kubeConfig(user),
    kubeconfigPath,
    url: sim.url,
    async stop() {
      await sim.stop();
      removeDir();
      process.off('exit', removeDir);
    },
  };
}
