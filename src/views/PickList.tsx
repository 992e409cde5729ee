// A short list to choose from, drawn like a table (the same `>` cursor): the contexts of the
// kubeconfig, the namespaces a student may switch to, a secret's keys. The screen that shows it owns
// the rows and what Enter (or another key) does with the row under the cursor.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { Table } from './Table.js';
import { useKeys } from './input.js';
import { keyName } from './keymap.js';

export interface PickRow {
  id: string;
  /** Cells, already sanitized. */
  cells: string[];
}

export interface PickListProps {
  headers: string[];
  rows: PickRow[];
  width: number;
  height: number;
  /** Shown above the table (one line). */
  title?: string;
  /** Shown under it (one line): what the keys do, or the last answer. */
  note?: string;
  emptyText?: string;
  /** The cursor starts on this row when present. */
  initialId?: string;
  /** A key on the row under the cursor; true when it was used. Esc is passed here too. */
  onKey(name: string, row: PickRow | undefined): boolean;
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - stringWidth(s)));

export function layoutRows(headers: string[], rows: PickRow[]): { header: string; lines: string[] } {
  const widths = headers.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r.cells[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i])))
      .join('   ')
      .trimEnd();
  return { header: line(headers), lines: rows.map((r) => line(r.cells)) };
}

export function PickList({ headers, rows, width, height, title, note, emptyText, initialId, onKey }: PickListProps) {
  const [cursor, setCursor] = useState(() => Math.max(0, rows.findIndex((r) => r.id === initialId)));
  const index = Math.min(cursor, Math.max(0, rows.length - 1));
  const chrome = (title ? 1 : 0) + (note ? 1 : 0);
  const visible = Math.max(1, height - chrome - 1);
  const start = Math.max(0, Math.min(index - visible + 1, rows.length - visible));
  const first = Math.max(0, Math.min(start, index));
  useKeys(
    (input, key) => {
      const name = keyName(input, key);
      const move = (to: number) => setCursor(Math.max(0, Math.min(rows.length - 1, to)));
      switch (name) {
        case 'up':
        case 'k':
          move(index - 1);
          return true;
        case 'down':
        case 'j':
          move(index + 1);
          return true;
        case 'g':
        case 'home':
          move(0);
          return true;
        case 'G':
        case 'end':
          move(rows.length - 1);
          return true;
      }
      return onKey(name, rows[index]);
    },
    { priority: 'screen' },
  );
  const { header, lines } = layoutRows(headers, rows);
  const shown = rows.slice(first, first + visible).map((r, i) => ({ uid: r.id, text: lines[first + i] }));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {title && (
        <Text wrap="truncate" bold>
          {title}
        </Text>
      )}
      <Table header={header} rows={shown} selectedUid={rows[index]?.id} marked={new Set()} width={width} height={visible + 1} emptyText={emptyText} />
      {note && (
        <Text wrap="truncate" color="gray">
          {note}
        </Text>
      )}
    </Box>
  );
}
