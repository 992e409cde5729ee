// `kdash down` / `kdash up` as CLI commands: print the plan, confirm (or --yes), run with progress
// lines, print the report. Returns the exit code: 0 done, 1 something failed or still runs, 2 refused.
import type { Api } from '../kube/api.js';
import { errorMessage } from './result.js';
import { describeDownPlan, executeDown, executeUp, planDown, planUp } from './shutdown.js';

export interface CommandIo {
  out: NodeJS.WritableStream;
  /**
   * Asks a yes/no question on the terminal. Absent (or `interactive: false`) when there is no terminal:
   * without --yes the command then refuses instead of asking.
   */
  confirm?: (question: string) => Promise<boolean>;
  interactive?: boolean;
}

export interface DownArgs {
  namespace: string;
  dryRun?: boolean;
  yes?: boolean;
  deleteBarePods?: boolean;
  /** How long to wait for pods to stop (default 120 s). */
  timeoutMs?: number;
}

const line = (io: CommandIo, text = '') => io.out.write(`${text}\n`);

async function confirmed(io: CommandIo, yes: boolean | undefined, question: string, what: string): Promise<boolean | 'refused'> {
  if (yes) return true;
  if (io.interactive === false || !io.confirm) {
    line(io, `kdash ${what}: not a terminal, so cannot ask for confirmation; rerun with --yes (or --dry-run to only see the plan)`);
    return 'refused';
  }
  return io.confirm(question);
}

export async function runDown(api: Api, args: DownArgs, io: CommandIo): Promise<number> {
  const ns = args.namespace;
  let plan;
  try {
    plan = await planDown(api, ns);
  } catch (e) {
    line(io, `kdash down: cannot read namespace ${ns}: ${errorMessage(e)}`);
    return 1;
  }
  const lines = describeDownPlan(plan, Boolean(args.deleteBarePods));
  const work = plan.steps.length + (args.deleteBarePods ? plan.barePods.length : 0);
  line(io, `Plan for namespace ${ns}${args.dryRun ? ' (dry run: nothing will change)' : ''}:`);
  for (const l of lines) line(io, `  ${l}`);
  if (lines.length === 0) line(io, '  nothing is running and nothing is recorded');
  if (args.dryRun) {
    line(io, 'dry run: nothing changed');
    return 0;
  }
  if (work === 0) {
    line(io, `nothing to shut down in ${ns}`);
    return 0;
  }
  const answer = await confirmed(io, args.yes, `Shut down ${ns}? (${work} change${work === 1 ? '' : 's'})`, 'down');
  if (answer === 'refused') return 2;
  if (!answer) {
    line(io, 'cancelled: nothing changed');
    return 1;
  }
  if (args.deleteBarePods && plan.barePods.length > 0 && !args.yes && io.confirm) {
    const sure = await io.confirm(
      `Delete ${plan.barePods.length} bare pod(s)? up creates them again from their saved definitions, but what they hold in memory or on disk is lost.`,
    );
    if (!sure) {
      line(io, 'cancelled: nothing changed');
      return 1;
    }
  }
  const report = await executeDown(api, plan, {
    deleteBarePods: Boolean(args.deleteBarePods),
    onProgress: (l) => line(io, l),
    timeoutMs: args.timeoutMs,
  });
  const failed = report.results.filter((r) => !r.result.ok);
  if (report.left.length === 0) line(io, `no pods running in ${ns}`);
  else {
    line(io, `still running in ${ns}${report.timedOut ? ' after the wait' : ''}:`);
    for (const l of report.left) line(io, `  ${l}`);
  }
  line(io, failed.length ? `down finished with ${failed.length} failure(s); \`kdash up -n ${ns}\` restores what was recorded` : `down complete; \`kdash up -n ${ns}\` brings it back`);
  return report.ok ? 0 : 1;
}

export interface UpArgs {
  namespace: string;
  dryRun?: boolean;
  yes?: boolean;
}

export async function runUp(api: Api, args: UpArgs, io: CommandIo): Promise<number> {
  const ns = args.namespace;
  let plan;
  try {
    plan = await planUp(api, ns);
  } catch (e) {
    line(io, `kdash up: cannot read namespace ${ns}: ${errorMessage(e)}`);
    return 1;
  }
  if (plan.steps.length === 0) {
    line(io, `nothing to restore in ${ns}: no object carries a record from kdash down`);
    return 0;
  }
  // The same plan format as down, and the same confirmation (like :up in the dashboard).
  line(io, `Plan for namespace ${ns}${args.dryRun ? ' (dry run: nothing will change)' : ''}:`);
  for (const s of plan.steps) line(io, `  ${s.line}`);
  if (args.dryRun) {
    line(io, 'dry run: nothing changed');
    return 0;
  }
  const n = plan.steps.length;
  const answer = await confirmed(io, args.yes, `Restore ${ns}? (${n} change${n === 1 ? '' : 's'})`, 'up');
  if (answer === 'refused') return 2;
  if (!answer) {
    line(io, 'cancelled: nothing changed');
    return 1;
  }
  const report = await executeUp(api, plan, { onProgress: (l) => line(io, l) });
  const failed = report.results.filter((r) => !r.result.ok).length;
  line(io, failed ? `up finished with ${failed} failure(s)` : `up complete: ${ns} is back as recorded`);
  return report.ok ? 0 : 1;
}
