// `kdash` (the default command): connect, then either print once or run the full-screen dashboard.
// Ink and React are loaded only for the full screen, so --once and errors start fast.
import { findKind, kindById } from '../resources/registry.js';
import type { ResourceKind } from '../resources/types.js';
import { UserError } from '../kube/errors.js';
import { connect, type ConnectFlags } from './connect.js';
import { printOnce } from './once.js';
import { startFirstList } from './firstList.js';

export interface DashboardFlags extends ConnectFlags {
  view?: string;
  once?: boolean;
  tail?: number;
  confirmQuit?: boolean;
}

export function resolveView(view: string | undefined): ResourceKind {
  if (!view) return kindById('pods') as ResourceKind;
  const kind = findKind(view);
  if (!kind) throw new UserError(`unknown view "${view}" (try pods, deploy, rs, sts, ds, job, cj, svc, cm, no, ns, ev, quota)`, 2);
  return kind;
}

/** Why this terminal cannot take cursor addressing (TERM=dumb, as Emacs shells and some CI set), if it cannot. */
export function dumbTerminal(env: NodeJS.ProcessEnv): string | undefined {
  return env.TERM === 'dumb' ? 'TERM=dumb' : undefined;
}

export async function runDashboardCommand(flags: DashboardFlags): Promise<number> {
  const kind = resolveView(flags.view);
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
  // The first view's list leaves as soon as the kubeconfig is read; the full screen's modules (Ink,
  // React, the views) load while it and the session's checks are under way.
  const fullscreen = once ? undefined : import('./fullscreen.js');
  fullscreen?.catch(() => undefined);
  const conn = await connect(flags, (scope) => startFirstList(scope, kind, { once }));
  try {
    if (once) return await printOnce(conn.session, kind, process.stdout, process.stderr, undefined, conn.early);
    const { runDashboard } = await fullscreen!;
    return await runDashboard(conn, kind, { logTail: flags.tail, confirmQuit: flags.confirmQuit, first: conn.early });
  } finally {
    await conn.early?.stop();
    await conn.close();
  }
}

