import { afterEach, describe, expect, it } from 'vitest';
import { helpText } from '../../src/views/help.js';
import { commands } from '../../src/views/commands/index.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('? help', () => {
  it('says where ctrl-s in logs saves: the XDG state dumps directory', () => {
    process.env.XDG_STATE_HOME = '/tmp/kdash-help-state';
    delete process.env.KDASH_LOG_DIR;
    const text = helpText(commands, false);
    expect(text).toMatch(/^ {2}<ctrl-s> +save the lines held to \/tmp\/kdash-help-state\/kdash\/dumps /m);
  });

  it('lists the describe/YAML keys: find, next/previous match, fold and fold all', () => {
    const text = helpText(commands, true);
    expect(text).toMatch(/^ {2}<\/> +find text$/m);
    expect(text).toMatch(/^ {2}<n> +next match$/m);
    expect(text).toMatch(/^ {2}<N> +previous match$/m);
    expect(text).toMatch(/^ {2}<z> <enter> <space> +YAML: fold\/unfold the block under the cursor$/m);
    expect(text).toMatch(/^ {2}<Z> +YAML: fold every top-level section \/ unfold all$/m);
  });
});
