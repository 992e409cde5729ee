// The whole app against the embedded cluster on port 0, over real HTTP, as a user drives it:
//   const rig = await startRig();
//   await rig.waitForRow(/webnodb/); await rig.press('s'); await rig.type('5'); await rig.press('enter');
//   await rig.waitForRow(/webnodb\s+5\/5/);
// It runs the dashboard's own live session (src/app/live.tsx), with both of the cluster's contexts
// (sim-student, sim-admin), so `:ctx` works as in `kdash --demo`.
import React from 'react';
import { startSim, type Sim, type StartSimOptions } from '@kdash/sim';
import type { KubeConfig } from '@kubernetes/client-node';
import { openSessionFromKubeConfig, type Session } from '../../src/kube/session.js';
import { makeTypedApi, type TypedApi } from './typedApi.js';
import { guardKubeConfig, readonlySwitch } from '../../src/app/readonlyGuard.js';
import type { Runtime } from '../../src/app/runtime.js';
import { fileContexts, memoryContexts, type ContextSource } from '../../src/app/connect.js';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { simContexts } from '../../src/app/demo.js';
import { LiveApp, startLive, type LiveSession } from '../../src/app/live.js';
import type { StateStore } from '../../src/app/stateFile.js';
import { resolveView } from '../../src/app/dashboard.js';
import type { ClassViewOptions } from '../../src/course/classKind.js';
import { renderApp, type Rendered } from './render.js';
import type { TerminalHandoff } from '../../src/views/ports.js';

export interface RigOptions {
  sim?: StartSimOptions;
  /** Reuse a running cluster instead of starting one. */
  existing?: Sim;
  user?: 'student' | 'admin';
  /** Another kubeconfig (with its current context) instead of the embedded cluster's. */
  kubeConfig?: KubeConfig;
  /** A kubeconfig file, read as kdash reads one (--kubeconfig): the e2e control plane's. */
  kubeconfigPath?: string;
  namespace?: string;
  readonly?: boolean;
  view?: string;
  columns?: number;
  rows?: number;
  /** --confirm-quit: q at the top view asks first. */
  confirmQuit?: boolean;
  /** The terminal a shell or attach borrows (test/support/fakeTty.ts); default: none to lend. */
  terminal?: TerminalHandoff;
  /** kdash class's selection for :class. */
  classOptions?: ClassViewOptions;
  /** --allow-reveal: a secret key may be revealed under --readonly too. */
  allowReveal?: boolean;
  /** The state file (default: none, as --no-state). */
  state?: StateStore;
}

export interface Rig extends Rendered {
  sim: Sim;
  /** The session and runtime of the context in view (they change with `:ctx`). */
  readonly session: Session;
  readonly runtime: Runtime;
  /** client-node's typed clients as the context in view's user, for a test to act as another client would. */
  readonly api: TypedApi;
  live: LiveSession;
  exitCode(): number | undefined;
  waitForRow(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Moves the selection down until the selected row matches (the selected row starts with the ">" cursor). */
  select(pattern: RegExp): Promise<void>;
  stop(): Promise<void>;
}

export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const external = opts.kubeConfig !== undefined || opts.kubeconfigPath !== undefined;
  const sim = external ? (undefined as unknown as Sim) : (opts.existing ?? (await startSim({ scenario: 'classroom', port: 0, ...opts.sim })));
  const ro = readonlySwitch(opts.readonly === true);
  let kc: KubeConfig;
  let contexts: ContextSource;
  if (opts.kubeconfigPath) {
    kc = loadKubeconfig({ kubeconfig: opts.kubeconfigPath }).kc;
    contexts = fileContexts({ kubeconfig: opts.kubeconfigPath, readonly: opts.readonly }, ro);
  } else {
    const all = opts.kubeConfig ?? simContexts(sim, opts.user === 'admin' ? 'sim-admin' : 'sim-student');
    contexts = memoryContexts(all, ro, opts.readonly);
    kc = external ? all : sim.kubeConfig(opts.user ?? 'student');
  }
  guardKubeConfig(kc, ro);
  const session = await openSessionFromKubeConfig(kc, { namespace: opts.namespace ?? (external ? undefined : 'vgauthier'), readonly: opts.readonly });
  let exit: number | undefined;
  const kind = resolveView(opts.view ?? 'pods');
  if (!kind) throw new Error(`the rig opens hand-made views only, not ${opts.view}`);
  const live = startLive({ session, readonly: ro, staticNotes: [], contexts }, kind, {
    metricsIntervalMs: 1000,
    confirmQuit: opts.confirmQuit,
    allowReveal: opts.allowReveal,
    classOptions: opts.classOptions,
    state: opts.state,
    terminal: opts.terminal ?? { available: () => false, run: () => Promise.reject(new Error('no terminal')), setRepaint: () => undefined },
    exit: (c) => (exit = c),
  });
  const columns = opts.columns ?? 140;
  const rows = opts.rows ?? 40;
  const r = renderApp(<LiveApp live={live} columns={columns} rows={rows} />, { columns, rows });
  const lines = () => r.frame().split('\n');
  return {
    ...r,
    sim,
    get session() {
      return live.current().session;
    },
    get runtime() {
      return live.current().runtime;
    },
    get api() {
      return makeTypedApi(live.current().session.api.kc);
    },
    live,
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
      await live.stop();
      if (!opts.existing && !external) await sim.stop();
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
  await r.api.core.createNamespacedPod({ namespace, body: { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox', resources }] } } });
}
