// The programs and builtins of the simulated shell: what a student runs in a container to look
// around (env, hostname, cat, ls, ps, id, uname…), with busybox/coreutils' output and error wording.
import type { ContainerView } from './containerView.js';

export interface CommandIo {
  out(s: string): void;
  err(s: string): void;
  read(): Promise<string | null>;
  interrupted(): Promise<void>;
}

/** What commands need of the shell running them (shell.ts implements it). */
export interface ShellApi {
  readonly view: ContainerView;
  readonly vars: Map<string, string>;
  /** Names `env` prints: the container's environment and what was `export`ed. */
  readonly exported: Set<string>;
  readonly name: string;
  cwd: string;
  resolve(path: string): string;
  readFile(path: string): string | undefined;
  isDir(path: string): boolean;
  writeFile(path: string, content: string, append?: boolean): void;
  removeFile(path: string): boolean;
  list(dir: string): string[];
  readonly layer: { dirs: Set<string> };
  exec(argv: string[], io: CommandIo): Promise<number>;
}

export class ExitSignal {
  constructor(public readonly code: number) {}
}

/** Thrown by a read when the user presses ctrl-c in a terminal. */
export class Interrupted {}

/** Builtins of the shell: a process cannot be started with them (`kubectl exec POD -- cd` fails). */
export const BUILTINS = new Set(['cd', 'export', 'unset', 'set', 'exit', ':']);

type Command = (args: string[], io: CommandIo, sh: ShellApi) => Promise<number> | number;

const flags = (args: string[]) => {
  const f = new Set<string>();
  const rest: string[] = [];
  for (const a of args) if (/^-[A-Za-z0-9]+$/.test(a)) for (const c of a.slice(1)) f.add(c);
  else rest.push(a);
  return { f, rest };
};

/** Reads all of stdin (a pipe, a file, or the user's input until ctrl-d). */
async function readAll(io: CommandIo): Promise<string> {
  let all = '';
  for (let chunk = await io.read(); chunk !== null; chunk = await io.read()) all += chunk;
  return all;
}

/** The text of each operand (stdin when none), with cat's error for a missing file. */
async function inputs(args: string[], io: CommandIo, sh: ShellApi, prog: string): Promise<{ texts: string[]; status: number }> {
  if (!args.length || (args.length === 1 && args[0] === '-')) return { texts: [await readAll(io)], status: 0 };
  const texts: string[] = [];
  let status = 0;
  for (const a of args) {
    const t = sh.readFile(a);
    if (t === undefined) {
      io.err(sh.isDir(a) ? `${prog}: read error: Is a directory\n` : `${prog}: can't open '${a}': No such file or directory\n`);
      status = 1;
    } else texts.push(t);
  }
  return { texts, status };
}

function echo(args: string[], io: CommandIo): number {
  let newline = true;
  let escapes = false;
  while (args[0] === '-n' || args[0] === '-e' || args[0] === '-ne' || args[0] === '-en') {
    const a = args.shift()!;
    if (a.includes('n')) newline = false;
    if (a.includes('e')) escapes = true;
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  io.out(text + (newline ? '\n' : ''));
  return 0;
}

function printf(args: string[], io: CommandIo): number {
  const [fmt = '', ...rest] = args;
  let k = 0;
  const once = () =>
    fmt.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/%([sdi%])/g, (_m, c) => (c === '%' ? '%' : c === 's' ? rest[k++] ?? '' : String(parseInt(rest[k++] ?? '0', 10) || 0)));
  let text = once();
  while (k > 0 && k < rest.length) text += once();
  io.out(text);
  return 0;
}

