// p: pause a deployment's rollout, or resume it (kubectl rollout pause/resume).
import { refOf } from '../dialogs.js';
import type { Command } from './types.js';

export const pause: Command = {
  id: 'pause',
  keys: ['p'],
  title: 'pause/resume rollout',
  views: ['table'],
  action: 'pause',
  permission: { verb: 'patch' },
  dangerous: true,
  run: ({ app, table }) => {
    const o = table?.selected;
    if (!table || !o) return false;
    const paused = o.spec?.paused === true;
    app.guard(async () => app.report(await app.ports.ops.setPaused(refOf(table.kind, o), !paused)));
  },
};
