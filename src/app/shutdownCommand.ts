// `kdash down` / `kdash up`: the end-of-class shutdown and its restore, for scripts and terminals.
import { createInterface } from 'node:readline/promises';
import { connect, type ConnectFlags } from './connect.js';
import { runDown, runDownMany, runUp } from '../actions/downCommand.js';
import { classAccessProblem, classKind, type ClassRow } from '../course/classKind.js';
import { UserError } from '../kube/errors.js';
import { classOptions } from './classCommand.js';
import { readOnce } from './once.js';

export interface ShutdownFlags extends ConnectFlags {
  dryRun?: boolean;
  yes?: boolean;
  deleteBarePods?: boolean;
  /** down --all: every student namespace the selection chooses (the teacher's sweep). */
  all?: boolean;
  selector?: string;
  prefix?: string;
  idle?: string;
}

async function askTty(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function runShutdownCommand(command: 'down' | 'up', flags: ShutdownFlags): Promise<number> {
  const selecting = ['selector', 'prefix', 'idle'].find((f) => flags[f as keyof ShutdownFlags] !== undefined);
  if (selecting && !flags.all) throw new UserError(`--${selecting} chooses namespaces for --all: add --all, or use -n for one namespace`, 2);
  if (flags.all) {
    if (flags.namespace) throw new UserError(`-n ${flags.namespace} and --all: give one namespace or all of them`, 2);
    if (flags.deleteBarePods) throw new UserError('--delete-bare-pods is a per-namespace decision: run kdash down -n NAME --delete-bare-pods', 2);
    return runSweep(flags);
  }
  const conn = await connect({ ...flags, allNamespaces: false });
  const io = {
    out: process.stdout,
    // Without a terminal there is nobody to ask: the command refuses unless --yes was given.
    confirm: process.stdin.isTTY ? askTty : undefined,
  };
  try {
    const namespace = conn.session.namespace;
    if (command === 'down') {
      return await runDown(conn.session.api, { namespace, dryRun: !!flags.dryRun, yes: !!flags.yes, deleteBarePods: !!flags.deleteBarePods }, io);
    }
    return await runUp(conn.session.api, { namespace, dryRun: !!flags.dryRun, yes: !!flags.yes }, io);
  } finally {
    await conn.close();
  }
}

/**
 * `kdash down --all`: the teacher's end-of-class sweep. The student namespaces come from the class
 * view's selection and summaries (the same watchers and rules as `kdash class`); with --idle only
 * those left running that long; then every plan, one question, each namespace shut down as `kdash down`.
 */
async function runSweep(flags: ShutdownFlags): Promise<number> {
  const opts = classOptions(flags);
  // With --demo the sweep runs on the class scenario, as its teacher.
  const conn = await connect({ ...flags, allNamespaces: true, scenario: flags.demo ? 'class' : undefined });
  try {
    const problem = classAccessProblem((verb, resource, group) => conn.session.permissions.can(verb, resource, group));
    if (problem) throw new UserError(`kdash down --all ${problem}`);
    const { objects } = await readOnce(conn.session, classKind(opts));
    const summaries = (objects as ClassRow[]).map((r) => r.summary);
    const chosen = summaries.filter((s) => (flags.idle !== undefined ? s.idle : s.running > 0 || s.total > 0));
    const out = process.stdout;
    if (chosen.length === 0) {
      out.write(
        summaries.length === 0
          ? 'kdash down --all: no student namespaces (namespaces with a ResourceQuota, or those --selector/--prefix choose)\n'
          : `kdash down --all: none of the ${summaries.length} student namespaces ${flags.idle !== undefined ? `has been left running for ${flags.idle}` : 'has pods'}: nothing to do\n`,
      );
      return 0;
    }
    const io = { out, confirm: process.stdin.isTTY ? askTty : undefined };
    return await runDownMany(conn.session.api, { namespaces: chosen.map((s) => s.namespace), dryRun: !!flags.dryRun, yes: !!flags.yes }, io);
  } finally {
    await conn.close();
  }
}
