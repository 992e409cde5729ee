// Every key answers: what the footer says for a key that does nothing here — unknown, not for this
// kind (with where to go instead), or refused by read-only mode. Pure, so the words are tested as such.
import type { KObj, ResourceKind } from '../resources/types.js';
import { shownIn } from './keymap.js';
import type { Command, ViewId } from './commands/types.js';

/** How long a footer notice stays: results and notices, and errors. */
export const FLASH_MS = 4000;
export const FLASH_ERROR_MS = 10_000;

export interface KeyContext {
  view: ViewId;
  readonly: boolean;
  /** The kind in view (tables only) and the object under the cursor. */
  kind?: ResourceKind;
  selected?: KObj;
}

/** A pod's owner, as the kind a person goes to: ReplicaSet → its deployment. */
const ownerPlace: Record<string, { word: string; command: string } | undefined> = {
  ReplicaSet: { word: 'deployment', command: ':deploy' },
  StatefulSet: { word: 'stateful set', command: ':sts' },
  Job: { word: 'job', command: ':job' },
  DaemonSet: undefined,
};

function podWords(name: string, b: Command, pod: KObj | undefined): string | undefined {
  const restart = b.action === 'restart';
  if (b.action !== 'scale' && !restart) return undefined;
  const owner = (pod?.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (!owner) return `${name}: nothing to ${restart ? 'restart' : 'scale'} for a bare pod${restart ? ' (ctrl+d deletes it)' : ''}`;
  if (owner.kind === 'DaemonSet') {
    return restart ? `${name}: pods are restarted through their daemon set — :ds to go there` : `${name}: a daemon set runs one pod per node — nothing to scale`;
  }
  const place = ownerPlace[owner.kind] ?? { word: owner.kind.toLowerCase(), command: `:${owner.kind.toLowerCase()}` };
  if (restart && place.word === 'job') return `${name}: a job's pods are not restarted — ctrl+d deletes this one and the job makes another`;
  return `${name}: pods are ${restart ? 'restarted' : 'scaled'} through their ${place.word} — ${place.command} to go there`;
}

/** The footer line for a key no binding of this view took; `refused` when read-only mode is why. */
export function explainKey(commands: readonly Command[], name: string, ctx: KeyContext): { text: string; refused: boolean } {
  const text = keyWords(commands, name, ctx);
  return { text, refused: text.includes('read-only mode') };
}

function keyWords(commands: readonly Command[], name: string, ctx: KeyContext): string {
  const bound = commands.filter((b) => b.keys.includes(name) && shownIn(b, ctx.view));
  // One key may serve several kinds (s: scale on workloads, shell on pods): speak of the one for this kind.
  const b = bound.find((x) => !x.action || !ctx.kind || ctx.kind.actions.includes(x.action)) ?? bound[0];
  if (!b) return `${name}: no such key here — ? for help`;
  if (b.action && ctx.kind && !ctx.kind.actions.includes(b.action)) {
    return (ctx.kind.id === 'pods' ? podWords(name, b, ctx.selected) : undefined) ?? `${name}: ${b.title} does not apply to ${ctx.kind.id}`;
  }
  if (ctx.readonly && b.dangerous) return `${name}: read-only mode — ${b.title} is off in this session`;
  return `${name}: no such key here — ? for help`;
}
