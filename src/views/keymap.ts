// Keys are data: lookups over a list of commands (the registry, src/views/commands/index.ts, or the
// text screens' own keys) for input handling, the hints bar and the `?` help screen. Read-only mode
// drops every `dangerous` command. Bindings follow k9s where k9s has one.
import type { Key } from 'ink';
import type { ActionId } from '../resources/types.js';
import type { Command, ViewId } from './commands/types.js';

export type { ViewId };

/** Turns Ink's (input, key) into one key name used by the keymap. */
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
  /** Actions the kind in view supports; commands for another action are left out. */
  actions?: readonly ActionId[];
}

export const shownIn = (c: Command, view: ViewId) => c.views.includes(view) || c.views.includes('any');

/** The commands that apply now, in registry order. */
export function activeCommands(commands: readonly Command[], f: KeymapFilter): Command[] {
  return commands.filter((c) => shownIn(c, f.view) && !(f.readonly && c.dangerous) && (!c.action || (f.actions ?? []).includes(c.action)));
}

export function commandFor(commands: readonly Command[], name: string, f: KeymapFilter): Command | undefined {
  return activeCommands(commands, f).find((c) => c.keys.includes(name));
}

/** Hints bar text: "<:> command  </> filter …", fitted to width. */
export function hintsLine(commands: readonly Command[], f: KeymapFilter, width: number): string {
  let out = '';
  for (const c of activeCommands(commands, f)) {
    if (!c.hint || c.keys.length === 0) continue;
    const part = `<${c.keys[0]}> ${c.title}`;
    if (out.length + part.length + 2 > width) break;
    out += (out ? '  ' : '') + part;
  }
  return out;
}
