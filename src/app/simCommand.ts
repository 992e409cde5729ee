// `kdash sim`: the embedded cluster alone on 127.0.0.1 (or --address), over HTTPS like kube-apiserver,
// for kubectl practice, tests and benchmarks.
import { isIP } from 'node:net';
import { UserError } from '../kube/errors.js';

export interface SimFlags {
  scenario?: string;
  port?: number;
  address?: string;
  writeKubeconfig?: string;
  nodes?: number;
  namespaces?: number;
  pods?: number;
  churn?: number;
  watchList?: boolean;
}

const scenarios = ['classroom', 'class', 'large', 'empty'] as const;

export async function runSimCommand(flags: SimFlags): Promise<number> {
  const scenario = (flags.scenario ?? 'classroom') as (typeof scenarios)[number];
  if (!scenarios.includes(scenario)) throw new UserError(`unknown scenario "${flags.scenario}" (classroom, class, large, empty)`, 2);
  const port = flags.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`bad port ${flags.port}: use 0..65535`, 2);
  const address = flags.address ?? '127.0.0.1';
  if (!isIP(address)) throw new UserError(`bad --address ${flags.address}: use an IP address of this machine (127.0.0.1, 0.0.0.0 for every interface)`, 2);
  for (const [name, v] of Object.entries({ nodes: flags.nodes, namespaces: flags.namespaces, pods: flags.pods, churn: flags.churn })) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new UserError(`bad --${name} ${v}: use a whole number ≥ 0`, 2);
  }
  const { startSim } = await import('@kdash/sim');
  let sim;
  try {
    sim = await startSim({
      scenario,
      port,
      host: address,
      watchList: flags.watchList !== false,
      large:
        scenario === 'large'
          ? {
              nodes: flags.nodes ?? 100,
              namespaces: flags.namespaces ?? 1,
              pods: flags.pods ?? 10_000,
              churnPerSecond: flags.churn ?? 0,
            }
          : undefined,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${port} is already in use on ${address} (use --port 0 for any free port)`);
    if (code === 'EADDRNOTAVAIL') throw new UserError(`cannot listen on ${address}: not an address of this machine`);
    throw err;
  }
  if (flags.writeKubeconfig) {
    try {
      sim.writeKubeconfig(flags.writeKubeconfig);
    } catch (err) {
      await sim.stop();
      throw new UserError(`cannot write kubeconfig to ${flags.writeKubeconfig}: ${(err as Error).message}`);
    }
  }
  process.stdout.write(`listening on ${sim.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  await sim.stop();
  return 0;
}
