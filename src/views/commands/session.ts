// The app's own keys: quit, the `:` line, read-only mode, all namespaces, wide columns.
import type { Command } from './types.js';

// k9s: q goes back in a sub-view and quits at the top (asking first with --confirm-quit); ctrl-c quits
// from anywhere.
export const quit: Command = {
  id: 'quit',
  keys: ['q'],
  title: 'back; quit at the top view',
  views: ['any'],
  hint: true,
  run: ({ app }) => {
    if (!app.atTop) return app.back();
    if (!app.ports.confirmQuit) return app.ports.exit(0);
    app.confirm({ lines: [], question: 'quit kdash?', onYes: () => app.ports.exit(0) });
  },
};

export const quitNow: Command = {
  id: 'quitNow',
  keys: ['ctrl+c'],
  title: 'quit from anywhere',
  views: ['any'],
  line: { names: ['q', 'q!', 'quit'], help: 'quit' },
  run: ({ app }) => app.ports.exit(0),
};

export const commandLine: Command = {
  id: 'command',
  keys: [':'],
  title: 'command',
  views: ['table', 'text', 'help'],
  hint: true,
  run: ({ app }) => app.openCommandLine(),
};

export const readonly: Command = {
  id: 'toggleReadonly',
  keys: ['ctrl+r'],
  title: 'read-only on (this session)',
  views: ['any'],
  line: { names: ['readonly', 'ro'], help: 'turn every mutating key off for the rest of the session' },
  run: ({ app, key }) => {
    app.ports.readonly.enable();
    app.say(key ? 'read-only for the rest of this session: every mutating key is off' : 'read-only for the rest of this session');
  },
};

export const allNamespaces: Command = {
  id: 'allNamespaces',
  keys: ['0'],
  title: 'all namespaces / back to yours',
  views: ['table'],
  run: ({ app, table }) => {
    if (!table?.kind.namespaced) return;
    const home = app.ports.info.namespace;
    const ns = table.spec.namespace === '' ? home : '';
    app.replaceTop({ ...table.spec, namespace: ns });
    app.ports.focusNamespace(ns);
  },
};

export const toggleWide: Command = {
  id: 'toggleWide',
  keys: ['o'],
  title: 'wide columns on/off (kubectl -o wide)',
  views: ['table'],
  run: ({ app, table }) => {
    if (!table) return;
    const extra = table.kind.columns.filter((c) => c.wide && !c.glance).map((c) => c.header);
    if (extra.length === 0) return app.say(`o: ${table.kind.id} have no wide columns (kubectl -o wide adds none)`);
    app.setWide(!app.wide);
    app.say(app.wide ? 'wide columns off' : `wide columns on: ${extra.join(', ')}`);
  },
};
