// One exec or attach: the container's process on one side, the client's channels on the other. In
// a terminal (tty) the session is the line discipline too: it echoes what is typed, edits the line
// (backspace, ctrl-u), turns ctrl-c into an interrupt and ctrl-d into end of input, and writes
// \r\n for \n; without one, stdin goes to the process as it comes and ends when the client
// half-closes it (v5) or goes away.
import type { ChannelConn, ExitStatus } from './channels.js';
import type { ContainerView } from './containerView.js';
import { SHELL_NAMES, Shell, type Layer, type ShellIo } from './shell.js';
import { BUILTINS, COMMANDS, Interrupted } from './shellCommands.js';

export interface Session {
  stdin(data: Buffer): void;
  stdinClosed(): void;
  resize(cols: number, rows: number): void;
  /** The container stopped or the pod went: the process is killed (exit 137 for exec). */
  kill(): void;
  /** The client went away. */
  gone(): void;
}

interface Reader {
  resolve(v: string | null): void;
  reject(e: unknown): void;
}

/** Lines (or raw chunks) waiting for the process, with end-of-input and interrupt. */
class Input {
  private queue: Array<string | null> = [];
  private reader?: Reader;
  private closed = false;
  private interruptWaiters: Array<() => void> = [];

  push(v: string | null): void {
    if (this.closed) return;
    if (v === null && !this.tty) this.closed = true;
    if (this.reader) {
      const r = this.reader;
      this.reader = undefined;
      r.resolve(v);
    } else this.queue.push(v);
  }

  constructor(private readonly tty: boolean) {}

  /** A ctrl-c typed before the process got to wait for anything (both messages came in one read). */
  private pendingInterrupt = false;

  read = (): Promise<string | null> => {
    if (this.pendingInterrupt) {
      this.pendingInterrupt = false;
      return Promise.reject(new Interrupted());
    }
    if (this.closed && !this.queue.length) return Promise.resolve(null);
    if (this.queue.length) return Promise.resolve(this.queue.shift()!);
    return new Promise((resolve, reject) => (this.reader = { resolve, reject }));
  };

  interrupt(): void {
    const r = this.reader;
    this.reader = undefined;
    if (!r && !this.interruptWaiters.length) this.pendingInterrupt = true;
    for (const w of this.interruptWaiters.splice(0)) w();
    r?.reject(new Interrupted());
  }

  /** The client went away: every read from now on is end of input, and what is waiting stops. */
  shut(): void {
    this.closed = true;
    this.queue = [];
    for (const w of this.interruptWaiters.splice(0)) w();
    const r = this.reader;
    this.reader = undefined;
    r?.resolve(null);
  }

  interrupted = (): Promise<void> => {
    if (this.pendingInterrupt) {
      this.pendingInterrupt = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.interruptWaiters.push(resolve));
  };
}

export interface SessionOptions {
  stdin: boolean;
  tty: boolean;
}

function terminalIo(conn: ChannelConn, tty: boolean): { out(s: string): void; err(s: string): void } {
  const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
  return tty ? { out: (s) => conn.stdout(crlf(s)), err: (s) => conn.stdout(crlf(s)) } : { out: (s) => conn.stdout(s), err: (s) => conn.stderr(s) };
}

/** Feeds the process and, in a terminal, edits and echoes the line being typed. */
function inputSide(conn: ChannelConn, input: Input, tty: boolean): Pick<Session, 'stdin' | 'stdinClosed'> {
  let line = '';
  let escape = false;
  return {
    stdin(data) {
      const text = data.toString('utf8');
      if (!tty) {
        // Whole lines, as a shell reading a pipe gets its commands.
        line += text;
        const end = line.lastIndexOf('\n');
        if (end >= 0) {
          input.push(line.slice(0, end + 1));
          line = line.slice(end + 1);
        }
        return;
      }
      for (const ch of text) {
        if (escape) {
          // The rest of an escape sequence (arrows, function keys): ignored, not echoed.
          if (/[A-Za-z~]/.test(ch)) escape = false;
          continue;
        }
        if (ch === '\x1b') escape = true;
        else if (ch === '\r' || ch === '\n') {
          conn.stdout('\r\n');
          input.push(`${line}\n`);
          line = '';
        } else if (ch === '\x7f' || ch === '\b') {
          if (line) {
            line = [...line].slice(0, -1).join('');
            conn.stdout('\b \b');
          }
        } else if (ch === '\x03') {
          conn.stdout('^C\r\n');
          line = '';
          input.interrupt();
        } else if (ch === '\x04') {
          if (!line) input.push(null);
        } else if (ch === '\x15') {
          conn.stdout('\b \b'.repeat([...line].length));
          line = '';
        } else if (ch >= ' ' || ch === '\t') {
          line += ch;
          conn.stdout(ch);
        }
      }
    },
    stdinClosed() {
      if (!tty && line) input.push(line);
      line = '';
      input.push(null);
    },
  };
}

