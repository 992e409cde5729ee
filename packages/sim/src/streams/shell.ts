// The simulated shell a process in a container runs: busybox ash on Alpine images, dash as `sh` and
// bash on Debian ones, with their prompts and their "not found" wording. It interprets the grammar of
// shellParse.ts over the container's view (containerView.ts) and the commands of shellCommands.ts.
import type { ContainerView, ShellFlavor } from './containerView.js';
import { ParseError, parse, type Simple, type Word } from './shellParse.js';
import { COMMANDS, ExitSignal, Interrupted, type CommandIo } from './shellCommands.js';

/** What a shell reads and writes: the same streams as each command it runs. */
export type ShellIo = CommandIo;

/** The files a container's processes wrote, kept for the container's life (per container instance). */
export interface Layer {
  files: Map<string, string | null>;
  dirs: Set<string>;
}


export const SHELL_NAMES = new Set(['sh', 'bash', 'ash', 'dash']);

export class Shell {
  readonly vars: Map<string, string>;
  readonly exported: Set<string>;
  cwd = '/';
  status = 0;
  line = 0;

  constructor(
    readonly view: ContainerView,
    readonly layer: Layer,
    /** How it was invoked: sh, bash, ash. */
    readonly name: string,
    readonly flavor: ShellFlavor,
    vars?: Map<string, string>,
  ) {
    this.vars = new Map(vars ?? view.env);
    this.exported = new Set(view.env.map(([k]) => k));
  }

  /** A child shell (`sh -c`, `bash`, `$(…)`): same files, a copy of the variables. */
  child(name: string): Shell {
    const flavor: ShellFlavor = name === 'bash' ? 'bash' : this.view.sh;
    const s = new Shell(this.view, this.layer, name, flavor, this.vars);
    for (const k of this.exported) s.exported.add(k);
    s.cwd = this.cwd;
    return s;
  }

  prompt(): string {
    const sign = this.view.uid === 0 ? '#' : '$';
    const home = this.vars.get('HOME');
    if (this.flavor === 'bash') return `${/^\d+$/.test(this.view.user) ? 'I have no name!' : this.view.user}@${this.view.hostname}:${home && this.cwd === home ? '~' : this.cwd}${sign} `;
    if (this.flavor === 'ash') return `${this.cwd} ${sign} `;
    return `${sign} `;
  }

  notFound(cmd: string): string {
    if (this.flavor === 'bash') return this.line > 0 && !this.interactiveMode ? `${this.name}: line ${this.line}: ${cmd}: command not found\n` : `${this.name}: ${cmd}: command not found\n`;
    if (this.flavor === 'dash') return `${this.name}: ${Math.max(1, this.line)}: ${cmd}: not found\n`;
    return `${this.name}: ${cmd}: not found\n`;
  }

  interactiveMode = false;

