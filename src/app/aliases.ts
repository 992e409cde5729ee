// The user's own names for kinds, as k9s users keep them: `~/.config/kdash/aliases.yaml` ($XDG_CONFIG_HOME
// honoured), either `dp: deployments` at the top or under `aliases:` (k9s' layout). A file that cannot be
// read as such gives one line naming the file and the line, never a crash; a missing file is no aliases.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

export function aliasesFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'kdash', 'aliases.yaml');
}

export interface UserAliases {
  aliases: Map<string, string>;
  /** One line when the file is there but not usable (the good entries are kept). */
  warning?: string;
}

export function loadUserAliases(file = aliasesFile()): UserAliases {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { aliases: new Map() };
    return { aliases: new Map(), warning: `${file}: cannot read it (${code ?? (e as Error).message}); no aliases loaded` };
  }
  return parseUserAliases(text, file);
}

export function parseUserAliases(text: string, file: string): UserAliases {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? '' : ` line ${lines.linePos(offset).line}`);
  const aliases = new Map<string, string>();
  if (doc.errors.length) {
    const e = doc.errors[0];
    return { aliases, warning: `${file}${lineOf(e.pos[0])}: not YAML (${e.message.split('\n')[0]}); no aliases loaded` };
  }
  let root = doc.contents;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return { aliases };
  if (isMap(root) && root.items.length === 1 && isScalar(root.items[0].key) && root.items[0].key.value === 'aliases' && isMap(root.items[0].value)) {
    root = root.items[0].value;
  }
  if (!isMap(root)) return { aliases, warning: `${file}${lineOf(root.range?.[0])}: expected lines like "dp: deployments"; no aliases loaded` };
  let warning: string | undefined;
  for (const item of root.items) {
    const k = isScalar(item.key) ? item.key.value : undefined;
    const v = isScalar(item.value) ? item.value.value : undefined;
    if (typeof k === 'string' && typeof v === 'string' && /^[\w.-]+$/.test(k) && /^[\w.-]+$/.test(v)) {
      aliases.set(k.toLowerCase(), v.toLowerCase());
      continue;
    }
    const at = isScalar(item.key) ? item.key.range?.[0] : undefined;
    warning ??= `${file}${lineOf(at)}: expected "alias: resource" (e.g. "dp: deployments"); that line is ignored`;
  }
  return { aliases, warning };
}
