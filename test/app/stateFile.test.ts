// The state file: read when present, a bad one named in one warning and ignored, written atomically,
// the last view and recent namespaces kept per context; and the dashboard writing to it as it is used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStateFile, RECENT_NAMESPACES, statePath } from '../../src/app/stateFile.js';
import { startRig } from '../support/rig.js';
import { until } from '../support/until.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kdash-state-'));
  dirs.push(dir);
  return path.join(dir, 'kdash', 'state.yaml');
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('state file', () => {
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(statePath({ XDG_CONFIG_HOME: '/x/conf', HOME: '/home/a' })).toBe('/x/conf/kdash/state.yaml');
    expect(statePath({ HOME: '/home/a' })).toBe('/home/a/.config/kdash/state.yaml');
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    expect(statePath({ XDG_CONFIG_HOME: 'rel', HOME: '/home/a' })).toBe('/home/a/.config/kdash/state.yaml');
  });

  it('starts empty without a file and writes it atomically when something is remembered', () => {
    const file = tempFile();
    const warnings: string[] = [];
    const s = openStateFile(file, (w) => warnings.push(w));
    expect(s.lastView('c1')).toBeUndefined();
    s.rememberView('c1', 'deployments');
    for (let i = 0; i < RECENT_NAMESPACES + 3; i++) s.rememberNamespace('c1', `ns${i}`);
    s.rememberNamespace('c1', 'ns5');
    expect(warnings).toEqual([]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.yaml']);
    const again = openStateFile(file, (w) => warnings.push(w));
    expect(again.lastView('c1')).toBe('deployments');
    expect(again.recentNamespaces('c1')[0]).toBe('ns5');
    expect(again.recentNamespaces('c1')).toHaveLength(RECENT_NAMESPACES);
    expect(again.recentNamespaces('c2')).toEqual([]);
  });

  it('names a corrupt file in one warning and goes on without it', () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const bad of ['contexts: [unclosed', '- a list', 'contexts: 42']) {
      fs.writeFileSync(file, bad);
      const warnings: string[] = [];
      const s = openStateFile(file, (w) => warnings.push(w));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^ignoring the state file ${file}: \\S`));
      expect(warnings[0]).not.toContain('\n');
      expect(s.lastView('c1')).toBeUndefined();
    }
  });

  it('remembers the view and namespaces the person used, per context', async () => {
    const file = tempFile();
    const state = openStateFile(file, () => {});
    const r = await startRig({ state, user: 'admin', namespace: 'default' });
    try {
      await r.waitForFrame((f) => /pods\(default\)/.test(f), 'pods');
      await r.press(':');
      await r.waitForFrame((f) => /^:/.test(f.split('\n').at(-1) ?? ''), 'the : prompt');
      await r.type('deploy');
      await r.press('enter');
      await r.waitForFrame((f) => /deployments\(default\)/.test(f), 'deployments');
      await r.press(':');
      await r.waitForFrame((f) => /^:/.test(f.split('\n').at(-1) ?? ''), 'the : prompt');
      await r.type('ns vgauthier');
      await r.press('enter');
      await r.waitForRow(/webnodb\s+3\/3/);
    } finally {
      await r.stop();
    }
    const read = await until(() => {
      const s = openStateFile(file, () => {});
      return s.recentNamespaces('sim-admin')[0] === 'vgauthier' ? s : undefined;
    }, 'the state written');
    expect(read.lastView('sim-admin')).toBe('deployments');
  });
});
