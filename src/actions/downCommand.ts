// `kdash down` / `kdash up` as CLI commands: print the plan, confirm (or --yes), run with progress
// lines, print the report. Returns the exit code: 0 done, 1 something failed or still runs, 2 refused.
import type { Api } from '../kube/api.js';
import { errorMessage } from './result.js';
import { executeDown, executeUp, manyPlanLines, planDown, planLines, planUp, type DownPlan } from './shutdown.js';

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

/**
 * Asks about a plan, then reads the namespace again: if it changed while the person read the plan, the
 * plan as it is now is shown and asked about again, so what runs is what they said yes to. With --yes
 * the plan was just read and runs as it is.
 */
async function confirmAsItIsNow<P>(
  io: CommandIo,
  yes: boolean | undefined,
  what: 'down' | 'up',
  first: P,
  show: (plan: P) => string[],
  question: (plan: P) => string,
  replan: () => Promise<P>,
): Promise<P | 'refused' | 'declined'> {
  let plan = first;
  for (let round = 0; ; round++) {
    const answer = await confirmed(io, yes, question(plan), what);
    if (answer === 'refused') return 'refused';
    if (!answer) return 'declined';
    if (yes) return plan;
    const now = await replan();
    const lines = show(now);
    if (lines.join('\n') === show(plan).join('\n')) return now;
    if (round === 4) {
      line(io, 'the namespace keeps changing while you read the plan: nothing changed, try again');
      return 'declined';
    }
    line(io, 'the namespace changed while you read the plan; as it is now:');
    for (const l of lines) line(io, `  ${l}`);
    if (lines.length === 0) line(io, '  nothing is running and nothing is recorded');
    plan = now;
  }
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
  const bare = Boolean(args.deleteBarePods);
  const work = (p: DownPlan) => p.steps.length + (bare ? p.barePods.length : 0);
  const lines = planLines(plan, bare);
  line(io, `Plan for namespace ${ns}${args.dryRun ? ' (dry run: nothing will change)' : ''}:`);
  for (const l of lines) line(io, `  ${l}`);
  if (lines.length === 0) line(io, '  nothing is running and nothing is recorded');
  if (args.dryRun) {
    line(io, 'dry run: nothing changed');
    return 0;
  }
  if (work(plan) === 0) {
    line(io, `nothing to shut down in ${ns}`);
    return 0;
  }
  const chosen = await confirmAsItIsNow(
    io,
    args.yes,
    'down',
    plan,
    (p) => planLines(p, bare),
    (p) => `Shut down ${ns}? (${work(p)} change${work(p) === 1 ? '' : 's'})`,
    () => planDown(api, ns),
  );
  if (chosen === 'refused') return 2;
  if (chosen === 'declined' || work(chosen) === 0) {
    line(io, 'cancelled: nothing changed');
    return 1;
  }
  plan = chosen;
  if (bare && plan.barePods.length > 0 && !args.yes && io.confirm) {
    const sure = await io.confirm(
      `Delete ${plan.barePods.length} bare pod(s)? up creates them again from their saved definitions, but what they hold in memory or on disk is lost.`,
    );
    if (!sure) {
      line(io, 'cancelled: nothing changed');
      return 1;
    }
  }
  const report = await executeDown(api, plan, {
    deleteBarePods: bare,
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
  for (const l of planLines(plan, false)) line(io, `  ${l}`);
  if (args.dryRun) {
    line(io, 'dry run: nothing changed');
    return 0;
  }
  const chosen = await confirmAsItIsNow(
    io,
    args.yes,
    'up',
    plan,
    (p) => planLines(p, false),
    (p) => `Restore ${ns}? (${p.steps.length} change${p.steps.length === 1 ? '' : 's'})`,
    () => planUp(api, ns),
  );
  if (chosen === 'refused') return 2;
  if (chosen === 'declined' || chosen.steps.length === 0) {
    line(io, 'cancelled: nothing changed');
    return 1;
  }
  plan = chosen;
  const report = await executeUp(api, plan, { onProgress: (l) => line(io, l) });
  const failed = report.results.filter((r) => !r.result.ok).length;
  line(io, failed ? `up finished with ${failed} failure(s)` : `up complete: ${ns} is back as recorded`);
  return report.ok ? 0 : 1;
}

export interface DownManyArgs {
  namespaces: string[];
  dryRun?: boolean;
  yes?: boolean;
  /** How long to wait for each namespace's pods to stop. */
  timeoutMs?: number;
}

/**
 * `kdash down --all`: the end-of-class sweep over the chosen namespaces — every plan shown, one
 * question for all of them (asked again if a namespace changed meanwhile), then each namespace shut
 * down as `kdash down` does (bare pods are kept: deleting them is a per-namespace decision), with one
 * result line per namespace. 0 when every namespace is down, 1 when one is not.
 */
export async function runDownMany(api: Api, args: DownManyArgs, io: CommandIo): Promise<number> {
  const readPlans = () => Promise.all(args.namespaces.map((ns) => planDown(api, ns)));
  let plans: DownPlan[];
  try {
    plans = await readPlans();
  } catch (e) {
    line(io, `kdash down: cannot read the namespaces: ${errorMessage(e)}`);
    return 1;
  }
  const work = (ps: DownPlan[]) => ps.reduce((n, p) => n + p.steps.length, 0);
  const busy = (ps: DownPlan[]) => ps.filter((p) => p.steps.length > 0);
  line(io, `Plan for ${args.namespaces.length} namespace${args.namespaces.length === 1 ? '' : 's'}${args.dryRun ? ' (dry run: nothing will change)' : ''}:`);
  for (const l of manyPlanLines(plans, false)) line(io, `  ${l}`);
  const idle = plans.filter((p) => p.steps.length === 0).map((p) => p.namespace);
  if (idle.length) line(io, `  nothing to shut down in ${idle.join(', ')}`);
  if (args.dryRun) {
    line(io, 'dry run: nothing changed');
    return 0;
  }
  if (work(plans) === 0) {
    line(io, 'nothing to shut down');
    return 0;
  }
  const chosen = await confirmAsItIsNow(
    io,
    args.yes,
    'down',
    plans,
    (ps) => manyPlanLines(ps, false),
    (ps) => `Shut down ${busy(ps).length} namespace${busy(ps).length === 1 ? '' : 's'}? (${work(ps)} change${work(ps) === 1 ? '' : 's'})`,
    readPlans,
  );
  if (chosen === 'refused') return 2;
  if (chosen === 'declined' || work(chosen) === 0) {
    line(io, 'cancelled: nothing changed');
    return 1;
  }
  let failed = 0;
  for (const plan of busy(chosen)) {
    const report = await executeDown(api, plan, { deleteBarePods: false, timeoutMs: args.timeoutMs, onProgress: (l) => line(io, `${plan.namespace}: ${l}`) });
    if (!report.ok) failed++;
    line(io, `${report.ok ? '✓' : '✗'} ${report.summary.message}`);
  }
  line(io, failed ? `down finished: ${failed} namespace(s) not fully down (see above)` : `down complete; \`kdash up -n NAMESPACE\` brings each back`);
  return failed ? 1 : 0;
}
