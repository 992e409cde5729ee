// The header: who and where (context, server, user, namespace), the health of every watch (never
// stale data shown as fresh), object counts, and a slot for the quota bars.
import React from 'react';
import { Box, Text } from 'ink';
import { selectWatchSummary, type WatchSummaryEntry } from '../store/selectors.js';
import type { WatcherPhase } from '../store/types.js';
import { useClusterState, useNow, useReadonly, useServices } from './context.js';
import { sanitizeCell } from '../text/sanitize.js';

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

function entryText(e: WatchSummaryEntry, now: number): string {
  const label = phaseLabel(e.phase, now);
  const scope = e.namespace === undefined ? '' : `/${e.namespace}`;
  return `${e.kindId}${scope} ${e.phase.phase === 'forbidden' ? '—' : e.count}${label === 'live' ? '' : ` (${label})`}`;
}

/** The server as scheme://host:port: a path (some proxies put credentials there) is never shown. */
export function serverOrigin(server: string): string {
  try {
    return new URL(server).origin;
  } catch {
    return server;
  }
}

export function Header({ width, quota, namespace }: { width: number; quota?: React.ReactNode; namespace: string }) {
  const { info, store } = useServices();
  // A watcher's phase is drawn at once; object counts follow the clock tick (a batch that only
  // moves a count is not worth a frame).
  useClusterState((s) => s.watchers);
  const summary = selectWatchSummary(store.getState());
  const readonly = useReadonly();
  const now = useNow();
  const ns = namespace === '' ? 'all' : namespace;
  const line1 = `kdash │ ${info.contextName} │ ${serverOrigin(info.server)} │ user ${info.user} │ ns ${ns}${readonly ? ' │ READ-ONLY' : ''}`;
  const worst = summary.entries.find((e) => e.phase.phase === summary.health);
  const healthText =
    summary.health === 'none' ? '' : `● ${worst ? phaseLabel(worst.phase, now) : summary.health}`;
  // When data is not live, say why (the server's or the network's own words), once.
  const why = worst && (worst.phase.phase === 'stale' || worst.phase.phase === 'reconnecting') ? worst.phase.lastError : undefined;
  const kinds = (why ? `${sanitizeCell(why)} · ` : '') + summary.entries.map((e) => entryText(e, now)).join('  ');
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate" bold>
            {sanitizeCell(line1)}
          </Text>
        </Box>
        <Text color={healthColor[summary.health]}>{' ' + healthText}</Text>
      </Box>
      <Box width={width}>
        <Box flexShrink={1} flexGrow={1}>
          <Text wrap="truncate" dimColor>
            {kinds || ' '}
          </Text>
        </Box>
        {quota}
      </Box>
      {info.notes.length > 0 && (
        <Text wrap="truncate" color="gray">
          {info.notes.join(' · ')}
        </Text>
      )}
    </Box>
  );
}
