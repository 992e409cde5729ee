// core/v1 Events as the real components record them, through client-go's EventCorrelator: repeats of
// the same (object, reason, message) are one Event with a growing count (EventLogger), and once an
// object has had 10 distinct messages for one source/type/reason within 10 minutes, the rest are
// folded into one "(combined from similar events): <latest>" Event (EventAggregator). Bounded by a
// per-namespace cap and a TTL (kube-apiserver's --event-ttl defaults to 1h).
import type { ClusterStore, KubeObject, SimClock } from '../types.js';
import { isoTime, microTime } from './util.js';
import { atTime } from '../clock.js';

export type EventType = 'Normal' | 'Warning';

export interface EmitOptions {
  fieldPath?: string;
  /** Node name for kubelet events (source.host). */
  host?: string;
  /** Back-date an event (scenarios building a settled history). */
  at?: number;
}

interface Tracked {
  name: string;
  namespace: string;
  count: number;
  last: number;
}

/** events_cache.go defaultAggregateMaxEvents and defaultAggregateIntervalInSeconds. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;

export class EventRecorder {
  private readonly byKey = new Map<string, Tracked>();
  /** EventAggregator records: the distinct messages seen per similar-event key, and when last seen. */
  private readonly similar = new Map<string, { messages: Set<string>; last: number }>();
  /** Insertion-ordered names per namespace: the oldest go first when the cap is reached. */
  private readonly fifo = new Map<string, Map<string, string>>(); // ns → name → aggregation key
  private seq = 0;

  constructor(
    private readonly store: ClusterStore,
    private readonly clock: SimClock,
    private readonly opts: { maxPerNamespace?: number; ttlMs?: number; enabled?: () => boolean } = {},
  ) {}

  emit(obj: KubeObject, type: EventType, reason: string, message: string, component: string, o: EmitOptions = {}): void {
    if (this.opts.enabled && !this.opts.enabled()) return;
    const md = obj.metadata;
    const namespace = md.namespace || 'default';
    const at = o.at ?? this.clock.now();
    // EventAggregatorByReasonFunc: similar events share all but the message (and the field path).
    const aggregateKey = [component, o.host ?? '', obj.kind, md.namespace ?? '', md.name, md.uid, obj.apiVersion, type, reason].join('|');
    let record = this.similar.get(aggregateKey);
    if (!record || at - record.last > AGGREGATE_INTERVAL_MS) this.similar.set(aggregateKey, (record = { messages: new Set(), last: at }));
    record.messages.add(message);
    record.last = at;
    const combined = record.messages.size >= AGGREGATE_MAX_EVENTS;
    if (combined) message = `(combined from similar events): ${message}`;
    // The combined event is then deduplicated by the aggregate key, so later ones update its message.
    const key = combined ? `combined|${aggregateKey}` : `${md.uid}|${o.fieldPath ?? ''}|${reason}|${message}|${component}|${type}`;
    const prior = this.byKey.get(key);
    if (prior) {
      const updated = this.store.mutate('events', prior.namespace, prior.name, (ev) => {
        ev.count = (ev.count ?? 1) + 1;
        ev.message = message;
        ev.lastTimestamp = isoTime(at);
        ev.series = { count: ev.count, lastObservedTime: microTime(at) };
        return ev;
      });
      if (updated) {
        prior.count++;
        prior.last = at;
        return;
      }
      this.forget(prior.namespace, prior.name);
    }
    // Event names are "<object>.<unique hex>", as client-go makes them.
    const name = `${md.name}.${Math.floor(at).toString(16)}${(this.seq++ % 0x100000).toString(16).padStart(5, '0')}`;
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        kind: obj.kind,
        namespace: md.namespace,
        name: md.name,
        uid: md.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: md.resourceVersion,
        ...(o.fieldPath ? { fieldPath: o.fieldPath } : {}),
      },
      reason,
      message,
      source: { component, ...(o.host ? { host: o.host } : {}) },
      firstTimestamp: isoTime(at),
      lastTimestamp: isoTime(at),
      eventTime: microTime(at),
      count: 1,
      type,
      reportingComponent: component,
      reportingInstance: o.host ?? `${component}-sim`,
    };
    try {
      // An event recorded with its own time (a scenario's past) was created then, as on a real server.
      if (o.at !== undefined && o.at < this.clock.now()) atTime(this.clock, o.at, () => this.store.create('events', ev));
      else this.store.create('events', ev);
    } catch {
      return; // name clash: drop, events are best-effort in kube too
    }
    this.byKey.set(key, { name, namespace, count: 1, last: at });
    let q = this.fifo.get(namespace);
    if (!q) this.fifo.set(namespace, (q = new Map()));
    q.set(name, key);
    const cap = this.opts.maxPerNamespace ?? 1000;
    while (q.size > cap) {
      const [oldest, k] = q.entries().next().value as [string, string];
      q.delete(oldest);
      this.byKey.delete(k);
      this.store.remove('events', namespace, oldest);
    }
  }

  /** Drops events not seen for the TTL (called periodically). */
  sweep(): void {
    for (const [k, r] of this.similar) if (this.clock.now() - r.last > AGGREGATE_INTERVAL_MS) this.similar.delete(k);
    const cutoff = this.clock.now() - (this.opts.ttlMs ?? 3_600_000);
    for (const [ns, q] of this.fifo) {
      for (const [name, key] of q) {
        const t = this.byKey.get(key);
        if (t && t.last > cutoff) continue;
        q.delete(name);
        this.byKey.delete(key);
        this.store.remove('events', ns, name);
      }
    }
  }

  private forget(ns: string, name: string): void {
    const q = this.fifo.get(ns);
    const k = q?.get(name);
    if (k) this.byKey.delete(k);
    q?.delete(name);
  }
}