function ls(args: string[], io: CommandIo, sh: ShellApi): number {
  const { f, rest } = flags(args);
  const targets = rest.length ? rest : ['.'];
  let status = 0;
  for (const [i, t] of targets.entries()) {
    if (sh.readFile(t) !== undefined) {
      io.out(f.has('l') ? `${longLine(sh, t.slice(t.lastIndexOf('/') + 1), sh.readFile(t)!)}\n` : `${t}\n`);
      continue;
    }
    if (!sh.isDir(t)) {
      io.err(`ls: ${t}: No such file or directory\n`);
      status = 1;
      continue;
    }
    if (targets.length > 1) io.out(`${i ? '\n' : ''}${t}:\n`);
    let names = sh.list(t);
    if (f.has('a')) names = ['.', '..', ...names];
    const base = sh.resolve(t);
    if (f.has('l')) {
      io.out(`total ${names.length * 4}\n`);
      for (const n of names) {
        const p = `${base === '/' ? '' : base}/${n}`;
        const content = sh.readFile(p);
        io.out(`${content === undefined ? dirLine(n) : longLine(sh, n, content)}\n`);
      }
    } else if (names.length) io.out(f.has('1') ? `${names.join('\n')}\n` : `${names.join('  ')}\n`);
  }
  return status;
}

const dirLine = (n: string) => `drwxr-xr-x    2 root     root          4096 Jan  1 00:00 ${n}`;
const longLine = (sh: ShellApi, n: string, content: string) => `-rw-r--r--    1 ${sh.view.user.padEnd(8)} ${sh.view.user.padEnd(8)} ${String(Buffer.byteLength(content)).padStart(8)} Jan  1 00:00 ${n}`;

function ps(_args: string[], io: CommandIo, sh: ShellApi): number {
  const procs: Array<[number, string]> = [[1, sh.view.mainProcess]];
  if (/^nginx: master/.test(sh.view.mainProcess)) procs.push([29, 'nginx: worker process'], [30, 'nginx: worker process']);
  procs.push([41, sh.name], [48, 'ps']);
  if (sh.view.sh === 'ash') {
    io.out('PID   USER     TIME  COMMAND\n');
    for (const [pid, cmd] of procs) io.out(`${String(pid).padStart(5)} ${sh.view.user.padEnd(8)}  0:00 ${cmd}\n`);
  } else {
    io.out('    PID TTY          TIME CMD\n');
    for (const [pid, cmd] of procs) io.out(`${String(pid).padStart(7)} ?        00:00:00 ${cmd.split(' ')[0].replace(/:$/, '')}\n`);
  }
  return 0;
}

function test(args: string[], sh: ShellApi): number {
  const a = args[0] === '!' ? args.slice(1) : args;
  const not = args[0] === '!';
  let r: boolean;
  if (a.length === 0) r = false;
  else if (a.length === 1) r = a[0] !== '';
  else if (a.length === 2) {
    const [op, x] = a;
    r = op === '-z' ? x === '' : op === '-n' ? x !== '' : op === '-f' ? sh.readFile(x) !== undefined : op === '-d' ? sh.isDir(x) : op === '-e' ? sh.readFile(x) !== undefined || sh.isDir(x) : false;
  } else {
    const [x, op, y] = a;
    const n = (s: string) => parseInt(s, 10);
    r = op === '=' || op === '==' ? x === y : op === '!=' ? x !== y : op === '-eq' ? n(x) === n(y) : op === '-ne' ? n(x) !== n(y) : op === '-lt' ? n(x) < n(y) : op === '-gt' ? n(x) > n(y) : op === '-le' ? n(x) <= n(y) : op === '-ge' ? n(x) >= n(y) : false;
  }
  return r !== not ? 0 : 1;
}

async function filter(args: string[], io: CommandIo, sh: ShellApi, prog: string, fn: (lines: string[], f: Set<string>, opts: string[]) => string[]): Promise<number> {
  const { f, rest } = flags(args);
  const nIdx = args.indexOf('-n');
  const opts = prog === 'grep' ? rest.slice(0, 1) : nIdx >= 0 ? [args[nIdx + 1]] : [];
  const files = prog === 'grep' ? rest.slice(1) : rest.filter((r) => r !== opts[0]);
  const { texts, status } = await inputs(files, io, sh, prog);
  const lines = texts.join('').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out = fn(lines, f, opts);
  if (out.length) io.out(`${out.join('\n')}\n`);
  return prog === 'grep' ? (status ? 2 : out.length ? 0 : 1) : status;
}

