// e with the real vi in a real terminal (tmux): kdash hands the terminal over (vi draws on it and reads
// the keys), then takes it back and shows the dry-run diff on the same dashboard; y sends the change.
// Needs `npm run build` first and tmux and vi on the PATH (like tmux.test.ts, it does not skip).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tmux } from '../support/tmux.js';

const cli = join(import.meta.dirname, '../../dist/bin/kdash.js');
// A tmux server of its own for each test (test/support/tmux.ts): one killed after a test may still be
// going away when the next starts, and a new session on its socket fails ("server exited unexpectedly").
let t: Tmux;
const waitFor = (pattern: RegExp, timeoutMs = 20_000) => t.waitFor((s) => pattern.test(s), String(pattern), timeoutMs);

afterEach(() => t?.kill());

describe('edit with vi in a terminal', () => {
  it('hands the terminal to vi, takes it back and applies the change after the diff', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kdash-vi-'));
    t = new Tmux(100, 30);
    t.start(['env', 'KUBE_EDITOR=', 'EDITOR=vi', process.execPath, cli, '--demo', '--view', 'deploy'], home);
    await waitFor(/webnodb\s+3\/3/);
    const cursorRow = () => /^> (\S+)/m.exec(t.screen())?.[1];
    for (let i = 0; i < 10 && cursorRow() !== 'webnodb'; i++) {
      const at = cursorRow();
      t.keys('j');
      // One step at a time: the next j only once the cursor has moved.
      await waitFor(new RegExp(`^> (?!${at}\\s)`, 'm'));
    }
    await waitFor(/^> webnodb/m);
    t.keys('e');
    await waitFor(/^# Editing deployment webnodb in namespace vgauthier/m);
    t.keys('-l', ':%s/replicas: 3/replicas: 2/');
    t.keys('Enter');
    await waitFor(/^ {2}replicas: 2$/m);
    t.keys('-l', ':wq');
    t.keys('Enter');
    const diff = await waitFor(/~ spec\.replicas: 3 → 2/);
    // The dashboard is back as it was around the edit screen: the same header and breadcrumbs.
    expect(diff).toMatch(/deployments\(vgauthier\) › edit webnodb/);
    expect(diff).not.toMatch(/^# Editing/m);
    t.keys('y');
    await waitFor(/rollout status deployments\/webnodb/);
    t.keys('Escape');
    await waitFor(/^> webnodb\s+2\/2/m, 30_000);
  });

  it('takes keys again after an editor that never touches the terminal (a script) returns at once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kdash-vi-'));
    const script = join(home, 'editor.sh');
    writeFileSync(script, '#!/bin/sh\nsed -i "s#^  replicas: [0-9]*#  replicas: 2#" "$1"\n');
    chmodSync(script, 0o755);
    t = new Tmux(80, 24);
    t.start(['env', 'KUBE_EDITOR=', `EDITOR=${script}`, process.execPath, cli, '--demo', '--view', 'deploy'], home);
    await waitFor(/webnodb\s+3\/3/);
    t.keys('e');
    await waitFor(/~ spec\.replicas: 1 → 2/);
    t.keys('n');
    await waitFor(/edit cancelled, nothing changed/);
  });
});
