// l: the logs of a pod, or of all pods of a workload, following.
import { logSpecFor } from '../../logs/logSpec.js';
import { logsScreen } from '../actionScreens.js';
import type { Command } from './types.js';

export const logs: Command = {
  id: 'logs',
  keys: ['l'],
  title: 'logs',
  views: ['table'],
  action: 'logs',
  hint: true,
  run: ({ app, table }) => {
    const o = table?.selected;
    if (!table || !o) return false;
    const spec = logSpecFor(table.kind.id, o, { tail: app.ports.logTail });
    if ('error' in spec) return app.say(spec.error, 'error');
    app.push(logsScreen({ ...spec, follow: true }, `logs ${table.kind.id}/${o.metadata.name}`));
  },
};
