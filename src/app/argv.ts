// The pure half of command-line parsing (src/cli.ts does the rest with meow): which command the
// arguments name, which flag is not the command's, values that cannot be used, and each command's
// usage text. Every message is one line that names the bad flag or value.

export interface FlagSpec {
  /** 'int' is parsed here, not by meow, so "abc" is an error instead of NaN. */
  type: 'boolean' | 'string' | 'int';
  short?: string;
  /** The value's placeholder in the usage, e.g. NAME. */
  value?: string;
  help: string;
  default?: boolean;
  /** A boolean that is on by default and turned off with --no-NAME. */
  negatable?: boolean;
  min?: number;
  max?: number;
}

export interface CommandFlags {
  name: string;
  flags: Record<string, FlagSpec>;
}

/** Flags every command has; src/cli.ts handles them before anything else. */
export const builtinFlags: Record<string, FlagSpec> = {
  help: { type: 'boolean', short: 'h', help: 'this help' },
  version: { type: 'boolean', short: 'v', help: 'print the version' },
};

export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const commandLabel = (name: string) => (name ? `kdash ${name}` : 'kdash');

interface Lookup {
  long: Map<string, FlagSpec>;
  short: Map<string, FlagSpec>;
}

function lookup(flags: Record<string, FlagSpec>): Lookup {
  const long = new Map<string, FlagSpec>();
  const short = new Map<string, FlagSpec>();
  for (const [key, spec] of Object.entries({ ...flags, ...builtinFlags })) {
    long.set(kebab(key), spec);
    if (spec.short) short.set(spec.short, spec);
  }
  return { long, short };
}

const isNegativeNumber = (s: string) => /^-\d+(\.\d+)?$/.test(s);
const takesValue = (spec: FlagSpec | undefined) => spec !== undefined && spec.type !== 'boolean';

interface Token {
  /** A flag as typed (`--tail`, `-f`), or a positional argument. */
  flag?: string;
  spec?: FlagSpec;
  positional?: string;
}

/**
 * Walks argv the way meow's parser (yargs-parser) reads it: a flag that takes a value consumes the
 * next argument unless that one looks like a flag; `--` ends the flags.
 */
function* tokens(argv: readonly string[], known: Lookup): Generator<Token> {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      for (const rest of argv.slice(i + 1)) yield { positional: rest };
      return;
    }
    const nextIsValue = () => i + 1 < argv.length && (!argv[i + 1].startsWith('-') || isNegativeNumber(argv[i + 1]));
    if (a.startsWith('--')) {
      const [name, inline] = [a.slice(2).split('=')[0], a.includes('=')];
      let spec = known.long.get(name);
      if (!spec && name.startsWith('no-')) {
        const base = known.long.get(name.slice(3));
        if (base?.type === 'boolean') spec = base;
      }
      yield { flag: `--${name}`, spec };
      if (!inline && takesValue(spec) && nextIsValue()) i++;
    } else if (a.startsWith('-') && a.length > 1 && !isNegativeNumber(a)) {
      const letters = a.slice(1).split('=')[0];
      for (let k = 0; k < letters.length; k++) {
        const spec = known.short.get(letters[k]);
        yield { flag: `-${letters[k]}`, spec };
        if (takesValue(spec)) {
          // -n NS, -nNS and -n=NS: the rest of the argument (or the next one) is the value.
          if (k === letters.length - 1 && !a.includes('=') && nextIsValue()) i++;
          break;
        }
      }
    } else {
      yield { positional: a };
    }
  }
}

/** The command the arguments name (its first positional argument, skipping flag values), or the dashboard. */
export function findCommand<C extends CommandFlags>(argv: readonly string[], commands: readonly C[], dashboard: C): { command: C } | { unknown: string } {
  // Any command's value flags may come before the command word (`kdash -n NS logs POD`).
  const all: Record<string, FlagSpec> = {};
  for (const c of [dashboard, ...commands]) Object.assign(all, c.flags);
  for (const t of tokens(argv, lookup(all))) {
    if (t.positional === undefined) continue;
    const command = commands.find((c) => c.name === t.positional);
    return command ? { command } : { unknown: t.positional };
  }
  return { command: dashboard };
}

/** The first flag in argv that the command does not have, as typed; undefined when all are its own. */
export function unknownFlag(argv: readonly string[], command: CommandFlags): string | undefined {
  for (const t of tokens(argv, lookup(command.flags))) if (t.flag && !t.spec) return t.flag;
  return undefined;
}

export class UsageError extends Error {}

/**
 * Checks the values meow parsed (camelCase keys) against the command's flags and turns 'int' flags
 * into numbers. Throws UsageError for an empty value or a number that is not one.
 */
export function checkValues(parsed: Record<string, unknown>, command: CommandFlags): Record<string, unknown> {
  const out: Record<string, unknown> = { ...parsed };
  for (const [key, spec] of Object.entries(command.flags)) {
    const v = parsed[key];
    if (spec.type === 'boolean' || v === undefined) continue;
    const flag = `--${kebab(key)}`;
    const what = spec.value ?? 'value';
    if (Array.isArray(v)) throw new UsageError(`${flag} given more than once (${v.map((x) => JSON.stringify(String(x))).join(', ')}): give one ${what}`);
    const text = String(v);
    if (text.trim() === '') throw new UsageError(`${flag} needs a ${what}, got ${JSON.stringify(text)}`);
    if (spec.type === 'int') {
      const n = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : NaN;
      const range = spec.max !== undefined ? `from ${spec.min ?? 0} to ${spec.max}` : `${spec.min ?? 0} or more`;
      if (!Number.isSafeInteger(n) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw new UsageError(`bad ${flag} ${JSON.stringify(text)}: use a whole number, ${range}`);
      }
      out[key] = n;
    }
  }
  return out;
}

/** The command's --help: usage line, flags (from the table, so none is missing) and examples. */
export function usageText(command: CommandFlags & { summary: string; args?: { usage: string }; examples: string[] }, extra: string[] = []): string {
  const label = commandLabel(command.name);
  const rows: Array<[string, string]> = [];
  for (const [key, spec] of Object.entries({ ...command.flags, ...builtinFlags })) {
    const name = spec.negatable ? `--no-${kebab(key)}` : `--${kebab(key)}`;
    const value = spec.type === 'boolean' ? '' : ` ${spec.value ?? 'VALUE'}`;
    rows.push([`${spec.short ? `-${spec.short}, ` : '    '}${name}${value}`, spec.help]);
  }
  const width = Math.max(...rows.map(([l]) => l.length)) + 3;
  const lines = [
    '',
    `  ${command.summary}`,
    '',
    '  Usage',
    `    $ ${label}${command.args ? ` ${command.args.usage}` : ''} [options]`,
    ...extra.map((l) => `    ${l}`),
    '',
    '  Options',
    ...rows.map(([l, h]) => `    ${l.padEnd(width)}${h}`),
    '',
    command.examples.length > 1 ? '  Examples' : '  Example',
    ...command.examples.map((e) => `    $ ${e}`),
    '',
  ];
  return lines.join('\n');
}

export { commandLabel };
