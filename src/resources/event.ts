// Events (core/v1): `kubectl get events` (printers.go printEvent). The table has no leading NAME
// column; the event's name is the last wide column. The dashboard lists them newest first (k9s does;
// kubectl lists them as the server does, and `--sort-by=.lastTimestamp` is oldest first) and shows
// COUNT and FIRST SEEN, wide columns in kubectl, without `o`.
import type { KObj, ResourceKind } from './types.js';
import { parseTime, translateTimestampSince } from './format.js';

// printEvent: firstTimestamp falls back to eventTime; lastTimestamp to first; a series wins.
function firstSeen(o: KObj): string | undefined {
  return o.firstTimestamp || o.eventTime || undefined;
}
export function eventLastSeen(o: KObj): string | undefined {
  if (o.series) return o.series.lastObservedTime;
  return o.lastTimestamp || firstSeen(o);
}
export function eventCount(o: KObj): number {
  if (o.series) return o.series.count ?? 0;
  return o.count || 1; // singleton events of the new API carry no count
}
/** "pod/web-1", or just the kind when the object has no name. */
export function eventTarget(o: KObj): string {
  const io = o.involvedObject ?? {};
  const kind = String(io.kind ?? '').toLowerCase();
  return io.name ? `${kind}/${io.name}` : kind;
}
/** printers.go formatEventSource: "component, host". */
export function eventSource(o: KObj): string {
  const component = o.source?.component || o.reportingComponent || o.reportingController || '';
  const instance = o.source?.host || o.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}
const ageText = (ts: string | undefined, now: number) => translateTimestampSince(ts, now);
const ageValue = (ts: string | undefined, now: number) => {
  const t = parseTime(ts);
  return t === undefined ? -1 : Math.trunc((now - t) / 1000);
};

export const event: ResourceKind = {
  id: 'events',
  kind: 'Event',
  group: '',
  version: 'v1',
  plural: 'events',
  namespaced: true,
  aliases: ['ev', 'event', 'events'],
  columns: [
    {
      id: 'lastSeen',
      header: 'LAST SEEN',
      value: (o, ctx) => ageValue(eventLastSeen(o), ctx.now),
      text: (o, ctx) => ageText(eventLastSeen(o), ctx.now),
    },
    { id: 'type', header: 'TYPE', value: (o) => o.type ?? '', tone: (o) => (o.type === 'Warning' ? 'warn' : undefined) },
    { id: 'reason', header: 'REASON', value: (o) => o.reason ?? '' },
    { id: 'object', header: 'OBJECT', squeeze: 'last', value: (o) => eventTarget(o) },
    { id: 'subobject', header: 'SUBOBJECT', wide: true, value: (o) => o.involvedObject?.fieldPath ?? '' },
    { id: 'source', header: 'SOURCE', wide: true, value: (o) => eventSource(o) },
    { id: 'message', header: 'MESSAGE', squeeze: 'first', value: (o) => String(o.message ?? '').trim() },
    {
      id: 'firstSeen',
      header: 'FIRST SEEN',
      wide: true,
      glance: 'room',
      value: (o, ctx) => ageValue(firstSeen(o), ctx.now),
      text: (o, ctx) => ageText(firstSeen(o), ctx.now),
    },
    { id: 'count', header: 'COUNT', wide: true, glance: true, value: (o) => eventCount(o) },
    { id: 'name', header: 'NAME', wide: true, value: (o) => o.metadata.name },
  ],
  actions: ['describe', 'yaml'],
  // LAST SEEN is an age: ascending is newest first.
  defaultSort: { column: 'lastSeen', desc: false },
};
