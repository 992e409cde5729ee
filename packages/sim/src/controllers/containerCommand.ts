// What a container's command/args do, for the commands courses use, so the simulated kubelet runs
// them as a container runtime would: `sleep N` then exit 0, `exit N`/`false` fail with that code,
// `echo`/`printf`/`date`/`hostname` print to the log, `sh -c '…; sleep infinity'` (or `tail -f
// /dev/null`, or `while true; do …; done`) keeps running. The result is a script: timed log lines
// and, unless it runs forever, when and how it exits. A command it cannot interpret gives no script
// (a lone program: the image's usual behaviour) or, inside a shell script, runs forever from there.

/** Replaced by the time the line is printed, formatted like `date` (busybox and coreutils alike). */
export const DATE_MARK = '\u0000date\u0000';

export interface Script {
  /** [ms after start, text] in order. */
  lines: Array<[number, string]>;
  /** Undefined: the process keeps running. */
  exit?: { atMs: number; code: number };
  /** `while true; do …; done`: its body's lines repeat every periodMs from startMs. */
  loop?: { startMs: number; periodMs: number; lines: Array<[number, string]> };
  /** Files the script creates (`touch F`, `echo … > F`) or removes (`rm F`): [ms after start, path, exists]. */
  files?: Array<[number, string, boolean]>;
}

