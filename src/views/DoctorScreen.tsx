// The diagnosis screen: the namespace's findings (`:doctor`) or one object's (`x`), most severe first,
// each with its cause, evidence and fix, and the previous run's last log lines of a crashing container
// fetched when it shows. Live: read again every few seconds, so a fixed finding goes; a read that
// fails leaves the last findings on screen under a NOT LIVE title.
import React, { useEffect, useRef, useState } from 'react';
import { TextScreen } from './TextScreen.js';
import { useServices } from './context.js';
import { useDiagnosis } from './useDiagnosis.js';
import type { ScreenEnv } from './screens.js';
import { concerns } from '../diagnose/diagnose.js';
import { findingLines, skippedLine, summaryLine } from '../diagnose/format.js';
import { kubectlName } from '../diagnose/objects.js';
import type { Finding } from '../diagnose/types.js';
import { shortHumanDuration } from '../resources/format.js';
import { sanitizeLine } from '../text/sanitize.js';

export interface DoctorTarget {
  namespace: string;
  /** Only this object's findings (`x` on a row); the namespace's otherwise. */
  object?: { kind: string; name: string };
}

/** How many crashing containers' previous logs one screen fetches. */
const MAX_LOGS = 10;

export function DoctorScreen({ target, width, height, onBack }: { target: DoctorTarget } & ScreenEnv) {
  const { diagnosis: feed } = useServices();
  const state = useDiagnosis(target.namespace, 'screen');
  const [logs, setLogs] = useState<ReadonlyMap<string, string[]>>(new Map());
  const asked = useRef(new Set<string>());
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const d = state?.diagnosis;
  const all = d?.findings ?? [];
  const obj = target.object;
  const shown = obj ? all.filter((f) => concerns(f, obj.kind, obj.name)) : all;

  useEffect(() => {
    for (const f of shown.filter((x) => x.previousLog).slice(0, MAX_LOGS)) {
      const key = logKey(f);
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      feed.previousLog(target.namespace, f.previousLog!.pod, f.previousLog!.container).then((lines) => {
        if (mounted.current) setLogs((m) => new Map(m).set(key, lines));
      });
    }
  });

  const what = obj ? kubectlName(obj) : `namespace ${target.namespace}`;
  const lines: string[] = [];
  if (!d) {
    lines.push(state?.error ? `cannot diagnose ${what}: ${state.error}` : `diagnosing ${what}…`);
  } else {
    if (obj) lines.push(shown.length ? `${what}: ${shown.length} finding${shown.length === 1 ? '' : 's'}` : `${what}: nothing found wrong${all.length ? ` (the namespace has ${all.length}: :doctor)` : ''}`);
    else lines.push(summaryLine(d));
    for (const f of shown) {
      lines.push('');
      for (const l of findingLines(f, { log: logs.get(logKey(f)) })) lines.push(l.text);
    }
    const skipped = skippedLine(d);
    if (skipped) lines.push('', skipped);
  }
  const age = d ? shortHumanDuration(Math.max(0, Date.now() - d.at)) : '';
  const status = state?.live ? `live, read ${age} ago` : d ? `NOT LIVE, as read ${age} ago (${state?.error ?? 'reading'})` : 'reading…';
  const title = sanitizeLine(`doctor ${obj ? `${what} in ${target.namespace}` : target.namespace} — ${status}`);
  return <TextScreen title={title} text={lines.join('\n')} width={width} height={height} onBack={onBack} />;
}

const logKey = (f: Finding) => `${f.previousLog?.pod}/${f.previousLog?.container}`;
