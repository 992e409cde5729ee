// The `:` command bar language: kinds by any name the server lists (`:po`, `:deploy kube-system`,
// `:svc -A`, `:ingresses.networking.k8s.io`, `:widgets`, a user alias), `:ns NAME` to switch namespace,
// and the registry's commands by their line names (`:quota`, `:q`). Pure: parsed here, run by the app;
// a word no kind or command knows yet is `unknown`, which the app looks up in discovery (src/app/kinds.ts).
import { findKind, kindNames, kindsInCategory } from '../resources/registry.js';
import type { ResourceKind } from '../resources/types.js';
import type { Command } from './commands/types.js';

export type CommandLine =
  | { type: 'kind'; kind: ResourceKind; namespace?: string; allNamespaces?: boolean }
  | { type: 'namespace'; name: string }
  | { type: 'command'; command: Command; name: string; args?: string[] }
  /** A discovery category (`all`): its kinds one after another, as `kubectl get all`. */
  | { type: 'category'; name: string; kinds: ResourceKind[]; namespace?: string }
  /** A word that names no kind or command known now: discovery may know it (then parse again). */
  | { type: 'unknown'; name: string }
  | { type: 'error'; message: string };

/** What the command bar says for a name neither kdash nor the server knows. */
export const noSuchKind = (name: string) => `no such resource type: ${name} (:aliases lists every name)`;

const lineCommand = (commands: readonly Command[], name: string) => commands.find((c) => c.line?.names.includes(name));

export function parseCommandLine(line: string, commands: readonly Command[]): CommandLine | undefined {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const [head, ...rest] = words;
  const name = head.toLowerCase();
  // :quota is the quota view (every line, used/hard); :resourcequotas is the plain kind table.
  const kind = name === 'quota' ? undefined : findKind(name);
  if ((name === 'ns' || name === 'namespace' || name === 'namespaces') && rest.length === 1 && rest[0] !== '-A') {
    return { type: 'namespace', name: rest[0] };
  }
  if (kind) {
    if (rest.length === 0) return { type: 'kind', kind };
    if (rest.length === 1 && (rest[0] === '-A' || rest[0] === 'all')) return { type: 'kind', kind, allNamespaces: true };
    if (rest.length === 1 && kind.namespaced) return { type: 'kind', kind, namespace: rest[0] };
    return { type: 'error', message: `usage: :${name}${kind.namespaced ? ' [NAMESPACE | -A]' : ''}` };
  }
  const category = kind ? [] : kindsInCategory(name);
  if (category.length && rest.length <= 1) return { type: 'category', name, kinds: category, namespace: rest[0] === '-A' || rest[0] === 'all' ? '' : rest[0] };
  const command = lineCommand(commands, name);
  if (command?.line?.args) {
    // A command that takes an argument (`:apply FILE`): the rest of the line, spaces and all.
    if (rest.length === 0) return { type: 'error', message: `usage: :${name} ${command.line.args}` };
    return { type: 'command', command, name, args: [line.trim().slice(head.length).trim()] };
  }
  if (command && rest.length === 0) return { type: 'command', command, name };
  if (command?.line?.arg && rest.length === 1) return { type: 'command', command, name, args: rest };
  if (command?.line?.arg) return { type: 'error', message: `usage: :${name} [${command.line.arg}]` };
  if (command) return { type: 'error', message: `usage: :${name}` };
  if (/^[a-z0-9][a-z0-9.-]*$/.test(name)) return { type: 'unknown', name: head };
  return { type: 'error', message: `unknown command "${head}" — try :pods, :deploy, :svc, :ns NAME, :quota, :help` };
}

/**
 * Tab completion for the command bar: the shortest kind alias or command name that extends the input;
 * after a name, the shortest of its arguments (`argsFor('ctx')`: the contexts) that extends the word.
 */
export function completeCommandLine(input: string, commands: readonly Command[], argsFor?: (name: string) => string[]): string | undefined {
  const t = input.trimStart().toLowerCase();
  const arg = /^(\S+)\s+(\S*)$/.exec(input.trimStart());
  if (arg && argsFor) {
    const options = argsFor(arg[1].toLowerCase()).filter((o) => o.startsWith(arg[2]) && o !== arg[2]);
    const best = options.sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
    return best === undefined ? undefined : `${arg[1]} ${best}`;
  }
  if (!t || t.includes(' ')) return undefined;
  const names = [...kindNames(), ...commands.flatMap((c) => c.line?.names ?? [])];
  return names.filter((n) => n.startsWith(t)).sort((a, b) => a.length - b.length)[0];
}
