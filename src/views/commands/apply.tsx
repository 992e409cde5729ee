// :apply FILE — server-side apply of a file or directory of YAML (field manager kdash), shown as the
// server's dry run first, like `kdash apply -f`. Off in read-only mode; the server judges each object.
import React from 'react';
import { ApplyReview } from '../actions/ApplyReview.js';
import type { Command } from './types.js';

export const apply: Command = {
  id: 'apply',
  keys: [],
  title: 'apply a YAML file (server-side, dry run first)',
  views: ['any'],
  dangerous: true,
  line: { names: ['apply'], args: 'FILE', help: 'server-side apply of a YAML file or directory: the dry-run diff first, then y' },
  run: ({ app, args }) => {
    const path = args?.[0];
    if (!path) return app.say('usage: :apply FILE', 'error');
    app.push({
      type: 'view',
      keys: 'text',
      crumb: `apply ${path}`,
      render: (env) => (
        <ApplyReview
          path={path}
          ops={app.ports.ops}
          width={env.width}
          height={env.height}
          onDone={(r) => {
            env.onBack();
            app.report(r);
          }}
        />
      ),
    });
  },
};
