// The `c` picker of the log view: one container, or all of them. Presentational: LogView's key
// handler moves the selection (one key layer, so no key is lost while layers mount and unmount).
import React from 'react';
import { Box, Text } from 'ink';
import { truncateColumns } from '../../text/ansiText.js';
import { sanitizeCell } from '../../text/sanitize.js';

export const ALL_CONTAINERS = '*';

/** The choices in picker order: each container, then "all containers". */
export function pickerChoices(containers: string[]): string[] {
  return [...containers, ALL_CONTAINERS];
}

export interface ContainerPickerProps {
  containers: string[];
  current?: string;
  selected: number;
  width: number;
  height: number;
}

export function ContainerPicker({ containers, current, selected, width, height }: ContainerPickerProps) {
  const choices = pickerChoices(containers);
  const rows = [
    'Pick a container (j/k, enter or 1-9 to pick, esc to cancel):',
    ...choices.map((c, i) => {
      const label = c === ALL_CONTAINERS ? 'all containers' : sanitizeCell(c);
      return `${i === selected ? '▶' : ' '} ${i + 1}. ${label}${c === current ? '  (current)' : ''}`;
    }),
  ].slice(0, Math.max(0, height));
  return (
    <Box flexDirection="column" height={height}>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate" color={i === selected + 1 ? 'cyan' : undefined} bold={i === 0}>
          {truncateColumns(r, width)}
        </Text>
      ))}
    </Box>
  );
}
