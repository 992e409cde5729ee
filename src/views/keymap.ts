// Keys are data: this table drives input handling, the hints bar and the `?` help screen.
// Read-only mode drops every `dangerous` binding from the same table. Bindings follow k9s where
// k9s has one.
import type { Key } from 'ink';
import type { ActionId } from '../resources/types.js';

export type ViewId = 'table' | 'text' | 'help' | 'any';

export type CommandId =
  | 'quit'
  | 'quitNow'
  | 'help'
  | 'command'
  | 'filter'
  | 'back'
  | 'up'
  | 'down'
  | 'top'
  | 'bottom'
  | 'pageUp'
  | 'pageDown'
  | 'enter'
  | 'describe'
  | 'yaml'
  | 'logs'
  | 'metrics'
  | 'scale'
  | 'scaleUp'
  | 'scaleDown'
  | 'restart'
  | 'undo'
  | 'history'
  | 'pause'
  | 'rolloutStatus'
  | 'delete'
  | 'kill'
  | 'mark'
  | 'sortNext'
  | 'sortPrev'
  | 'sortName'
  | 'sortAge'
  | 'sortStatus'
  | 'sortCpu'
  | 'sortMem'
  | 'sortReady'
  | 'sortNamespace'
  | 'toggleWide'
  | 'toggleReadonly'
  | 'allNamespaces'
  | 'shutdown'
  | 'find'
  | 'findNext'
  | 'findPrev'
  | 'fold'
  | 'foldAll';

export interface Binding {
  id: CommandId;
  /** Key names as produced by keyName(): 'j', 'down', 'ctrl+d', 'enter', 'esc', 'pgup', 'G', 'space'. */
  keys: string[];
  label: string;
  views: ViewId[];
  /** Mutates the cluster: hidden and refused in read-only mode. */
  dangerous?: boolean;
  /** Only offered when the kind in view supports this action (descriptor.actions). */
  action?: ActionId;
  /** Shown in the one-line hints bar (the rest only in `?`). */
  hint?: boolean;
}

