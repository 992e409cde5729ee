// What kdash remembers between runs, per kubeconfig context (k9s keeps the same in its config):
// the last view, and the namespaces used most recently (the `:ns` list offers them first, also to a
// student who may not list namespaces). One small YAML file under the XDG config dir, written
// atomically (a temporary file, then rename); a file kdash cannot read is named in one warning and
// ignored, never fatal. --no-state turns reading and writing off.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { oneLine } from '../kube/errors.js';

/** How many recent namespaces are kept per context (k9s keeps 9 favourites). */
export const RECENT_NAMESPACES = 9;

interface ContextState {
  view?: string;
  namespaces?: string[];
}

export interface StateStore {
  /** The file, or undefined when state is off. */
  readonly path?: string;
  lastView(context: string): string | undefined;
  recentNamespaces(context: string): string[];
  rememberView(context: string, kindId: string): void;
  rememberNamespace(context: string, namespace: string): void;
}

/** $XDG_CONFIG_HOME/kdash/state.yaml, else ~/.config/kdash/state.yaml. */
export function statePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'kdash', 'state.yaml');
}

/** A store that remembers nothing (--no-state). */
export const noState: StateStore = {
  lastView: () => undefined,
  recentNamespaces: () => [],
  rememberView: () => {},
  rememberNamespace: () => {},
};

const isName = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9.-]{1,253}$/i.test(v);

function parse(text: string): Record<string, ContextState> {
  const doc = YAML.parse(text) as unknown;
  if (doc == null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a mapping');
  const contexts = (doc as { contexts?: unknown }).contexts ?? {};
  if (typeof contexts !== 'object' || Array.isArray(contexts) || contexts === null) throw new Error('contexts is not a mapping');
  const out: Record<string, ContextState> = {};
  for (const [name, v] of Object.entries(contexts as Record<string, unknown>)) {
    if (!v || typeof v !== 'object') continue;
    const { view, namespaces } = v as ContextState;
    out[name] = {
      view: isName(view) ? view : undefined,
      namespaces: Array.isArray(namespaces) ? namespaces.filter(isName).slice(0, RECENT_NAMESPACES) : undefined,
    };
  }
  return out;
}

/**
 * Reads the state file (a missing file is an empty state). `warn` gets one line when the file exists
 * but cannot be read or parsed; it is then left as it is until kdash has something new to remember.
 */
export function openStateFile(file: string, warn: (line: string) => void): StateStore {
  let contexts: Record<string, ContextState> = {};
  try {
    contexts = parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code !== 'ENOENT') warn(`ignoring the state file ${file}: ${oneLine(e.message)}`);
  }
  let writeFailed = false;
  const save = () => {
    const text = `# kdash state: the last view and recent namespaces per context (delete freely; --no-state ignores it)\n${YAML.stringify({ contexts })}`;
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, text, { mode: 0o600 });
      fs.renameSync(tmp, file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      // The dashboard owns the screen by now: one line, once, where it can be seen after exit.
      if (!writeFailed) process.once('exit', () => process.stderr.write(`kdash: could not save ${file}: ${oneLine((err as Error).message)}\n`));
      writeFailed = true;
    }
  };
  const entry = (context: string) => (contexts[context] ??= {});
  return {
    path: file,
    lastView: (context) => contexts[context]?.view,
    recentNamespaces: (context) => [...(contexts[context]?.namespaces ?? [])],
    rememberView(context, kindId) {
      if (entry(context).view === kindId) return;
      entry(context).view = kindId;
      save();
    },
    rememberNamespace(context, namespace) {
      if (!isName(namespace)) return;
      const e = entry(context);
      const list = [namespace, ...(e.namespaces ?? []).filter((n) => n !== namespace)].slice(0, RECENT_NAMESPACES);
      if (list.join(' ') === (e.namespaces ?? []).join(' ')) return;
      e.namespaces = list;
      save();
    },
  };
}
