// kdash's Output for Ink 6.8.0, swapped in for ink/build/output.js by scripts/bundle.mjs (the build checks
// that Ink's file is the one this was written against). It draws the same screen, written for a live
// table that changes a few rows per frame:
// - Ink builds a grid of styled characters for the whole screen on every frame and turns each row back
//   into a string; at 200×50 that was most of a frame. Here a row's text is a function of the writes
//   that land in it (their x and line, in order) and the screen width, so a row whose writes are the
//   same as in an earlier frame reuses that frame's string: only changed rows are built.
// - Ink's caches of widths and tokenized lines live for one frame; here they are shared by all frames.
// Every cache is bounded: it is cleared when it grows past its size.
// Its imports are resolved from Ink's own folder, as Ink's are; each is also a direct devDependency of
// kdash (package.json), at the range Ink asks for, so an install can never leave one out.
//
// Moving to a new Ink (ink is pinned to an exact version in package.json for this reason):
// 1. Bump ink; `npm run build` then fails with "ink's output.js changed": diff Ink's old and new
//    build/output.js (`npm pack ink@OLD` / `ink@NEW`, or the repository's tags).
// 2. Carry each change of Ink's into this file: the public surface (constructor options, write, clip,
//    unclip, get() returning { output, height }) and how a write is placed, clipped and transformed
//    must stay Ink's; only the row cache and the shared caches are kdash's.
// 3. Update INK_OUTPUT_SHA256 in scripts/bundle.mjs and the version in the first line above, and the
//    devDependencies that Ink's new file imports.
// 4. Run test/app/inkOutput.test.ts: it draws random frames with Ink's Output and with this one and
//    requires the same screen.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';

const LINE_CACHE = 400; // tokenized lines and widths
const ROW_CACHE = 1000; // finished rows

function bounded(map, size) {
  if (map.size > size) map.clear();
  return map;
}

const widths = new Map();
const blockWidths = new Map();
const styledChars = new Map();
const rows = new Map();

function stringWidthOf(text) {
  let w = widths.get(text);
  if (w === undefined) {
    w = stringWidth(text);
    bounded(widths, LINE_CACHE).set(text, w);
  }
  return w;
}

function widestLine(text) {
  let w = blockWidths.get(text);
  if (w === undefined) {
    w = 0;
    for (const line of text.split('\n')) w = Math.max(w, stringWidthOf(line));
    bounded(blockWidths, LINE_CACHE).set(text, w);
  }
  return w;
}

function styledCharsOf(line) {
  let chars = styledChars.get(line);
  if (chars === undefined) {
    chars = styledCharsFromTokens(tokenize(line));
    bounded(styledChars, LINE_CACHE).set(line, chars);
  }
  return chars;
}

const SPACE = { type: 'char', value: ' ', fullWidth: false, styles: [] };

// Printable ASCII: one cell per character and no styles, so the row is plain string splicing.
const PLAIN = /^[\x20-\x7e]*$/;

function plainRow(width, writes) {
  let row = ' '.repeat(width);
  for (let i = 0; i < writes.length; i += 2) {
    const x = writes[i];
    const line = writes[i + 1];
    if (!Number.isInteger(x) || x < 0 || x + line.length > width || !PLAIN.test(line)) return undefined;
    row = row.slice(0, x) + line + row.slice(x + line.length);
  }
  return row.trimEnd();
}

