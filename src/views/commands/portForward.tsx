// F (shift-f) on a pod, service or workload: a prompt prefilled with its first port (`8080:80`), then a
// forward on the session's address that follows the target's ready pods. `:pf` lists the forwards
// (local address, target, the pod it goes to now, bytes, connections, state) and stops them.
import React, { useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import { offeredPorts, parseMapping, prefillMapping, targetLabel } from '../../streams/podTargets.js';
import type { ForwardInfo } from '../../streams/portForward.js';
import { sanitizeCell } from '../../text/sanitize.js';
import { truncateColumns } from '../../text/ansiText.js';
import { useNow, useServices } from '../context.js';
import { useKeys } from '../input.js';
import type { ScreenEnv, ViewScreen } from '../screens.js';
import { rowTarget } from './podPick.js';
import type { Command } from './types.js';

export const portForward: Command = {
  id: 'portForward',
  keys: ['F'],
  title: 'port-forward',
  views: ['table'],
  action: 'portForward',
  permission: { verb: 'create', resource: 'pods', group: '', subresource: 'portforward' },
  dangerous: true,
  hint: true,
  run: ({ app, table }) => {
    const target = rowTarget(app, table);
    const row = table?.selected;
    if (!target || !row || !table) return false;
    const ports = offeredPorts(table.kind.id, row);
    const label = targetLabel(target);
    const service = target.kind === 'service' ? row : undefined;
    app.prompt({
      title: `port-forward ${label}${ports.length ? ` — its ports: ${ports.join(', ')}` : ''} (local 0 or empty: any free port)`,
      label: 'LOCAL:REMOTE ',
      initial: ports.length ? prefillMapping(ports[0]) : '',
      onSubmit: (text) => {
        const m = parseMapping(text);
        if ('error' in m) return m.error;
        if (service && !(service.spec?.ports ?? []).some((p: any) => p.port === m.remote || p.name === m.remote)) {
          return `service ${row.metadata.name} has no port ${m.remote} (its ports: ${ports.join(', ') || 'none'})`;
        }
        app.guard(async () => {
          const info = await app.ports.ops.forwards.start(target, m, service);
          app.say(`forwarding ${info.local} → ${info.target}${info.pod ? ` (pod ${info.pod})` : ''} · :pf lists forwards`, 'ok');
        });
      },
    });
  },
};

export const forwardsScreen = (): ViewScreen => ({ type: 'view', keys: 'text', crumb: 'port-forwards', render: (env) => <ForwardsScreen {...env} /> });

export const forwards: Command = {
  id: 'forwards',
  keys: [],
  title: 'port forwards of this session',
  views: ['any'],
  line: { names: ['pf', 'portforwards'], help: 'active port forwards (x stops one)' },
  run: ({ app }) => app.push(forwardsScreen()),
};

const bytes = (n: number) => (n < 1024 ? `${n}B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)}K` : `${(n / (1 << 20)).toFixed(1)}M`);

/** The table's lines: a header, then one row per forward (pure, for tests). */
export function forwardRows(list: ForwardInfo[]): string[] {
  const cells = list.map((f) => [f.local, f.target, f.pod ?? '—', f.state, `${f.open}/${f.total}`, `${bytes(f.bytesIn)}/${bytes(f.bytesOut)}`]);
  const head = ['LOCAL', 'TARGET', 'POD', 'STATE', 'CONN', 'IN/OUT'];
  const all = [head, ...cells].map((r) => r.map((c) => sanitizeCell(c)));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
}

function ForwardsScreen({ width, height, onBack, say }: ScreenEnv) {
  const { ops } = useServices();
  const reg = ops.forwards;
  useSyncExternalStore(reg.subscribe, () => reg.list().map((f) => `${f.id}${f.state}${f.pod}${f.note}`).join('|'));
  useNow(1000); // bytes and connections move without an event
  const list = reg.list();
  const [cursor, setCursor] = useState(0);
  const at = Math.min(cursor, Math.max(0, list.length - 1));
  useKeys(
    (input, key) => {
      if (key.escape) return onBack(), true;
      if (input === 'j' || key.downArrow) return setCursor(Math.min(list.length - 1, at + 1)), true;
      if (input === 'k' || key.upArrow) return setCursor(Math.max(0, at - 1)), true;
      if (input === 'x' || (key.ctrl && input === 'd')) {
        const f = list[at];
        if (f) void reg.stop(f.id).then(() => say(`stopped the forward ${f.local} → ${f.target}`, 'ok'));
        return true;
      }
      return false;
    },
    { priority: 'screen' },
  );
  const rows = forwardRows(list);
  const body = list.length ? rows : ['no port forwards: F on a pod, service or workload starts one'];
  // The selected forward's last word (a switch of pod, a refused connection), whole, under the table.
  const note = list[at]?.note ? wrapText(`last: ${sanitizeCell(list[at].note!)}`, width) : [];
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncateColumns(`port-forwards (${list.length}) — x or ctrl-d stops the selected one, esc goes back`, width)}</Text>
      {body.slice(0, Math.max(0, height - 1 - note.length)).map((r, i) => (
        <Text key={i} wrap="truncate" bold={list.length > 0 && i === 0} color={list.length > 0 && i === at + 1 ? 'cyan' : undefined}>
          {truncateColumns(`${list.length > 0 && i === at + 1 ? '>' : ' '} ${r}`, width)}
        </Text>
      ))}
      {note.map((l, i) => (
        <Text key={`n${i}`} color="gray">
          {l}
        </Text>
      ))}
    </Box>
  );
}

/** Cuts a line into rows of `width` columns (the note is plain text). */
function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length && out.length < 3; i += Math.max(1, width)) out.push(text.slice(i, i + Math.max(1, width)));
  return out;
}
