// The end-of-class shutdown (and its restore) as a panel: the plan, then progress lines, then the
// summary. Keys: y runs it, b toggles deleting bare pods (an explicit, visible choice), Esc goes back.
import React from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../input.js';
import { clip, fit } from './fit.js';

export interface DownPlanViewProps {
  namespace: string;
  mode: 'down' | 'up';
  /** Plan lines (describeDownPlan / UpPlan step lines). */
  lines: string[];
  /** Said above the plan, e.g. that the namespace changed while the person read it. */
  notice?: string;
  /** checking: the namespace is read again after y, before anything is sent. */
  phase: 'planning' | 'plan' | 'checking' | 'running' | 'done';
  progress: string[];
  /** Final one-line result. */
  summary?: { ok: boolean; message: string };
  /** Number of bare pods in the plan (0 hides the toggle). */
  barePods: number;
  deleteBarePods: boolean;
  width: number;
  height: number;
  onConfirm(): void;
  onToggleBarePods(): void;
  onClose(): void;
}

export function DownPlanView(props: DownPlanViewProps) {
  const { namespace, mode, lines, notice, phase, progress, summary, barePods, width, height } = props;
  useKeys(
    (input, key) => {
      if (phase === 'running' || phase === 'checking') return false;
      if (key.escape || input === 'q') return props.onClose(), true;
      if (phase !== 'plan') return false;
      if (input === 'y' && lines.length > 0) return props.onConfirm(), true;
      if (input === 'b' && mode === 'down' && barePods > 0) return props.onToggleBarePods(), true;
      return false;
    },
    { priority: 'dialog' },
  );
  const title = mode === 'down' ? `end-of-class shutdown of ${namespace}` : `restore ${namespace} (kdash up)`;
  const nothing = mode === 'down' ? `nothing to shut down in ${namespace}` : `nothing to restore in ${namespace}`;
  const footer = footerText(props);
  const body = Math.max(1, height - 2 - (summary ? 1 : 0) - (notice ? 1 : 0));
  const planLines = lines.length ? lines : phase === 'planning' ? [] : [nothing];
  // While running, progress gets the room; the plan keeps at least a few lines for context.
  const planRows = progress.length ? Math.min(planLines.length, Math.max(2, Math.floor(body / 3))) : body;
  const shownPlan = clip(planLines, planRows);
  const shownProgress = clip(progress, body - shownPlan.length, 'end');
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {fit(title, width)}
      </Text>
      {notice ? (
        <Text color="yellow" wrap="truncate">
          {fit(notice, width)}
        </Text>
      ) : null}
      {shownPlan.map((l, i) => (
        <Text key={`p${i}`} wrap="truncate" color={l.startsWith('delete pod') && l.includes('bare pod') ? 'red' : undefined}>
          {fit(`  ${l}`, width)}
        </Text>
      ))}
      {shownProgress.map((l, i) => (
        <Text key={`g${i}`} wrap="truncate" color={l.startsWith('✗') ? 'red' : l.startsWith('✓') ? 'green' : undefined}>
          {fit(l, width)}
        </Text>
      ))}
      {summary ? (
        <Text bold wrap="truncate" color={summary.ok ? 'green' : 'red'}>
          {fit(summary.message, width)}
        </Text>
      ) : null}
      <Text color="yellow" wrap="truncate">
        {fit(footer, width)}
      </Text>
    </Box>
  );
}

function footerText({ mode, lines, phase, barePods, deleteBarePods }: DownPlanViewProps): string {
  switch (phase) {
    case 'planning':
      return 'planning…';
    case 'checking':
      return 'reading the namespace again before anything is sent…';
    case 'running':
      return 'working… (waiting until no pod runs)';
    case 'done':
      return 'Esc back';
    case 'plan': {
      if (!lines.length) return 'Esc back';
      const bare = barePods && mode === 'down' ? ` · b ${deleteBarePods ? 'keep' : 'DELETE'} the ${barePods} bare pod${barePods === 1 ? '' : 's'} (now: ${deleteBarePods ? 'delete, lost for good' : 'keep'})` : '';
      return `y ${mode === 'down' ? 'shut down' : 'restore'}${bare} · Esc cancel`;
    }
  }
}
