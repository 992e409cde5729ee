import { describe, expect, it } from 'vitest';
import { completeCommand, parseCommand } from '../../src/views/commands.js';
import { activeBindings, commandFor, hintsLine } from '../../src/views/keymap.js';

describe('the : command bar', () => {
  it('accepts kubectl names and short names', () => {
    for (const [input, id] of [['po', 'pods'], ['deploy', 'deployments'], ['rs', 'replicasets'], ['svc', 'services'], ['no', 'nodes'], ['ns', 'namespaces'], ['ev', 'events'], ['sts', 'statefulsets'], ['cj', 'cronjobs']]) {
      const c = parseCommand(input);
      expect(c?.type === 'kind' && c.kind.id, input).toBe(id);
    }
  });
  it('switches namespace with :ns NAME and takes a namespace or -A after a kind', () => {
    expect(parseCommand('ns alice')).toEqual({ type: 'namespace', name: 'alice' });
    const inNs = parseCommand('po kube-system');
    expect(inNs?.type === 'kind' && inNs.namespace).toBe('kube-system');
    const all = parseCommand('deploy -A');
    expect(all?.type === 'kind' && all.allNamespaces).toBe(true);
  });
  it('knows the app commands and explains unknown ones', () => {
    expect(parseCommand('q')).toEqual({ type: 'quit' });
    expect(parseCommand('quota')).toEqual({ type: 'quota' });
    const bad = parseCommand('frobnicate');
    expect(bad?.type).toBe('error');
    expect(bad?.type === 'error' && bad.message).toMatch(/unknown command "frobnicate"/);
  });
  it('completes with Tab', () => {
    expect(completeCommand('dep')).toBe('deploy');
    expect(completeCommand('quo')).toBe('quota');
    expect(completeCommand('zzz')).toBeUndefined();
  });
});

describe('the keymap', () => {
  it('drops every dangerous binding in read-only mode', () => {
    const all = ['scale', 'restart', 'delete', 'logs'] as const;
    const rw = activeBindings({ view: 'table', readonly: false, actions: [...all] }).map((b) => b.id);
    const ro = activeBindings({ view: 'table', readonly: true, actions: [...all] }).map((b) => b.id);
    expect(rw).toContain('scale');
    expect(rw).toContain('delete');
    expect(ro).not.toContain('scale');
    expect(ro).not.toContain('delete');
    expect(ro).toContain('logs');
    expect(commandFor('s', { view: 'table', readonly: true, actions: [...all] })).toBeUndefined();
  });
  it('offers an action key only where the kind supports it', () => {
    expect(commandFor('s', { view: 'table', readonly: false, actions: ['logs'] })).toBeUndefined();
    expect(commandFor('s', { view: 'table', readonly: false, actions: ['scale'] })).toBe('scale');
  });
  it('fits the hints bar into the width', () => {
    const line = hintsLine({ view: 'table', readonly: false, actions: ['scale', 'logs', 'delete'] }, 50);
    expect(line.length).toBeLessThanOrEqual(50);
    expect(line).toContain('<:> command');
  });
});
