// `?` and `:help`: the keys of this session, generated from the registry.
import React from 'react';
import { TextScreen } from '../TextScreen.js';
import { helpText } from '../help.js';
import type { Command } from './types.js';

export const help: Command = {
  id: 'help',
  keys: ['?'],
  title: 'help',
  views: ['table', 'text'],
  hint: true,
  line: { names: ['help'], help: 'this help' },
  run: ({ app }) => {
    const text = helpText(app.commands, app.readonly);
    app.push({
      type: 'view',
      keys: 'help',
      crumb: 'help',
      render: (env) => <TextScreen title="help — keys for this session (Esc to go back)" text={text} width={env.width} height={env.height} onBack={env.onBack} view="help" />,
    });
  },
};
