// The tools under test, each started in the same pseudo-terminal as a user would start it, and the
// measurements made on them: time to the full table, steady CPU/RSS, event-to-screen, key latency.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPty, stopPty, waitFor, nowMs } from './pty.mjs';
import { sampleSteady } from './proc.mjs';
import { CONTEXT, createMarkerPod, deletePod } from './sim.mjs';
import { pct, titleCounts } from './text.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The command users get: package.json's `bin.kdash` (dist/cli.js, or the bundle when there is one);
 * KDASH_BENCH_CLI names another build's entry (e.g. a copy of main's, for a before/after in one run).
 */
export const CLI = process.env.KDASH_BENCH_CLI ?? join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.kdash);
const FRAME_LOADER = join(ROOT, 'bench/lib/inkFrames.mjs');
export const CACHE = process.env.KDASH_BENCH_CACHE ?? join(homedir(), '.cache/kdash-bench');
export const K9S_VERSION = 'v0.50.16';
export const K9S_BIN = join(CACHE, 'bin/k9s');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * How frame times are obtained: 'env' when the dashboard passes benchRenderOptions() to Ink (the
 * env var is enough), 'loader' when the CLI imports `ink` as a package (unbundled: a resolve hook
 * adds the same timing), else 'none'.
 */
export function frameHookMode() {
  const files = [join(ROOT, 'dist/app/dashboard.js'), CLI];
  const dir = join(ROOT, 'dist/bin/chunks');
  if (existsSync(dir)) for (const f of readdirSync(dir)) files.push(join(dir, f));
  for (const f of files) {
    try {
      if (readFileSync(f, 'utf8').includes('KDASH_BENCH_FRAMES')) return 'env';
    } catch {
      // not built
    }
  }
  return existsSync(UNBUNDLED) ? 'loader' : 'none';
}
const UNBUNDLED = join(ROOT, 'dist/cli.js');

// scope: { namespace } or { all: true }, and the kubeconfig context (default: the embedded cluster's admin).
const scopeArgs = (scope) => ['--context', scope.context ?? CONTEXT, ...(scope.all ? ['-A'] : ['-n', scope.namespace])];

