// ~/.config/kdash/aliases.yaml: `dp: deployments` at the top or under `aliases:` (k9s' layout),
// XDG_CONFIG_HOME honoured, a bad file one line naming the file and the line — never a crash.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasesFile, loadUserAliases, parseUserAliases } from '../../src/app/aliases.js';

describe('user aliases', () => {
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(aliasesFile({ XDG_CONFIG_HOME: '/x/conf' })).toBe('/x/conf/kdash/aliases.yaml');
    expect(aliasesFile({ HOME: '/home/s' })).toMatch(/\.config\/kdash\/aliases\.yaml$/);
  });

  it('reads top-level aliases and k9s’ aliases: block alike', () => {
    expect(Array.from(parseUserAliases('dp: deployments\nwd: Widgets.example.com\n', 'f').aliases)).toEqual([
      ['dp', 'deployments'],
      ['wd', 'widgets.example.com'],
    ]);
    expect(parseUserAliases('aliases:\n  dp: deployments\n', 'f')).toEqual({ aliases: new Map([['dp', 'deployments']]) });
    expect(parseUserAliases('', 'f')).toEqual({ aliases: new Map() });
  });

  it('names the file and line of a bad entry and keeps the good ones', () => {
    const r = parseUserAliases('dp: deployments\nbad: [1, 2]\n', '/c/aliases.yaml');
    expect(r.aliases).toEqual(new Map([['dp', 'deployments']]));
    expect(r.warning).toBe('/c/aliases.yaml line 2: expected "alias: resource" (e.g. "dp: deployments"); that line is ignored');
  });

  it('says a file that is not YAML is not, in one line, and loads nothing', () => {
    const r = parseUserAliases('dp: deployments\n  x: : :\n', '/c/aliases.yaml');
    expect(r.aliases.size).toBe(0);
    expect(r.warning).toMatch(/^\/c\/aliases\.yaml line \d+: not YAML \(.*\); no aliases loaded$/);
    expect(r.warning).not.toContain('\n');
  });

  it('a missing file is no aliases; a directory in its place is one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdash-aliases-'));
    expect(loadUserAliases(join(dir, 'none.yaml'))).toEqual({ aliases: new Map() });
    mkdirSync(join(dir, 'aliases.yaml'));
    expect(loadUserAliases(join(dir, 'aliases.yaml')).warning).toMatch(/aliases\.yaml: cannot read it \(EISDIR\)/);
    writeFileSync(join(dir, 'ok.yaml'), 'dp: deployments\n');
    expect(loadUserAliases(join(dir, 'ok.yaml')).aliases.get('dp')).toBe('deployments');
  });
});
