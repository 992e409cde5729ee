// A one-line text input (command bar, filter, prompts) on the dialog layer: it takes every key
// while shown. Enter submits, Esc cancels, Tab completes when a completer is given.
import React, { useRef } from 'react';
import { Text } from 'ink';
import { useKeys } from './input.js';

export interface LineInputProps {
  prompt: string;
  value: string;
  width: number;
  onChange(v: string): void;
  onSubmit(v: string): void;
  onCancel(): void;
  complete?(v: string): string | undefined;
  hint?: string;
}

export function LineInput({ prompt, value, width, onChange, onSubmit, onCancel, complete, hint }: LineInputProps) {
  // Keys of one chunk arrive one per tick, faster than React re-renders on a busy machine: each key
  // must build on the value the previous key made, not on the last rendered one (else keys are lost).
  const latest = useRef(value);
  latest.current = value;
  const change = (v: string) => {
    latest.current = v;
    onChange(v);
  };
  useKeys(
    (input, key) => {
      const value = latest.current;
      if (key.return) onSubmit(value);
      else if (key.escape) onCancel();
      else if (key.backspace || key.delete) change(value.slice(0, -1));
      else if (key.tab) {
        const c = complete?.(value);
        if (c !== undefined) change(c);
      } else if (key.ctrl && input === 'u') change('');
      else if (key.ctrl && input === 'c') onCancel();
      else if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow) {
        // Pasted text may carry control characters: keep printable ones only.
        change(value + input.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''));
      }
      return true;
    },
    { priority: 'dialog' },
  );
  const text = `${prompt}${value}█${hint ? `  ${hint}` : ''}`;
  return (
    <Text wrap="truncate" color="cyan">
      {text.length > width ? text.slice(text.length - width) : text}
    </Text>
  );
}
