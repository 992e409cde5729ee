// e with the real vi in a real terminal (tmux): kdash hands the terminal over (vi draws on it and reads
// the keys), then takes it back and shows the dry-run diff on the same dashboard; y sends the change.
// Needs `npm run build` first and tmux and vi on the PATH (like tmux.test.ts, it does not skip).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '../../dist/bin/kdash.js');
const socket = `kdash-vi-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (pattern.test(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe('edit with vi in a terminal', () => {
  it('hands the terminal to vi, takes it back and applies the change after the diff', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kdash-vi-'));
    const cmd = ['env', `HOME=${home}`, 'KUBECONFIG=', 'KUBE_EDITOR=', 'EDITOR=vi', 'TERM=tmux-256color', process.execPath, cli, '--demo', '--view', 'deploy'];
    tmux('-f', '/dev/null', 'new-session', '-d', '-x', '100', '-y', '30', cmd.map(quote).join(' '));
    await waitFor(/webnodb\s+3\/3/);
    const cursorRow = () => /^> (\S+)/m.exec(screen())?.[1];
    for (let i = 0; i < 10 && cursorRow() !== 'webnodb'; i++) {
      const at = cursorRow();
      tmux('send-keys', 'j');
      // One step at a time: the next j only once the cursor has moved.
      await waitFor(new RegExp(`^> (?!${at}\\s)`, 'm'));
    }
    await waitFor(/^> webnodb/m);
    tmux('send-keys', 'e');
    await waitFor(/^# Editing deployment webnodb in namespace vgauthier/m);
    tmux('send-keys', '-l', ':%s/replicas: 3/replicas: 2/');
    tmux('send-keys', 'Enter');
    await waitFor(/^ {2}replicas: 2$/m);
    tmux('send-keys', '-l', ':wq');
    tmux('send-keys', 'Enter');
    const diff = await waitFor(/~ spec\.replicas: 3 → 2/);
    // The dashboard is back as it was around the edit screen: the same header and breadcrumbs.
    expect(diff).toMatch(/deployments\(vgauthier\) › edit webnodb/);
    expect(diff).not.toMatch(/^# Editing/m);
    tmux('send-keys', 'y');
    await waitFor(/rollout status deployments\/webnodb/);
    tmux('send-keys', 'Escape');
    await waitFor(/^> webnodb\s+2\/2/m, 30_000);
  });

  it('takes keys again after an editor that never touches the terminal (a script) returns at once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kdash-vi-'));
    const script = join(home, 'editor.sh');
    writeFileSync(script, '#!/bin/sh\nsed -i "s#^  replicas: [0-9]*#  replicas: 2#" "$1"\n');
    chmodSync(script, 0o755);
    const cmd = ['env', `HOME=${home}`, 'KUBECONFIG=', 'KUBE_EDITOR=', `EDITOR=${script}`, 'TERM=tmux-256color', process.execPath, cli, '--demo', '--view', 'deploy'];
    tmux('-f', '/dev/null', 'new-session', '-d', '-x', '80', '-y', '24', cmd.map(quote).join(' '));
    await waitFor(/webnodb\s+3\/3/);
    tmux('send-keys', 'e');
    await waitFor(/~ spec\.replicas: 1 → 2/);
    tmux('send-keys', 'n');
    await waitFor(/edit cancelled, nothing changed/);
  });
});
