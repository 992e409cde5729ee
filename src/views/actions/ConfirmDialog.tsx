// Confirmation that names what will change. The plain variant answers to y (n, Esc or Enter say no:
// the safe answer is the default); the strong variant (force-kill) needs the expected text typed out.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../input.js';
import { clip, fit } from './fit.js';

export interface ConfirmDialogProps {
  /** "Delete these objects?" */
  question: string;
  /** What will go, one per line. */
  lines: string[];
  width: number;
  height: number;
  /** Strong confirmation: the user must type this exactly (e.g. the object's name, or 'yes'). */
  expect?: string;
  /** Red, for destructive actions. */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { question, lines, width, height, expect, danger } = props;
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);

  useKeys(
    (input, key) => {
      if (key.escape) return props.onCancel(), true;
      if (expect === undefined) {
        if (input === 'y' || input === 'Y') props.onConfirm();
        else if (input === 'n' || input === 'N' || key.return) props.onCancel();
        return true;
      }
      if (key.return) {
        if (typed.trim() === expect) props.onConfirm();
        else setMismatch(true);
      } else if (key.backspace || key.delete) setTyped((t) => t.slice(0, -1));
      else if (input && !key.ctrl && !key.meta) {
        setTyped((t) => (t + input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')).slice(0, 253));
        setMismatch(false);
      }
      return true;
    },
    { priority: 'dialog' },
  );

  const color = danger || expect !== undefined ? 'red' : 'yellow';
  const footer = expect === undefined ? 1 : mismatch ? 3 : 2;
  const shown = clip(lines, Math.max(1, height - footer));
  return (
    <Box flexDirection="column" width={width} borderStyle={undefined}>
      {shown.map((l, i) => (
        <Text key={i} color={color} wrap="truncate">
          {fit(`  ${l}`, width)}
        </Text>
      ))}
      {expect === undefined ? (
        <Text color={color} bold wrap="truncate">
          {fit(`${question} [y/N]`, width)}
        </Text>
      ) : (
        <>
          <Text color={color} bold wrap="truncate">
            {fit(`${question} Type ${expect} and press Enter (Esc cancels):`, width)}
          </Text>
          <Text color="cyan" wrap="truncate">
            {fit(`> ${typed}█`, width)}
          </Text>
          {mismatch ? (
            <Text color="red" wrap="truncate">
              {fit(`that is not "${expect}"; nothing was done`, width)}
            </Text>
          ) : null}
        </>
      )}
    </Box>
  );
}
