// The built binary in a real terminal emulator: a tmux server of its own (its own socket), one window
// of the given size, read back with capture-pane as a person sees it. Needs tmux on the PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from './until.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class Tmux {
  readonly socket = `kdash-tmux-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {}
  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
  /** Runs `command` with no kubeconfig of the user's, HOME a fresh temporary directory unless given. */
  start(command: string[], home = mkdtempSync(join(tmpdir(), 'kdash-tmux-'))) {
    const env = ['env', `HOME=${home}`, 'KUBECONFIG=', 'XDG_CONFIG_HOME=', 'TERM=tmux-256color'];
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(this.columns), '-y', String(this.rows), [...env, ...command].map(shellQuote).join(' '));
  }
  screen(): string {
    return this.tmux('capture-pane', '-p');
  }
  keys(...keys: string[]) {
    this.tmux('send-keys', ...keys);
  }
  async waitFor(pred: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    let last = '';
    try {
      return await until(() => {
        last = this.screen();
        return pred(last) ? last : undefined;
      }, what, { timeoutMs, everyMs: 50 });
    } catch (err) {
      throw new Error(`${(err as Error).message} at ${this.columns}×${this.rows}; screen:\n${last}`);
    }
  }
  kill() {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