export const kdash = {
  name: 'kdash',
  /** frames: path of a file that receives one JSON line per Ink frame (see bench/lib/inkFrames.mjs). */
  start(kubeconfig, scope, { frames } = {}) {
    const env = { ...process.env };
    delete env.NODE_ENV; // as a user runs it
    // Profiling and heap flags for node (bench/README.md); split on blanks.
    const node = (process.env.KDASH_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
    let cli = CLI;
    if (frames) {
      env.KDASH_BENCH_FRAMES = frames;
      rmSync(frames, { force: true });
      // Without the hook in the build users run, the timed run uses the unbundled build (same code,
      // `ink` imported as a package) with the hook added by a module resolve hook.
      if (frameHookMode() === 'loader') {
        node.push('--import', FRAME_LOADER);
        cli = UNBUNDLED;
      }
    }
    return startPty(process.execPath, [...node, cli, '--kubeconfig', kubeconfig, ...scopeArgs(scope)], { env });
  },
  quit: (term) => stopPty(term, { keys: 'q' }),
};

export const k9s = {
  name: 'k9s',
  available: () => existsSync(K9S_BIN),
  start(kubeconfig, scope) {
    // Its own config, state and logs in the bench cache: nothing of the user's is read or written.
    const home = join(CACHE, 'k9s-home');
    const cfgDir = join(home, 'config');
    mkdirSync(cfgDir, { recursive: true });
    // No update check over the network during the run.
    writeFileSync(join(cfgDir, 'config.yaml'), 'k9s:\n  skipLatestRevCheck: true\n  refreshRate: 2\n  ui:\n    enableMouse: false\n');
    const env = {
      ...process.env,
      K9S_CONFIG_DIR: cfgDir,
      XDG_CONFIG_HOME: join(home, 'xdg-config'),
      XDG_DATA_HOME: join(home, 'xdg-data'),
      XDG_STATE_HOME: join(home, 'xdg-state'),
      XDG_CACHE_HOME: join(home, 'xdg-cache'),
    };
    return startPty(K9S_BIN, ['--kubeconfig', kubeconfig, ...scopeArgs(scope), '--readonly', '--command', 'pods'], { env });
  },
  quit: (term) => stopPty(term, { keys: '\x03' }),
};

/** Waits for the first screen whose pods title shows at least one row. Returns ms since fork. */
export async function timeToFirstRows(term, timeoutMs) {
  const hit = await waitFor(term, (c) => titleCounts(c.text).some((x) => x.count > 0), { timeoutMs });
  return hit ? hit.t - term.startedAt : null;
}

/** Waits for a screen whose pods title shows `count` (the full table). Returns ms since fork. */
export async function timeToFullTable(term, count, timeoutMs) {
  const hit = await waitFor(term, (c) => titleCounts(c.text).some((x) => x.count === count), { timeoutMs });
  return hit ? hit.t - term.startedAt : null;
}

/** Steady state: CPU share of one core and RSS over `seconds` after a short settle. */
export async function steady(term, seconds, settleMs = 3000) {
  await sleep(settleMs);
  return sampleSteady(term.pid, seconds);
}

const selected = (text) => /^> (\S+)/m.exec(text)?.[1];

/** Writes `keys` and waits for the next frame that `changed(frame)` accepts; ms from key to frame. */
async function keyToFrame(term, keys, changed, timeoutMs = 10_000) {
  const t = nowMs();
  term.write(keys);
  const hit = await waitFor(term, (c) => c.frame && changed(c.text), { since: t, timeoutMs });
  return hit ? hit.t - t : null;
}

/**
 * Event-to-screen: filters the table to a marker prefix, then creates pods with unique names through
 * the API and times until each name is in a frame. The time includes the API call itself.
 */
export async function eventLatency(term, sim, namespace, samples, tag) {
  const prefix = `bench-evt-${tag}`;
  // Step by step (open the filter bar, type, apply), each confirmed on screen.
  const opened = await keyToFrame(term, '/', (text) => /^\/\S*█/m.test(text));
  const typed = opened != null && (await keyToFrame(term, prefix, (text) => text.includes(`/${prefix}█`)));
  const shown = typed != null && (await keyToFrame(term, '\r', (text) => titleCounts(text).some((x) => x.of !== undefined) && text.includes(`/${prefix}`)));
  if (shown == null || shown === false) return { error: `the filter /${prefix} did not show (bar ${opened != null}, typed ${typed != null})` };
  const ms = [];
  let missed = 0;
  const names = [];
  for (let i = 0; i < samples; i++) {
    const name = `${prefix}-${i}`;
    names.push(name);
    const t = nowMs();
    const create = createMarkerPod(sim, namespace, name);
    const hit = await waitFor(term, (c) => c.frame && c.text.includes(name), { since: t, timeoutMs: 5000 });
    await create;
    if (hit) ms.push(hit.t - t);
    else missed++;
    await sleep(150 + Math.random() * 250);
  }
  await Promise.all(names.map((n) => deletePod(sim, namespace, n)));
  return { samples: ms.length, missed, p50: pct(ms, 50), p95: pct(ms, 95), max: ms.length ? Math.max(...ms) : null };
}

/**
 * Keys at a large table: j (down one), PgDn, G/g, then typing a filter and applying it. Each key is
 * timed from the write to the first frame that shows its effect.
 */
export async function keyLatency(term, filterText = 'app-17') {
  const out = {};
  const series = async (label, keys, n, changed) => {
    const ms = [];
    for (let i = 0; i < n; i++) {
      const before = selected(term.chunks.filter((c) => c.frame).at(-1)?.text ?? '');
      const v = await keyToFrame(term, keys, (text) => changed(text, before, i));
      if (v != null) ms.push(v);
      await sleep(120);
    }
    out[label] = { samples: ms.length, missed: n - ms.length, p50: pct(ms, 50), p95: pct(ms, 95), max: ms.length ? Math.max(...ms) : null };
  };
  const moved = (text, before) => {
    const s = selected(text);
    return s !== undefined && s !== before;
  };
  await series('down (j)', 'j', 15, moved);
  await series('page down', '\x1b[6~', 8, moved);
  await series('end/top (G, g)', 'G', 1, moved);
  await series('end/top (G, g)#2', 'g', 1, moved);
  const gg = [out['end/top (G, g)'], out['end/top (G, g)#2']].flatMap((x) => (x.p50 == null ? [] : [x.p50]));
  out['end/top (G, g)'] = { samples: gg.length, missed: 2 - gg.length, p50: pct(gg, 50), p95: pct(gg, 95), max: gg.length ? Math.max(...gg) : null };
  delete out['end/top (G, g)#2'];
  // Typing the filter: each key until the filter bar shows the text typed so far.
  const typed = [];
  const open = await keyToFrame(term, '/', (text) => /^\/\S*█/m.test(text) || /^\/█/m.test(text));
  if (open != null) typed.push(open);
  for (let i = 1; i <= filterText.length; i++) {
    const sofar = filterText.slice(0, i);
    const v = await keyToFrame(term, filterText[i - 1], (text) => text.includes(`/${sofar}█`));
    if (v != null) typed.push(v);
    await sleep(80);
  }
  out['filter: typing a key'] = { samples: typed.length, missed: filterText.length + 1 - typed.length, p50: pct(typed, 50), p95: pct(typed, 95), max: typed.length ? Math.max(...typed) : null };
  let applied = null;
  const v = await keyToFrame(term, '\r', (text) => titleCounts(text).length > 0 && text.includes(`/${filterText}`) && /\[\d+\/\d+\]/.test(text));
  applied = v;
  out['filter: apply (Enter)'] = { samples: v == null ? 0 : 1, missed: v == null ? 1 : 0, p50: applied, p95: applied, max: applied };
  // Clearing: `/`, backspace over the text, Enter; timed from the Enter to the unfiltered title.
  term.write('/' + '\x7f'.repeat(filterText.length));
  await sleep(1500);
  const cleared = await keyToFrame(term, '\r', (text) => titleCounts(text).length > 0 && !/\[\d+\/\d+\]/.test(text));
  out['filter: clear (/, backspaces, Enter)'] = { samples: cleared == null ? 0 : 1, missed: cleared == null ? 1 : 0, p50: cleared, p95: cleared, max: cleared };
  return out;
}

/** Ink frame times written by the frames hook: render p50/p95/max and event-loop delay. */
export function readFrames(path, sinceEpochMs = 0) {
  let lines = [];
  try {
    lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return null;
  }
  const ms = lines.filter((l) => l.ms !== undefined && l.t >= sinceEpochMs).map((l) => l.ms);
  const loops = lines.filter((l) => l.loop).map((l) => l.loop);
  return {
    frames: ms.length,
    p50: pct(ms, 50),
    p95: pct(ms, 95),
    max: ms.length ? Math.max(...ms) : null,
    loopDelayP99Max: loops.length ? Math.max(...loops.map((l) => l.p99)) : null,
  };
}
