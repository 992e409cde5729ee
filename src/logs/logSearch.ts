// Finding lines for `/`, n and N in the log view: smart-case substring search over plain text,
// wrapping around the buffer. Lines are read one at a time or in chunks: the buffer is never copied whole.
import { findMatches } from '../text/ansiText.js';
import { noteText } from './formatLine.js';
import type { LogLine } from './types.js';

const CHUNK = 512;

function lineMatches(line: LogLine, needle: string): boolean {
  return findMatches(line.kind === 'log' ? line.plain : noteText(line), needle, 1).length > 0;
}

/**
 * The absolute index of the next line containing needle, strictly after `from` (dir 1) or before it
 * (dir -1), wrapping around [first, end). Undefined when no line matches.
 */
export function findLine(
  getLines: (from: number, to: number) => LogLine[],
  first: number,
  end: number,
  from: number,
  dir: 1 | -1,
  needle: string,
): number | undefined {
  const n = end - first;
  if (!needle || n <= 0) return undefined;
  let pos = from;
  for (let visited = 0; visited < n; visited++) {
    pos += dir;
    if (pos >= end) pos = first;
    if (pos < first) pos = end - 1;
    const [line] = getLines(pos, pos + 1);
    if (line && lineMatches(line, needle)) return pos;
  }
  return undefined;
}

/** How many held lines contain needle (for the title: "3 matches"). */
export function countMatches(getLines: (from: number, to: number) => LogLine[], first: number, end: number, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let at = first; at < end; at += CHUNK) {
    for (const line of getLines(at, Math.min(end, at + CHUNK))) if (lineMatches(line, needle)) count++;
  }
  return count;
}
