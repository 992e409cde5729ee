import { afterEach, describe, expect, it } from 'vitest';
import { helpText } from '../../src/views/help.js';
import { activeBindings } from '../../src/views/keymap.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('? help', () => {
  it('says where ctrl-s in logs saves: the XDG state dumps directory', () => {
    process.env.XDG_STATE_HOME = '/tmp/kdash-help-state';
    delete process.env.KDASH_LOG_DIR;
    const text = helpText(activeBindings({ view: 'table', readonly: false }), false);
    expect(text).toMatch(/^ {2}<ctrl-s> +save the lines held to \/tmp\/kdash-help-state\/kdash\/dumps /m);
  });
});
