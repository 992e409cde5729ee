// The whole app against the embedded cluster on port 0, over real HTTP, as a user drives it:
//   const rig = await startRig();
//   await rig.waitForRow(/webnodb/); await rig.press('s'); await rig.type('5'); await rig.press('enter');
//   await rig.waitForRow(/webnodb\s+5\/5/);
import React from 'react';
import { startSim, type Sim, type StartSimOptions } from '@kdash/sim';
import { openSessionFromKubeConfig, type Session } from '../../src/kube/session.js';
import { guardKubeConfig, readonlySwitch } from '../../src/app/readonlyGuard.js';
import { startRuntime, type Runtime } from '../../src/app/runtime.js';
import { createServices } from '../../src/app/services.js';
import { ServicesProvider } from '../../src/views/context.js';
import { App } from '../../src/views/App.js';
import { resolveView } from '../../src/app/dashboard.js';
import type { ClassViewOptions } from '../../src/course/classKind.js';
import { renderApp, type Rendered } from './render.js';

export interface RigOptions {
  sim?: StartSimOptions;
  /** Reuse a running cluster instead of starting one. */
  existing?: Sim;
  user?: 'student' | 'admin';
  namespace?: string;
  readonly?: boolean;
  view?: string;
  columns?: number;
  rows?: number;
  /** --confirm-quit: q at the top view asks first. */
  confirmQuit?: boolean;
  /** kdash class's selection for :class. */
  classOptions?: ClassViewOptions;
  /** --allow-reveal: a secret key may be revealed under --readonly too. */
  allowReveal?: boolean;
}

export interface Rig extends Rendered {
  sim: Sim;
  session: Session;
  runtime: Runtime;
  exitCode(): number | undefined;
  waitForRow(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Moves the selection down until the selected row matches (the selected row starts with the ">" cursor). */
  select(pattern: RegExp): Promise<void>;
  stop(): Promise<void>;
}

export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const sim = opts.existing ?? (await startSim({ scenario: 'classroom', port: 0, ...opts.sim }));
  const kc = sim.kubeConfig(opts.user ?? 'student');
  const ro = readonlySwitch(opts.readonly === true);
  guardKubeConfig(kc, ro);
  const session = await openSessionFromKubeConfig(kc, { namespace: opts.namespace ?? 'vgauthier', readonly: opts.readonly });
  const runtime = startRuntime(session, { metricsIntervalMs: 1000 });
  runtime.metrics.start();
  let exit: number | undefined;
  const services = createServices(session, runtime, ro, { exit: (c) => (exit = c), confirmQuit: opts.confirmQuit, classOptions: opts.classOptions, allowReveal: opts.allowReveal });
  const kind = resolveView(opts.view ?? 'pods');
  const columns = opts.columns ?? 140;
  const rows = opts.rows ?? 40;
  const r = renderApp(
    <ServicesProvider value={services}>
      <App columns={columns} rows={rows} initial={{ type: 'table', kind, namespace: kind.namespaced ? session.namespace : '' }} />
    </ServicesProvider>,
    { columns, rows },
  );
  const lines = () => r.frame().split('\n');
  return {
    ...r,
    sim,
    session,
    runtime,
    exitCode: () => exit,
    waitForRow: (pattern, timeoutMs = 20_000) =>
      r.waitForFrame((f) => f.split('\n').some((l) => pattern.test(l)), `a row matching ${pattern}`, timeoutMs),
    async select(pattern) {
      await r.waitForFrame((f) => f.split('\n').some((l) => pattern.test(l)), `a row matching ${pattern}`);
      for (let i = 0; i < 200; i++) {
        // The selected row starts with the '>' cursor.
        const selected = lines().find((l) => l.startsWith('>'));
        if (selected && pattern.test(selected.slice(2))) return;
        await r.press('down');
      }
      throw new Error(`could not select a row matching ${pattern}:\n${lines().join('\n')}`);
    },
    async stop() {
      r.unmount();
      await runtime.stop();
      if (!opts.existing) await sim.stop();
    },
  };
}

/** `:deploy` in the student's namespace, with the cursor on webnodb (3/3). */
export async function openDeployments(r: Rig): Promise<void> {
  await r.waitForRow(/webnodb-/);
  await r.press(':');
  await r.type('deploy');
  await r.press('enter');
  await r.waitForRow(/ webnodb\s+3\/3/);
  await r.select(/^\s*webnodb\s/);
}

/** A pod of its own in the student's namespace (no controller brings it back), as another client would create it. */
export async function createBarePod(r: Rig, name: string, namespace = 'vgauthier'): Promise<void> {
  const resources = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } };
  await r.session.api.core.createNamespacedPod({ namespace, body: { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox', resources }] } } });
}
