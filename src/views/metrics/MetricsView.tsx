// `m` on a pod, workload or node (and `:metrics` for the namespace): CPU and memory over the last
// samples, as line charts sized to the screen. A workload gets one line per pod, with a legend in
// the same colours. Redraws on every new sample and on resize (new width/height props).
import React, { useMemo, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { historyKey, type MetricsHistory, type Series } from '../../metrics/history.js';
import { formatBytes, formatCpuMilli } from '../../metrics/quantity.js';
import { sanitizeCell } from '../../text/sanitize.js';
import { useKeys } from '../input.js';
import { commandFor, keyName } from '../keymap.js';
import { screenKeys } from '../commands/navigation.js';
import { chartLines, PALETTE } from './chart.js';

export interface MetricsTarget {
  kind: 'pod' | 'workload' | 'node' | 'namespace';
  namespace?: string;
  name: string;
}

export interface MetricsViewProps {
  target: MetricsTarget;
  history: MetricsHistory;
  width: number;
  height: number;
  onBack(): void;
  /** false for --no-color / NO_COLOR: the chart lines carry no colour codes. */
  color?: boolean;
  /** Shown instead of "waiting" when there will be no samples (e.g. the metrics API is absent). */
  note?: string;
}

interface Plot {
  /** Legend entries (workload pods), in series order. */
  names: string[];
  cpu: number[][];
  mem: number[][];
  samples: number;
  /** ms between the first and the last sample. */
  spanMs: number;
  last?: { cpuMilli: number; memBytes: number };
}

/** Puts each pod's samples on the workload's timeline; 0 where the pod did not exist yet / any more. */
function onTimeline(t: number[], pod: Series): { cpu: number[]; mem: number[] } {
  const at = new Map<number, number>();
  pod.t.forEach((time, i) => at.set(time, i));
  const cpu = t.map((time) => (at.has(time) ? pod.cpuMilli[at.get(time)!] : 0));
  const mem = t.map((time) => (at.has(time) ? pod.memBytes[at.get(time)!] : 0));
  return { cpu, mem };
}

function buildPlot(target: MetricsTarget, history: MetricsHistory): Plot {
  const key = historyKey(target);
  const main = history.series(key);
  const n = main.t.length;
  const last = n > 0 ? { cpuMilli: main.cpuMilli[n - 1], memBytes: main.memBytes[n - 1] } : undefined;
  const spanMs = n > 1 ? main.t[n - 1] - main.t[0] : 0;
  const pods = target.kind === 'workload' ? history.podsOf(key) : [];
  if (pods.length === 0) return { names: [], cpu: [main.cpuMilli], mem: [main.memBytes], samples: n, spanMs, last };
  const names: string[] = [];
  const cpu: number[][] = [];
  const mem: number[][] = [];
  for (const podKey of pods) {
    const s = onTimeline(main.t, history.series(podKey));
    names.push(podKey.slice(podKey.indexOf('/') + 1));
    cpu.push(s.cpu);
    mem.push(s.mem);
  }
  return { names, cpu, mem, samples: n, spanMs, last };
}

function spanText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s <= 0) return '';
  return s < 120 ? ` over ${s}s` : ` over ${Math.round(s / 60)}m`;
}

function titleOf(target: MetricsTarget): string {
  const where = target.kind === 'pod' || target.kind === 'workload' ? `${target.namespace ?? ''}/${target.name}` : target.name;
  return `Metrics: ${target.kind} ${where}`;
}

export function MetricsView({ target, history, width, height, onBack, color = true, note }: MetricsViewProps) {
  const version = useSyncExternalStore(
    (fn) => history.subscribe(fn),
    () => history.version,
    () => history.version,
  );
  useKeys(
    (input, key) => {
      if (commandFor(screenKeys, keyName(input, key), { view: 'text', readonly: true })?.id !== 'back') return false;
      onBack();
      return true;
    },
    { priority: 'screen' },
  );

  const plot = useMemo(
    () => buildPlot(target, history),
    // version is the history's change signal: the series are read again when it moves
    [target.kind, target.namespace, target.name, history, version],
  );

  const w = Math.max(1, Math.floor(width));
  const h = Math.max(1, Math.floor(height));
  const now = plot.last ? `  now CPU ${formatCpuMilli(plot.last.cpuMilli)}  MEM ${formatBytes(plot.last.memBytes)}` : '';
  const title = `${sanitizeCell(titleOf(target))}  ·  ${plot.samples} sample${plot.samples === 1 ? '' : 's'}${spanText(plot.spanMs)}${now}  ·  esc back`;
  const legend = plot.names.length > 0;
  const fixed = 1 + (legend ? 1 : 0) + 2; // title, legend, two chart captions
  const chartRows = h - fixed;
  const cpuRows = Math.floor(chartRows / 2);
  const memRows = chartRows - cpuRows;

  const lines = useMemo(
    () => ({
      cpu: chartLines(plot.cpu, { width: w, height: cpuRows, unit: 'cpu', color }),
      mem: chartLines(plot.mem, { width: w, height: memRows, unit: 'memory', color }),
    }),
    [plot, w, cpuRows, memRows, color],
  );

  if (h < 2) return <Text wrap="truncate">{title}</Text>;
  let message: string | undefined;
  if (plot.samples === 0) {
    message =
      note ??
      (version === 0 ? 'waiting for the first metrics sample…' : `no usage reported for this ${target.kind} yet (no running pods with metrics)`);
  }
  else if (cpuRows < 2 || lines.cpu.length === 0) message = 'the terminal is too small for charts';
  if (message) {
    return (
      <Box flexDirection="column" width={w}>
        <Text wrap="truncate" bold>
          {title}
        </Text>
        <Text wrap="truncate" dimColor>
          {message}
        </Text>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={w}>
      <Text wrap="truncate" bold>
        {title}
      </Text>
      {legend && <Legend names={plot.names} width={w} color={color} />}
      <Text wrap="truncate" dimColor>
        CPU (millicores)
      </Text>
      {lines.cpu.map((line, i) => (
        <Text key={`c${i}`} wrap="truncate">
          {line}
        </Text>
      ))}
      <Text wrap="truncate" dimColor>
        Memory
      </Text>
      {lines.mem.map((line, i) => (
        <Text key={`m${i}`} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}

/** "━ pod-a  ━ pod-b …" in the series' colours, cut to the width. */
function Legend({ names, width, color }: { names: string[]; width: number; color: boolean }) {
  const parts: Array<{ text: string; color?: string }> = [];
  let used = 0;
  for (let i = 0; i < names.length; i++) {
    const text = `${i === 0 ? '' : '  '}━ ${sanitizeCell(names[i])}`;
    if (used + stringWidth(text) > width) {
      const more = `  +${names.length - i}`;
      if (used + more.length <= width) parts.push({ text: more });
      break;
    }
    parts.push({ text, color: color ? PALETTE[i % PALETTE.length].ink : undefined });
    used += stringWidth(text);
  }
  return (
    <Text wrap="truncate">
      {parts.map((p, i) => (
        <Text key={i} color={p.color}>
          {p.text}
        </Text>
      ))}
    </Text>
  );
}
