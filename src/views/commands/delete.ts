// ctrl-d deletes, ctrl-k force-kills (grace period 0) the marked objects or the one under the cursor,
// confirmed against the objects as they are then (by uid).
import type { DeletePlan } from '../../actions/deleteObject.js';
import { refOf } from '../dialogs.js';
import { CHANGED, type Command, type CommandContext } from './types.js';

function remove(force: boolean) {
  return ({ app, table }: CommandContext) => {
    if (!table?.selected) return false;
    const refs = table.targets.map((o) => refOf(table.kind, o));
    table.clearMarks();
    const { ops } = app.ports;
    const ask = (plan: DeletePlan, changed: boolean) =>
      app.confirm({
        lines: [...(changed ? [CHANGED] : []), ...(force ? ['FORCE (grace period 0): containers are killed at once, nothing shuts down cleanly'] : []), ...plan.lines],
        question: force ? 'force-delete?' : 'delete?',
        expect: force ? (refs.length === 1 ? refs[0].name : 'yes') : undefined,
        danger: true,
        onYes: () =>
          app.guard(async () => {
            // Confirmed against the objects as they are now (by uid): what changed is shown and asked
            // again; what is gone is said in words and sent no request.
            const fresh = await ops.planDelete(refs);
            const gone = fresh.gone.map((g) => g.message);
            const present = refs.filter((r) => !fresh.gone.some((g) => g.ref === r));
            if (present.length === 0) return app.report({ ok: false, message: gone.join('; ') });
            if (fresh.lines.join('\n') !== plan.lines.join('\n')) return ask(fresh, true);
            const r = await ops.delete(present, force);
            app.report(gone.length ? { ok: false, message: `${r.message}; ${gone.join('; ')}` } : r);
          }),
      });
    app.guard(async () => ask(await ops.planDelete(refs), false));
  };
}

export const deleteObjects: Command = {
  id: 'delete',
  keys: ['ctrl+d'],
  title: 'delete',
  views: ['table'],
  action: 'delete',
  permission: { verb: 'delete' },
  dangerous: true,
  hint: true,
  run: remove(false),
};

export const kill: Command = {
  id: 'kill',
  keys: ['ctrl+k'],
  title: 'force kill',
  views: ['table'],
  action: 'kill',
  permission: { verb: 'delete' },
  dangerous: true,
  run: remove(true),
};
