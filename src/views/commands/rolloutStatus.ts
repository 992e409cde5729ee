// w: follow a rollout until it is done or stuck, like kubectl rollout status.
import { rolloutScreen } from '../actionScreens.js';
import { refOf } from '../dialogs.js';
import type { Command } from './types.js';

export const rolloutStatus: Command = {
  id: 'rolloutStatus',
  keys: ['w'],
  title: 'rollout status',
  views: ['table'],
  action: 'rolloutStatus',
  run: ({ app, table }) => {
    if (!table?.selected) return false;
    app.push(rolloutScreen(refOf(table.kind, table.selected)));
  },
};