/** Whether the script has created (and not since removed) a file `ms` after the container started. */
export function fileExists(script: Script, path: string, ms: number): boolean {
  let exists = false;
  for (const [t, p, e] of script.files ?? []) if (p === path && t <= ms) exists = e;
  return exists;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** The script for a container spec, or undefined when it runs its image's own program. */
export function interpretCommand(c: { command?: unknown; args?: unknown; env?: unknown }, podName: string): Script | undefined {
  const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const argv = [...strs(c.command), ...strs(c.args)];
  if (!argv.length) return undefined;
  const env = new Map<string, string>([['HOSTNAME', podName]]);
  for (const e of Array.isArray(c.env) ? c.env : []) if (e?.name && typeof e.value === 'string') env.set(e.name, e.value);
  const run = new Run(env, podName);
  if (SHELLS.has(base(argv[0])) && argv.includes('-c')) {
    const script = argv[argv.indexOf('-c') + 1] ?? '';
    run.shell(script);
    return run.result();
  }
  if (!run.simple(argv)) return undefined;
  return run.result();
}

class Run {
  t = 0;
  status = 0;
  lines: Array<[number, string]> = [];
  /** 'exit': an exit ended it; 'forever': it never ends; undefined: ran off the end. */
  end: 'exit' | 'forever' | undefined;
  loop?: Script['loop'];
  files: Array<[number, string, boolean]> = [];
  private partial = '';

  constructor(private readonly env: Map<string, string>, private readonly podName: string) {}

  result(): Script {
    this.flush();
    const forever = this.end === 'forever' || this.loop;
    return { lines: this.lines, ...(forever ? {} : { exit: { atMs: this.t, code: this.status } }), ...(this.loop ? { loop: this.loop } : {}), ...(this.files.length ? { files: this.files } : {}) };
  }

  private print(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.lines.push([this.t, p]);
  }

  private flush(): void {
    if (this.partial) this.lines.push([this.t, this.partial]);
    this.partial = '';
  }

  /** Runs a `sh -c` script: `;`, newlines, `&&`, `||`, and a trailing `while true; do …; done`. */
  shell(script: string): void {
    const loop = /^([\s\S]*?)\bwhile\s+(?:true|:)\s*[;\n]\s*do\b([\s\S]*?)[;\n]?\s*done\s*[\s\S]*$/.exec(script);
    this.sequence(loop ? loop[1] : script);
    if (!loop || this.end) return;
    this.flush();
    const body = new Run(this.env, this.podName);
    body.sequence(loop[2]);
    body.flush();
    if (body.end === 'exit') {
      // The loop's first pass exits: it is no loop at all.
      this.lines.push(...body.lines.map(([t, s]): [number, string] => [this.t + t, s]));
      this.t += body.t;
      this.status = body.status;
      this.end = 'exit';
      return;
    }
    if (body.end === 'forever') {
      // The first pass never ends: it is printed once.
      this.lines.push(...body.lines.map(([t, s]): [number, string] => [this.t + t, s]));
      this.end = 'forever';
      return;
    }
    // A body without a pause would print as fast as it can: one pass a second is enough to read.
    this.loop = { startMs: this.t, periodMs: Math.max(body.t, 1000), lines: body.lines };
  }

  sequence(script: string): void {
    let skip: 'and' | 'or' | undefined;
    for (const [words, next] of splitCommands(script, this.env, this.podName)) {
      if (this.end) return;
      const skipped = (skip === 'and' && this.status !== 0) || (skip === 'or' && this.status === 0);
      if (!skipped && words.length && !this.simple(words)) this.end = 'forever';
      skip = next;
    }
  }

  /** One command; false when it is not one we can interpret. Output sent to a file (`> F`) creates it instead. */
  simple(words: string[]): boolean {
    const redirect = words.findIndex((w) => w === '>' || w === '>>');
    if (redirect > 0 && words[redirect + 1]) {
      const lines = this.lines.length;
      const partial = this.partial;
      const ok = this.simple([...words.slice(0, redirect), ...words.slice(redirect + 2)]);
      this.lines.length = lines;
      this.partial = partial;
      if (ok) this.files.push([this.t, words[redirect + 1], true]);
      return ok;
    }
    const [cmd, ...args] = words;
    switch (base(cmd)) {
      case 'touch':
      case 'rm': {
        const paths = args.filter((a) => !a.startsWith('-'));
        if (!paths.length) return false;
        for (const f of paths) this.files.push([this.t, f, base(cmd) === 'touch']);
        this.status = 0;
        return true;
      }
      case 'echo': {
        let newline = true;
        let escapes = false;
        while (args[0] && /^-[neE]+$/.test(args[0])) {
          const flag = args.shift()!;
          if (flag.includes('n')) newline = false;
          if (flag.includes('e')) escapes = true;
        }
        const text = args.join(' ');
        this.print((escapes ? unescape(text) : text) + (newline ? '\n' : ''));
        this.status = 0;
        return true;
      }
      case 'printf':
        this.print(printf(args[0] ?? '', args.slice(1)));
        this.status = 0;
        return true;
      case 'date':
        this.print(`${DATE_MARK}\n`);
        this.status = 0;
        return true;
      case 'hostname':
        this.print(`${this.podName}\n`);
        this.status = 0;
        return true;
      case 'true':
      case ':':
        this.status = 0;
        return true;
      case 'false':
        this.status = 1;
        return true;
      case 'exit': {
        const n = args[0] === undefined ? this.status : Number(args[0]);
        this.status = Number.isInteger(n) ? ((n % 256) + 256) % 256 : 2;
        this.end = 'exit';
        return true;
      }
      case 'sleep': {
        if (args[0] === 'infinity') {
          this.end = 'forever';
          return true;
        }
        const ms = args.reduce((sum, a) => sum + duration(a), 0);
        if (!Number.isFinite(ms) || !args.length) return false;
        this.t += ms;
        this.status = 0;
        return true;
      }
      case 'tail':
        if (!args.includes('-f') && !args.includes('-F')) return false;
        this.end = 'forever';
        return true;
      default:
        return false;
    }
  }
}

/** `sleep`'s operands: 5, 0.5, 10s, 2m, 1h, 1d. */
function duration(a: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
  if (!m) return NaN;
  return Number(m[1]) * 1000 * ({ '': 1, s: 1, m: 60, h: 3600, d: 86_400 } as Record<string, number>)[m[2]];
}

function unescape(s: string): string {
  return s.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

function printf(format: string, args: string[]): string {
  let i = 0;
  let out = '';
  do {
    out += unescape(format).replace(/%([%sdi])/g, (_, f: string) => {
      if (f === '%') return '%';
      const v = args[i++] ?? '';
      return f === 's' ? v : String(Math.trunc(Number(v)) || 0);
    });
  } while (i < args.length && /%[sdi]/.test(format));
  return out;
}

/**
 * Splits a shell script into simple commands (words after quote removal and `$VAR`, `${VAR}`,
 * `$(date)`, `$(hostname)` expansion), each with the operator that follows it.
 */
function splitCommands(script: string, env: Map<string, string>, podName: string): Array<[string[], 'and' | 'or' | undefined]> {
  const out: Array<[string[], 'and' | 'or' | undefined]> = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (op: 'and' | 'or' | undefined) => {
    endWord();
    out.push([words, op]);
    words = [];
  };
  const expand = (s: string, i: number): [string, number] => {
    const sub = /^\$\((date|hostname)\)/.exec(s.slice(i));
    if (sub) return [sub[1] === 'date' ? DATE_MARK : podName, i + sub[0].length];
    const v = /^\$(?:\{(\w+)\}|(\w+))/.exec(s.slice(i));
    if (v) return [env.get(v[1] ?? v[2]) ?? '', i + v[0].length];
    return ['$', i + 1];
  };
  for (let i = 0; i < script.length;) {
    const ch = script[i];
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      word += script.slice(i + 1, end < 0 ? undefined : end);
      inWord = true;
      i = end < 0 ? script.length : end + 1;
    } else if (ch === '"') {
      inWord = true;
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && '"\\$`'.includes(script[i + 1] ?? '')) {
          word += script[i + 1];
          i += 2;
        } else if (script[i] === '$') {
          const [text, next] = expand(script, i);
          word += text;
          i = next;
        } else word += script[i++];
      }
      i++;
    } else if (ch === '\\') {
      word += script[i + 1] ?? '';
      inWord = true;
      i += 2;
    } else if (ch === '$') {
      const [text, next] = expand(script, i);
      word += text;
      inWord = true;
      i = next;
    } else if (script.startsWith('&&', i) || script.startsWith('||', i)) {
      endCommand(ch === '&' ? 'and' : 'or');
      i += 2;
    } else if (ch === ';' || ch === '\n') {
      endCommand(undefined);
      i++;
    } else if (ch === '#' && !inWord) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (/\s/.test(ch)) {
      endWord();
      i++;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  endCommand(undefined);
  return out.filter(([w]) => w.length);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date`'s default output in UTC: `Mon Mar  2 09:00:00 UTC 2026`. */
export function dateLine(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
