// :down and :up — the end-of-class shutdown of the namespace in view (a plan first), and bringing it back.
import { shutdownScreen } from '../actionScreens.js';
import type { Command } from './types.js';

export const shutdown: Command = {
  id: 'shutdown',
  keys: [],
  title: 'end-of-class shutdown, and bring it back',
  views: ['any'],
  dangerous: true,
  line: { names: ['down', 'shutdown', 'up', 'restore'] },
  run: ({ app, line }) => app.push(shutdownScreen(app.namespace, line === 'up' || line === 'restore' ? 'up' : 'down')),
};
