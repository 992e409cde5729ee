// :history — what this session did, each action with its one-line result.
import { actionsScreen } from '../actionScreens.js';
import type { Command } from './types.js';

export const actionHistory: Command = {
  id: 'actionHistory',
  keys: [],
  title: 'what this session did',
  views: ['any'],
  line: { names: ['history'] },
  run: ({ app }) => app.push(actionsScreen()),
};
