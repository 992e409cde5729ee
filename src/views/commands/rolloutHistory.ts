// h: the revisions of a rollout, like kubectl rollout history; Enter shows a revision's pod template
// against the current one, u rolls back to that revision (kubectl rollout undo --to-revision), confirmed.
import { rolloutHistoryScreen, rolloutScreen } from '../actionScreens.js';
import { refOf } from '../dialogs.js';
import type { Command } from './types.js';

export const rolloutHistory: Command = {
  id: 'history',
  keys: ['h'],
  title: 'rollout history',
  views: ['table'],
  action: 'history',
  run: ({ app, table }) => {
    if (!table?.selected) return false;
    const ref = refOf(table.kind, table.selected);
    // A rollback is a patch of the workload (as kubectl rollout undo sends it): offered only when allowed.
    const may = app.ports.can({ verb: 'patch', resource: table.kind.plural, group: table.kind.group }, ref.namespace);
    const onRolledBack = may.allowed
      ? (r: { ok: boolean; message: string }) => {
          app.report(r);
          if (r.ok) app.replaceTop(rolloutScreen(ref));
        }
      : undefined;
    app.push(rolloutHistoryScreen(ref, onRolledBack));
  },
};
