// r: kubectl rollout restart — a patch of the pod template's restartedAt annotation, confirmed first.
import { rolloutScreen } from '../actionScreens.js';
import { refOf } from '../dialogs.js';
import type { Command } from './types.js';

export const restart: Command = {
  id: 'restart',
  keys: ['r'],
  title: 'restart',
  views: ['table'],
  action: 'restart',
  permission: { verb: 'patch' },
  dangerous: true,
  hint: true,
  run: ({ app, table }) => {
    if (!table?.selected) return false;
    const ref = refOf(table.kind, table.selected);
    app.confirm({
      lines: [`restart ${table.kind.kind.toLowerCase()} ${ref.name}: every pod is replaced by a rolling update`],
      question: 'restart?',
      onYes: () =>
        app.guard(async () => {
          const r = await app.ports.ops.restart(ref);
          app.report(r);
          if (r.ok) app.push(rolloutScreen(ref));
        }),
    });
  },
};
