// ctrl-s in the log view: the held lines to NAMESPACE-NAME-YYYYMMDD-HHMMSS.log in the dumps directory
// (see dumpDir), never overwriting a file, with a one-line error otherwise.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeError } from '../kube/errors.js';
import { formatPlain, type PlainFormat } from './formatLine.js';
import type { LogLine } from './types.js';

export type SaveResult = { ok: true; path: string; lines: number } | { ok: false; message: string };

export interface SaveTarget {
  dir: string;
  namespace: string;
  /** Pod or workload name. */
  name: string;
  at: Date;
  format: PlainFormat;
}

export async function saveLines(lines: LogLine[], t: SaveTarget): Promise<SaveResult> {
  const file = path.resolve(t.dir, `${safeName(t.namespace)}-${safeName(t.name)}-${formatStamp(t.at)}.log`);
  const text = lines.map((l) => formatPlain(l, t.format)).join('\n');
  try {
    await mkdir(t.dir, { recursive: true });
    await writeFile(file, lines.length ? `${text}\n` : '', { flag: 'wx' });
    return { ok: true, path: file, lines: lines.length };
  } catch (err) {
    return { ok: false, message: `cannot save to ${file}: ${describeError(err)}` };
  }
}

/**
 * Where ctrl-s writes: $KDASH_LOG_DIR when set, else the XDG state directory's kdash/dumps
 * ($XDG_STATE_HOME/kdash/dumps, or ~/.local/state/kdash/dumps), as k9s keeps its dumps — never the
 * current directory, which may be a repository. The XDG spec says a relative $XDG_STATE_HOME is ignored.
 */
export function dumpDir(env: NodeJS.ProcessEnv = process.env, home = env.HOME || os.homedir()): string {
  if (env.KDASH_LOG_DIR) return path.resolve(env.KDASH_LOG_DIR);
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(home, '.local', 'state');
  return path.join(state, 'kdash', 'dumps');
}

/** A path as the footer shows it: the home directory as `~`. */
export function shortPath(p: string, home = process.env.HOME || os.homedir()): string {
  return home && home !== '/' && p.startsWith(home + path.sep) ? `~${p.slice(home.length)}` : p;
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Local time, as people read file names. */
function formatStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
