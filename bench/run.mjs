#!/usr/bin/env node
// kdash benchmarks, side by side with kubectl and k9s on the same embedded API server.
//   npm run bench                 full run (1k/10k/50k pods, churn 10/100/500, logs 30 s)
//   npm run bench -- --quick      smoke check: 1k pods, a few seconds per step, no thresholds
//   npm run bench -- --target real  the same against the e2e suite's kube-apiserver + etcd + kwok (lib/realTarget.mjs)
// Options: --no-k9s, --only startup|churn|keys|logs (repeatable), --out DIR (default bench/results);
// with --target real, --only churn (10k pods and the churn rows only) and --rates 100 (the churn rates);
// --merge puts a partial real run's rows into real-latest.* and the README (bench/README.md).
// Results: DIR/latest.json and DIR/latest.md. Each step has a time bound; everything is on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, homedir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage } from './lib/proc.mjs';
import { kubectlList, rawList, startSim } from './lib/sim.mjs';
import { CACHE, CLI, frameHookMode, K9S_BIN, K9S_VERSION, eventLatency, k9s, kdash, keyLatency, readFrames, steady, timeToFirstRows, timeToFullTable } from './lib/tools.mjs';
import { markdown } from './lib/report.mjs';
import { runLogBench } from './lib/logs.mjs';
import { pct, round } from './lib/text.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const noK9s = argv.includes('--no-k9s');
const only = argv.flatMap((a, i) => (argv[i - 1] === '--only' ? [a] : []));
const outDir = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : join(ROOT, 'bench/results');
const want = (part) => only.length === 0 || only.includes(part);
const log = (s) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const median = (xs) => pct(xs.filter((x) => x != null), 50);

if (!existsSync(CLI)) {
  process.stderr.write(`bench: ${CLI} is missing: run \`npm run build\` first (npm run bench does)\n`);
  process.exit(2);
}
const work = join(CACHE, 'run');
mkdirSync(work, { recursive: true });
const kubeconfig = join(work, 'kubeconfig');
const framesFile = join(work, 'frames.jsonl');
const haveK9s = !noK9s && k9s.available();

const results = {
  kind: quick ? 'quick' : 'full',
  date: new Date().toISOString(),
  machine: machine(),
  k9s: haveK9s ? { version: K9S_VERSION, bin: K9S_BIN.replace(homedir(), '~') } : { skipped: noK9s ? '--no-k9s' : `not built: ${K9S_BIN.replace(homedir(), '~')} is missing (see bench/README.md)` },
  startup: [],
  churn: [],
  keys: [],
  watchListPair: null,
  logs: null,
  kdash: { cli: CLI.slice(ROOT.length), frameTiming: frameHookMode() },
  notes: [],
};
if (results.kdash.frameTiming === 'loader' && !CLI.endsWith('dist/cli.js')) results.notes.push(`frame times, event-to-screen and keys come from the second kdash run, which uses the unbundled dist/cli.js with a module hook timing Ink frames (the bundle ${results.kdash.cli} has no KDASH_BENCH_FRAMES hook yet); first-table times and idle memory come from ${results.kdash.cli}`);
if (results.kdash.frameTiming === 'none') results.notes.push('frame render times not measured: the bundled CLI has no KDASH_BENCH_FRAMES hook (src/app/dashboard.tsx should pass benchRenderOptions() to render)');

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return null;
    }
  };
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    kubectl: sh('/usr/bin/kubectl', ['version', '--client', '-o', 'json']) ? JSON.parse(sh('/usr/bin/kubectl', ['version', '--client', '-o', 'json'])).clientVersion.gitVersion : null,
    kernel: sh('uname', ['-r']),
    loadAtStart: loadAverage(),
  };
}

/** Runs `fn` with a fresh sim; always stops it. */
async function withSim(params, fn) {
  log(`sim: ${params.pods} pods in ${params.namespaces} namespace(s), ${params.nodes} nodes, churn ${params.churn}/s`);
  const sim = await startSim(params, kubeconfig);
  log(`sim up in ${sim.startSeconds.toFixed(1)} s at ${sim.url}`);
  try {
    return await fn(sim);
  } finally {
    await sim.stop();
  }
}

async function kubectlFloor(scope, reps) {
  const args = scope.all ? ['-A'] : ['-n', scope.namespace];
  // Discovery cache warm, as on a user's machine, without a full LIST.
  execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', 'sim-admin', 'api-resources', '-o', 'name'], { stdio: 'ignore', timeout: 60_000 });
  const ms = [];
  let items = 0;
  for (let i = 0; i < reps; i++) {
    const r = await kubectlList(kubeconfig, args);
    ms.push(r.ms);
    items = r.items;
  }
  return { ms: median(ms), runs: ms.map((x) => round(x, 0)), items };
}

