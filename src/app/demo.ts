// `kdash --demo`: the embedded classroom cluster in this process, with a kubeconfig written to a
// private temp dir so kubectl can be pointed at the same cluster while the dashboard runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { startSim } from '../sim/index.js';

export interface DemoCluster {
  kubeConfig: KubeConfig;
  kubeconfigPath: string;
  url: string;
  stop(): Promise<void>;
}

export async function startDemoCluster(): Promise<DemoCluster> {
  const sim = await startSim({ scenario: 'classroom', port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'kdash-demo-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfigPath);
  // The kubeconfig holds the demo's tokens: remove it however kdash ends (quit, signal, crash).
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  return {
    kubeConfig: sim.kubeConfig('student'),
    kubeconfigPath,
    url: sim.url,
    async stop() {
      await sim.stop();
      removeDir();
      process.off('exit', removeDir);
    },
  };
}
