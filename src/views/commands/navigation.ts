// Moving around: the cursor in a table (run here), scrolling and finding in text views (each text
// screen handles these keys itself, so they carry no run for those views), and Esc.
import type { Command, CommandContext } from './types.js';

const move = (to: (t: NonNullable<CommandContext['table']>) => number) => (ctx: CommandContext) => {
  if (!ctx.table) return false;
  ctx.table.moveTo(to(ctx.table));
};

const everywhere: Command['views'] = ['table', 'text', 'help'];

export const up: Command = { id: 'up', keys: ['k', 'up'], title: 'up', views: everywhere, run: move((t) => t.index - 1) };
export const down: Command = { id: 'down', keys: ['j', 'down'], title: 'down', views: everywhere, run: move((t) => t.index + 1) };
export const top: Command = { id: 'top', keys: ['g', 'home'], title: 'top', views: everywhere, run: move(() => 0) };
export const bottom: Command = { id: 'bottom', keys: ['G', 'end'], title: 'bottom', views: everywhere, run: move((t) => t.count - 1) };
export const pageUp: Command = { id: 'pageUp', keys: ['pgup', 'ctrl+b'], title: 'page up', views: everywhere, run: move((t) => t.index - t.page) };
export const pageDown: Command = { id: 'pageDown', keys: ['pgdown', 'ctrl+f'], title: 'page down', views: everywhere, run: move((t) => t.index + t.page) };

export const back: Command = {
  id: 'back',
  keys: ['esc'],
  title: 'back (in a filtered table: clear the filter first)',
  views: everywhere,
  run: ({ app }) => app.back(),
};

// describe, YAML and help (the `text` views): the screen handles these.
export const find: Command = { id: 'find', keys: ['/'], title: 'find text', views: ['text', 'help'] };
export const findNext: Command = { id: 'findNext', keys: ['n'], title: 'next match', views: ['text', 'help'] };
export const findPrev: Command = { id: 'findPrev', keys: ['N'], title: 'previous match', views: ['text', 'help'] };
export const fold: Command = { id: 'fold', keys: ['z', 'enter', 'space'], title: 'YAML: fold/unfold the block under the cursor', views: ['text'] };
export const foldAll: Command = { id: 'foldAll', keys: ['Z'], title: 'YAML: fold every top-level section / unfold all', views: ['text'] };

/** The keys text screens (describe, YAML, help, charts, quota) look up for themselves. */
export const screenKeys: readonly Command[] = [up, down, top, bottom, pageUp, pageDown, back, find, findNext, findPrev, fold, foldAll];
