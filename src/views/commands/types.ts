// A command is a value: its keys, its words in `?` help and the hints bar, where it applies (views,
// the kinds whose descriptor lists its action), the request it sends as the API server will judge it,
// whether read-only mode turns it off, and what it does. The keymap, help, the `:` line and its
// completion, the footer hints, "key does not apply here" and the read-only guard all read these.
import type { ActionId, Column, KObj, ResourceKind } from '../../resources/types.js';
import type { ActionResult } from '../../actions/result.js';
import type { ViewPorts } from '../ports.js';
import type { Flash, Screen, TableSpec } from '../screens.js';
import type { SortSpec } from '../tableModel.js';

export type ViewId = 'table' | 'text' | 'help' | 'any';

export interface Command {
  id: string;
  /** Key names as produced by keyName(): 'j', 'down', 'ctrl+d', 'enter', 'esc', 'pgup', 'G', 'space'. */
  keys: string[];
  /** Its line in `?` help and the hints bar. */
  title: string;
  views: ViewId[];
  /** Only offered on the kinds whose descriptor lists this action (descriptor.actions). */
  action?: ActionId;
  /**
   * The request it sends, as the server's authorizer sees it; the resource and group are the kind's.
   * Checked (SelfSubjectRulesReview/AccessReview, src/kube/permissions.ts) before anything is asked.
   * `resource`/`group` when it is not the kind's own (a shell from a deployment is `create pods/exec`).
   */
  permission?: { verb: string; subresource?: string; resource?: string; group?: string };
  /** Changes the cluster: hidden and refused in read-only mode. */
  dangerous?: boolean;
  /** Shown in the one-line hints bar (the rest only in `?`). */
  hint?: boolean;
  /**
   * Its names on the `:` line (`:quota`), completed with Tab; `help` is its line in `?` help; `arg`
   * names the one optional argument it takes (`:ctx NAME`); `args` names a required argument that is
   * the rest of the line (`:apply FILE`).
   */
  line?: { names: string[]; help?: string; arg?: string; args?: string };
  /**
   * What it does; false when it does nothing here (the key passes on). Absent: the screen that shows
   * the command handles its key itself (find and fold in describe/YAML, scrolling in text views).
   */
  run?(ctx: CommandContext): boolean | void;
}

/** A confirmation in the footer: the lines say what will change; `expect` is text to type instead of y. */
export interface ConfirmSpec {
  lines: string[];
  question: string;
  expect?: string;
  danger?: boolean;
  onYes(): void;
}

/** A one-line prompt in the footer, prefilled; `onSubmit` returns an error to keep it open. */
export interface PromptSpec {
  title: string;
  label: string;
  initial: string;
  hint?: string;
  onSubmit(value: string): string | void;
}

/** A short choice in the footer (which container). */
export interface PickSpec {
  title: string;
  choices: string[];
  onPick(index: number): void;
}

/** What every command can reach: the app around it. */
export interface AppControls {
  ports: ViewPorts;
  /** The registry, for commands that show it (help). */
  commands: readonly Command[];
  readonly: boolean;
  screen: Screen;
  /** The screen is the first on the stack. */
  atTop: boolean;
  /** The namespace in view (the session's when the view has none). */
  namespace: string;
  push(s: Screen): void;
  /** Esc: a filtered table drops its filter first, then the screen goes back. */
  back(): void;
  replaceTop(s: Screen): void;
  replaceRoot(s: Screen): void;
  say(text: string, tone?: Flash['tone']): void;
  report(r: ActionResult | { ok: boolean; message: string }): void;
  /** Runs an async step; an error becomes its first line in the footer. */
  guard(run: () => Promise<void>): void;
  openCommandLine(): void;
  wide: boolean;
  setWide(on: boolean): void;
  confirm(spec: ConfirmSpec): void;
  /** The scale prompt for these objects (it reads them again on Enter). */
  scalePrompt(kind: ResourceKind, targets: KObj[], current: number): void;
  prompt(spec: PromptSpec): void;
  pick(spec: PickSpec): void;
}

/** What a command run in a table also has: the rows and the cursor. */
export interface TableControls {
  spec: TableSpec;
  kind: ResourceKind;
  selected?: KObj;
  /** Exactly the marked objects (by uid, as they are now where still listed), else the selected one. */
  targets: KObj[];
  index: number;
  count: number;
  /** Rows that fit on the screen (PgUp/PgDn). */
  page: number;
  shownColumns: Column[];
  sort?: SortSpec;
  moveTo(index: number): void;
  toggleMark(): void;
  clearMarks(): void;
  setSort(sort: SortSpec): void;
  openFilter(): void;
}

export interface CommandContext {
  app: AppControls;
  /** Present when the command runs on a table. */
  table?: TableControls;
  /** The key that ran it ('' from the `:` line). */
  key: string;
  /** The name typed on the `:` line (`down`, `up`), when it ran from there. */
  line?: string;
  /** The words after it on the `:` line (`:ctx NAME`), or the rest of the line as one (`:apply FILE`). */
  args?: string[];
}

/** The line a confirmation starts with when the objects changed between the plan and the person's yes. */
export const CHANGED = 'changed since you chose it — as it is now:';
