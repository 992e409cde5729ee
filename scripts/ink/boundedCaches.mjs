// Ink 6.8 keeps two caches that never shrink: measure-text.js keeps the size of every text it ever laid
// out, wrap-text.js every text it ever cut to a width. A table whose AGE column moves every second lays
// out new row texts every second, so over a long session both grow without end (old-generation heap that
// every full collection marks again). The bundle (scripts/bundle.mjs) and the tests (vitest.config.ts)
// load these files with each cache cleared when it passes LIMIT entries, and Ink's renderer takes a
// text's width from measure-text's cache instead of measuring each text again on every frame.
// Each edit names the exact text it replaces: if Ink's file changes, the build says so.
const LIMIT = 2000;

const PATCHES = [
  {
    file: /[\\/]ink[\\/]build[\\/]measure-text\.js$/,
    edits: [['    cache.set(text, dimensions);', `    if (cache.size >= ${LIMIT}) cache.clear();\n    cache.set(text, dimensions);`]],
  },
  {
    file: /[\\/]ink[\\/]build[\\/]wrap-text\.js$/,
    edits: [
      ['const cache = {};', 'let cache = {};\nlet cached = 0;'],
      ['    cache[cacheKey] = wrappedText;', `    if (++cached > ${LIMIT}) {\n        cache = {};\n        cached = 1;\n    }\n    cache[cacheKey] = wrappedText;`],
    ],
  },
  {
    file: /[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/,
    edits: [["import widestLine from 'widest-line';", "import measureText from './measure-text.js';\nconst widestLine = (text) => measureText(text).width;"]],
  },
];

/** Whether `path` is one of the Ink files patched here. */
export const patchesInk = (path) => PATCHES.some((p) => p.file.test(path));

/** Ink's file at `path` with its caches bounded; other files unchanged. */
export function patchInk(path, code) {
  const patch = PATCHES.find((p) => p.file.test(path));
  if (!patch) return code;
  let out = code;
  for (const [from, to] of patch.edits) {
    if (!out.includes(from)) throw new Error(`ink's ${path} changed: "${from}" is not in it (see scripts/ink/boundedCaches.mjs)`);
    out = out.replace(from, to);
  }
  return out;
}