/** One tool session: time to the full table, then idle steady state (CPU, RSS). */
async function startupSession(tool, scope, count, { frames, idleSeconds, timeoutMs, after } = {}) {
  const term = await tool.start(kubeconfig, scope, { frames });
  try {
    const ms = await timeToFullTable(term, count, timeoutMs);
    if (ms == null) return { error: `no full table (${count} pods) within ${timeoutMs / 1000} s` };
    const idle = await steady(term, idleSeconds, 1500);
    const extra = after ? await after(term) : undefined;
    return { ms, idle, ...extra };
  } finally {
    await tool.quit(term);
  }
}

async function startupScenarios() {
  const sizes = quick
    ? [{ pods: 1000, namespaces: 1, nodes: 100 }]
    : [
        { pods: 1000, namespaces: 1, nodes: 100 },
        { pods: 10_000, namespaces: 1, nodes: 100 },
        { pods: 50_000, namespaces: 1, nodes: 100 },
        { pods: 1000, namespaces: 50, nodes: 100, all: true },
        { pods: 10_000, namespaces: 50, nodes: 1000, all: true },
        { pods: 50_000, namespaces: 50, nodes: 1000, all: true },
      ];
  for (const size of sizes) {
    await withSim({ ...size, churn: 0 }, async (sim) => {
      const scope = size.all ? { all: true } : { namespace: 'team-001' };
      const timeoutMs = quick ? 60_000 : 180_000;
      const idleSeconds = quick ? 3 : 5;
      const row = { pods: size.pods, namespaces: size.namespaces, nodes: size.nodes, scope: size.all ? '-A' : '-n team-001', load: loadAverage() };
      row.kubectl = await kubectlFloor(scope, quick || size.pods > 10_000 ? 1 : 3);
      const raw = [];
      for (let i = 0; i < 3; i++) raw.push((await rawList(sim, size.all ? '' : 'team-001')).ms);
      row.rawList = { ms: median(raw) };
      log(`kubectl LIST ${round(row.kubectl.ms, 0)} ms (${row.kubectl.items} items), raw HTTP LIST ${round(row.rawList.ms, 0)} ms`);
      // kdash twice: the first as a user runs it; the second with frame timing (and keys / events).
      const plain = await startupSession(kdash, scope, size.pods, { idleSeconds, timeoutMs });
      log(`kdash first full table ${round(plain.ms, 0)} ms, idle RSS ${round(plain.idle?.rssMb, 0)} MB`);
      const frameT0 = Date.now();
      const timed = await startupSession(kdash, scope, size.pods, {
        frames: framesFile,
        idleSeconds,
        timeoutMs,
        after: async (term) => {
          const out = {};
          if (!size.all && want('keys') && (quick || size.pods >= 10_000)) {
            log('kdash keys');
            out.keys = await keyLatency(term);
          }
          if (!size.all) {
            log('kdash event-to-screen');
            out.events = await eventLatency(term, sim, 'team-001', quick ? 5 : 15, `s${size.pods}`);
          }
          out.frames = readFrames(framesFile, frameT0);
          return out;
        },
      });
      row.kdash = { ms: plain.ms ?? timed.ms, runs: [plain.ms, timed.ms].map((x) => round(x, 0)), idle: plain.idle ?? timed.idle, error: plain.error ?? timed.error };
      row.kdashFrames = timed.frames;
      row.kdashEvents = timed.events;
      if (timed.keys) results.keys.push({ pods: size.pods, scope: row.scope, keys: timed.keys, frames: timed.frames });
      log(`kdash (timed run) ${round(timed.ms, 0)} ms; frames p95 ${round(timed.frames?.p95, 1)} ms; events p95 ${round(timed.events?.p95, 0)} ms`);
      if (haveK9s) {
        const r = await startupSession(k9s, scope, size.pods, { idleSeconds, timeoutMs });
        row.k9s = r.error ? { error: r.error } : { ms: r.ms, idle: r.idle };
        log(`k9s first full table ${round(r.ms, 0)} ms, idle RSS ${round(r.idle?.rssMb, 0)} MB ${r.error ?? ''}`);
      }
      results.startup.push(row);
    });
    flush();
  }
}

async function churnScenarios() {
  const levels = quick ? [10] : [10, 100, 500];
  const pods = quick ? 1000 : 10_000;
  for (const churn of levels) {
    await withSim({ pods, namespaces: 1, nodes: 100, churn }, async (sim) => {
      const scope = { namespace: 'team-001' };
      const seconds = quick ? 3 : 10;
      const row = { pods, churn, load: loadAverage() };
      const near = (count) => count; // the churn keeps the count within a few pods of the start
      const frameT0 = Date.now();
      const term = await kdash.start(kubeconfig, scope, { frames: framesFile });
      try {
        const ms = await timeToFullTableNear(term, near(pods), quick ? 60_000 : 180_000);
        const s = await steady(term, seconds);
        const frames = readFrames(framesFile, frameT0);
        const events = await eventLatency(term, sim, 'team-001', quick ? 5 : 15, `c${churn}`);
        row.kdash = { ms, ...s, frames, events };
        log(`kdash at churn ${churn}/s: CPU ${round(s.cpuPercent, 1)}%, RSS ${round(s.rssMb, 0)} MB, frames p95 ${round(frames?.p95, 1)} ms, events p95 ${round(events.p95, 0)} ms`);
      } finally {
        await kdash.quit(term);
      }
      if (haveK9s) {
        const t = await k9s.start(kubeconfig, scope);
        try {
          const ms = await timeToFullTableNear(t, pods, quick ? 60_000 : 180_000);
          const s = await steady(t, seconds);
          row.k9s = { ms, ...s };
          log(`k9s at churn ${churn}/s: CPU ${round(s.cpuPercent, 1)}%, RSS ${round(s.rssMb, 0)} MB`);
        } finally {
          await k9s.quit(t);
        }
      }
      results.churn.push(row);
    });
    flush();
  }
}

