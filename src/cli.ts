#!/usr/bin/env node
// kdash's command line. The commands and their flags are a table (src/app/commands.ts); this file
// parses every command the same way: --help/-h and --version first (they never act), then flags that
// are not the command's and values that cannot be used, each a one-line error with exit 2. Heavy
// modules are imported only when a command runs, so help and error lines are instant.
import module from 'node:module';
import meow from 'meow';
import { builtinFlags, checkValues, commandLabel, findCommand, unknownFlag, usageText, UsageError, type FlagSpec } from './app/argv.js';
import { dashboard, subcommands, type CommandSpec, type Flags } from './app/commands.js';
import { exitQuietlyWhenReaderGoes } from './app/pipes.js';
import { VERSION } from './kube/userAgent.js';

// Node ≥ 22.1 can keep V8's compiled code of the bundle's chunks between runs (in the OS's temporary
// directory): the chunks loaded after this line then start without being parsed and compiled again.
// Node 20 has no such cache; the call is skipped there.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// meow sets the title to the bare name; keep the arguments visible to ps, top and pkill.
const title = ['kdash', ...process.argv.slice(2)].join(' ');

function fail(message: string, code = 1): never {
  process.stderr.write(`kdash: ${message}\n`);
  process.exit(code);
}

function topLevelHelp(): string {
  const width = Math.max(...subcommands.map((c) => c.name.length));
  const lines = subcommands.map((c) => `$ kdash ${c.name.padEnd(width)} [options]   ${c.summary}`);
  return usageText(dashboard, [...lines, '(kdash COMMAND --help: the options of each command)']);
}

type MeowFlag = { type: 'boolean'; shortFlag?: string; default?: boolean } | { type: 'string'; shortFlag?: string };

function meowFlags(flags: Record<string, FlagSpec>): Record<string, MeowFlag> {
  return Object.fromEntries(
    Object.entries({ ...flags, ...builtinFlags }).map(([key, f]) => [
      key,
      // 'int' is read as a string and checked by checkValues: meow would turn "abc" into NaN.
      // (meow refuses keys that are present but undefined.)
      f.type === 'boolean'
        ? { type: 'boolean', ...(f.short ? { shortFlag: f.short } : {}), ...(f.default !== undefined ? { default: f.default } : {}) }
        : { type: 'string', ...(f.short ? { shortFlag: f.short } : {}) },
    ]),
  );
}

/** Parses argv for one command. Returns the exit code when the arguments are the whole answer (help, version). */
function parse(argv: string[], command: CommandSpec): { flags: Flags; args: string[] } | number {
  let cli;
  try {
    // meow is given the package's name and version: otherwise it looks for package.json and reads it.
    cli = meow({ argv, importMeta: import.meta, pkg: { name: 'kdash', version: VERSION }, flags: meowFlags(command.flags), allowUnknownFlags: true, autoHelp: false, autoVersion: false });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  process.title = title;
  if (cli.flags.help) {
    process.stdout.write(command === dashboard ? topLevelHelp() : usageText(command));
    return 0;
  }
  if (cli.flags.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const label = commandLabel(command.name);
  const bad = unknownFlag(argv, command);
  if (bad) throw new UsageError(`unknown flag ${bad} for ${label} (see ${label} --help)`);
  const flags = checkValues(cli.flags, command) as Flags;
  const args = command === dashboard ? cli.input : cli.input.slice(1);
  const want = command.args?.count ?? 0;
  if (args.length !== want) {
    const got = args.length > want ? `unexpected argument "${args[want]}"` : `missing ${command.args?.usage}`;
    throw new UsageError(`${got}: usage: ${label}${command.args ? ` ${command.args.usage}` : ''} [options] (see ${label} --help)`);
  }
  return { flags, args };
}

async function main(): Promise<number> {
  exitQuietlyWhenReaderGoes();
  const argv = process.argv.slice(2);
  const found = findCommand(argv, subcommands, dashboard);
  if ('unknown' in found) {
    throw new UsageError(`unknown command "${found.unknown}" (commands: ${subcommands.map((c) => c.name).join(', ')}; see kdash --help)`);
  }
  const parsed = parse(argv, found.command);
  if (typeof parsed === 'number') return parsed;
  if (parsed.flags.color === false || process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  return found.command.run(parsed.flags, parsed.args);
}

main().then(
  (code) => {
    // The command is over: a stray timer or socket must not keep the process (or a port) alive.
    process.exit(code);
  },
  async (err: unknown) => {
    if (err instanceof UsageError) fail(err.message, 2);
    const { UserError, describeError } = await import('./kube/errors.js');
    if (err instanceof UserError) fail(err.message, err.exitCode);
    fail(describeError(err), 1);
  },
);
