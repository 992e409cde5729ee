// The header: who and where (context, server, user, namespace), the health of every watch (never
// stale data shown as fresh), object counts and the quota bars, laid out by headerLayout.ts.
import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { selectObjects, selectWatchSummary, type WatchSummaryEntry } from '../store/selectors.js';
import type { WatcherPhase } from '../store/types.js';
import { keyOf } from '../store/keys.js';
import { useClusterState, useClock, useReadonly, useServices, useWatch } from './context.js';
import { sanitizeCell } from '../text/sanitize.js';
import { serverOrigin } from '../kube/errors.js';
import { headerLine1, headerLine2, headerNote, type HeaderFacts, type QuotaFit, type Span } from './headerLayout.js';
import { quotaSegments, toneColor as quotaTone } from './metrics/QuotaBar.js';

const healthColor: Record<string, string> = {
  live: 'green',
  syncing: 'yellow',
  reconnecting: 'yellow',
  stale: 'red',
  forbidden: 'gray',
  none: 'gray',
};

export function phaseLabel(p: WatcherPhase, now: number): string {
  switch (p.phase) {
    case 'live':
      return 'live';
    case 'syncing':
      return 'syncing';
    case 'reconnecting':
      return `reconnecting ${p.attempt}`;
    case 'stale':
      return `stale ${Math.max(0, Math.round((now - p.since) / 1000))}s`;
    case 'forbidden':
      return 'forbidden';
    case 'stopped':
      return 'stopped';
  }
}

/**
 * The quota bars of the namespace in view, as spans fitted to a width. With all namespaces in view
 * the quota is still the student's own namespace's, and says so.
 */
function useQuotaFit(namespace: string, own: string): QuotaFit {
  const ns = namespace || own;
  useWatch(ns ? 'resourcequotas' : undefined, ns);
  const quotas = useClusterState((s) => (ns ? selectObjects(s, keyOf('resourcequotas', ns)) : undefined));
  const prefix = namespace === ns ? '' : `${sanitizeCell(ns)}: `;
  return (width) => {
    if (!quotas || quotas.length === 0) return [];
    const segs = quotaSegments(quotas, width - stringWidth(prefix));
    if (segs.length === 0) return [];
    const spans = segs.map((q, i) => ({ text: (i === 0 ? '' : '  ') + q.text, color: q.tone ? quotaTone[q.tone] : 'gray' }));
    return prefix ? [{ text: prefix, color: 'gray' }, ...spans] : spans;
  };
}

/** A counter entry: the namespace is left out when it is the one the header names. */
function entryText(e: WatchSummaryEntry, now: number, namespace: string): string {
  const label = phaseLabel(e.phase, now);
  const scope = e.namespace === undefined || e.namespace === namespace ? '' : `/${e.namespace || 'all'}`;
  return `${e.kindId}${scope} ${e.phase.phase === 'forbidden' ? '—' : e.count}${label === 'live' ? '' : ` (${label})`}`;
}

/** The header's words that change with the store or the clock. */
function headerWords(summary: ReturnType<typeof selectWatchSummary>, now: number, namespace: string): string {
  return summary.entries.map((e) => entryText(e, now, namespace)).join('\n');
}

export function Header({ width, namespace }: { width: number; namespace: string }) {
  const { info, store } = useServices();
  // A watcher's phase is drawn at once; object counts follow the clock tick (a batch that only
  // moves a count is not worth a frame).
  useClusterState((s) => s.watchers);
  // The tick redraws the header only when its words move (a count, seconds of staleness).
  const drawnWords = useRef('');
  const now = useClock((t) => headerWords(selectWatchSummary(store.getState()), t, namespace) !== drawnWords.current);
  const summary = selectWatchSummary(store.getState());
  drawnWords.current = headerWords(summary, now, namespace);
  const readonly = useReadonly();
  const quota = useQuotaFit(namespace, info.namespace);
  const worst = summary.entries.find((e) => e.phase.phase === summary.health);
  // When data is not live, say why (the server's or the network's own words), once.
  const why = worst && (worst.phase.phase === 'stale' || worst.phase.phase === 'reconnecting') ? worst.phase.lastError : undefined;
  const facts: HeaderFacts = {
    context: sanitizeCell(info.contextName),
    server: sanitizeCell(serverOrigin(info.server)),
    user: sanitizeCell(info.user),
    namespace: namespace === '' ? 'all' : sanitizeCell(namespace),
    readonly,
    health: summary.health === 'none' ? undefined : { text: `● ${worst ? phaseLabel(worst.phase, now) : summary.health}`, color: healthColor[summary.health] },
    counters: summary.entries.map((e) => sanitizeCell(entryText(e, now, namespace))),
    why: why ? sanitizeCell(why) : undefined,
  };
  return (
    <Box flexDirection="column" width={width}>
      <Line spans={headerLine1(facts, width)} />
      <Line spans={headerLine2(facts, width, quota)} />
      {info.notes.length > 0 && <Text color="gray">{headerNote(sanitizeCell(info.notes.join(' · ')), width)}</Text>}
    </Box>
  );
}

/** One header line: spans already fitted to the width, so Ink has nothing to wrap or cut. */
function Line({ spans }: { spans: Span[] }) {
  return (
    <Text wrap="truncate">
      {spans.map((s, i) => (
        <Text key={i} color={s.color} bold={s.style === 'bold'} dimColor={s.style === 'dim'}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
