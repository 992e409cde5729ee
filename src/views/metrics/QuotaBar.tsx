// Compact quota bars for the header: `cpu 1.2/2 ▇▇▇▇▁▁ mem 1.1/2Gi ▇▇▇▁▁▁ pods 7/20 ▇▇▁▁▁▁`,
// green below 80 %, yellow from 80 %, red at 100 % (a scale-up will be refused). Fitted to a width:
// bars go first, then the least telling resources.
import React from 'react';
import { Text } from 'ink';
import stringWidth from 'string-width';
import type { KObj } from '../../resources/types.js';
import { formatCompact, formatUsedHard } from '../../metrics/quantity.js';
import { bar, canonicalResource, headerLines, type QuotaLine, type QuotaTone } from '../../metrics/quota.js';

const LABEL: Record<string, string> = {
  'requests.cpu': 'cpu',
  'requests.memory': 'mem',
  'limits.cpu': 'lim.cpu',
  'limits.memory': 'lim.mem',
  pods: 'pods',
};
/** Dropped in this order when the width is short. */
const DROP_ORDER = ['limits.memory', 'limits.cpu', 'pods', 'requests.memory'];

export const toneColor: Record<QuotaTone, string> = { ok: 'green', warn: 'yellow', error: 'red' };

export interface QuotaSegment {
  resource: string;
  text: string;
  tone?: QuotaTone;
}


function segmentText(line: QuotaLine, withBar: boolean): string {
  const resource = canonicalResource(line.resource);
  const label = LABEL[resource] ?? resource;
  const nums = line.used === undefined ? `?/${formatCompact(line.hard, line.kind)}` : formatUsedHard(line.used, line.hard, line.kind);
  return `${label} ${nums}${withBar ? ` ${bar(line.ratio)}` : ''}`;
}

/** The header segments that fit in `width` (joined by two spaces), or [] when none fit. */
export function quotaSegments(quotas: KObj[], width: number): QuotaSegment[] {
  let lines = headerLines(quotas);
  const fits = (segs: QuotaSegment[]) => stringWidth(segs.map((s) => s.text).join('  ')) <= width;
  const build = (withBar: boolean) =>
    lines.map((l) => ({ resource: canonicalResource(l.resource), text: segmentText(l, withBar), tone: l.tone }));
  for (;;) {
    for (const withBar of [true, false]) {
      const segs = build(withBar);
      if (fits(segs)) return segs;
    }
    const drop = DROP_ORDER.find((r) => lines.some((l) => canonicalResource(l.resource) === r));
    if (!drop) return []; // only requests.cpu is left, and it does not fit either
    lines = lines.filter((l) => canonicalResource(l.resource) !== drop);
  }
}

export function QuotaBar({ quotas, width }: { quotas: KObj[]; width: number }) {
  const segs = quotaSegments(quotas, Math.max(0, Math.floor(width)));
  if (segs.length === 0) return null;
  return (
    <Text wrap="truncate">
      {segs.map((s, i) => (
        <Text key={s.resource} color={s.tone ? toneColor[s.tone] : 'gray'}>
          {(i === 0 ? '' : '  ') + s.text}
        </Text>
      ))}
    </Text>
  );
}
