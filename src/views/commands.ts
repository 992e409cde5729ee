// The `:` command bar language: kinds and aliases (`:po`, `:deploy kube-system`, `:svc -A`),
// `:ns NAME` to switch namespace, and the app's own commands. Pure: parsed here, run by the app.
import { allKinds, findKind } from '../resources/registry.js';
import type { ResourceKind } from '../resources/types.js';

export type Command =
  | { type: 'kind'; kind: ResourceKind; namespace?: string; allNamespaces?: boolean }
  | { type: 'namespace'; name: string }
  | { type: 'quit' }
  | { type: 'help' }
  | { type: 'quota' }
  | { type: 'metrics' }
  | { type: 'history' }
  | { type: 'down' }
  | { type: 'up' }
  | { type: 'readonly' }
  | { type: 'error'; message: string };

const appCommands: Record<string, Command['type']> = {
  q: 'quit',
  'q!': 'quit',
  quit: 'quit',
  help: 'help',
  quota: 'quota',
  metrics: 'metrics',
  top: 'metrics',
  history: 'history',
  down: 'down',
  shutdown: 'down',
  up: 'up',
  restore: 'up',
  readonly: 'readonly',
  ro: 'readonly',
};

export function parseCommand(line: string): Command | undefined {
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
  const app = appCommands[name];
  if (app && rest.length === 0) return { type: app } as Command;
  return { type: 'error', message: `unknown command "${head}" — try :pods, :deploy, :svc, :ns NAME, :quota, :help` };
}

/** Tab completion for the command bar: the first kind alias or command that extends the input. */
export function completeCommand(input: string): string | undefined {
  const t = input.trimStart().toLowerCase();
  if (!t || t.includes(' ')) return undefined;
  const names = [...allKinds.flatMap((k) => [k.id, ...k.aliases]), ...Object.keys(appCommands)];
  const hit = names.filter((n) => n.startsWith(t)).sort((a, b) => a.length - b.length)[0];
  return hit;
}