  /** Runs a script (`sh -c`); returns its exit status. `exit N` ends it with N. */
  async run(src: string, io: ShellIo): Promise<number> {
    try {
      for (const [n, text] of src.split('\n').entries()) {
        this.line = n + 1;
        await this.runLine(text, io);
      }
      return this.status;
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  /** Reads commands from stdin until end of input or `exit`, with a prompt in a terminal. */
  async interactive(io: ShellIo, tty: boolean): Promise<number> {
    this.interactiveMode = tty;
    for (;;) {
      if (tty) io.out(this.prompt());
      let line: string | null;
      try {
        line = await io.read();
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
        this.status = 130;
        continue;
      }
      if (line === null) {
        if (tty && this.flavor === 'bash') io.out('exit\n');
        return this.status;
      }
      this.line++;
      try {
        await this.runLine(line.replace(/\n$/, ''), io);
      } catch (e) {
        if (e instanceof ExitSignal) return e.code;
        throw e;
      }
    }
  }

  private async runLine(text: string, io: ShellIo): Promise<void> {
    let lists;
    try {
      lists = parse(text);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      io.err(this.flavor === 'bash' ? `${this.name}: syntax error: ${e.message.replace(/^Syntax error: /, '')}\n` : `${this.name}: ${Math.max(1, this.line)}: ${e.message}\n`);
      this.status = 2;
      return;
    }
    for (const list of lists) {
      for (const { op, pipeline } of list.items) {
        if (op === '&&' && this.status !== 0) continue;
        if (op === '||' && this.status === 0) continue;
        let input: string | undefined;
        for (const [i, cmd] of pipeline.entries()) {
          const last = i === pipeline.length - 1;
          let captured = '';
          const stageIo: ShellIo = last ? io : { ...io, out: (s) => (captured += s) };
          this.status = await this.simple(cmd, stageIo, input);
          input = captured;
        }
      }
    }
  }

  async expandWord(w: Word, io: ShellIo): Promise<string[]> {
    // Unquoted expansions split on blanks; quoted ones stay one word.
    const words: string[] = [];
    let cur = '';
    let has = false;
    for (const seg of w) {
      let value: string;
      if (seg.kind === 'text') value = seg.text;
      else if (seg.kind === 'var') value = this.lookup(seg.name, seg.op, seg.arg);
      else {
        const sub = this.child(this.name);
        let out = '';
        sub.status = await sub.run(seg.script, { ...io, out: (s) => (out += s) }).catch((e) => (e instanceof ExitSignal ? e.code : Promise.reject(e)));
        value = out.replace(/\n+$/, '');
      }
      if (seg.kind === 'text' || seg.quoted) {
        cur += value;
        has = true;
        continue;
      }
      const parts = value.split(/[ \t\n]+/);
      for (const [k, p] of parts.entries()) {
        if (k > 0 && (cur || has)) {
          words.push(cur);
          cur = '';
          has = false;
        }
        cur += p;
        if (p) has = true;
      }
    }
    if (cur || has) words.push(cur);
    return words;
  }

  private lookup(name: string, op?: string, arg?: string): string {
    const v = name === '?' ? String(this.status) : name === '$' ? '7' : name === '0' ? this.name : name === '#' ? '0' : this.vars.get(name);
    if (!op) return v ?? '';
    const unset = op.startsWith(':') ? !v : v === undefined;
    switch (op.replace(':', '')) {
      case '-': return unset ? arg ?? '' : v!;
      case '=':
        if (unset) this.vars.set(name, arg ?? '');
        return this.vars.get(name) ?? '';
      case '+': return unset ? '' : arg ?? '';
      default: return v ?? '';
    }
  }

  private async simple(cmd: Simple, io: ShellIo, input: string | undefined): Promise<number> {
    const argv: string[] = [];
    for (const w of cmd.words) argv.push(...(await this.expandWord(w, io)));
    // Leading NAME=value words: assignments (alone) or the command's environment.
    const assigns: Array<[string, string]> = [];
    while (argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) {
      const a = argv.shift()!;
      assigns.push([a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);
    }
    let out = io.out;
    let err = io.err;
    let stdin = input;
    const pending: Array<[string, boolean, () => string]> = [];
    for (const r of cmd.redirects) {
      if (r.op === '>&1' || r.op === '>&2') {
        // Bound now: `2>&1 >f` and `>f 2>&1` differ as in sh.
        const [to, set] = r.op === '>&1' ? [out, (f: typeof out) => (err = f)] : [err, (f: typeof out) => (out = f)];
        set((s) => to(s));
        continue;
      }
      const target = (await this.expandWord(r.target, io)).join(' ');
      if (r.op === '<') {
        const content = this.readFile(target);
        if (content === undefined) {
          io.err(`${this.name}: ${this.flavor === 'dash' ? `${Math.max(1, this.line)}: ` : ''}cannot open ${target}: No such file\n`);
          return 2;
        }
        stdin = content;
        continue;
      }
      if (target === '/dev/null') {
        if (r.fd === 1 || r.fd === 'both') out = () => undefined;
        if (r.fd === 2 || r.fd === 'both') err = () => undefined;
        continue;
      }
      let buf = '';
      const sink = (s: string) => (buf += s);
      if (r.fd === 1 || r.fd === 'both') out = sink;
      if (r.fd === 2 || r.fd === 'both') err = sink;
      pending.push([target, r.op === '>>', () => buf]);
    }
    if (!argv.length) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      for (const [path, append] of pending) this.writeFile(path, '', append);
      return 0;
    }
    const saved = assigns.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of assigns) this.vars.set(k, v);
    const cio: CommandIo = {
      out,
      err,
      read: stdin !== undefined ? onceReader(stdin) : io.read,
      interrupted: io.interrupted,
    };
    try {
      return await this.exec(argv, cio);
    } catch (e) {
      if (e instanceof Interrupted) return 130;
      throw e;
    } finally {
      for (const [k, v] of saved) if (v === undefined) this.vars.delete(k);
      else this.vars.set(k, v);
      for (const [path, append, content] of pending) this.writeFile(path, content(), append);
    }
  }

  /** Runs one command: a builtin, a program of the image, or a nested shell. */
  async exec(argv: string[], io: CommandIo): Promise<number> {
    const name = argv[0];
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (SHELL_NAMES.has(base)) {
      if (!this.view.shells.has(base)) {
        io.err(this.notFound(name));
        return 127;
      }
      const sub = this.child(base);
      const c = argv.indexOf('-c');
      if (c > 0) return sub.run(argv[c + 1] ?? '', io);
      return sub.interactive(io, this.interactiveMode);
    }
    const impl = COMMANDS.get(base);
    if (!impl) {
      io.err(this.notFound(name));
      return 127;
    }
    return impl(argv.slice(1), io, this);
  }

  // ---- the file system: the image and volumes (view), under what processes wrote (layer) ----

  resolve(path: string): string {
    const abs = path.startsWith('/') ? path : `${this.cwd === '/' ? '' : this.cwd}/${path}`;
    const parts: string[] = [];
    for (const p of abs.split('/')) {
      if (!p || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return `/${parts.join('/')}`;
  }

  readFile(path: string): string | undefined {
    const p = this.resolve(path);
    if (this.layer.files.has(p)) return this.layer.files.get(p) ?? undefined;
    return this.view.files.get(p);
  }

  isDir(path: string): boolean {
    const p = this.resolve(path);
    return this.view.dirs.has(p) || this.layer.dirs.has(p);
  }

  writeFile(path: string, content: string, append = false): void {
    const p = this.resolve(path);
    this.layer.files.set(p, append ? (this.readFile(p) ?? '') + content : content);
  }

  removeFile(path: string): boolean {
    const p = this.resolve(path);
    if (this.readFile(p) === undefined) return false;
    this.layer.files.set(p, null);
    return true;
  }

  /** Entries directly under a directory. */
  list(dir: string): string[] {
    const d = this.resolve(dir);
    const prefix = d === '/' ? '/' : `${d}/`;
    const names = new Set<string>();
    const add = (p: string) => {
      if (p.startsWith(prefix) && p !== d) names.add(p.slice(prefix.length).split('/')[0]);
    };
    for (const p of this.view.files.keys()) if (!this.layer.files.has(p) || this.layer.files.get(p) !== null) add(p);
    for (const [p, v] of this.layer.files) if (v !== null) add(p);
    for (const p of this.view.dirs) add(p);
    for (const p of this.layer.dirs) add(p);
    return [...names].filter(Boolean).sort();
  }
}

/** stdin from a pipe or a file: the whole text once, then end of input. */
function onceReader(text: string): () => Promise<string | null> {
  let done = false;
  return async () => {
    if (done) return null;
    done = true;
    return text;
  };
}
