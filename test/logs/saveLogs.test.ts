import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpDir, saveLines, shortPath } from '../../src/logs/saveLogs.js';
import type { LogLine } from '../../src/logs/types.js';

const line = (plain: string, extra: Partial<LogLine> = {}): LogLine => ({ kind: 'log', text: plain, plain, ...extra });

describe('saveLines', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kdash-save-'));
  const at = new Date(2026, 0, 2, 3, 4, 5);

  it('writes plain lines with kubectl prefixes and timestamps on request', async () => {
    const lines = [
      line('hello', { ts: '2026-01-02T03:04:05.1Z', source: { pod: 'web-1', container: 'app', color: 36 } }),
      { kind: 'restart', text: 'container app restarted (restart #1)', plain: 'container app restarted (restart #1)' } as LogLine,
    ];
    const r = await saveLines(lines, { dir, namespace: 'ns', name: 'web', at, format: { timestamps: true, prefix: 'kubectl' } });
    expect(r).toEqual({ ok: true, path: path.join(dir, 'ns-web-20260102-030405.log'), lines: 2 });
    expect(readFileSync(path.join(dir, 'ns-web-20260102-030405.log'), 'utf8')).toBe(
      '2026-01-02T03:04:05.1Z [pod/web-1/app] hello\n── container app restarted (restart #1) ──\n',
    );
  });

  it('never overwrites, and says why in one line when it cannot write', async () => {
    const again = await saveLines([line('x')], { dir, namespace: 'ns', name: 'web', at, format: {} });
    expect(again.ok).toBe(false);
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    const r = await saveLines([line('x')], { dir: path.join(file, 'sub'), namespace: 'ns', name: 'web', at, format: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^cannot save to .*a-file\/sub\/ns-web-20260102-030405\.log: /);
      expect(r.message).not.toContain('\n');
    }
  });
});

describe('dumpDir: where ctrl-s writes', () => {
  it('is $XDG_STATE_HOME/kdash/dumps, like k9s keeps its dumps under the XDG state directory', () => {
    expect(dumpDir({ XDG_STATE_HOME: '/var/state' }, '/home/ada')).toBe('/var/state/kdash/dumps');
  });

  it('falls back to ~/.local/state/kdash/dumps, also when $XDG_STATE_HOME is relative (the XDG spec ignores it)', () => {
    expect(dumpDir({}, '/home/ada')).toBe('/home/ada/.local/state/kdash/dumps');
    expect(dumpDir({ XDG_STATE_HOME: 'state' }, '/home/ada')).toBe('/home/ada/.local/state/kdash/dumps');
  });

  it('is $KDASH_LOG_DIR when that is set, and never the current directory', () => {
    expect(dumpDir({ KDASH_LOG_DIR: '/srv/logs', XDG_STATE_HOME: '/var/state' }, '/home/ada')).toBe('/srv/logs');
    expect(dumpDir({}, '/home/ada')).not.toBe(process.cwd());
  });

  it('shows a path under the home directory with ~ so it fits the footer', () => {
    expect(shortPath('/home/ada/.local/state/kdash/dumps/x.log', '/home/ada')).toBe('~/.local/state/kdash/dumps/x.log');
    expect(shortPath('/home/adam/x.log', '/home/ada')).toBe('/home/adam/x.log');
  });
});
