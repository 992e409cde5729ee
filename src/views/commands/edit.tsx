// e: kubectl edit with a look first — the object in $KUBE_EDITOR/$EDITOR/vi, then the server's dry
// run of the change as a diff (with its warnings and kdash's quota projection) before anything is sent.
// Any kind; refused under read-only and when the account may not `update` it, before the editor opens.
import React from 'react';
import { EditFlow } from '../actions/EditFlow.js';
import { editFileName } from '../editFile.js';
import { rolloutScreen } from '../actionScreens.js';
import { refOf } from '../dialogs.js';
import type { Command } from './types.js';

export const edit: Command = {
  id: 'edit',
  keys: ['e'],
  title: 'edit',
  views: ['table'],
  permission: { verb: 'update' },
  dangerous: true,
  hint: true,
  run: ({ app, table }) => {
    if (!table?.selected) return false;
    const { kind } = table;
    const ref = refOf(kind, table.selected);
    const { ops, editor } = app.ports;
    app.guard(async () => {
      // The version edited is read now (not the row's copy): its resourceVersion makes the update conditional.
      const base = await ops.readForEdit(ref);
      app.push({
        type: 'view',
        keys: 'text',
        crumb: `edit ${ref.name}`,
        render: (env) => (
          <EditFlow
            refTo={ref}
            kind={kind}
            base={base}
            fileName={editFileName(kind.kind, ref.name)}
            ops={ops}
            editor={editor}
            width={env.width}
            height={env.height}
            onDone={(r) => {
              // A deployment's edit goes on to its rollout, as after a restart or an undo.
              if (r.applied && kind.id === 'deployments') app.replaceTop(rolloutScreen(ref));
              else env.onBack();
              app.report(r);
            }}
          />
        ),
      });
    });
  },
};
