// The package as users install it (`npm i -g kdash`, `npx kdash`): the tarball that `npm pack` makes
// from the built tree, installed into an empty project with no registry. The bundle carries every
// dependency, so the package declares none, ships only what runs, and works from the install alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund', '--offline', '--loglevel=error'], { cwd, encoding: 'utf8' });

let project: string;
let files: string[];

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'kdash-pack-'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], root)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed[0].files.map((f) => f.path);
  project = join(dir, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), '{"name":"user-project","private":true}\n');
  npm(['install', join(dir, packed[0].filename)], project);
}, 120_000);

describe('the published package', () => {
  it('ships the bundle and nothing else that runs', () => {
    const code = files.filter((f) => f.endsWith('.js'));
    expect(code).toContain('dist/bin/kdash.js');
    expect(code.every((f) => f === 'dist/bin/kdash.js' || f.startsWith('dist/bin/chunks/')), code.join(' ')).toBe(true);
  });

  it('installs no dependency', () => {
    expect(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['kdash']);
  });

  it('runs kdash --demo --once from the installed package', () => {
    const r = spawnSync(join(project, 'node_modules/.bin/kdash'), ['--demo', '--once'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '' }, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^quota compute-quota: cpu \S+\s/); // --once's notes go to stderr
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS/);
    expect(r.stdout).toMatch(/webnodb-\S+\s+1\/1\s+Running/);
  });
});
