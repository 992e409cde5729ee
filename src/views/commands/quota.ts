// :quota — every quota line of the namespace in view, used against hard.
import { quotaScreen } from '../actionScreens.js';
import type { Command } from './types.js';

export const quota: Command = {
  id: 'quota',
  keys: [],
  title: 'quota lines of the namespace',
  views: ['any'],
  line: { names: ['quota'] },
  run: ({ app }) => app.push(quotaScreen(app.namespace)),
};
