// `kdash` (the default command): connect, then either print once or run the full-screen dashboard.
// Ink and React are loaded only for the full screen, so --once and errors start fast.
import { findKind, kindById, setUserAliases } from '../resources/registry.js';
import type { ResourceKind } from '../resources/types.js';
import { UserError } from '../kube/errors.js';
import { aliasesFile, loadUserAliases } from './aliases.js';
import { connect, type ConnectFlags } from './connect.js';
import { kindDiscovery } from './kinds.js';
import { printOnce } from './once.js';

export interface DashboardFlags extends ConnectFlags {
  view?: string;
  once?: boolean;
  tail?: number;
  confirmQuit?: boolean;
}

/** A hand-made view at once; any other name after connecting, from the server's discovery (kubectl's message when absent). */
export function resolveView(view: string | undefined): ResourceKind | undefined {
  if (!view) return kindById('pods') as ResourceKind;
  return findKind(view);
}

const unknownView = (view: string) => new UserError(`unknown view "${view}": the server doesn't have a resource type "${view}" (kubectl api-resources lists them)`, 2);

/** Why this terminal cannot take cursor addressing (TERM=dumb, as Emacs shells and some CI set), if it cannot. */
export function dumbTerminal(env: NodeJS.ProcessEnv): string | undefined {
  return env.TERM === 'dumb' ? 'TERM=dumb' : undefined;
}

export async function runDashboardCommand(flags: DashboardFlags): Promise<number> {
  const file = aliasesFile();
  const user = loadUserAliases(file);
  setUserAliases(user.aliases);
  if (user.warning) process.stderr.write(`kdash: ${user.warning}\n`);
  let kind = resolveView(flags.view);
  // A view name that is neither hand-made nor plausible for a server is refused before connecting.
  if (!kind && !/^[a-z0-9][a-z0-9.-]*$/i.test(flags.view ?? '')) throw unknownView(flags.view ?? '');
  if (flags.tail !== undefined && (!Number.isInteger(flags.tail) || flags.tail < 0)) {
    throw new UserError(`bad --tail ${flags.tail}: use a whole number of lines`, 2);
  }
  // A terminal that cannot move the cursor gets what --once prints, and a note saying why (as less
  // and vim warn on TERM=dumb): Ink's redraws would be a stream of escape codes there.
  const plainTerm = !flags.once && dumbTerminal(process.env);
  if (plainTerm) process.stderr.write(`kdash: ${plainTerm}: no full-screen dashboard on this terminal; printing the table once (as --once)\n`);
  const once = flags.once || plainTerm !== undefined;
  if (!once && (!process.stdout.isTTY || !process.stdin.isTTY)) {
    throw new UserError('not a terminal: the dashboard needs a TTY (use --once for a plain table)', 2);
  }
  const conn = await connect(flags);
  try {
    if (!kind) {
      kind = await kindDiscovery(conn.session).resolve(flags.view ?? '');
      if (!kind) throw unknownView(flags.view ?? '');
    }
    if (user.warning && !once) conn.notes.push(user.warning);
    if (once) return await printOnce(conn.session, kind, process.stdout);
    const { runDashboard } = await import('./fullscreen.js');
    return await runDashboard(conn, kind, { logTail: flags.tail, confirmQuit: flags.confirmQuit, aliasesFile: file });
  } finally {
    await conn.close();
  }
}

