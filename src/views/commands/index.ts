// The command registry: every key and `:` command of the dashboard, in the order `?` help and the
// hints bar show them. A new command is one file in this folder and one line here.
import { actionHistory } from './actionHistory.js';
import { aliases } from './aliases.js';
import { canI } from './canI.js';
import { apply } from './apply.js';
import { classDown, classView } from './classView.js';
import { contexts } from './contexts.js';
import { deleteObjects, kill } from './delete.js';
import { diagnose, doctor } from './doctor.js';
import { edit } from './edit.js';
import { help } from './help.js';
import { logs } from './logs.js';
import { metrics, namespaceMetrics } from './metrics.js';
import { back, bottom, down, find, findNext, findPrev, fold, foldAll, pageDown, pageUp, top, up } from './navigation.js';
import { describe, open, yaml } from './open.js';
import { pause } from './pause.js';
import { forwards, portForward } from './portForward.js';
import { quota } from './quota.js';
import { restart } from './restart.js';
import { rolloutHistory } from './rolloutHistory.js';
import { rolloutStatus } from './rolloutStatus.js';
import { scale, scaleDown, scaleUp } from './scale.js';
import { secretKeysCommand } from './secretKeys.js';
import { allNamespaces, commandLine, quit, quitNow, readonly, toggleWide } from './session.js';
import { shutdown } from './shutdown.js';
import { attach, shell } from './shell.js';
import { sortCommands } from './sort.js';
import { filter, mark } from './table.js';
import type { Command } from './types.js';
import { undo } from './undo.js';

export const commands: readonly Command[] = [
  commandLine,
  filter,
  help,
  back,
  quit,
  quitNow,
  up,
  down,
  top,
  bottom,
  pageUp,
  pageDown,
  open,
  describe,
  yaml,
  logs,
  metrics,
  edit,
  secretKeysCommand,
  scale,
  scaleUp,
  scaleDown,
  shell,
  attach,
  portForward,
  restart,
  undo,
  rolloutHistory,
  pause,
  rolloutStatus,
  diagnose,
  deleteObjects,
  kill,
  mark,
  ...sortCommands,
  toggleWide,
  allNamespaces,
  readonly,
  contexts,
  quota,
  doctor,
  namespaceMetrics,
  actionHistory,
  aliases,
  canI,
  forwards,
  shutdown,
  apply,
  classView,
  classDown,
  find,
  findNext,
  findPrev,
  fold,
  foldAll,
];
