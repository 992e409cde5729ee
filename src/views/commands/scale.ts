// s asks for a replica count (checked against quota, applied from the count read on Enter); + and -
// scale by one at once.
import { refOf } from '../dialogs.js';
import type { Command, CommandContext } from './types.js';

// kubectl scale reads and replaces the Scale subresource: `update deployments/scale`, not `update deployments`.
const permission = { verb: 'update', subresource: 'scale' };

function byOne(delta: 1 | -1) {
  return ({ app, table }: CommandContext) => {
    const o = table?.selected;
    if (!table || !o) return false;
    const from = o.spec?.replicas ?? 0;
    const replicas = from + delta;
    const ref = refOf(table.kind, o);
    if (replicas < 0) return app.say(`${ref.name} is already at 0 replicas`, 'error');
    const { ops } = app.ports;
    app.guard(async () => {
      const plan = await ops.planScale(ref, replicas);
      const apply = () =>
        app.guard(async () => {
          app.say(`scaling ${ref.name} to ${replicas}…`);
          // From the count the row showed: a change meanwhile is refused, in words.
          app.report(await ops.scale(ref, replicas, from));
        });
      if (plan.quota?.warning) app.confirm({ lines: [plan.quota.warning], question: 'scale anyway?', onYes: apply });
      else apply();
    });
  };
}

export const scale: Command = {
  id: 'scale',
  keys: ['s'],
  title: 'scale',
  views: ['table'],
  action: 'scale',
  permission,
  dangerous: true,
  hint: true,
  run: ({ app, table }) => {
    if (!table?.selected) return false;
    app.scalePrompt(table.kind, table.targets, table.selected.spec?.replicas ?? 0);
    table.clearMarks();
  },
};

export const scaleUp: Command = { id: 'scaleUp', keys: ['+'], title: 'scale +1', views: ['table'], action: 'scale', permission, dangerous: true, run: byOne(1) };
export const scaleDown: Command = { id: 'scaleDown', keys: ['-'], title: 'scale -1', views: ['table'], action: 'scale', permission, dangerous: true, run: byOne(-1) };