/** Under churn the count moves a little: accept within 2% of the scenario's size. */
async function timeToFullTableNear(term, pods, timeoutMs) {
  const { waitFor } = await import('./lib/pty.mjs');
  const { titleCounts } = await import('./lib/text.mjs');
  const hit = await waitFor(term, (c) => titleCounts(c.text).some((x) => x.of === undefined && Math.abs(x.count - pods) <= pods * 0.02), { timeoutMs });
  return hit ? hit.t - term.startedAt : null;
}

function flush() {
  mkdirSync(outDir, { recursive: true });
  results.machine.loadAtEnd = loadAverage();
  writeFileSync(join(outDir, quick ? 'quick.json' : 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, quick ? 'quick.md' : 'latest.md'), markdown(results));
}

if (argv.includes('--target') && argv[argv.indexOf('--target') + 1] === 'real') {
  const { runRealTarget } = await import('./lib/realTarget.mjs');
  mkdirSync(outDir, { recursive: true });
  const scale = argv.includes('--scale') ? Number(argv[argv.indexOf('--scale') + 1]) : 1;
  const rates = argv.includes('--rates') ? argv[argv.indexOf('--rates') + 1].split(',').map(Number) : undefined;
  const r = await runRealTarget({ noK9s, outDir, log, scale, only, rates, merge: argv.includes('--merge') });
  const { realMarkdown } = await import('./lib/realReport.mjs');
  if (!r.only && only.length === 0) process.stdout.write(realMarkdown(r));
  log(`done in ${r.seconds} s: ${join(outDir, r.only ? `real-${r.only}.md` : only.length ? `real-${only.join('-')}.md` : 'real-latest.md')}`);
  process.exit(process.exitCode ?? 0);
}

/** The same 1k pods, first with WatchList served, then refused (kdash lists page by page): first rows and full table. */
async function watchListPair() {
  const pods = 1000;
  const out = {};
  for (const [label, watchList] of [['WatchList', true], ['paged LIST', false]]) {
    await withSim({ pods, namespaces: 1, nodes: 100, churn: 0, watchList }, async () => {
      const runs = [];
      for (let i = 0; i < 2; i++) {
        const term = await kdash.start(kubeconfig, { namespace: 'team-001' });
        try {
          runs.push({ firstRows: await timeToFirstRows(term, 60_000), full: await timeToFullTable(term, pods, 60_000) });
        } finally {
          await kdash.quit(term);
        }
      }
      out[label] = { firstRowsMs: median(runs.map((r) => r.firstRows)), fullMs: median(runs.map((r) => r.full)), runs, load: loadAverage() };
      log(`${label}: first rows ${round(out[label].firstRowsMs, 0)} ms, full table ${round(out[label].fullMs, 0)} ms`);
    });
  }
  return out;
}

const t0 = Date.now();
try {
  if (quick && want('startup')) results.watchListPair = await watchListPair();
  if (want('startup') || want('keys')) await startupScenarios();
  if (want('churn')) await churnScenarios();
  if (want('logs')) {
    log(`log view at 10,000 lines/s for ${quick ? 3 : 30} s`);
    results.logs = await runLogBench(quick ? 3 : 30);
  }
} catch (err) {
  results.notes.push(`run stopped early: ${err.message}`);
  log(`error: ${err.stack ?? err}`);
  process.exitCode = 1;
}
results.seconds = Math.round((Date.now() - t0) / 1000);
// The smoke check has no thresholds, but fails when a measurement could not be made at all.
const broken = [
  ...results.startup.flatMap((s) => [s.kdash?.ms == null && `no kdash table at ${s.pods} pods`, s.kdashEvents?.error, s.kdashEvents && !s.kdashEvents.samples && 'no event reached the screen']),
  ...results.churn.flatMap((c) => [c.kdash?.ms == null && `no kdash table under churn ${c.churn}`, c.kdash?.cpuPercent == null && 'no CPU sample']),
  results.logs?.error,
].filter(Boolean);
if (broken.length) {
  results.notes.push(...broken.map((b) => `measurement failed: ${b}`));
  process.exitCode = 1;
}
flush();
process.stdout.write(markdown(results));
log(`done in ${results.seconds} s: ${join(outDir, quick ? 'quick.md' : 'latest.md')}`);
