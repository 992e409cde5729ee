// A virtualized table: only the rows that fit are rendered; each row is one pre-padded string per
// cell, measured with string-width; rows are memoized and keyed by uid.
import React, { memo } from 'react';
import { Box, Text } from 'ink';
import type { Tone } from '../resources/types.js';

export const toneColor: Record<Tone, string> = { ok: 'green', warn: 'yellow', error: 'red', dim: 'gray' };

interface RowProps {
  text: string;
  tone?: Tone;
  selected: boolean;
  marked: boolean;
  /** The diagnosis has an error or warning about this row's object: `!` where a mark would go. */
  flagged: boolean;
  width: number;
  stale: boolean;
}

const Row = memo(function Row({ text, tone, selected, marked, flagged, width, stale }: RowProps) {
  // A visible cursor and mark, not only colour: the selection must show with --no-color too.
  const line = (selected ? '>' : ' ') + (marked ? '*' : flagged ? '!' : ' ') + text;
  const padded = line.length < width ? line + ' '.repeat(width - line.length) : line;
  return (
    <Text
      wrap="truncate"
      inverse={selected}
      // Healthy rows stay in the default colour (as in k9s): only what needs a look stands out.
      color={tone && tone !== 'ok' ? toneColor[tone] : undefined}
      // Rows the watcher cannot vouch for right now (reconnecting, stale) are dimmed as a whole.
      dimColor={stale || (tone === 'dim' && !selected)}
      bold={marked}
    >
      {padded}
    </Text>
  );
});

export interface TableProps {
  header: string;
  rows: Array<{ uid: string; text: string; tone?: Tone }>;
  selectedUid?: string;
  marked: ReadonlySet<string>;
  /** Rows with findings (src/diagnose), by uid. */
  flagged?: ReadonlySet<string>;
  width: number;
  height: number; // including the header line
  emptyText?: string;
  /** The rows may be out of date (the watch is down): drawn dimmed. */
  stale?: boolean;
}

export function Table({ header, rows, selectedUid, marked, flagged, width, height, emptyText, stale = false }: TableProps) {
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate" bold>
        {'  ' + header}
      </Text>
      {rows.length === 0 && emptyText ? (
        <Text wrap="truncate" dimColor>
          {'  ' + emptyText}
        </Text>
      ) : (
        rows.map((r) => (
          <Row
            key={r.uid}
            text={r.text}
            tone={r.tone}
            selected={r.uid === selectedUid}
            marked={marked.has(r.uid)}
            flagged={flagged?.has(r.uid) ?? false}
            width={width}
            stale={stale}
          />
        ))
      )}
    </Box>
  );
}