/** The message containerd gives when the program to exec is not in the image. */
function notFoundInImage(program: string, execId: string): string {
  return `error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`;
}

export function startExec(conn: ChannelConn, view: ContainerView, layer: Layer, argv: string[], opts: SessionOptions, execId: string): Session {
  const input = new Input(opts.tty);
  if (!opts.stdin) input.push(null);
  if (opts.tty) view.tty = { cols: 80, rows: 24 };
  const io: ShellIo = { ...terminalIo(conn, opts.tty), read: input.read, interrupted: input.interrupted };
  const program = argv[0] ?? '';
  const base = program.slice(program.lastIndexOf('/') + 1);
  const runnable = view.shells.size > 0 && (SHELL_NAMES.has(base) ? view.shells.has(base) : COMMANDS.has(base) && !BUILTINS.has(base));
  let ended = false;
  const end = (status: ExitStatus) => {
    if (ended) return;
    ended = true;
    conn.finish(status);
  };
  if (!runnable) {
    end({ code: 0, internal: notFoundInImage(program, execId) });
  } else {
    // The process: a shell started by the runtime (not from another shell), or one program.
    const top = new Shell(view, layer, SHELL_NAMES.has(base) ? base : 'sh', base === 'bash' ? 'bash' : view.sh);
    top.interactiveMode = opts.tty;
    const run = SHELL_NAMES.has(base) ? (argv.includes('-c') ? top.run(argv[argv.indexOf('-c') + 1] ?? '', io) : top.interactive(io, opts.tty)) : top.exec(argv, io);
    run.then(
      (code) => end({ code, argv }),
      (e) => end({ code: 0, internal: `error executing command in container: ${e instanceof Error ? e.message : String(e)}` }),
    );
  }
  return {
    ...inputSide(conn, input, opts.tty),
    resize(cols, rows) {
      if (view.tty && cols > 0 && rows > 0) view.tty = { cols, rows };
    },
    kill() {
      end({ code: 137, argv });
    },
    gone() {
      ended = true;
      input.shut();
    },
  };
}

export interface AttachSource {
  /** Starts sending the container's output as it is produced; returns stop. onEnd when the container stops. */
  follow(onData: (chunk: string) => void, onEnd: () => void): () => void;
  /** The main process (an attached shell) exited with this code: the container ends with it. */
  exited(code: number): void;
}

/**
 * Attach: the main process's output as it is produced (its log lines), and its stdin when the
 * container was started with one. A container whose main process is a shell (`kubectl run -it
 * --image=busybox -- sh`) gets a shell reading what is typed.
 */
export function startAttach(conn: ChannelConn, view: ContainerView, layer: Layer, source: AttachSource, opts: SessionOptions): Session {
  const tty = opts.tty && !!view.container.tty;
  const input = new Input(tty);
  const out = terminalIo(conn, tty);
  let ended = false;
  let detached = false;
  const end = () => {
    if (ended) return;
    ended = true;
    stop();
    conn.finish({ code: 0 });
  };
  const stop = source.follow((chunk) => out.out(chunk), end);
  const main = view.mainProcess.split(' ')[0];
  const base = main.slice(main.lastIndexOf('/') + 1);
  const interactive = opts.stdin && view.container.stdin && SHELL_NAMES.has(base) && view.shells.has(base) && !view.mainProcess.includes(' -c ');
  if (interactive) {
    if (tty) view.tty = { cols: 80, rows: 24 };
    const sh = new Shell(view, layer, base, base === 'bash' ? 'bash' : view.sh);
    sh.interactiveMode = tty;
    void sh.interactive({ ...out, read: input.read, interrupted: input.interrupted }, tty).then(
      (code) => {
        // A client that went away detached: the shell goes on (kubectl attach again finds it).
        if (detached) return;
        end();
        source.exited(code);
      },
      end,
    );
  }
  const side = inputSide(conn, input, tty);
  return {
    stdin: (d) => (interactive ? side.stdin(d) : undefined),
    stdinClosed: () => (interactive ? side.stdinClosed() : undefined),
    resize(cols, rows) {
      if (view.tty && cols > 0 && rows > 0) view.tty = { cols, rows };
    },
    kill: end,
    gone() {
      detached = true;
      ended = true;
      stop();
      input.shut();
    },
  };
}
