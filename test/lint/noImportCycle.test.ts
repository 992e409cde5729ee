// The lint rule that keeps src free of import loops: it must see a loop (type-only imports too) and
// name the files on it, pass a tree without one, and src itself (the embedded cluster aside, while it
// moves to its own package) must have none.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin, { importsOf, pathBack } from '../../scripts/eslint/noImportCycle.js';

const dir = mkdtempSync(join(tmpdir(), 'kdash-cycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tree(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

function lint(file: string): string[] {
  const linter = new Linter({ cwd: dir });
  const config = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { kdash: plugin },
      rules: { 'kdash/no-import-cycle': ['error', { root: 'src', exclude: ['src/sim'] }] },
    },
  ];
  const path = join(dir, file);
  return linter.verify(readFileSync(path, 'utf8'), config as any, path).map((m) => m.message);
}

describe('no-import-cycle', () => {
  it('reports a loop of type-only imports and names every file on it', () => {
    tree({
      'src/views/App.tsx': "import type { Screen } from './flows.js';\nexport type Flash = { text: string };\nexport const x: Screen | undefined = undefined;\n",
      'src/views/flows.tsx': "import type { Flash } from './App.js';\nexport type Screen = { say(f: Flash): void };\n",
    });
    expect(lint('src/views/App.tsx')).toEqual(['import cycle: src/views/App.tsx → src/views/flows.tsx → src/views/App.tsx']);
    expect(lint('src/views/flows.tsx')).toEqual(['import cycle: src/views/flows.tsx → src/views/App.tsx → src/views/flows.tsx']);
  });

  it('reports a loop through a re-export three files long', () => {
    tree({
      'src/a/one.ts': "export { two } from './two.js';\nexport const one = 1;\n",
      'src/a/two.ts': "import { three } from './three.js';\nexport const two = three;\n",
      'src/a/three.ts': "import { one } from './one.js';\nexport const three = one;\n",
    });
    expect(lint('src/a/two.ts')).toEqual(['import cycle: src/a/two.ts → src/a/three.ts → src/a/one.ts → src/a/two.ts']);
  });

  it('passes a tree without a loop, and leaves the excluded folder alone', () => {
    tree({
      'src/b/top.ts': "import { low } from './low.js';\nexport const top = low;\n",
      'src/b/low.ts': 'export const low = 1;\n',
      'src/sim/p.ts': "import { q } from './q.js';\nexport const p = q;\n",
      'src/sim/q.ts': "import { p } from './p.js';\nexport const q = p;\n",
    });
    expect(lint('src/b/top.ts')).toEqual([]);
    expect(lint('src/sim/p.ts')).toEqual([]);
  });
});

describe('the source trees', () => {
  it.each(['src', 'packages/sim/src'])('%s has no import cycle', (dir) => {
    const root = resolve(dir);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => join(root, f));
    expect(files.length).toBeGreaterThan(50);
    const loops = files.flatMap((f) =>
      importsOf(f).flatMap((d) => {
        const back = pathBack(d, f, root, []);
        return back ? [[f, ...back].map((x) => x.slice(root.length + 1)).join(' → ')] : [];
      }),
    );
    expect(loops).toEqual([]);
  });
});
