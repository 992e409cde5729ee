// `kdash doctor`: one namespace's findings printed for a person (text) or a script (-o json), with the
// previous run's last log lines of crashing containers. Exit code 0: nothing found; 1: findings.
import type { Api } from '../kube/api.js';
import { diagnoseLive, previousLogLines, type SnapshotOptions } from './snapshot.js';
import { findingLines, skippedLine, summaryLine } from './format.js';
import type { Diagnosis } from './types.js';

export interface DoctorArgs {
  namespace: string;
  output: 'text' | 'json';
  /** Previous-run log lines per crashing container (0: none fetched). */
  logLines?: number;
}

/** At most this many containers' previous logs are fetched: one request each. */
const MAX_LOGS = 10;

/** JSON with every character a terminal could act on escaped (\u001b, bidi controls …): the output is pasted and piped. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function runDoctor(api: Api, args: DoctorArgs, out: NodeJS.WritableStream, opts: SnapshotOptions = {}): Promise<number> {
  const d: Diagnosis = await diagnoseLive(api.objects, args.namespace, opts);
  const logs = new Map<number, string[]>();
  const want = args.logLines ?? 5;
  if (want > 0) {
    const jobs = d.findings.map((f, i) => [f, i] as const).filter(([f]) => f.previousLog).slice(0, MAX_LOGS);
    await Promise.all(jobs.map(async ([f, i]) => logs.set(i, await previousLogLines(api.kc, args.namespace, f.previousLog!.pod, f.previousLog!.container, want))));
  }
  if (args.output === 'json') {
    const findings = d.findings.map((f, i) => ({ ...f, ...(logs.get(i)?.length ? { previousLogLines: logs.get(i) } : {}) }));
    out.write(`${safeJson({ namespace: d.namespace, at: new Date(d.at).toISOString(), findings, skipped: d.skipped })}\n`);
  } else {
    out.write(`${summaryLine(d)}\n`);
    for (const [i, f] of d.findings.entries()) {
      out.write('\n');
      for (const l of findingLines(f, { log: logs.get(i) })) out.write(`${l.text}\n`);
    }
    const skipped = skippedLine(d);
    if (skipped) out.write(`\n${skipped}\n`);
  }
  return d.findings.length ? 1 : 0;
}
