// h: the revisions of a rollout, like kubectl rollout history.
import { rolloutHistoryScreen } from '../actionScreens.js';
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
    app.push(rolloutHistoryScreen(refOf(table.kind, table.selected)));
  },
};
