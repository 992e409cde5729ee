// Live rollout status: the lines of followRolloutStatus (kubectl rollout status's messages) and the
// warnings from the new pods, until done or failed. The parent passes `follow` (bound to the API).
import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import type { ActionResult } from '../../actions/result.js';
import type { RolloutState } from '../../actions/rolloutStatus.js';
import { useKeys } from '../input.js';
import { clip, fit } from './fit.js';

export interface RolloutStatusPanelProps {
  /** "deployment.apps/webnodb" */
  target: string;
  follow(onUpdate: (s: RolloutState) => void, signal: AbortSignal): Promise<ActionResult>;
  width: number;
  height: number;
  onClose(): void;
  /** Called once with the final result (done, failed, or stopped). */
  onResult?(r: ActionResult): void;
}

export function RolloutStatusPanel(props: RolloutStatusPanelProps) {
  const { target, follow, width, height } = props;
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState<RolloutState | undefined>();
  const [result, setResult] = useState<ActionResult | undefined>();

  useEffect(() => {
    const ac = new AbortController();
    void follow((s) => {
      setState(s);
      setLines((l) => (l[l.length - 1] === s.message ? l : [...l, s.message].slice(-200)));
    }, ac.signal).then((r) => {
      if (ac.signal.aborted) return;
      setResult(r);
      props.onResult?.(r);
    });
    return () => ac.abort();
    // follow is bound once per panel: re-following on every parent render would restart the poll.
  }, [target]);

  useKeys(
    (input, key) => {
      if (key.escape || input === 'q') return props.onClose(), true;
      return false;
    },
    { priority: 'dialog' },
  );

  const badge = result ? (result.ok && state?.done ? 'done' : state?.failed || !result.ok ? 'FAILED' : 'stopped') : state ? 'in progress' : 'starting';
  const tone = badge === 'done' ? 'green' : badge === 'FAILED' ? 'red' : 'yellow';
  const warnings = state?.warnings ?? [];
  const body = Math.max(1, height - 2);
  const warnRows = warnings.length ? Math.min(warnings.length + 1, Math.ceil(body / 2)) : 0;
  const shownLines = clip(lines.length ? lines : ['waiting for the first status…'], body - warnRows, 'end');
  const shownWarnings = warnRows ? clip(warnings, warnRows - 1) : [];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {fit(`rollout status ${target} — `, Math.max(0, width - badge.length))}
        <Text color={tone}>{badge}</Text>
      </Text>
      {shownLines.map((l, i) => (
        <Text key={`l${i}`} wrap="truncate" color={i === shownLines.length - 1 ? tone : undefined}>
          {fit(l, width)}
        </Text>
      ))}
      {warnRows ? (
        <Text color="red" bold wrap="truncate">
          {fit('warnings from the new pods:', width)}
        </Text>
      ) : null}
      {shownWarnings.map((w, i) => (
        <Text key={`w${i}`} color="red" wrap="truncate">
          {fit(`  ${w}`, width)}
        </Text>
      ))}
      <Text dimColor wrap="truncate">
        {fit('Esc back (the rollout goes on in the cluster)', width)}
      </Text>
    </Box>
  );
}
