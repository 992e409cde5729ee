// `kdash apply -f FILE|DIR|-`: server-side apply (field manager kdash) of every object in the files,
// a dry run first whose diff is printed with the server's warnings, then a question (--yes skips it,
// --dry-run stops there); conflicts with other managers are shown, and --force-conflicts takes them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { UserError } from '../kube/errors.js';
import type { Api } from '../kube/api.js';
import { applyOne, planApply, readManifests, targetName, type ApplyPlanItem, type ApplyTarget } from '../actions/applyObjects.js';
import { sanitizeCell } from '../text/sanitize.js';
import { connect, type ConnectFlags } from './connect.js';

export interface ApplyFlags extends ConnectFlags {
  filename?: string;
  dryRun?: boolean;
  yes?: boolean;
  forceConflicts?: boolean;
  color?: boolean;
}

/** The texts to apply: a file, every .yaml/.yml/.json in a directory (sorted, like kubectl), or stdin. */
export function readSources(paths: string[], stdin: () => string): Array<{ source: string; text: string }> {
  const out: Array<{ source: string; text: string }> = [];
  for (const p of paths) {
    if (p === '-') {
      out.push({ source: 'stdin', text: stdin() });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UserError(`the path "${p}" does not exist`);
    }
    if (st.isDirectory()) {
      const files = readdirSync(p).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
      if (!files.length) throw new UserError(`no .yaml, .yml or .json files in the directory "${p}"`);
      for (const f of files) out.push({ source: join(p, f), text: readFileSync(join(p, f), 'utf8') });
    } else out.push({ source: p, text: readFileSync(p, 'utf8') });
  }
  return out;
}

/** Every object of the sources, and every error naming its document. */
export function manifestsOf(sources: Array<{ source: string; text: string }>, namespace: string, explicit: boolean) {
  const targets: ApplyTarget[] = [];
  const errors: string[] = [];
  for (const s of sources) {
    const r = readManifests(s.text, s.source, namespace, explicit);
    targets.push(...r.targets);
    errors.push(...r.errors);
  }
  return { targets, errors };
}

const paint = (color: boolean, code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const SIGN: Record<string, string> = { '+': '32', '-': '31', '~': '33' };

/** The plan as text: one block per object, its changes by field path, warnings and refusals. */
export function planText(items: ApplyPlanItem[], color: boolean): string[] {
  const lines: string[] = [];
  for (const it of items) {
    const t = it.target;
    const where = t.kind.namespaced ? ` (namespace ${t.namespace})` : '';
    const state = { new: 'will be created', changed: `${it.lines.length} change${it.lines.length === 1 ? '' : 's'}`, unchanged: 'unchanged', refused: 'refused by the server', conflict: 'conflict' }[it.state];
    lines.push(`${targetName(t)}${where}: ${state}`);
    for (const l of it.lines) lines.push(paint(color, SIGN[l.sign], `  ${l.sign} ${sanitizeCell(l.text)}`));
    for (const w of it.warnings) lines.push(paint(color, '33', `  warning: ${sanitizeCell(w)}`));
    if (it.message) lines.push(paint(color, '31', `  ${sanitizeCell(it.message)}`));
    if (it.state === 'conflict') lines.push('  another manager owns these fields: --force-conflicts takes them over for kdash');
  }
  return lines;
}

async function askTty(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export interface ApplyIo {
  out(line: string): void;
  err(line: string): void;
  /** Undefined: nobody to ask (no terminal, or stdin is the file). */
  confirm?(question: string): Promise<boolean>;
  color: boolean;
}

/** Plans, shows, asks, applies. Exit codes: 0 all applied (or a dry run with no refusal), 2 nobody to ask and no --yes, 1 otherwise. */
export async function runApply(api: Api, targets: ApplyTarget[], opts: { dryRun: boolean; yes: boolean; force: boolean }, io: ApplyIo): Promise<number> {
  const items = await planApply(api, targets, opts.force);
  for (const l of planText(items, io.color)) io.out(l);
  const blocked = items.filter((i) => i.state === 'refused' || i.state === 'conflict');
  if (opts.dryRun) {
    io.out(`dry run: nothing was changed${blocked.length ? ` (${blocked.length} object${blocked.length === 1 ? '' : 's'} would fail)` : ''}`);
    return blocked.length ? 1 : 0;
  }
  if (blocked.length) {
    io.err(`kdash: nothing was applied: ${blocked.length} object${blocked.length === 1 ? ' is' : 's are'} refused or in conflict (see above)`);
    return 1;
  }
  const todo = items.filter((i) => i.state !== 'unchanged');
  if (!todo.length) {
    io.out('nothing to change');
    return 0;
  }
  if (!opts.yes) {
    if (!io.confirm) {
      io.err('kdash: apply needs --yes when it cannot ask (no terminal, or the objects come from stdin); nothing was changed');
      return 2;
    }
    if (!(await io.confirm(`apply ${todo.length} object${todo.length === 1 ? '' : 's'} as field manager kdash?`))) {
      io.out('nothing was changed');
      return 1;
    }
  }
  let failed = 0;
  for (const it of todo) {
    const r = await applyOne(api, it, opts.force);
    if (r.ok) io.out(sanitizeCell(r.message));
    else {
      failed++;
      io.err(`kdash: ${sanitizeCell(r.message)}`);
    }
  }
  return failed ? 1 : 0;
}

export async function runApplyCommand(flags: ApplyFlags): Promise<number> {
  const files = flags.filename ? [flags.filename] : [];
  if (!files.length) throw new UserError('apply needs -f FILE, -f DIR or -f - (stdin)');
  const sources = readSources(files, () => readFileSync(0, 'utf8'));
  const conn = await connect({ ...flags, allNamespaces: false });
  try {
    const { targets, errors } = manifestsOf(sources, conn.session.namespace, Boolean(flags.namespace));
    for (const e of errors) process.stderr.write(`kdash: ${sanitizeCell(e)}\n`);
    if (errors.length) {
      process.stderr.write('kdash: nothing was applied\n');
      return 1;
    }
    if (!targets.length) throw new UserError('no objects in the given files');
    const color = flags.color !== false && !process.env.NO_COLOR && Boolean(process.stdout.isTTY);
    const fromStdin = files.includes('-');
    return await runApply(
      conn.session.api,
      targets,
      { dryRun: !!flags.dryRun, yes: !!flags.yes, force: !!flags.forceConflicts },
      {
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
        confirm: process.stdin.isTTY && !fromStdin ? askTty : undefined,
        color,
      },
    );
  } finally {
    await conn.close();
  }
}
