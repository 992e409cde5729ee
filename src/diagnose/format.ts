// A finding as lines of text, for the CLI and the dashboard's diagnosis screen alike. Everything that
// came from the cluster (names, messages, log lines) passes sanitizeLine here, before any terminal.
import { sanitizeLine } from '../text/sanitize.js';
import { kubectlName } from './objects.js';
import type { Diagnosis, Finding, Severity } from './types.js';
import { skippedRules } from './diagnose.js';
import type { NamespaceSnapshot } from './types.js';

export type LineTone = 'error' | 'warn' | 'info' | 'dim' | 'fix' | 'plain' | 'title';

export interface DoctorLine {
  text: string;
  tone: LineTone;
}

export const SEVERITY_TONE: Record<Severity, LineTone> = { error: 'error', warning: 'warn', info: 'info' };
const SEVERITY_WORD: Record<Severity, string> = { error: 'ERROR', warning: 'WARN', info: 'INFO' };

const clean = (s: string) => sanitizeLine(s);

/** `ERROR deploy/web (pods web-1, web-2): cause` then evidence, log and fixes, indented. */
export function findingLines(f: Finding, opts: { log?: string[] } = {}): DoctorLine[] {
  const seen = f.seenOn?.filter((o) => !(o.kind === f.object.kind && o.name === f.object.name)) ?? [];
  const on = seen.length ? ` (${seen.length === 1 ? `pod ${seen[0].name}` : `${seen.length} pods: ${seen.slice(0, 3).map((o) => o.name).join(', ')}${seen.length > 3 ? ', …' : ''}`})` : '';
  const out: DoctorLine[] = [{ text: clean(`${SEVERITY_WORD[f.severity]} ${kubectlName(f.object)}${on} [${f.rule}]`), tone: SEVERITY_TONE[f.severity] }];
  out.push({ text: clean(`  ${f.cause}`), tone: 'plain' });
  for (const e of f.evidence) out.push({ text: clean(`    ${e}`), tone: 'dim' });
  if (opts.log?.length) {
    out.push({ text: clean(`    last lines of ${f.previousLog?.container}'s previous run:`), tone: 'dim' });
    for (const l of opts.log) out.push({ text: `      │ ${clean(l)}`, tone: 'dim' });
  }
  for (const x of f.fix) {
    const key = x.key ? ` [key ${x.key}]` : '';
    out.push({ text: clean(`  fix: ${x.text}${key}`), tone: 'fix' });
    if (x.command) out.push({ text: clean(`    $ ${x.command}`), tone: 'fix' });
  }
  return out;
}

/** What could not be checked, in one line (the footer of the diagnosis). */
export function skippedLine(d: Pick<Diagnosis, 'skipped'>): string | undefined {
  if (!d.skipped.length) return undefined;
  const rules = skippedRules({ skipped: d.skipped } as NamespaceSnapshot).map((r) => r.rule);
  return clean(`not checked: ${d.skipped.map((s) => `${s.kind} (${s.reason})`).join('; ')}${rules.length ? ` — rules skipped: ${rules.join(', ')}` : ''}`);
}

export function summaryLine(d: Diagnosis): string {
  const n = (s: Severity) => d.findings.filter((f) => f.severity === s).length;
  if (!d.findings.length) return clean(`namespace ${d.namespace}: nothing found broken`);
  const parts = [['error', 'errors'], ['warning', 'warnings'], ['info', 'notes']] as const;
  return clean(`namespace ${d.namespace}: ${parts.map(([s, w]) => [n(s), w] as const).filter(([c]) => c).map(([c, w]) => `${c} ${c === 1 ? w.slice(0, -1) : w}`).join(', ')}`);
}
