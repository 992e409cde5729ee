// `kdash` (the default command): connect, then either print once or run the full-screen dashboard.
// Ink and React are loaded only for the full screen, so --once and errors start fast.
import { findKind, kindById, setUserAliases } from '../resources/registry.js';
import { classAccessProblem, classKind } from '../course/classKind.js';
import type { ResourceKind } from '../resources/types.js';
import { UserError } from '../kube/errors.js';
import { firstRequestSent } from '../kube/http.js';
import { aliasesFile, loadUserAliases } from './aliases.js';
import { connect, type ConnectFlags, type EarlyScope } from './connect.js';
import { kindDiscovery } from './kinds.js';
import { printOnce } from './once.js';
import { noState, openStateFile, statePath } from './stateFile.js';
import { startFirstList } from './firstList.js';

export interface DashboardFlags extends ConnectFlags {
  view?: string;
  once?: boolean;
  tail?: number;
  confirmQuit?: boolean;
  shell?: string;
  address?: string;
  allowReveal?: boolean;
  /** false with --no-state: the state file is neither read nor written. */
  state?: boolean;
}

/**
 * A hand-made view (or the teacher's class view) at once; any other name after connecting, from the
 * server's discovery (kubectl's message when absent).
 */
export function resolveView(view: string | undefined): ResourceKind | undefined {
  if (!view) return kindById('pods') as ResourceKind;
  // The teacher's class view is a table of its own (src/course/), not a kind of the cluster.
  if (view.trim().toLowerCase() === 'class') return classKind();
  return findKind(view);
}

const unknownView = (view: string) => new UserError(`unknown view "${view}": the server doesn't have a resource type "${view}" (kubectl api-resources lists them)`, 2);

/** Why this terminal cannot take cursor addressing (TERM=dumb, as Emacs shells and some CI set), if it cannot. */
export function dumbTerminal(env: NodeJS.ProcessEnv): string | undefined {
  return env.TERM === 'dumb' ? 'TERM=dumb' : undefined;
}

export async function runDashboardCommand(flags: DashboardFlags): Promise<number> {
  if (flags.scenario !== undefined && !flags.demo) throw new UserError(`--scenario ${flags.scenario} needs --demo`, 2);
  const file = aliasesFile();
  const user = loadUserAliases(file);
  setUserAliases(user.aliases);
  if (user.warning) process.stderr.write(`kdash: ${user.warning}\n`);
  // The class scenario is made for the teacher's view: it opens on it.
  const view = flags.view ?? (flags.scenario === 'class' ? 'class' : undefined);
  let kind = resolveView(view);
  // A view name that is neither hand-made nor plausible for a server is refused before connecting.
  if (!kind && !/^[a-z0-9][a-z0-9.-]*$/i.test(view ?? '')) throw unknownView(view ?? '');
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
  const shell = flags.shell?.trim() ? flags.shell.trim().split(/\s+/) : undefined;
  if (flags.shell !== undefined && !shell) throw new UserError('bad --shell "": name a command, e.g. --shell zsh', 2);
  // The full screen's modules (Ink, React, the views) load while the first list and the session's
  // checks are under way — once the first request has left: compiling them took 50–300 ms of the main
  // thread, which delayed the request (and its TLS handshake) when they loaded first.
  const fullscreen = once ? undefined : firstRequestSent().then(() => import('./fullscreen.js'));
  fullscreen?.catch(() => undefined);
  // The last view used in this context comes back, unless --view says otherwise (--once never
  // restores one: a script gets the same table each time). The state file is read before connecting,
  // so that the first view is known when the kubeconfig is.
  const state = once || flags.state === false ? noState : openStateFile(statePath(), (line) => process.stderr.write(`kdash: ${line}\n`));
  const firstView = (context: string) => (view ? undefined : findKind(state.lastView(context) ?? '')) ?? kind;
  // The first view's list leaves as soon as the kubeconfig is read, before the session's checks,
  // which run beside it; a view known only from discovery, or a derived one, waits for them.
  let first: ResourceKind | undefined;
  const early = (scope: EarlyScope) => {
    first = firstView(scope.kc.getCurrentContext());
    return first && !first.derived ? startFirstList(scope, first, { once }) : undefined;
  };
  const conn = await connect(flags, early);
  try {
    if (!kind) {
      kind = await kindDiscovery(conn.session).resolve(view ?? '');
      if (!kind) throw unknownView(view ?? '');
    }
    const problem = kind.derived ? classAccessProblem((verb, resource, group) => conn.session.permissions.can(verb, resource, group)) : undefined;
    if (problem) throw new UserError(`the class view ${problem}`);
    if (user.warning && !once) conn.notes.push(user.warning);
    const shown = firstView(conn.session.contextName) ?? kind;
    const started = shown === first ? conn.early : undefined;
    if (once) return await printOnce(conn.session, kind, process.stdout, process.stderr, undefined, started);
    const { runDashboard } = await fullscreen!;
    return await runDashboard(conn, shown, {
      first: started,
      logTail: flags.tail,
      confirmQuit: flags.confirmQuit,
      allowReveal: flags.allowReveal,
      state,
      shell,
      forwardAddress: flags.address,
      aliasesFile: file,
    });
  } finally {
    await conn.early?.stop();
    await conn.close();
  }
}