export const COMMANDS: Map<string, Command> = new Map<string, Command>(Object.entries({
  echo: (a, io) => echo([...a], io),
  printf: (a, io) => printf(a, io),
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  exit: (a) => {
    throw new ExitSignal(a.length ? parseInt(a[0], 10) & 255 : 0);
  },
  env: (a, io, sh) => {
    if (a.length) return sh.exec(a.filter((x) => !x.includes('=')), io);
    for (const [k, v] of sh.vars) if (sh.exported.has(k)) io.out(`${k}=${v}\n`);
    return 0;
  },
  printenv: (a, io, sh): number | Promise<number> => {
    if (!a.length) return COMMANDS.get('env')!([], io, sh);
    let status = 0;
    for (const k of a) if (sh.vars.has(k)) io.out(`${sh.vars.get(k)}\n`);
    else status = 1;
    return status;
  },
  export: (a, _io, sh) => {
    for (const x of a) {
      const eq = x.indexOf('=');
      const k = eq < 0 ? x : x.slice(0, eq);
      if (eq >= 0) sh.vars.set(k, x.slice(eq + 1));
      sh.exported.add(k);
    }
    return 0;
  },
  unset: (a, _io, sh) => {
    for (const k of a) sh.vars.delete(k);
    return 0;
  },
  set: (_a, io, sh) => {
    for (const [k, v] of [...sh.vars].sort()) io.out(`${k}='${v}'\n`);
    return 0;
  },
  hostname: (_a, io, sh) => {
    io.out(`${sh.view.hostname}\n`);
    return 0;
  },
  pwd: (_a, io, sh) => {
    io.out(`${sh.cwd}\n`);
    return 0;
  },
  cd: (a, io, sh) => {
    const target = a[0] ?? sh.vars.get('HOME') ?? '/';
    if (!sh.isDir(target)) {
      io.err(`${sh.name}: cd: can't cd to ${target}: No such file or directory\n`);
      return sh.name === 'bash' ? 1 : 2;
    }
    sh.cwd = sh.resolve(target);
    return 0;
  },
  cat: async (a, io, sh) => {
    const files = a.filter((x) => !/^-.+/.test(x));
    if (!files.length) {
      // Copies stdin as it comes: an interactive `cat` echoes each line back until ctrl-d.
      for (let chunk = await io.read(); chunk !== null; chunk = await io.read()) io.out(chunk);
      return 0;
    }
    const { texts, status } = await inputs(files, io, sh, 'cat');
    for (const t of texts) io.out(t);
    return status;
  },
  ls: (a, io, sh) => ls(a, io, sh),
  ps: (a, io, sh) => ps(a, io, sh),
  id: (_a, io, sh) => {
    io.out(sh.view.uid === 0 ? 'uid=0(root) gid=0(root) groups=0(root)\n' : `uid=${sh.view.uid}(${sh.view.user}) gid=${sh.view.uid}(${sh.view.user}) groups=${sh.view.uid}(${sh.view.user})\n`);
    return 0;
  },
  whoami: (_a, io, sh) => {
    io.out(`${sh.view.user}\n`);
    return 0;
  },
  uname: (a, io, sh) => {
    const all = `Linux ${sh.view.hostname} 6.6.56+ #1 SMP PREEMPT_DYNAMIC Sat Nov  9 12:14:23 UTC 2024 x86_64${sh.view.sh === 'ash' ? ' Linux' : ' GNU/Linux'}`;
    io.out(`${a.includes('-a') ? all : a.includes('-r') ? '6.6.56+' : a.includes('-n') ? sh.view.hostname : a.includes('-m') ? 'x86_64' : 'Linux'}\n`);
    return 0;
  },
  date: (_a, io) => {
    io.out(`${new Date().toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 UTC $4')}\n`);
    return 0;
  },
  stty: (a, io, sh) => {
    if (a[0] !== 'size') return 0;
    if (!sh.view.tty) {
      io.err("stty: standard input: Not a tty\n");
      return 1;
    }
    io.out(`${sh.view.tty.rows} ${sh.view.tty.cols}\n`);
    return 0;
  },
  tty: (_a, io, sh) => {
    io.out(sh.view.tty ? '/dev/pts/0\n' : 'not a tty\n');
    return sh.view.tty ? 0 : 1;
  },
  sleep: async (a, io) => {
    const s = Number(a[0] ?? 'x');
    if (!Number.isFinite(s)) {
      io.err(`sleep: invalid number '${a[0] ?? ''}'\n`);
      return 1;
    }
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      new Promise<number>((r) => (timer = setTimeout(() => r(0), Math.min(s, 3600) * 1000))),
      io.interrupted().then(() => 130),
    ]);
    clearTimeout(timer);
    return done;
  },
  mkdir: (a, io, sh) => {
    for (const d of a.filter((x) => !x.startsWith('-'))) {
      const p = sh.resolve(d);
      if (sh.isDir(p) && !a.includes('-p')) {
        io.err(`mkdir: can't create directory '${d}': File exists\n`);
        return 1;
      }
      for (let q = p; q && q !== '/'; q = q.slice(0, q.lastIndexOf('/')) || '/') sh.layer.dirs.add(q);
    }
    return 0;
  },
  touch: (a, _io, sh) => {
    for (const f of a) if (sh.readFile(f) === undefined) sh.writeFile(f, '');
    return 0;
  },
  rm: (a, io, sh) => {
    let status = 0;
    for (const f of a.filter((x) => !x.startsWith('-'))) {
      if (!sh.removeFile(f) && !a.some((x) => /^-\w*f/.test(x))) {
        io.err(`rm: can't remove '${f}': No such file or directory\n`);
        status = 1;
      }
    }
    return status;
  },
  which: (a, io, sh) => {
    let status = 0;
    for (const c of a) {
      if (COMMANDS.has(c) || sh.view.shells.has(c)) io.out(`/bin/${c}\n`);
      else status = 1;
    }
    return status;
  },
  test: (a, _io, sh) => test(a, sh),
  '[': (a, io, sh) => {
    if (a.at(-1) !== ']') {
      io.err(`${sh.name}: missing ]\n`);
      return 2;
    }
    return test(a.slice(0, -1), sh);
  },
  clear: (_a, io) => {
    io.out('\x1b[H\x1b[2J');
    return 0;
  },
  grep: (a, io, sh) =>
    filter(a, io, sh, 'grep', (lines, f, [pat = '']) => {
      const re = new RegExp(pat.replace(/[.+^${}()|\\]/g, (m) => (m === '.' ? '.' : `\\${m}`)), f.has('i') ? 'i' : '');
      return lines.filter((l) => re.test(l) !== f.has('v'));
    }),
  head: (a, io, sh) => filter(a, io, sh, 'head', (lines, _f, [n]) => lines.slice(0, Number(n ?? 10))),
  tail: (a, io, sh) => filter(a, io, sh, 'tail', (lines, _f, [n]) => lines.slice(-Number(n ?? 10))),
  wc: async (a, io, sh) => {
    const { f, rest } = flags(a);
    const { texts, status } = await inputs(rest, io, sh, 'wc');
    const t = texts.join('');
    const l = (t.match(/\n/g) ?? []).length;
    const w = t.split(/\s+/).filter(Boolean).length;
    io.out(f.has('l') ? `${l}\n` : f.has('w') ? `${w}\n` : f.has('c') ? `${Buffer.byteLength(t)}\n` : `${String(l).padStart(7)} ${String(w).padStart(7)} ${String(Buffer.byteLength(t)).padStart(7)}\n`);
    return status;
  },
}));
