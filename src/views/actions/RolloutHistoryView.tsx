// kubectl rollout history as a table: REVISION IMAGES CHANGE-CAUSE AGE, newest first, the current
// revision marked. Images and change causes come from the cluster: sanitized and cut to width.
import React from 'react';
import { Box, Text } from 'ink';
import type { HistoryEntry } from '../../actions/rolloutHistory.js';
import { shortHumanDuration } from '../../resources/format.js';
import { clip, fit, pad } from './fit.js';

export interface RolloutHistoryViewProps {
  target: string;
  entries: HistoryEntry[];
  /** The chosen revision (its row starts with >). */
  selected?: number;
  /** The revision the object runs now (marked with *). */
  currentRevision?: number;
  now: number;
  width: number;
  height: number;
  /** A one-line error instead of the table (e.g. "no rollout history found"). */
  error?: string;
}

export function historyRows(entries: HistoryEntry[], now: number, currentRevision?: number): string[][] {
  return [...entries]
    .sort((a, b) => b.revision - a.revision)
    .map((e) => [
      `${e.revision}${e.revision === currentRevision ? '*' : ''}`,
      e.images.join(', '),
      e.changeCause ?? '<none>',
      e.created !== undefined ? shortHumanDuration(Math.max(0, now - e.created)) : '<unknown>',
    ]);
}

export function RolloutHistoryView(props: RolloutHistoryViewProps) {
  const { target, entries, currentRevision, selected, now, width, height, error } = props;
  const title = (
    <Text bold wrap="truncate">
      {fit(`rollout history ${target}`, width)}
    </Text>
  );
  if (error || entries.length === 0) {
    return (
      <Box flexDirection="column" width={width} height={Math.min(height, 2)}>
        {title}
        <Text color={error ? 'red' : undefined} wrap="truncate">
          {fit(error ?? 'no rollout history found', width)}
        </Text>
      </Box>
    );
  }
  const rows = historyRows(entries, now, currentRevision);
  const header = ['REVISION', 'IMAGES', 'CHANGE-CAUSE', 'AGE'];
  // REVISION and AGE keep their natural width; IMAGES and CHANGE-CAUSE share what is left.
  const rev = Math.max(header[0].length, ...rows.map((r) => r[0].length));
  const age = Math.max(header[3].length, ...rows.map((r) => r[3].length));
  const rest = Math.max(10, width - rev - age - 6);
  const img = Math.min(Math.max(header[1].length, ...rows.map((r) => r[1].length)), Math.ceil(rest * 0.6));
  const cause = Math.max(8, rest - img);
  // With a cursor (the history screen), a column for its > mark.
  const lead = (mark: string) => (selected === undefined ? '' : `${mark} `);
  const line = (r: string[], mark = ' ') => fit(`${lead(mark)}${pad(r[0], rev)}  ${pad(r[1], img)}  ${pad(r[2], cause)}  ${r[3]}`, width);
  const body = clip(rows.map((r) => line(r, selected !== undefined && r[0].replace('*', '') === String(selected) ? '>' : ' ')), Math.max(1, height - 2));
  return (
    <Box flexDirection="column" width={width}>
      {title}
      <Text dimColor wrap="truncate">
        {line(header)}
      </Text>
      {body.map((l, i) => (
        <Text key={i} wrap="truncate" color={l.slice(lead(' ').length).startsWith(`${currentRevision}*`) ? 'green' : undefined} inverse={l.startsWith('>')}>
          {l}
        </Text>
      ))}
    </Box>
  );
}
