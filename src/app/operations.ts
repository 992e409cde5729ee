// The session's operations, bound to its Api, for the views: every mutating action is recorded in
// the session history (`:history`) with its one-line result. It implements the views' Operations port.
import type { Session } from '../kube/session.js';
import type { ActionResult } from '../actions/result.js';
import type { TargetRef } from '../actions/targets.js';
import { planScale, scaleWorkload } from '../actions/scaleWorkload.js';
import { restartRollout } from '../actions/restartRollout.js';
import { planUndo, undoRollout } from '../actions/undoRollout.js';
import { getRolloutHistory } from '../actions/rolloutHistory.js';
import { setPaused } from '../actions/pauseRollout.js';
import { followRolloutStatus, type RolloutState } from '../actions/rolloutStatus.js';
import { deleteObjects, planDelete } from '../actions/deleteObject.js';
import { sessionHistory } from '../actions/history.js';
import { createLogController, type LogControllerOptions } from '../logs/logController.js';
import type { LogSourceSpec } from '../logs/types.js';
import type { Runtime } from './runtime.js';
import type { ReadonlySwitch } from './readonlyGuard.js';
import { planDown, executeDown, planUp, executeUp, type DownPlan, type UpPlan } from '../actions/shutdown.js';
import type { ForwardRegistry, Operations, TerminalHandoff, TerminalSessionRequest } from '../views/ports.js';
import { runAttach, runShell, DEFAULT_SHELLS } from '../streams/terminalSession.js';
import { fail } from '../actions/result.js';
import { revealSecretKey, type RevealResult } from '../actions/revealSecret.js';

export interface StreamOptions {
  terminal: TerminalHandoff;
  forwards: ForwardRegistry;
  /** The shell command (--shell), split into words; default bash, then sh. */
  shell?: string[];
}
import { applyEdit, planEdit, readForEdit } from '../actions/editObject.js';
import { applyOne, planApply } from '../actions/applyObjects.js';
import { summarize } from '../actions/result.js';
import { manifestsOf, readSources } from './applyCommand.js';

function describeRef(ref: TargetRef): string {
  return `${ref.kind}/${ref.name} in ${ref.namespace}`;
}

export function makeOperations(session: Session, rt: Runtime, ro: ReadonlySwitch, streams: StreamOptions, opts: { allowReveal?: boolean } = {}): Operations {
  const api = session.api;
  const refused = (): ActionResult => ({ ok: false, message: 'read-only mode: nothing was changed' });
  async function recorded(action: string, target: string, run: () => Promise<ActionResult>): Promise<ActionResult> {
    const result = ro.get() ? refused() : await run();
    sessionHistory.record({ action, target, ok: result.ok, message: result.message });
    return result;
  }
  return {
    history: sessionHistory,
    metricsHistory: rt.metrics.history,
    planScale: (ref: TargetRef, replicas: number) => planScale(api, ref, replicas),
    /** `from`: the count the person confirmed against; a different count now is refused. */
    scale: (ref: TargetRef, replicas: number, from?: number) =>
      recorded(`scale to ${replicas}`, describeRef(ref), () => scaleWorkload(api, ref, replicas, from)),
    restart: (ref: TargetRef) => recorded('restart', describeRef(ref), () => restartRollout(api, ref)),
    planUndo: (ref: TargetRef, toRevision?: number) => planUndo(api, ref, toRevision),
    undo: (ref: TargetRef, toRevision?: number) => recorded('undo', describeRef(ref), () => undoRollout(api, ref, toRevision)),
    rolloutHistory: (ref: TargetRef) => getRolloutHistory(api, ref),
    setPaused: (ref: TargetRef, paused: boolean) =>
      recorded(paused ? 'pause' : 'resume', describeRef(ref), () => setPaused(api, ref, paused)),
    followRollout: (ref: TargetRef, onUpdate: (s: RolloutState) => void, signal: AbortSignal) =>
      followRolloutStatus(api, ref, onUpdate, signal),
    planDelete: (refs: TargetRef[]) => planDelete(api, refs),
    delete: async (refs: TargetRef[], force: boolean) => {
      const target = refs.length === 1 ? describeRef(refs[0]) : `${refs.length} objects`;
      let summary: ActionResult = refused();
      await recorded(force ? 'force delete' : 'delete', target, async () => {
        const report = await deleteObjects(api, refs, { force });
        summary = report.summary;
        return report.summary;
      });
      return summary;
    },
    planDown: (namespace: string) => planDown(api, namespace),
    executeDown: (plan: DownPlan, opts: { deleteBarePods: boolean; onProgress(line: string): void }) =>
      recorded('down', plan.namespace, async () => {
        const report = await executeDown(api, plan, { ...opts, timeoutMs: 120_000 });
        return report.summary;
      }),
    planUp: (namespace: string) => planUp(api, namespace),
    executeUp: (plan: UpPlan, onProgress: (line: string) => void) =>
      recorded('up', plan.namespace, async () => {
        const report = await executeUp(api, plan, { onProgress });
        return report.summary;
      }),
    logs: (spec: LogSourceSpec, logOpts?: LogControllerOptions) => createLogController(api, spec, logOpts),
    terminalSession: (req: TerminalSessionRequest) =>
      recorded(req.mode, `${req.pod}/${req.container} in ${req.namespace}`, async () => {
        if (!streams.terminal.available()) return fail(`${req.mode}: no terminal (kdash is not running in an interactive terminal)`);
        const target = { namespace: req.namespace, pod: req.pod, container: req.container };
        return streams.terminal.run((t) =>
          req.mode === 'shell' ? runShell(api.kc, target, streams.shell ? [streams.shell] : DEFAULT_SHELLS, t) : runAttach(api.kc, target, req.tty ?? false, t),
        );
      }),
    forwards: streams.forwards,
    revealSecret: async (ref: TargetRef, key: string): Promise<RevealResult> => {
      const target = `key ${key} of secret/${ref.name} in ${ref.namespace}`;
      const result: RevealResult =
        ro.get() && !opts.allowReveal
          ? { ok: false, message: 'read-only mode: secret values are not revealed without --allow-reveal' }
          : await revealSecretKey(api, ref, key);
      // The history says that a value was shown, never what it was.
      sessionHistory.record({ action: 'reveal', target, ok: result.ok, message: result.ok ? 'value shown on screen (not recorded)' : result.message });
      return result;
    },
    async planApply(path, force) {
      const { targets, errors } = manifestsOf(readSources([path], () => ''), session.namespace, false);
      if (errors.length) throw new Error(errors[0]);
      if (!targets.length) throw new Error(`no objects in ${path}`);
      return planApply(api, targets, force);
    },
    apply: (items, force) =>
      recorded('apply', items.length === 1 ? `${items[0].target.kind.kind.toLowerCase()}/${items[0].target.name}` : `${items.length} objects`, async () => {
        const results = [];
        for (const i of items) if (i.state !== 'unchanged') results.push(await applyOne(api, i, force));
        return summarize(results, 'applied');
      }),
    readForEdit: (ref) => readForEdit(api, ref),
    planEdit: (ref, base, edited) => planEdit(api, ref, base, edited),
    applyEdit: async (plan) => {
      let outcome: Awaited<ReturnType<typeof applyEdit>> = { kind: 'failed', message: refused().message };
      await recorded('edit', describeRef(plan.ref), async () => {
        outcome = await applyEdit(api, plan);
        return { ok: outcome.kind === 'applied', message: outcome.message };
      });
      return outcome;
    },
  };
}
