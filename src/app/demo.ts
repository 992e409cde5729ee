// `kdash --demo`: the embedded classroom cluster in this process, with a kubeconfig written to a
// private temp dir so kubectl can be pointed at the same cluster while the dashboard runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { UserError } from '../kube/errors.js';
import { startSim, type Sim } from '@kdash/sim';

/** The contexts of the kubeconfig the demo writes (packages/sim/src/kubeconfig.ts), and whom each connects as. */
const DEMO_CONTEXTS = { 'sim-student': 'student', 'sim-admin': 'admin' } as const;

export interface DemoCluster {
  kubeConfig: KubeConfig;
  /** Both contexts (sim-student, sim-admin), as in the written kubeconfig, for `:ctx`. */
  allContexts: KubeConfig;
  kubeconfigPath: string;
  url: string;
  stop(): Promise<void>;
}

/** The embedded cluster's two contexts in one KubeConfig, as in the kubeconfig it writes for kubectl. */
export function simContexts(sim: Pick<Sim, 'kubeConfig'>, current = 'sim-student'): KubeConfig {
  const student = sim.kubeConfig('student');
  const admin = sim.kubeConfig('admin');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: student.clusters,
    users: [...student.users, ...admin.users],
    contexts: [...student.contexts, ...admin.contexts],
    currentContext: current,
  });
  return kc;
}

/** The scenarios --demo can start: the classroom (a student's namespace) or the class (thirty students, for the teacher). */
export const DEMO_SCENARIOS = ['classroom', 'class'] as const;

/**
 * Starts the demo cluster and connects as `context` says, like --context does for a kubeconfig: by
 * default the student in the classroom, the teacher (sim-admin) in the class.
 */
export async function startDemoCluster(context?: string, scenario = 'classroom'): Promise<DemoCluster> {
  if (!(DEMO_SCENARIOS as readonly string[]).includes(scenario)) throw new UserError(`unknown scenario "${scenario}" for --demo (${DEMO_SCENARIOS.join(', ')})`, 2);
  const ctx = context ?? (scenario === 'class' ? 'sim-admin' : 'sim-student');
  const user = DEMO_CONTEXTS[ctx as keyof typeof DEMO_CONTEXTS];
  if (!user) throw new UserError(`context "${ctx}" not found in the demo cluster (contexts: ${Object.keys(DEMO_CONTEXTS).join(', ')})`);
  const sim = await startSim({ scenario: scenario as (typeof DEMO_SCENARIOS)[number], port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'kdash-demo-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfigPath);
  // The kubeconfig holds the demo's tokens: remove it however kdash ends (quit, signal, crash).
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  return {
    kubeConfig: sim.kubeConfig(user),
    allContexts: simContexts(sim, ctx),
    kubeconfigPath,
    url: sim.url,
    async stop() {
      await sim.stop();
      removeDir();
      process.off('exit', removeDir);
    },
  };
}
