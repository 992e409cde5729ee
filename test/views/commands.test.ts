// The command registry and what is derived from it: the `:` line and its completion, key lookups,
// the hints bar, help, and the read-only filter.
import { describe, expect, it } from 'vitest';
import { completeCommandLine, parseCommandLine } from '../../src/views/commandLine.js';
import { activeCommands, commandFor, hintsLine } from '../../src/views/keymap.js';
import { commands } from '../../src/views/commands/index.js';
import { screenKeys } from '../../src/views/commands/navigation.js';
import { helpText } from '../../src/views/help.js';
import type { ViewId } from '../../src/views/commands/types.js';
import type { ActionId } from '../../src/resources/types.js';
import { allKinds as kinds } from '../../src/resources/registry.js';

const parse = (line: string) => parseCommandLine(line, commands);
const every: ActionId[] = ['scale', 'restart', 'undo', 'history', 'pause', 'resume', 'rolloutStatus', 'logs', 'delete', 'kill', 'describe', 'yaml', 'metrics', 'down', 'diagnose'];

describe('the : command bar', () => {
  it('accepts kubectl names and short names', () => {
    for (const [input, id] of [['po', 'pods'], ['deploy', 'deployments'], ['rs', 'replicasets'], ['svc', 'services'], ['no', 'nodes'], ['ns', 'namespaces'], ['ev', 'events'], ['sts', 'statefulsets'], ['cj', 'cronjobs']]) {
      const c = parse(input);
      expect(c?.type === 'kind' && c.kind.id, input).toBe(id);
    }
  });
  it('switches namespace with :ns NAME and takes a namespace or -A after a kind', () => {
    expect(parse('ns alice')).toEqual({ type: 'namespace', name: 'alice' });
    const inNs = parse('po kube-system');
    expect(inNs?.type === 'kind' && inNs.namespace).toBe('kube-system');
    const all = parse('deploy -A');
    expect(all?.type === 'kind' && all.allNamespaces).toBe(true);
  });
  it('finds the registry commands by their line names and explains unknown ones', () => {
    const q = parse('q');
    expect(q?.type === 'command' && q.command.id).toBe('quitNow');
    const quota = parse('quota');
    expect(quota?.type === 'command' && quota.command.id).toBe('quota');
    const up = parse('up');
    expect(up?.type === 'command' && [up.command.id, up.name]).toEqual(['shutdown', 'up']);
    // A word no kind or command knows is looked up in the server's discovery by the app.
    expect(parse('frobnicate')).toEqual({ type: 'unknown', name: 'frobnicate' });
    const bad = parse('frob!');
    expect(bad?.type === 'error' && bad.message).toMatch(/unknown command "frob!"/);
  });
  it('completes kinds and command names with Tab', () => {
    expect(completeCommandLine('dep', commands)).toBe('deploy');
    expect(completeCommandLine('quo', commands)).toBe('quota');
    expect(completeCommandLine('hist', commands)).toBe('history');
    expect(completeCommandLine('zzz', commands)).toBeUndefined();
  });
});

describe('the registry', () => {
  it('gives every command a title, and every command with keys or a line name a place in ? help', () => {
    const text = helpText(commands, false);
    for (const c of commands) {
      expect(c.title.trim(), c.id).not.toBe('');
      expect(c.keys.length + (c.line?.names.length ?? 0), `${c.id} has neither keys nor a : name`).toBeGreaterThan(0);
      if (c.keys.length) expect(text, c.id).toContain(`${c.keys.map((k) => `<${k}>`).join(' ')}`.padEnd(17) + ` ${c.title}`);
      if (c.line) expect(text, c.id).toContain(c.line.names.map((n) => `:${n}`).join(' '));
    }
  });

  it('binds each key to at most one command per view and kind, and each : name to one command', () => {
    // s is scale on the kinds that scale and a shell elsewhere: keys are unique for each kind's actions.
    const actionSets = [every, ...kinds.map((k) => k.actions)];
    for (const view of ['table', 'text', 'help'] as ViewId[]) for (const actions of actionSets) {
      const seen = new Map<string, string>();
      for (const c of activeCommands(commands, { view, readonly: false, actions }).filter((c) => !c.action || actions.includes(c.action))) {
        for (const k of c.keys) {
          expect(seen.get(k), `${view}: ${k} is bound to ${seen.get(k)} and ${c.id}`).toBeUndefined();
          seen.set(k, c.id);
        }
      }
    }
    const names = commands.flatMap((c) => c.line?.names ?? []);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
  });

  it('has a run for every table command (a table handles no key by itself)', () => {
    for (const c of activeCommands(commands, { view: 'table', readonly: false, actions: every })) expect(c.run, c.id).toBeTypeOf('function');
  });

  it('marks as dangerous exactly the commands that send a mutating request', () => {
    for (const c of commands) {
      if (c.permission) expect(['update', 'patch', 'delete', 'create']).toContain(c.permission.verb);
      if (c.permission) expect(c.dangerous, c.id).toBe(true);
    }
    const scale = commands.find((c) => c.id === 'scale');
    expect(scale?.permission).toEqual({ verb: 'update', subresource: 'scale' });
    expect(commands.find((c) => c.id === 'restart')?.permission).toEqual({ verb: 'patch' });
  });

  it('lets the text screens find their keys in their own list exactly as in the registry', () => {
    for (const view of ['text', 'help'] as ViewId[]) {
      for (const c of screenKeys) {
        for (const k of c.keys) {
          if (!c.views.includes(view)) continue;
          expect(commandFor(commands, k, { view, readonly: true })?.id, `${view} ${k}`).toBe(c.id);
        }
      }
    }
  });
});

describe('read-only mode', () => {
  it('hides every dangerous command from keys, hints and help, and keeps the rest', () => {
    const rw = activeCommands(commands, { view: 'table', readonly: false, actions: every }).map((c) => c.id);
    const ro = activeCommands(commands, { view: 'table', readonly: true, actions: every }).map((c) => c.id);
    for (const id of ['scale', 'scaleUp', 'scaleDown', 'restart', 'undo', 'pause', 'delete', 'kill', 'shutdown']) {
      expect(rw).toContain(id);
      expect(ro).not.toContain(id);
    }
    expect(ro).toContain('logs');
    expect(commandFor(commands, 's', { view: 'table', readonly: true, actions: every })).toBeUndefined();
    expect(hintsLine(commands, { view: 'table', readonly: true, actions: every }, 500)).not.toMatch(/scale|restart|delete/);
    const help = helpText(commands, true);
    expect(help).not.toContain('(changes the cluster)');
    expect(help).not.toContain(':down');
    expect(helpText(commands, false)).toContain(':down');
  });
});

describe('key lookups', () => {
  it('offers an action key only where the kind supports it', () => {
    expect(commandFor(commands, 's', { view: 'table', readonly: false, actions: ['logs'] })).toBeUndefined();
    expect(commandFor(commands, 's', { view: 'table', readonly: false, actions: ['scale'] })?.id).toBe('scale');
  });
  it('fits the hints bar into the width', () => {
    const line = hintsLine(commands, { view: 'table', readonly: false, actions: ['scale', 'logs', 'delete'] }, 50);
    expect(line.length).toBeLessThanOrEqual(50);
    expect(line).toContain('<:> command');
  });
});