// One style over the whole line (a table row in a tone, the selected row): SGR codes, printable ASCII, SGR codes.
const ONE_STYLE = /^((?:\x1b\[[0-9;]*m)+)([\x20-\x7e]+)((?:\x1b\[[0-9;]*m)*)$/;
const wraps = new Map();

/**
 * A row of one write whose line has one style throughout. Ink gives every character of the text the same
 * styles and writes them back as the codes that open them, the text, and the codes that close them —
 * codes that depend only on the line's opening and closing codes, so they are found once, by building
 * the row for one character through Ink's cell grid, and reused for every text in that style.
 */
function oneStyleRow(width, writes) {
  if (writes.length !== 2) return undefined;
  const x = writes[0];
  const m = ONE_STYLE.exec(writes[1]);
  if (!m || !Number.isInteger(x) || x < 0 || x + m[2].length > width) return undefined;
  const key = `${m[1]}\u0000${m[3]}`;
  let wrap = wraps.get(key);
  if (wrap === undefined) {
    const probe = cellRow(1, [0, `${m[1]}x${m[3]}`]);
    const at = probe.indexOf('x');
    wrap = at < 0 ? null : [probe.slice(0, at), probe.slice(at + 1)];
    bounded(wraps, LINE_CACHE).set(key, wrap);
  }
  if (wrap === null) return undefined;
  return (' '.repeat(x) + wrap[0] + m[2] + wrap[1]).trimEnd();
}

/** One row of the screen from its writes ([x, line, x, line, …] in order), as Ink 6.8 builds it. */
export function buildRow(width, writes) {
  return plainRow(width, writes) ?? oneStyleRow(width, writes) ?? cellRow(width, writes);
}

/** Ink's way: a grid of styled cells for the row, each write's characters put in place, then back to a string. */
function cellRow(width, writes) {
  const cells = [];
  for (let x = 0; x < width; x++) cells.push(SPACE);
  for (let i = 0; i < writes.length; i += 2) {
    let offsetX = writes[i];
    for (const character of styledCharsOf(writes[i + 1])) {
      cells[offsetX] = character;
      const characterWidth = Math.max(1, stringWidthOf(character.value));
      for (let k = 1; k < characterWidth; k++) {
        cells[offsetX + k] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      }
      offsetX += characterWidth;
    }
  }
  // Writes past the right edge make the row longer (and a negative x sets no cell), as in Ink.
  return styledCharsToString(cells.filter((c) => c !== undefined)).trimEnd();
}

function rowText(width, writes) {
  if (writes.length === 0) return '';
  let key = `${width}`;
  for (let i = 0; i < writes.length; i += 2) key += `\u0000${writes[i]}\u0000${writes[i + 1].length}\u0000${writes[i + 1]}`;
  let text = rows.get(key);
  if (text === undefined) {
    text = buildRow(width, writes);
    bounded(rows, ROW_CACHE).set(key, text);
  }
  return text;
}

/** How many finished rows are cached: the tests check that Ink under test draws with this Output. */
export function cachedRows() {
  return rows.size;
}

export default class Output {
  width;
  height;
  operations = [];

  constructor(options) {
    const { width, height } = options;
    this.width = width;
    this.height = height;
  }

  write(x, y, text, options) {
    const { transformers } = options;
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers });
  }

  clip(clip) {
    this.operations.push({ type: 'clip', clip });
  }

  unclip() {
    this.operations.push({ type: 'unclip' });
  }

  get() {
    // First where each line lands (clipped and transformed exactly as Ink does), then each row's text.
    const writesByRow = [];
    for (let y = 0; y < this.height; y++) writesByRow.push([]);
    const clips = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
        const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
        if (clipHorizontally) {
          const width = widestLine(text);
          if (x + width < clip.x1 || x > clip.x2) continue;
        }
        if (clipVertically) {
          const height = lines.length;
          if (y + height < clip.y1 || y > clip.y2) continue;
        }
        if (clipHorizontally) {
          lines = lines.map((line) => {
            const from = x < clip.x1 ? clip.x1 - x : 0;
            const width = stringWidthOf(line);
            const to = x + width > clip.x2 ? clip.x2 - x : width;
            return sliceAnsi(line, from, to);
          });
          if (x < clip.x1) x = clip.x1;
        }
        if (clipVertically) {
          const from = y < clip.y1 ? clip.y1 - y : 0;
          const height = lines.length;
          const to = y + height > clip.y2 ? clip.y2 - y : height;
          lines = lines.slice(from, to);
          if (y < clip.y1) y = clip.y1;
        }
      }
      let offsetY = 0;
      for (let [index, line] of lines.entries()) {
        // As in Ink: once a line falls outside the screen, the lines after it are not placed either.
        const writes = writesByRow[y + offsetY];
        if (!writes) continue;
        for (const transformer of transformers) line = transformer(line, index);
        writes.push(x, line);
        offsetY++;
      }
    }
    return { output: writesByRow.map((writes) => rowText(this.width, writes)).join('\n'), height: writesByRow.length };
  }
}
