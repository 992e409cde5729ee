// The scale prompt (s): prefilled with the current count, + and - step by one (↑/↓ too), digits
// replace the prefilled value, Enter submits, Esc cancels. When the parent answers with a quota warning, the
// prompt turns into a confirmation (y scales anyway, n/Esc goes back to editing).
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { MAX_REPLICAS, parseReplicas } from '../../actions/scaleWorkload.js';
import { useKeys } from '../input.js';
import { fit } from './fit.js';

export interface ScalePromptProps {
  /** What is scaled, e.g. "deployment webnodb" or "3 deployments". */
  target: string;
  current: number;
  width: number;
  /** The parent plans the scale (planScale) and, if the quota is short, passes `warning` back. */
  onSubmit(replicas: number): void;
  /** After a warning: the user confirmed scaling anyway. */
  onConfirm(replicas: number): void;
  onCancel(): void;
  /** Quota warning for `pending` replicas (from planScale). */
  warning?: string;
  /** What changed since the prompt opened, e.g. "now 0 replicas" (read when the person pressed Enter). */
  changed?: string;
  /** The count the warning (or the change) is about. */
  pending?: number;
  /** Shown while the parent is planning. */
  busy?: boolean;
  /** Dismisses the warning to edit again. */
  onEdit?(): void;
}

export function ScalePrompt(props: ScalePromptProps) {
  const { target, current, width, warning, changed, pending, busy } = props;
  const [value, setValue] = useState(String(current));
  const [fresh, setFresh] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const confirming = (warning !== undefined || changed !== undefined) && pending !== undefined;

  useKeys(
    (input, key) => {
      if (busy) return true;
      if (confirming) {
        if (input === 'y' || input === 'Y') props.onConfirm(pending);
        else if (input === 'n' || input === 'N' || key.escape) (props.onEdit ?? props.onCancel)();
        return true;
      }
      if (key.escape) return props.onCancel(), true;
      if (key.return) {
        const n = parseReplicas(value);
        if (typeof n === 'number') {
          setError(undefined);
          props.onSubmit(n);
        } else setError(n.error);
        return true;
      }
      // + and - step the count; in an emptied field they are typed (so "-1" gets its message).
      if (((input === '+' || input === '-') && value !== '') || key.upArrow || key.downArrow) {
        const up = input === '+' || key.upArrow;
        const n = parseReplicas(value);
        const base = typeof n === 'number' ? n : current;
        setValue(String(Math.min(MAX_REPLICAS, Math.max(0, base + (up ? 1 : -1)))));
        setFresh(false);
        setError(undefined);
        return true;
      }
      if (key.backspace || key.delete) {
        setValue((v) => (fresh ? '' : v.slice(0, -1)));
        setFresh(false);
        return true;
      }
      if (key.ctrl && input === 'u') return setValue(''), setFresh(false), true;
      if (input && !key.ctrl && !key.meta) {
        const printable = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
        // Typing replaces the prefilled count, like a selected field.
        setValue((v) => (fresh ? printable : v + printable).slice(0, 12));
        setFresh(false);
        setError(undefined);
      }
      return true;
    },
    { priority: 'dialog' },
  );

  if (confirming) {
    return (
      <Box flexDirection="column" width={width}>
        {changed !== undefined ? (
          <Text color="yellow" bold wrap="truncate">
            {fit(`${changed}; scale to ${pending}?${warning === undefined ? ' [y/N]' : ''}`, width)}
          </Text>
        ) : null}
        {warning !== undefined ? (
          <>
            <Text color="yellow" wrap="truncate">
              {fit(`quota: ${warning}`, width)}
            </Text>
            <Text color="yellow" bold wrap="truncate">
              {fit(`scale ${target} to ${pending} anyway? [y/N]`, width)}
            </Text>
          </>
        ) : null}
      </Box>
    );
  }
  const hint = busy ? 'checking quota…' : '+/- step · Enter scale · Esc cancel';
  return (
    <Box flexDirection="column" width={width}>
      <Text color="cyan" wrap="truncate">
        {fit(`scale ${target} (now ${current}) to: ${value}█  ${hint}`, width)}
      </Text>
      {error ? (
        <Text color="red" wrap="truncate">
          {fit(error, width)}
        </Text>
      ) : null}
    </Box>
  );
}
