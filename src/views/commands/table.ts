// Keys of a table itself: the `/` filter and marking rows.
import type { Command } from './types.js';

export const filter: Command = {
  id: 'filter',
  keys: ['/'],
  title: 'filter',
  views: ['table'],
  hint: true,
  run: ({ table }) => table?.openFilter(),
};

export const mark: Command = {
  id: 'mark',
  keys: ['space'],
  title: 'mark row',
  views: ['table'],
  run: ({ table }) => {
    if (!table?.selected) return;
    table.toggleMark();
    table.moveTo(table.index + 1);
  },
};
