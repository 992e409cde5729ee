// `kdash class`: the teacher's view of every student namespace — full screen, or printed once as a
// table, JSON or CSV (-o) for grading scripts and spreadsheets. The same watchers, store and
// summaries as `:class` in the dashboard (src/course/).
import { UserError } from '../kube/errors.js';
import { classAccessProblem, classKind, type ClassRow, type ClassViewOptions } from '../course/classKind.js';
import { classCsv, classJson } from '../course/report.js';
import { parseDuration } from '../course/summary.js';
import { parseSelector } from '../resources/labels.js';
import { renderPlainTable } from '../resources/plainTable.js';
import { connect, type ConnectFlags } from './connect.js';
import { readOnce } from './once.js';

export interface ClassFlags extends ConnectFlags {
  selector?: string;
  prefix?: string;
  idle?: string;
  output?: string;
  confirmQuit?: boolean;
}

const OUTPUTS = ['table', 'json', 'csv'];

/** The selection and idle threshold from the flags, each bad value a one-line error naming it. */
export function classOptions(flags: Pick<ClassFlags, 'selector' | 'prefix' | 'idle'>): ClassViewOptions {
  if (flags.selector !== undefined && flags.prefix !== undefined) throw new UserError('--selector and --prefix choose the namespaces two ways: give one', 2);
  if (flags.selector !== undefined) {
    try {
      parseSelector(flags.selector);
    } catch (e) {
      throw new UserError(`bad --selector "${flags.selector}": ${(e as Error).message}`, 2);
    }
  }
  let idleMs: number | undefined;
  if (flags.idle !== undefined) {
    idleMs = parseDuration(flags.idle);
    if (idleMs === undefined || idleMs <= 0) throw new UserError(`bad --idle "${flags.idle}": use a duration such as 2h, 90m or 1h30m`, 2);
  }
  return { selector: flags.selector, prefix: flags.prefix, idleMs };
}

export async function runClassCommand(flags: ClassFlags): Promise<number> {
  const opts = classOptions(flags);
  if (flags.output !== undefined && !OUTPUTS.includes(flags.output)) throw new UserError(`bad -o "${flags.output}": use table, json or csv`, 2);
  if (flags.output === undefined && (!process.stdout.isTTY || !process.stdin.isTTY)) {
    throw new UserError('not a terminal: the class view needs a TTY (use -o table, json or csv)', 2);
  }
  if (flags.scenario !== undefined && !flags.demo) throw new UserError(`--scenario ${flags.scenario} needs --demo`, 2);
  // The demo's class is the one made for this view.
  const conn = await connect({ ...flags, allNamespaces: true, scenario: flags.demo ? (flags.scenario ?? 'class') : undefined });
  try {
    const problem = classAccessProblem((verb, resource, group) => conn.session.permissions.can(verb, resource, group));
    if (problem) throw new UserError(`kdash class ${problem}`);
    const kind = classKind(opts);
    if (flags.output === undefined) {
      const { runDashboard } = await import('./fullscreen.js');
      return await runDashboard(conn, kind, { confirmQuit: flags.confirmQuit, classOptions: opts });
    }
    const { objects, ctx } = await readOnce(conn.session, kind);
    const summaries = (objects as ClassRow[]).map((r) => r.summary);
    if (flags.output === 'json') process.stdout.write(classJson(summaries, ctx.now));
    else if (flags.output === 'csv') process.stdout.write(classCsv(summaries, ctx.now));
    else if (objects.length === 0) process.stderr.write('No student namespaces found (namespaces with a ResourceQuota, or those --selector/--prefix choose)\n');
    else process.stdout.write(renderPlainTable(kind, objects, ctx, { allNamespaces: false, metrics: false }));
    return 0;
  } finally {
    await conn.close();
  }
}
