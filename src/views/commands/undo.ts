// u: kubectl rollout undo — back to the previous revision, confirmed against the rollout as it is then.
import type { UndoPlan } from '../../actions/undoRollout.js';
import { rolloutScreen } from '../actionScreens.js';
import { refOf } from '../dialogs.js';
import { CHANGED, type Command } from './types.js';

export const undo: Command = {
  id: 'undo',
  keys: ['u'],
  title: 'undo rollout',
  views: ['table'],
  action: 'undo',
  permission: { verb: 'patch' },
  dangerous: true,
  run: ({ app, table }) => {
    if (!table?.selected) return false;
    const { kind } = table;
    const ref = refOf(kind, table.selected);
    const { ops } = app.ports;
    const line = (plan: UndoPlan) => {
      const images = plan.fromImages.join(', ') === plan.toImages.join(', ') ? '' : `; image ${plan.fromImages.join(', ')} → ${plan.toImages.join(', ')}`;
      return `undo ${kind.kind.toLowerCase()} ${ref.name}: revision ${plan.fromRevision} → ${plan.toRevision}${images}`;
    };
    const ask = (plan: UndoPlan, changed: boolean) =>
      app.confirm({
        lines: [...(changed ? [CHANGED] : []), line(plan)],
        question: 'roll back?',
        onYes: () =>
          app.guard(async () => {
            // Confirmed against the rollout as it is now: a new revision meanwhile is shown and asked again.
            const fresh = await ops.planUndo(ref);
            if (line(fresh) !== line(plan)) return ask(fresh, true);
            const r = await ops.undo(ref, plan.toRevision);
            app.report(r);
            if (r.ok) app.push(rolloutScreen(ref));
          }),
      });
    app.guard(async () => ask(await ops.planUndo(ref), false));
  },
};