export const keymap: Binding[] = [
  { id: 'command', keys: [':'], label: 'command', views: ['table', 'text', 'help'], hint: true },
  { id: 'filter', keys: ['/'], label: 'filter', views: ['table'], hint: true },
  { id: 'help', keys: ['?'], label: 'help', views: ['table', 'text'], hint: true },
  { id: 'back', keys: ['esc'], label: 'back (in a filtered table: clear the filter first)', views: ['table', 'text', 'help'] },
  // k9s: q goes back in a sub-view and quits at the top; ctrl-c quits from anywhere.
  { id: 'quit', keys: ['q'], label: 'back; quit at the top view', views: ['any'], hint: true },
  { id: 'quitNow', keys: ['ctrl+c'], label: 'quit from anywhere', views: ['any'] },
  { id: 'up', keys: ['k', 'up'], label: 'up', views: ['table', 'text', 'help'] },
  { id: 'down', keys: ['j', 'down'], label: 'down', views: ['table', 'text', 'help'] },
  { id: 'top', keys: ['g', 'home'], label: 'top', views: ['table', 'text', 'help'] },
  { id: 'bottom', keys: ['G', 'end'], label: 'bottom', views: ['table', 'text', 'help'] },
  { id: 'pageUp', keys: ['pgup', 'ctrl+b'], label: 'page up', views: ['table', 'text', 'help'] },
  { id: 'pageDown', keys: ['pgdown', 'ctrl+f'], label: 'page down', views: ['table', 'text', 'help'] },
  { id: 'enter', keys: ['enter'], label: 'open', views: ['table'], hint: true },
  { id: 'describe', keys: ['d'], label: 'describe', views: ['table'], action: 'describe', hint: true },
  { id: 'yaml', keys: ['y'], label: 'yaml', views: ['table'], action: 'yaml', hint: true },
  { id: 'logs', keys: ['l'], label: 'logs', views: ['table'], action: 'logs', hint: true },
  { id: 'metrics', keys: ['m'], label: 'metrics', views: ['table'], action: 'metrics' },
  { id: 'scale', keys: ['s'], label: 'scale', views: ['table'], action: 'scale', dangerous: true, hint: true },
  { id: 'scaleUp', keys: ['+'], label: 'scale +1', views: ['table'], action: 'scale', dangerous: true },
  { id: 'scaleDown', keys: ['-'], label: 'scale -1', views: ['table'], action: 'scale', dangerous: true },
  { id: 'restart', keys: ['r'], label: 'restart', views: ['table'], action: 'restart', dangerous: true, hint: true },
  { id: 'undo', keys: ['u'], label: 'undo rollout', views: ['table'], action: 'undo', dangerous: true },
  { id: 'history', keys: ['h'], label: 'rollout history', views: ['table'], action: 'history' },
  { id: 'pause', keys: ['p'], label: 'pause/resume rollout', views: ['table'], action: 'pause', dangerous: true },
  { id: 'rolloutStatus', keys: ['w'], label: 'rollout status', views: ['table'], action: 'rolloutStatus' },
  { id: 'delete', keys: ['ctrl+d'], label: 'delete', views: ['table'], action: 'delete', dangerous: true, hint: true },
  { id: 'kill', keys: ['ctrl+k'], label: 'force kill', views: ['table'], action: 'kill', dangerous: true },
  { id: 'mark', keys: ['space'], label: 'mark row', views: ['table'] },
  // Sort keys as in k9s: shift-letter sorts by that column, the same key again inverts; the sorted
  // header shows ↑ (ascending) or ↓. `<`/`>` step through the columns on screen.
  { id: 'sortNext', keys: ['>'], label: 'sort by the next column on screen', views: ['table'] },
  { id: 'sortPrev', keys: ['<'], label: 'sort by the previous column on screen', views: ['table'] },
  { id: 'sortName', keys: ['N'], label: 'sort by NAME (again: invert)', views: ['table'] },
  { id: 'sortAge', keys: ['A'], label: 'sort by AGE (events: LAST SEEN; again: invert)', views: ['table'] },
  { id: 'sortStatus', keys: ['S'], label: 'sort by STATUS (again: invert)', views: ['table'] },
  { id: 'sortCpu', keys: ['C'], label: 'sort by CPU (again: invert)', views: ['table'] },
  { id: 'sortMem', keys: ['M'], label: 'sort by MEM (again: invert)', views: ['table'] },
  { id: 'sortReady', keys: ['R'], label: 'sort by READY (again: invert)', views: ['table'] },
  { id: 'sortNamespace', keys: ['P'], label: 'sort by NAMESPACE (again: invert)', views: ['table'] },
  { id: 'toggleWide', keys: ['o'], label: 'wide columns on/off (kubectl -o wide)', views: ['table'] },
  { id: 'allNamespaces', keys: ['0'], label: 'all namespaces / back to yours', views: ['table'] },
  { id: 'toggleReadonly', keys: ['ctrl+r'], label: 'read-only on (this session)', views: ['any'] },
  { id: 'shutdown', keys: [], label: 'end-of-class shutdown (:down)', views: ['table'], dangerous: true },
  // describe, YAML and help (the `text` views)
  { id: 'find', keys: ['/'], label: 'find text', views: ['text', 'help'] },
  { id: 'findNext', keys: ['n'], label: 'next match', views: ['text', 'help'] },
  { id: 'findPrev', keys: ['N'], label: 'previous match', views: ['text', 'help'] },
  { id: 'fold', keys: ['z', 'enter', 'space'], label: 'YAML: fold/unfold the block under the cursor', views: ['text'] },
  { id: 'foldAll', keys: ['Z'], label: 'YAML: fold every top-level section / unfold all', views: ['text'] },
];

/** Turns Ink's (input, key) into one key name used by the keymap. */
/** The columns each direct sort key sorts by, the first one the table shows. */
export const sortKeyColumns: Partial<Record<CommandId, string[]>> = {
  sortName: ['name'],
  sortAge: ['age', 'lastSeen'],
  sortStatus: ['status'],
  sortCpu: ['cpu'],
  sortMem: ['mem'],
  sortReady: ['ready'],
  sortNamespace: ['namespace'],
};

export function keyName(input: string, key: Key): string {
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

export interface KeymapFilter {
  view: ViewId;
  readonly: boolean;
  /** Actions the kind in view supports; bindings with another `action` are left out. */
  actions?: readonly ActionId[];
}

/** The bindings that apply now, in table order. */
export function activeBindings(f: KeymapFilter): Binding[] {
  return keymap.filter(
    (b) =>
      (b.views.includes(f.view) || b.views.includes('any')) &&
      !(f.readonly && b.dangerous) &&
      (!b.action || (f.actions ?? []).includes(b.action)),
  );
}

export function commandFor(name: string, f: KeymapFilter): CommandId | undefined {
  return activeBindings(f).find((b) => b.keys.includes(name))?.id;
}

/** Hints bar text: "<:> command  </> filter …", fitted to width. */
export function hintsLine(f: KeymapFilter, width: number): string {
  let out = '';
  for (const b of activeBindings(f)) {
    if (!b.hint || b.keys.length === 0) continue;
    const part = `<${b.keys[0]}> ${b.label}`;
    if (out.length + part.length + 2 > width) break;
    out += (out ? '  ' : '') + part;
  }
  return out;
}
