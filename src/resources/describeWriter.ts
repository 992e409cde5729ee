// The pieces kubectl describe is made of (k8s.io/kubectl/pkg/describe): a prefix writer with
// indentation levels over a tabwriter (minwidth 0, padding 2), multi-line labels/annotations,
// and the Events table.
import type { KObj } from './types.js';
import { parseTime, sanitize, translateTimestampSince } from './format.js';
import { tabwrite } from './tabWriter.js';

export const LEVEL = ['', '  ', '    ', '      ', '        '];

export class DescribeWriter {
  private lines: string[] = [];
  /** One line at an indentation level; use '\t' between a key and its value. */
  line(level: number, text: string): void {
    // Untrusted text must not carry newlines/control characters into the layout.
    this.lines.push(LEVEL[level] + text);
  }
  /** "Key:\tvalue" at a level. */
  kv(level: number, key: string, value: string | number): void {
    this.line(level, `${key}:\t${clean(String(value))}`);
  }
  toString(): string {
    return tabwrite(this.lines.join('\n'), { minWidth: 0, padding: 2 }) + '\n';
  }
}

/** Cluster text inside one describe cell: no newlines, tabs or control characters. */
export const clean = (s: unknown) => sanitize(s === undefined || s === null ? '' : String(s));

/** describe.go printLabelsMultiline: first label on the key's line, the rest aligned under it. */
export function writeLabels(w: DescribeWriter, level: number, title: string, labels: Record<string, string> | undefined): void {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line(level, `${title}:\t<none>`);
    return;
  }
  keys.forEach((k, i) => w.line(level, `${i === 0 ? `${title}:` : ''}\t${clean(k)}=${clean(labels![k])}`));
}

/** describe.go printAnnotationsMultiline: "key: value", skipping kubectl's last-applied-configuration. */
export function writeAnnotations(w: DescribeWriter, level: number, annotations: Record<string, string> | undefined): void {
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    w.line(level, 'Annotations:\t<none>');
    return;
  }
  keys.forEach((k, i) => w.line(level, `${i === 0 ? 'Annotations:' : ''}\t${clean(k)}: ${clean(annotations![k])}`));
}

/** Events about `obj`: matched by uid, or by kind/name/namespace when the event carries no uid. */
export function eventsFor(obj: KObj, events: KObj[]): KObj[] {
  return events.filter((e) => {
    const io = e.involvedObject ?? e.regarding ?? {};
    if (io.uid && io.uid === obj.metadata.uid) return true;
    // Without a uid (or with the node name as uid, as kubelets report node events), match by reference.
    const sameRef = io.name === obj.metadata.name && (io.namespace ?? '') === (obj.metadata.namespace ?? '') && io.kind === obj.kind;
    return sameRef && (!io.uid || io.uid === obj.metadata.name);
  });
}

const lastTime = (e: KObj) => parseTime(e.series?.lastObservedTime || e.lastTimestamp || e.eventTime || e.firstTimestamp) ?? 0;

/** describe.go DescribeEvents: oldest first, "Age" with "(x4 over 10m)" for repeated events. */
export function writeEvents(w: DescribeWriter, events: KObj[], now: number): void {
  if (events.length === 0) {
    w.line(0, 'Events:\t<none>');
    return;
  }
  w.line(0, 'Events:');
  w.line(1, 'Type\tReason\tAge\tFrom\tMessage');
  w.line(1, '----\t------\t----\t----\t-------');
  const sorted = [...events].sort((a, b) => lastTime(a) - lastTime(b));
  for (const e of sorted) {
    const first = e.eventTime ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingController || e.reportingComponent || '';
    w.line(1, [e.type ?? '', e.reason ?? '', interval, source, String(e.message ?? '').trim()].map((s) => clean(String(s))).join('\t'));
  }
}

/**
 * describePod's "Terminating (lasts X)": kubectl measures from deletionTimestamp, which lies in the
 * future during the grace period (kubectl then prints "<invalid>"); we mirror it.
 */
export function lastsFor(deletionTimestamp: string, now: number): string {
  return `Terminating (lasts ${translateTimestampSince(deletionTimestamp, now)})`;
}
