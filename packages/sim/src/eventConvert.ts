// core/v1 Event and events.k8s.io/v1 Event are one stored object in kube-apiserver, served in two
// shapes. The store keeps the core shape; these convert on the way in and out (field mapping as in
// k8s.io/kubernetes pkg/apis/events/v1 conversion).
import type { KubeObject } from './types.js';

export const EVENTS_CORE = 'events';
export const EVENTS_NEW = 'events.events.k8s.io';

/** core/v1 Event → events.k8s.io/v1 Event. */
export function toEventsV1(ev: KubeObject): KubeObject {
  const out: KubeObject = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: ev.metadata,
    eventTime: ev.eventTime ?? null,
    reason: ev.reason,
    note: ev.message,
    type: ev.type,
    regarding: ev.involvedObject,
    reportingController: ev.reportingComponent || ev.source?.component || undefined,
    reportingInstance: ev.reportingInstance || ev.source?.host || undefined,
    action: ev.action,
    related: ev.related,
    deprecatedSource: ev.source,
    deprecatedFirstTimestamp: ev.firstTimestamp,
    deprecatedLastTimestamp: ev.lastTimestamp,
    deprecatedCount: ev.count,
  };
  if (ev.series) out.series = { count: ev.series.count, lastObservedTime: ev.series.lastObservedTime };
  return dropUndefined(out);
}

/** events.k8s.io/v1 Event → core/v1 Event. */
export function toCoreEvent(ev: KubeObject): KubeObject {
  const out: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: ev.metadata,
    involvedObject: ev.regarding ?? {},
    reason: ev.reason,
    message: ev.note,
    type: ev.type,
    eventTime: ev.eventTime,
    source: ev.deprecatedSource ?? (ev.reportingController ? { component: ev.reportingController, host: ev.reportingInstance } : undefined),
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
    action: ev.action,
    related: ev.related,
    reportingComponent: ev.reportingController ?? '',
    reportingInstance: ev.reportingInstance ?? '',
  };
  if (ev.series) out.series = { count: ev.series.count, lastObservedTime: ev.series.lastObservedTime };
  return dropUndefined(out);
}

function dropUndefined(o: KubeObject): KubeObject {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
