// Enter opens what a row leads to (a deployment's pods, a node's pods…) or describes it; d and y
// show describe and YAML, live.
import React from 'react';
import { findKind } from '../../resources/registry.js';
import type { KObj, ResourceKind } from '../../resources/types.js';
import { ObjectTextScreen } from '../ObjectTextScreen.js';
import type { ViewScreen } from '../screens.js';
import type { Command, CommandContext } from './types.js';

function textScreen(mode: 'describe' | 'yaml', kind: ResourceKind, o: KObj, namespace: string): ViewScreen {
  const props = { mode, kind, namespace, uid: o.metadata.uid, name: o.metadata.name };
  return { type: 'view', keys: 'text', crumb: `${mode} ${o.metadata.name}`, render: (env) => <ObjectTextScreen {...props} {...env} /> };
}

function show(mode: 'describe' | 'yaml') {
  return ({ app, table }: CommandContext) => {
    if (!table?.selected) return;
    app.push(textScreen(mode, table.kind, table.selected, table.selected.metadata.namespace ?? table.spec.namespace));
  };
}

export const describe: Command = { id: 'describe', keys: ['d'], title: 'describe', views: ['table'], action: 'describe', hint: true, run: show('describe') };
export const yaml: Command = { id: 'yaml', keys: ['y'], title: 'yaml', views: ['table'], action: 'yaml', hint: true, run: show('yaml') };

export const open: Command = {
  id: 'enter',
  keys: ['enter'],
  title: 'open',
  views: ['table'],
  hint: true,
  run: ({ app, table }) => {
    const selected = table?.selected;
    if (!table || !selected) return;
    // A kind with nothing to open (pods, config maps…) takes Enter and does nothing, as before the registry.
    const dd = table.kind.drillDown?.(selected);
    if (!dd) return;
    const child = findKind(dd.kind);
    // A CRD installed after discovery was read: read it again, then open (or say why not).
    if (!child) {
      app.guard(async () => {
        if (await app.ports.kinds.resolve(dd.kind)) open.run?.({ app, table, key: 'enter' });
        else app.say(`no such resource type: ${dd.kind} (not served yet?)`, 'error');
      });
      return;
    }
    const namespace = selected.metadata.namespace ?? (table.kind.namespaced ? table.spec.namespace : app.namespace);
    app.push({
      type: 'table',
      kind: child,
      namespace: dd.namespace ?? (child.namespaced ? namespace : ''),
      labelSelector: dd.labelSelector,
      fieldSelector: dd.fieldSelector,
      ownerUid: dd.owned?.uid,
      title: dd.title,
    });
  },
};
