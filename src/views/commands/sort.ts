// Sort keys as in k9s: shift-letter sorts by that column, the same key again inverts; the sorted
// header shows ↑ (ascending) or ↓. `<`/`>` step through the columns on screen.
import type { Command, CommandContext } from './types.js';

function step(dir: 1 | -1) {
  return ({ table }: CommandContext) => {
    if (!table) return false;
    // Only the columns on screen: a sort by a column the user cannot see would look random.
    const cols = table.shownColumns;
    const at = table.sort ? cols.findIndex((c) => c.id === table.sort!.column) : -1;
    const next = cols[at < 0 ? (dir > 0 ? 0 : cols.length - 1) : (at + dir + cols.length) % cols.length];
    if (next) table.setSort({ column: next.id, desc: false });
  };
}

/** A direct sort key: by the first of `columns` the table shows. */
function by(id: string, key: string, columns: string[], title: string): Command {
  return {
    id,
    keys: [key],
    title,
    views: ['table'],
    run: ({ app, table }) => {
      if (!table) return false;
      const col = table.shownColumns.find((c) => columns.includes(c.id));
      if (!col) {
        const hint = columns[0] === 'namespace' ? ' (0 shows all namespaces)' : '';
        return app.say(`${key}: no ${columns[0].toUpperCase()} column in this view${hint}`);
      }
      const again = table.sort?.column === col.id;
      table.setSort({ column: col.id, desc: again ? !table.sort!.desc : false });
    },
  };
}

export const sortCommands: Command[] = [
  { id: 'sortNext', keys: ['>'], title: 'sort by the next column on screen', views: ['table'], run: step(1) },
  { id: 'sortPrev', keys: ['<'], title: 'sort by the previous column on screen', views: ['table'], run: step(-1) },
  by('sortName', 'N', ['name'], 'sort by NAME (again: invert)'),
  by('sortAge', 'A', ['age', 'lastSeen', 'activity'], 'sort by AGE (events: LAST SEEN; again: invert)'),
  by('sortStatus', 'S', ['status', 'state'], 'sort by STATUS (again: invert)'),
  by('sortCpu', 'C', ['cpu'], 'sort by CPU (again: invert)'),
  by('sortMem', 'M', ['mem'], 'sort by MEM (again: invert)'),
  by('sortReady', 'R', ['ready', 'pods'], 'sort by READY (again: invert)'),
  by('sortNamespace', 'P', ['namespace'], 'sort by NAMESPACE (again: invert)'),
];
