// The dashboard's shell as a person drives it, in tmux, against the real control plane: kwok's ClusterExec
// runs the shell on this host (harness/controlPlane.ts), so a command typed in kdash's shell answers for
// real. The dashboard comes back on the same view and row, and the terminal is clean after a shell that
// left it raw, in the alternate screen, with a hidden cursor, red text and mouse reporting on.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_DIR } from './harness/paths.js';
import { e2e, until } from './support.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A tmux server of its own for each test: one killed after a test may still be going away when the
// next starts, and a new session on its socket fails ("server exited unexpectedly").
let tests = 0;
let socket = '';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'k');
/** tmux's own view of the terminal modes: alternate screen, cursor shown, mouse reporting. */
const modes = () => tmux('display', '-p', '-t', 'k', '#{alternate_on} #{cursor_flag} #{mouse_any_flag}').trim();
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function start(columns = 120, rows = 30) {
  socket = `kdash-shell-${process.pid}-${++tests}`;
  const home = mkdtempSync(join(tmpdir(), 'kdash-shell-'));
  const cmd = ['env', `HOME=${home}`, 'TERM=tmux-256color', `KUBECONFIG=${e2e().kubeconfigPath}`, process.execPath, join(REPO_DIR, 'dist', 'bin', 'kdash.js')];
  // The pane stays when kdash exits, so the terminal it left can be read.
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'k', '-x', String(columns), '-y', String(rows), `${cmd.map(q).join(' ')}; echo KDASH-EXITED; sleep 600`);
}

const waitScreen = (what: string, pred: (s: string) => boolean, ms = 30_000) =>
  until(what, () => (pred(screen()) ? screen() : undefined), ms, 100).catch((e) => {
    throw new Error(`${e.message}; screen:\n${screen()}`);
  });

/** The table row the cursor is on (starts with ">"). */
const selectedRow = (s: string) => s.split('\n').find((l) => l.startsWith('>')) ?? '';

afterEach(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe.skipIf(!hasTmux)('a shell from the dashboard (kwok, tmux)', () => {
  it('runs a typed command, gives ctrl-c to the shell, and restores the dashboard on the same row', async () => {
    start();
    await waitScreen('the webnodb pods', (s) => /webnodb-\S+\s+1\/1\s+Running/.test(s));
    // The second webnodb pod, so "the same row" is not just the first one.
    tmux('send-keys', '-t', 'k', '-l', '/webnodb');
    tmux('send-keys', '-t', 'k', 'Enter');
    await waitScreen('the filter', (s) => selectedRow(s).includes('webnodb-'));
    tmux('send-keys', '-t', 'k', '-l', 'j');
    const row = await waitScreen('the second pod selected', (s) => s.split('\n').filter((l) => /webnodb-/.test(l)).indexOf(selectedRow(s)) === 1);
    const pod = /(webnodb-\S+)/.exec(selectedRow(row))![1];
    tmux('send-keys', '-t', 'k', '-l', 's');
    await waitScreen('a shell prompt', (s) => /[$#]\s*$/m.test(s) && !s.includes('NAMESPACE'), 20_000);
    expect(modes().split(' ')[0]).toBe('0'); // the alternate screen was left for the shell
    tmux('send-keys', '-t', 'k', '-l', 'echo kdash-$((6*7))');
    tmux('send-keys', '-t', 'k', 'Enter');
    await waitScreen('the command output', (s) => /^kdash-42$/m.test(s));
    // ctrl-c and ctrl-d go to the shell, not to kdash (kwok's exec has no pty: bash reads them as text).
    tmux('send-keys', '-t', 'k', 'C-c');
    tmux('send-keys', '-t', 'k', 'Enter');
    tmux('send-keys', '-t', 'k', '-l', 'echo after-$((1+1))');
    tmux('send-keys', '-t', 'k', 'Enter');
    await waitScreen('the shell alive after ctrl-c', (s) => /^after-2$/m.test(s), 10_000);
    tmux('send-keys', '-t', 'k', '-l', 'exit');
    tmux('send-keys', '-t', 'k', 'Enter');
    const back = await waitScreen('the dashboard back', (s) => s.includes('shell in ') && s.includes('ended'));
    expect(back).toContain(`shell in ${pod}/webnodb ended: exit code 0`);
    expect(selectedRow(back)).toContain(pod);
    expect(back).toContain('/webnodb'); // the filter is still there
    expect(modes()).toBe('1 0 0'); // alternate screen, cursor hidden as Ink draws, no mouse reporting
  });

  it('gives back a clean dashboard and a clean terminal after a shell that left it in a bad state', async () => {
    start(100, 28);
    await waitScreen('the webnodb pods', (s) => /webnodb-\S+\s+1\/1\s+Running/.test(s));
    tmux('send-keys', '-t', 'k', '-l', '/webnodb');
    tmux('send-keys', '-t', 'k', 'Enter');
    await waitScreen('the filter', (s) => selectedRow(s).includes('webnodb-'));
    tmux('send-keys', '-t', 'k', '-l', 's');
    await waitScreen('a shell prompt', (s) => /[$#]\s*$/m.test(s) && !s.includes('NAMESPACE'), 20_000);
    // Alternate screen on, cursor hidden, mouse reporting on, red text, raw mode: then the shell exits.
    tmux('send-keys', '-t', 'k', '-l', "printf '\\033[?1049h\\033[?25l\\033[?1000h\\033[31mRED'; stty raw -echo; exit");
    tmux('send-keys', '-t', 'k', 'Enter');
    const back = await waitScreen('the dashboard back', (s) => s.includes('ended') && s.includes('NAME'));
    expect(back).not.toContain('RED');
    expect(modes()).toBe('1 0 0');
    // Keys work again (raw mode is kdash's own): q quits, and the terminal is the user's again.
    tmux('send-keys', '-t', 'k', '-l', 'q');
    await waitScreen('kdash to exit', (s) => s.includes('KDASH-EXITED'));
    expect(modes()).toBe('0 1 0');
  });
});
