// A program in a pseudo-terminal (via bench/pty_run.py), as a user runs it: its output with the time
// each chunk arrived, keystrokes, and waits on what the screen shows.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { virtualScreen } from './screen.mjs';
import { stripAnsi } from './text.mjs';

const RUNNER = fileURLToPath(new URL('../pty_run.py', import.meta.url));

/** Monotonic milliseconds, the same clock as the runner's timestamps (CLOCK_MONOTONIC). */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Starts `cmd` in a COLS×ROWS terminal. Resolves once the program has been forked.
 * The returned object keeps its screen updates (`chunks`), each with the screen as it then reads.
 */
export async function startPty(cmd, args, { cols = 200, rows = 50, env = process.env } = {}) {
  const child = spawn('python3', [RUNNER, String(cols), String(rows), '--', cmd, ...args], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const term = {
    pid: 0,
    startedAt: 0,
    exitedAt: 0,
    exitStatus: undefined,
    /** [{ t, raw, text, frame }]: text is the whole screen once that update was drawn (bench/lib/screen.mjs). */
    chunks: [],
    bytes: 0,
    waiters: new Set(),
    write: (s) => child.stdin.write(s),
    child,
  };
  let buf = Buffer.alloc(0);
  let carry = ''; // an escape sequence split across chunks
  const screen = virtualScreen(cols, rows);
  // The emulator parses asynchronously; updates are applied one after another, in arrival order.
  let feeding = Promise.resolve();
  let resolveStart;
  const started = new Promise((r) => (resolveStart = r));
  const exited = new Promise((resolve) => {
    child.stdout.on('data', (data) => {
      buf = Buffer.concat([buf, data]);
      while (buf.length >= 13) {
        const type = buf.readUInt8(0);
        const t = Number(buf.readBigUInt64LE(1)) / 1e6;
        const len = buf.readUInt32LE(9);
        if (buf.length < 13 + len) break;
        const payload = buf.subarray(13, 13 + len);
        buf = buf.subarray(13 + len);
        if (type === 0) {
          term.pid = Number(payload.toString());
          term.startedAt = t;
          resolveStart();
        } else if (type === 1) {
          const raw = carry + payload.toString('utf8');
          // Keep an unfinished escape sequence for the next chunk so stripping stays correct.
          const cut = raw.lastIndexOf('\x1b');
          let body = raw;
          carry = '';
          if (cut >= 0 && raw.length - cut < 32 && !/^\x1b(\[[0-9;?<>=]*[@-~]|\][^\x07]*\x07|[^[\]])/.test(raw.slice(cut))) {
            body = raw.slice(0, cut);
            carry = raw.slice(cut);
          }
          term.bytes += len;
          const updates = assemble(term, t, body);
          feeding = feeding.then(async () => {
            for (const u of updates) {
              await screen.write(u.raw);
              if (!u.show) continue;
              const chunk = { t: u.t, raw: u.raw, text: screen.text(), frame: u.frame };
              term.chunks.push(chunk);
              for (const w of [...term.waiters]) w(chunk);
            }
          });
        } else if (type === 2) {
          term.exitedAt = t;
          term.exitStatus = Number(payload.toString());
        }
      }
    });
    child.on('close', () => {
      resolveStart();
      feeding.then(() => {
        screen.dispose();
        resolve(term.exitStatus);
      });
    });
  });
  term.exited = exited;
  await started;
  return term;
}

const BSU = '\x1b[?2026h';
const ESU = '\x1b[?2026l';

/**
 * Output split into screen updates, each to be fed to the emulated screen in order. A program that
 * brackets its frames in synchronized-output marks (kdash via Ink) shows one update per complete frame,
 * timed when its last byte arrived: that is when a terminal shows it. Otherwise (k9s) each chunk with
 * visible text is one update. Bytes outside frames that draw nothing (modes, cursor) are fed unseen.
 */
function assemble(term, t, raw) {
  const out = [];
  let rest = raw;
  term.pending ??= '';
  while (rest) {
    if (term.inFrame) {
      const end = rest.indexOf(ESU);
      if (end < 0) {
        term.pending += rest;
        break;
      }
      out.push({ t, raw: BSU + term.pending + rest.slice(0, end) + ESU, frame: true, show: true });
      term.frames = (term.frames ?? 0) + 1;
      term.pending = '';
      term.inFrame = false;
      rest = rest.slice(end + ESU.length);
      continue;
    }
    const start = rest.indexOf(BSU);
    const before = start < 0 ? rest : rest.slice(0, start);
    if (before) out.push({ t, raw: before, frame: false, show: stripAnsi(before).trim() !== '' });
    if (start < 0) break;
    term.inFrame = true;
    rest = rest.slice(start + BSU.length);
  }
  return out;
}

/**
 * Waits for the first output chunk (arriving after `since`, monotonic ms) for which
 * `test(chunk, term)` returns a truthy value; resolves { t, value } or null after `timeoutMs`.
 * Older chunks are checked first so a match that already arrived is not missed.
 */
export function waitFor(term, test, { since = 0, timeoutMs = 30_000 } = {}) {
  for (const c of term.chunks) {
    if (c.t < since) continue;
    const v = test(c, term);
    if (v) return Promise.resolve({ t: c.t, value: v });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      term.waiters.delete(w);
      resolve(null);
    }, timeoutMs);
    const w = (c) => {
      if (c.t < since) return;
      const v = test(c, term);
      if (!v) return;
      clearTimeout(timer);
      term.waiters.delete(w);
      resolve({ t: c.t, value: v });
    };
    term.waiters.add(w);
    term.exited.then(() => {
      clearTimeout(timer);
      term.waiters.delete(w);
      resolve(null);
    });
  });
}

/** Ends the program (SIGTERM, then SIGKILL) and waits for the runner to exit. */
export async function stopPty(term, { keys } = {}) {
  if (keys) term.write(keys);
  const grace = new Promise((r) => setTimeout(r, keys ? 1500 : 0));
  await Promise.race([term.exited, grace]);
  if (term.exitStatus === undefined && term.pid) {
    try {
      process.kill(term.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const t = setTimeout(() => {
      try {
        process.kill(term.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    await term.exited;
    clearTimeout(t);
  }
  term.child.stdin.end();
}
