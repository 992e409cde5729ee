// Coloured lines that wrap instead of being cut (a diff's new value is at the end of its line), with a
// hanging indent, clipped to the rows there are. Cluster text is sanitized first.
import React from 'react';
import { Text } from 'ink';
import { sanitizeCell } from '../../text/sanitize.js';
import { wrapRanges } from '../../text/wrap.js';
import { clip } from './fit.js';

export interface ColoredLine {
  color?: string;
  text: string;
}

/** Pure: the rows the lines take at `width`, continuation rows indented under the text. */
export function wrapLines(lines: ColoredLine[], width: number): ColoredLine[] {
  const out: ColoredLine[] = [];
  for (const l of lines) {
    const text = sanitizeCell(l.text);
    const lead = text.length - text.trimStart().length;
    for (const r of wrapRanges(text, width, () => lead + 4)) out.push({ color: l.color, text: ' '.repeat(r.indent) + text.slice(r.start, r.end) });
  }
  return out;
}

export function ColoredLines({ lines, width, rows }: { lines: ColoredLine[]; width: number; rows: number }) {
  const wrapped = wrapLines(lines, width);
  const shown = clip(wrapped.map((l) => l.text), rows);
  return (
    <>
      {shown.map((t, i) => (
        <Text key={i} color={wrapped[i]?.text === t ? wrapped[i].color : undefined} wrap="truncate">
          {t}
        </Text>
      ))}
    </>
  );
}
