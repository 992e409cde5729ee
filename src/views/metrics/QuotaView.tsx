// The `:quota` view: every line of every ResourceQuota in the namespace (NAME, RESOURCE, USED, HARD, %),
// coloured like the header bars. "used" is the quota's own count, so it works without metrics.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { KObj } from '../../resources/types.js';
import { quotaLines, type QuotaLine } from '../../metrics/quota.js';
import { sanitizeCell } from '../../text/sanitize.js';
import { useKeys } from '../input.js';
import { commandFor, keyName } from '../keymap.js';
import { screenKeys } from '../commands/navigation.js';
import { toneColor } from './QuotaBar.js';

export interface QuotaViewProps {
  quotas: KObj[];
  width: number;
  height: number;
  onBack(): void;
  namespace?: string;
  /** Set when the quota list is forbidden or unavailable; shown calmly instead of the table. */
  note?: string;
}

const HEADERS = ['NAME', 'RESOURCE', 'USED', 'HARD', '%'] as const;

function percentText(line: QuotaLine): string {
  if (line.ratio === undefined) return 'n/a';
  if (!Number.isFinite(line.ratio)) return '∞';
  return `${Math.round(line.ratio * 100)}%`;
}

export function quotaRows(quotas: KObj[]): Array<{ cells: string[]; line: QuotaLine }> {
  return quotaLines(quotas).map((line) => ({
    line,
    cells: [sanitizeCell(line.quota), sanitizeCell(line.resource), line.usedText, line.hardText, percentText(line)],
  }));
}

/** Pads (or cuts) to exactly `w` columns, measuring real width. */
function fit(s: string, w: number, right = false): string {
  let out = s;
  while (stringWidth(out) > w) out = out.slice(0, -1);
  const pad = ' '.repeat(Math.max(0, w - stringWidth(out)));
  return right ? pad + out : out + pad;
}

export function QuotaView({ quotas, width, height, onBack, namespace, note }: QuotaViewProps) {
  const rows = quotaRows(quotas);
  const body = Math.max(1, height - 2); // title + column headers
  const [top, setTop] = useState(0);
  const maxTop = Math.max(0, rows.length - body);
  const first = Math.min(top, maxTop);

  useKeys(
    (input, key) => {
      const cmd = commandFor(screenKeys, keyName(input, key), { view: 'text', readonly: true })?.id;
      const move = (n: number) => setTop(Math.max(0, Math.min(maxTop, n)));
      switch (cmd) {
        case 'back':
          onBack();
          return true;
        case 'up':
          return move(first - 1), true;
        case 'down':
          return move(first + 1), true;
        case 'pageUp':
          return move(first - body), true;
        case 'pageDown':
          return move(first + body), true;
        case 'top':
          return move(0), true;
        case 'bottom':
          return move(maxTop), true;
        default:
          return false;
      }
    },
    { priority: 'screen' },
  );

  const title = `ResourceQuota${namespace ? ` · ns ${sanitizeCell(namespace)}` : ''} · ${rows.length} line${rows.length === 1 ? '' : 's'} · esc back`;
  if (note || rows.length === 0) {
    return (
      <Box flexDirection="column" width={width}>
        <Text wrap="truncate" bold>
          {title}
        </Text>
        <Text wrap="truncate" dimColor>
          {note ?? 'No ResourceQuota in this namespace: nothing limits what it may request.'}
        </Text>
      </Box>
    );
  }

  const widths = HEADERS.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r.cells[i]))));
  // The numbers must stay whole; NAME and RESOURCE give way on narrow terminals.
  const gaps = 2 * (HEADERS.length - 1);
  let over = widths.reduce((a, b) => a + b, 0) + gaps - width;
  for (const i of [0, 1]) {
    if (over <= 0) break;
    const cut = Math.min(over, widths[i] - 4);
    if (cut > 0) {
      widths[i] -= cut;
      over -= cut;
    }
  }
  const render = (cells: readonly string[]) => cells.map((c, i) => fit(c, widths[i], i >= 2)).join('  ');

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" bold>
        {title}
      </Text>
      <Text wrap="truncate" dimColor>
        {render(HEADERS)}
      </Text>
      {rows.slice(first, first + body).map((r) => (
        <Text key={`${r.line.namespace ?? ""}/${r.line.quota}/${r.line.resource}`} wrap="truncate" color={r.line.tone ? toneColor[r.line.tone] : undefined}>
          {render(r.cells)}
        </Text>
      ))}
    </Box>
  );
}
