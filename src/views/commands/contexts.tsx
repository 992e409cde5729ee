// `:ctx` — the kubeconfig's contexts, and moving the whole dashboard to one (Enter, or `:ctx NAME`);
// `:ns NAME` — the views' namespace, checked first; and `:ns` for someone who may not list namespaces:
// the namespaces known to work (theirs, recent ones, the kubeconfig contexts') to choose from.
import React from 'react';
import { kindById } from '../../resources/registry.js';
import type { ResourceKind } from '../../resources/types.js';
import { sanitizeCell } from '../../text/sanitize.js';
import { PickList } from '../PickList.js';
import type { ViewPorts } from '../ports.js';
import type { ScreenEnv, ViewScreen } from '../screens.js';
import type { AppControls, Command } from './types.js';

/** Moves the views to `name` once the server says it can be used there; otherwise one line, and nothing moves. */
export function switchNamespace(app: AppControls, name: string, kind?: ResourceKind): void {
  const check = app.ports.namespaces?.check(name) ?? Promise.resolve(undefined);
  void check.then((why) => {
    if (why) return app.say(why, 'error');
    const k = kind?.namespaced ? kind : (kindById('pods') as ResourceKind);
    app.replaceRoot({ type: 'table', kind: k, namespace: name });
    app.ports.focusNamespace(name);
    app.ports.namespaces?.remember(name);
    app.say(`namespace ${name}`);
  });
}

/** Starts a switch of context; the app is drawn again on success, else the footer says why. */
function switchContext(app: AppControls, name: string): void {
  const contexts = app.ports.contexts;
  if (!contexts) return app.say('this session has no kubeconfig contexts to switch to', 'error');
  const kindId = app.screen.type === 'table' ? app.screen.kind.id : undefined;
  app.say(`switching to context ${name}…`);
  void contexts.switchTo(name, kindId).then((r) => {
    // On success the app was mounted afresh and shows the new context's own notice.
    if (!r.ok) app.say(r.message, 'error');
    else if (name === contexts.current) app.say(r.message);
  });
}

function ContextsScreen({ app, width, height, onBack }: { app: AppControls } & ScreenEnv) {
  const contexts = app.ports.contexts!;
  let rows: Array<{ id: string; cells: string[] }> = [];
  let error: string | undefined;
  try {
    rows = contexts.list().map((c) => ({
      id: c.name,
      cells: [c.name === contexts.current ? '*' : '', sanitizeCell(c.name), sanitizeCell(c.cluster), sanitizeCell(c.user), sanitizeCell(c.namespace)],
    }));
  } catch (err) {
    error = (err as Error).message.split('\n')[0];
  }
  return (
    <PickList
      headers={['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']}
      rows={rows}
      width={width}
      height={height}
      initialId={contexts.current}
      emptyText={error ?? 'the kubeconfig has no contexts'}
      note="<enter> switch kdash to this context (its own namespace)  <esc> back"
      onKey={(key, row) => {
        if (key === 'esc') {
          onBack();
          return true;
        }
        if (key === 'enter' && row) {
          switchContext(app, row.id);
          return true;
        }
        return false;
      }}
    />
  );
}

function NamespacesScreen({ app, kind, width, height, onBack }: { app: AppControls; kind?: ResourceKind } & ScreenEnv) {
  const known = app.ports.namespaces?.known() ?? [app.ports.info.namespace];
  const recent = new Set(app.ports.namespaces?.recent() ?? []);
  const rows = known.map((ns) => ({
    id: ns,
    cells: [sanitizeCell(ns), ns === app.ports.info.namespace ? 'this context' : recent.has(ns) ? 'recent' : 'kubeconfig'],
  }));
  return (
    <PickList
      title="namespaces you can use (listing namespaces is not allowed for this account)"
      headers={['NAME', 'FROM']}
      rows={rows}
      width={width}
      height={height}
      initialId={app.namespace}
      note="<enter> switch to it  ·  :ns NAME for any other  ·  <esc> back"
      onKey={(key, row) => {
        if (key === 'esc') {
          onBack();
          return true;
        }
        if (key === 'enter' && row) {
          switchNamespace(app, row.id, kind);
          return true;
        }
        return false;
      }}
    />
  );
}

/** The `:ns` list for an account that may not list namespaces. */
export function namespacePicker(kind?: ResourceKind): (app: AppControls) => ViewScreen {
  return (app) => ({ type: 'view', keys: 'text', crumb: 'namespaces', render: (env) => <NamespacesScreen app={app} kind={kind} {...env} /> });
}

/** What Tab offers after a command name: contexts after :ctx, namespaces after :ns. */
export function argumentsFor(ports: ViewPorts, word: string): string[] {
  if (['ctx', 'context', 'contexts'].includes(word)) {
    try {
      return ports.contexts?.list().map((c) => c.name) ?? [];
    } catch {
      return [];
    }
  }
  if (['ns', 'namespace', 'namespaces'].includes(word)) return ports.namespaces?.known() ?? [];
  return [];
}

export const contexts: Command = {
  id: 'contexts',
  keys: [],
  title: 'kubeconfig contexts; Enter switches kdash to one',
  views: ['any'],
  line: { names: ['ctx', 'context', 'contexts'], help: 'the kubeconfig contexts (Enter switches); :ctx NAME switches at once', arg: 'NAME' },
  run: ({ app, args }) => {
    if (args?.[0]) return switchContext(app, args[0]);
    if (!app.ports.contexts) return app.say('this session has no kubeconfig contexts to switch to', 'error');
    app.push({ type: 'view', keys: 'text', crumb: 'contexts', render: (env) => <ContextsScreen app={app} {...env} /> });
  },
};
