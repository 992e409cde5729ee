// The `c` picker of the log view: one container, or all of them. Takes keys on the dialog layer.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { truncateColumns } from '../../text/ansiText.js';
import { sanitizeCell } from '../../text/sanitize.js';
import { useKeys } from '../input.js';
import { keyName } from '../keymap.js';

export const ALL_CONTAINERS = '*';

export interface ContainerPickerProps {
  containers: string[];
  current?: string;
  width: number;
  height: number;
  onPick(container: string): void;
  onCancel(): void;
}

export function ContainerPicker({ containers, current, width, height, onPick, onCancel }: ContainerPickerProps) {
  const choices = [...containers, ALL_CONTAINERS];
  const [sel, setSel] = useState(Math.max(0, choices.indexOf(current ?? '')));
  useKeys(
    (input, key) => {
      const name = keyName(input, key);
      if (name === 'esc' || name === 'c') onCancel();
      else if (name === 'enter') onPick(choices[sel]);
      else if (name === 'j' || name === 'down') setSel(Math.min(choices.length - 1, sel + 1));
      else if (name === 'k' || name === 'up') setSel(Math.max(0, sel - 1));
      else if (/^[1-9]$/.test(name) && Number(name) <= choices.length) onPick(choices[Number(name) - 1]);
      return true;
    },
    { priority: 'dialog' },
  );
  const rows = [
    'Pick a container (enter to pick, esc to cancel):',
    ...choices.map((c, i) => {
      const label = c === ALL_CONTAINERS ? 'all containers' : sanitizeCell(c);
      return `${i === sel ? '▶' : ' '} ${i + 1}. ${label}${c === current ? '  (current)' : ''}`;
    }),
  ].slice(0, Math.max(0, height));
  return (
    <Box flexDirection="column" height={height}>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate" color={i === sel + 1 ? 'cyan' : undefined} bold={i === 0}>
          {truncateColumns(r, width)}
        </Text>
      ))}
    </Box>
  );
}
