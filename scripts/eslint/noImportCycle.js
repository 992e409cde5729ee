// ESLint rule: no import cycle among the files under src (type-only imports count too: a loop of
// types is still two modules that cannot be understood one without the other). The import graph is
// read with the TypeScript scanner (ts.preProcessFile), so it sees `import type`, `export … from` and
// dynamic `import()`, and is cached by file modification time for the length of a lint run.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const cache = new Map(); // absolute path → { mtime, deps: string[] }

/** './x.js' from a .ts file → the .ts/.tsx file it names (undefined for packages and unknown files). */
export function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|jsx|ts|tsx|mjs)$/, '');
  for (const c of [`${stem}.ts`, `${stem}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(c)) return c;
  }
  return undefined;
}

export function importsOf(file) {
  const mtime = statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.deps;
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const deps = [...new Set(info.importedFiles.map((f) => resolveImport(file, f.fileName)).filter(Boolean))];
  cache.set(file, { mtime, deps });
  return deps;
}

/** A path of imports from `start` back to `target` that stays inside `root` and out of `exclude`, or undefined. */
export function pathBack(start, target, root, exclude) {
  const inside = (f) => f.startsWith(root + '/') && !exclude.some((x) => f === x || f.startsWith(x + '/'));
  const prev = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift();
    if (f === target) {
      const path = [];
      for (let at = f; at !== undefined; at = prev.get(at)) path.unshift(at);
      return path;
    }
    for (const d of importsOf(f)) {
      if (!inside(d) || prev.has(d)) continue;
      prev.set(d, f);
      queue.push(d);
    }
  }
  return undefined;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles between the modules under a folder (type-only imports included).' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, exclude: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: { cycle: 'import cycle: {{path}}' },
  },
  create(context) {
    const opts = context.options[0] ?? {};
    const cwd = context.cwd ?? process.cwd();
    const root = resolve(cwd, opts.root ?? 'src');
    const exclude = (opts.exclude ?? []).map((x) => resolve(cwd, x));
    const file = context.filename ?? context.getFilename();
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      const dep = resolveImport(file, spec);
      if (!dep || !dep.startsWith(root + '/') || exclude.some((x) => dep.startsWith(x + '/'))) return;
      const back = pathBack(dep, file, root, exclude);
      if (!back) return;
      const path = [file, ...back].map((f) => relative(cwd, f)).join(' → ');
      context.report({ node: node.source, messageId: 'cycle', data: { path } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
