// `npm run bench -- --target real`: the scenarios against the e2e suite's real control plane
// (kube-apiserver v1.36 + etcd + controller-manager + scheduler + kwok), kdash, k9s and kubectl side by
// side in the same minute, the load average with every row. Results: OUT/real-latest.{json,md} and the
// table between the bench:real marks in README.md.
//
// What fits in ~20 minutes on 2 cores: 10k pods over 50 namespaces for -A, 1k and 10k in one namespace
// each (21k pods in all, created through the API at what the server sustains); 50k stays on the embedded
// cluster (`npm run bench`).
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage } from './proc.mjs';
import { loadHarness } from './realCluster.mjs';
import { adminClient, pool, populate, benchPod, nodeName } from './realPods.mjs';
import { CACHE, CLI, K9S_VERSION, k9s, kdash, steady, timeToFirstRows, timeToFullTable, readFrames } from './tools.mjs';
import { nowMs, waitFor } from './pty.mjs';
import { pct, round, titleCounts } from './text.mjs';
import { mergeRealResults, realMarkdown, realReadmeTable } from './realReport.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => pct(xs.filter((x) => x != null), 50);

/** The harness's kwok node, with room for every pod of the run (21k over 100 nodes). */
const benchNode = (h) => (name) => h.nodeManifest(name, { ready: false, capacity: { cpu: '64', memory: '256Gi', pods: '1000' } });

/**
 * The e2e harness's control plane for a run, and the admin's client: `ended` records a run stopped by
 * an error, `close` stops both.
 */
async function benchControlPlane(log, opts = {}) {
  const h = await loadHarness(join(CACHE, 'harness'));
  const bin = h.checkBinaries();
  log('starting the control plane');
  const cp = await h.startControlPlane({ bin, log: (l) => log(`  ${l}`), ...opts });
  const admin = adminClient(cp.server, cp.tokens.admin, cp.caPem);
  return {
    bin,
    node: benchNode(h),
    cp,
    admin,
    ended(results, err) {
      results.notes.push(`run stopped early: ${err.message}`);
      log(`error: ${err.stack ?? err}`);
      process.exitCode = 1;
    },
    async close() {
      admin.close();
      await cp.stop();
    },
  };
}

export async function runRealTarget({ noK9s, outDir, log, scale = 1, only = [], rates = [10, 100, 500], merge = false }) {
  if (only.length === 1 && only[0] === 'recovery') return runRecoveryOnly({ outDir, log, scale });
  // --only startup: the one-namespace start-up rows (1k, 10k, admin and student) and the audit listing;
  // --only churn: 10k pods in bench-10k and the churn rows (`--rates 100` for one rate). A partial run
  // writes real-PART.{json,md} and leaves real-latest.* and the README alone — unless `--merge` (at
  // --scale 1): then its rows replace the same rows of real-latest.* and the README's table.
  const want = (part) => only.length === 0 || only.includes(part);
  const base = only.length ? `real-${only.join('-')}` : 'real-latest';
  // --scale 0.1: a tenth of the pods (a check of the run itself; the figures are only meaningful at 1).
  const P = (x) => Math.max(1, Math.round(x * scale));
  const t0 = Date.now();
  const results = { target: 'real', scale, date: new Date().toISOString(), loadAtStart: loadAverage(), k9s: null, startup: [], student: [], once: [], delayed: [], churn: [], audit: null, notes: [] };
  const haveK9s = !noK9s && k9s.available();
  results.k9s = haveK9s ? K9S_VERSION : 'not run';
  const { bin, node, cp, admin, ended, close } = await benchControlPlane(log);
  const kubectl = join(bin, 'kubectl');
  results.server = 'kube-apiserver v1.36.3 + etcd + kwok (test/e2e/harness)';
  const flush = () => {
    results.loadAtEnd = loadAverage();
    results.seconds = Math.round((Date.now() - t0) / 1000);
    writeFileSync(join(outDir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(outDir, `${base}.md`), realMarkdown(results));
  };
  try {
    const kc = cp.kubeconfigPath; // contexts e2e-admin and e2e-student
    const ADMIN = 'e2e-admin';
    const STUDENT = 'e2e-student';
    const ctx = (context, scope) => ({ ...scope, context });

    const raw = (path) => rawList(cp.server, cp.tokens.admin, cp.caPem, path);
    const kubectlList = (context, args) => timed(kubectl, ['--kubeconfig', kc, '--context', context, 'get', 'pods', ...args, '-o', 'json']);
    const once = (context, args) => timed(process.execPath, [CLI, '--kubeconfig', kc, '--context', context, ...args, '--once'], { NO_COLOR: '1' });

    /** kdash, kubectl, the raw LIST and k9s on one scope, one after the other in the same minute. */
    const startupRow = async (label, scope, pods, { context = ADMIN, kubectlRuns = 3 } = {}) => {
      const row = { label, pods, scope: scope.all ? '-A' : `-n ${scope.namespace}`, user: context === ADMIN ? 'admin' : 'student', load: loadAverage() };
      const path = scope.all ? '/api/v1/pods' : `/api/v1/namespaces/${scope.namespace}/pods`;
      const nsArgs = scope.all ? ['-A'] : ['-n', scope.namespace];
      await timed(kubectl, ['--kubeconfig', kc, '--context', context, 'api-resources', '-o', 'name']); // discovery cache warm
      const rawMs = [];
      for (let i = 0; i < 3; i++) rawMs.push((await raw(path)).ms);
      row.rawList = { ms: median(rawMs), runs: rawMs.map((x) => round(x, 0)) };
      const kc1 = [];
      for (let i = 0; i < kubectlRuns; i++) kc1.push((await kubectlList(context, nsArgs)).ms);
      row.kubectl = { ms: median(kc1), runs: kc1.map((x) => round(x, 0)) };
      const runs = [];
      for (let i = 0; i < 2; i++) runs.push(await session(kdash, kc, ctx(context, scope), pods, i === 0 ? 5 : 0));
      row.kdash = { firstRowsMs: median(runs.map((r) => r.firstRows)), ms: median(runs.map((r) => r.full)), runs: runs.map((r) => [round(r.firstRows, 0), round(r.full, 0)]), idle: runs[0].idle, error: runs.find((r) => r.error)?.error };
      const o = [];
      for (let i = 0; i < 3; i++) o.push((await once(context, nsArgs)).ms);
      row.once = { ms: median(o), runs: o.map((x) => round(x, 0)) };
      if (haveK9s) {
        const r = await session(k9s, kc, ctx(context, scope), pods, 5);
        row.k9s = r.error ? { error: r.error } : { ms: r.full, firstRowsMs: r.firstRows, idle: r.idle };
      }
      row.loadAfter = loadAverage();
      log(`${label}: raw ${round(row.rawList.ms, 0)} ms, kubectl ${round(row.kubectl.ms, 0)} ms, kdash first rows ${round(row.kdash.firstRowsMs, 0)} / full ${round(row.kdash.ms, 0)} ms, --once ${round(row.once.ms, 0)} ms, k9s ${round(row.k9s?.ms, 0)} ms, load ${row.load.join(' ')}`);
      return row;
    };

    // 1. -A over 50 namespaces: 1k, then 10k.
    if (want('all-namespaces')) {
      log('nodes and 1k pods over 50 namespaces');
      const ns50 = { namespaces: 50, nodes: 100 };
      let r = await populate(admin, { pods: P(1000), ...ns50, node }, log);
      results.notes.push(`1k pods over 50 namespaces created in ${round(r.createSeconds, 0)} s`);
      await settleRunning(admin, P(1000), log);
      results.startup.push(await startupRow('1k over 50 namespaces', { all: true }, P(1000)));
      flush();
      log('9k more pods over the 50 namespaces');
      r = await populate(admin, { pods: P(10_000), ...ns50, from: P(1000), node }, log);
      results.notes.push(`10k pods over 50 namespaces: the last 9k created in ${round(r.createSeconds, 0)} s (${round(P(9000) / r.createSeconds, 0)}/s)`);
      results.startup.push(await startupRow('10k over 50 namespaces', { all: true }, P(10_000), { kubectlRuns: 1 }));
      flush();
    }

    if (want('startup')) {
      // 2. One namespace: 1k (bench-1k) and 10k (bench-10k), as admin and as the namespace-restricted student.
      await admin.call('POST', '/api/v1/namespaces', { metadata: { name: 'bench-1k' } }).catch(() => {});
      await admin.call('POST', '/api/v1/namespaces', { metadata: { name: 'bench-10k' } }).catch(() => {});
      for (const ns of ['bench-1k', 'bench-10k']) await studentRole(admin, ns);
      log('1k pods in bench-1k');
      await populate(admin, { pods: P(1000), namespaces: 1, nodes: 100, namespace: 'bench-1k', node }, log);
      // Measured once kwok has started them all: while it still writes 1k or 10k pod statuses the server
      // answers every client twice as slowly (a partial run has no earlier part to give it that time).
      await settleRunning(admin, P(1000), log);
      results.startup.push(await startupRow('1k in one namespace', { namespace: 'bench-1k' }, P(1000)));
      results.student.push(await startupRow('1k, namespace-restricted student', { namespace: 'bench-1k' }, P(1000), { context: STUDENT, kubectlRuns: 1 }));
      flush();
      log('10k pods in bench-10k');
      const r = await populate(admin, { pods: P(10_000), namespaces: 1, nodes: 100, namespace: 'bench-10k', node }, log);
      results.notes.push(`10k pods in one namespace created in ${round(r.createSeconds, 0)} s (${round(P(10_000) / r.createSeconds, 0)}/s)`);
      await settleRunning(admin, P(10_000), log);
      results.startup.push(await startupRow('10k in one namespace', { namespace: 'bench-10k' }, P(10_000)));
      results.student.push(await startupRow('10k, namespace-restricted student', { namespace: 'bench-10k' }, P(10_000), { context: STUDENT, kubectlRuns: 1 }));
      flush();

      // 3. What the student's kdash asked, in order, from the API server's audit log.
      results.audit = await auditedStart(cp, kc, STUDENT, 'bench-1k', P(1000));
      log(`audit: first request ${results.audit.first?.path} at ${round(results.audit.first?.ms, 0)} ms; ${results.audit.beforeList} before the pod list; user agents ${results.audit.userAgents.join(', ')}`);
      flush();
    } else if (want('churn')) {
      await admin.call('POST', '/api/v1/namespaces', { metadata: { name: 'bench-10k' } }).catch(() => {});
      log('10k pods in bench-10k (churn only)');
      const c = await populate(admin, { pods: P(10_000), namespaces: 1, nodes: 100, namespace: 'bench-10k', node }, log);
      results.notes.push(`10k pods in one namespace created in ${round(c.createSeconds, 0)} s`);
    }

    if (want('slow')) {
      // 4. A slow API server: 100 ms added to every request by a delaying proxy.
      const proxy = await delayingProxy(cp.server, 100);
      try {
        const slowKc = join(CACHE, 'run', 'slow-kubeconfig');
        writeFileSync(slowKc, readFileSync(kc, 'utf8').replace(cp.server, `https://127.0.0.1:${proxy.port}`));
        for (const [label, context] of [['admin', ADMIN], ['student', STUDENT]]) {
          const row = { label: `1k in one namespace, +100 ms per request, ${label}`, load: loadAverage() };
          const k = await session(kdash, slowKc, ctx(context, { namespace: 'bench-1k' }), P(1000), 0);
          row.kdash = { firstRowsMs: k.firstRows, ms: k.full, error: k.error };
          const kt = await timed(kubectl, ['--kubeconfig', slowKc, '--context', context, 'get', 'pods', '-n', 'bench-1k', '-o', 'json']);
          row.kubectl = { ms: kt.ms };
          if (haveK9s) {
            const k9 = await session(k9s, slowKc, ctx(context, { namespace: 'bench-1k' }), P(1000), 0);
            row.k9s = k9.error ? { error: k9.error } : { ms: k9.full, firstRowsMs: k9.firstRows };
          }
          results.delayed.push(row);
          log(`${row.label}: kdash ${round(k.firstRows, 0)} / ${round(k.full, 0)} ms, kubectl ${round(kt.ms, 0)} ms, k9s ${round(row.k9s?.ms, 0)} ms`);
        }
      } finally {
        proxy.close();
      }
      flush();
    }
    if (want('churn')) {
      // 5. Churn through the API in bench-10k: kdash then k9s at each rate.
      for (const rate of rates) {
        const churn = startChurn(admin, 'bench-10k', rate, P(10_000));
        try {
          await sleep(2000);
          const row = { churn: rate, load: loadAverage() };
          row.kdash = await churnSession(kdash, kc, ctx(ADMIN, { namespace: 'bench-10k' }), P(10_000), true);
          if (haveK9s) row.k9s = await churnSession(k9s, kc, ctx(ADMIN, { namespace: 'bench-10k' }), P(10_000), false);
          row.achievedPerSecond = churn.rate();
          results.churn.push(row);
          log(`churn ${rate}/s (achieved ${round(row.achievedPerSecond, 0)}/s): kdash CPU ${round(row.kdash.cpuPercent, 1)}% RSS ${round(row.kdash.rssMb, 0)} MB; k9s CPU ${round(row.k9s?.cpuPercent, 1)}% RSS ${round(row.k9s?.rssMb, 0)} MB`);
        } finally {
          await churn.stop();
        }
        flush();
      }
    }
    if (want('recovery')) {
      // 6. Recovery: the API server restarted under a running kdash; time from its /readyz to kdash live again.
      results.recovery = await recovery(cp, admin, kc, ctx(ADMIN, { namespace: 'bench-10k' }), log);
      flush();
    }
  } catch (err) {
    ended(results, err);
  } finally {
    await close();
  }
  flush();
  if (scale === 1 && only.length === 0) updateReadme(realReadmeTable(results));
  if (scale === 1 && only.length > 0 && merge && !process.exitCode) {
    const latest = join(outDir, 'real-latest.json');
    const merged = mergeRealResults(JSON.parse(readFileSync(latest, 'utf8')), { ...results, only });
    writeFileSync(latest, `${JSON.stringify(merged, null, 2)}\n`);
    writeFileSync(join(outDir, 'real-latest.md'), realMarkdown(merged));
    updateReadme(realReadmeTable(merged));
    log(`merged into ${latest} and the README`);
  }
  return results;
}

/**
 * `--target real --only recovery`: the recovery scenario alone, at 10k pods in bench-10k (written to
 * OUT/real-recovery.{json,md}; the full run's files and the README are left alone).
 */
async function runRecoveryOnly({ outDir, log, scale }) {
  const P = (x) => Math.max(1, Math.round(x * scale));
  const t0 = Date.now();
  const results = { target: 'real', only: 'recovery', scale, date: new Date().toISOString(), loadAtStart: loadAverage(), notes: [] };
  // kdash as admin is audited too (its user agent tells its requests from the bench's own).
  const { node, cp, admin, ended, close } = await benchControlPlane(log, { auditUsers: ['vgauthier', 'admin'] });
  try {
    await admin.call('POST', '/api/v1/namespaces', { metadata: { name: 'bench-10k' } }).catch(() => {});
    await studentRole(admin, 'bench-10k');
    log(`${P(10_000)} pods in bench-10k`);
    const r = await populate(admin, { pods: P(10_000), namespaces: 1, nodes: 100, namespace: 'bench-10k', node }, log);
    results.notes.push(`${P(10_000)} pods in one namespace created in ${round(r.createSeconds, 0)} s`);
    results.recovery = await recovery(cp, admin, cp.kubeconfigPath, { context: 'e2e-admin', namespace: 'bench-10k' }, log);
    results.recoveryStudent = await recovery(cp, admin, cp.kubeconfigPath, { context: 'e2e-student', namespace: 'bench-10k' }, log);
  } catch (err) {
    ended(results, err);
  } finally {
    await close();
  }
  results.loadAtEnd = loadAverage();
  results.seconds = Math.round((Date.now() - t0) / 1000);
  writeFileSync(join(outDir, 'real-recovery.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'real-recovery.md'), recoveryMarkdown(results));
  return results;
}

export function recoveryMarkdown(r) {
  const lines = [`# Recovery after an API server restart (${r.date}, scale ${r.scale}, load ${r.loadAtStart?.join(' ')} → ${r.loadAtEnd?.join(' ')})`, ''];
  lines.push(
    'Two pods deleted and one created right after /readyz. "Live again": the first frame without NOT LIVE (its rows are a consistent list that may predate those changes); "server\'s count": the first live frame counting what the server has after them; ghost rows: the count 3 s later minus the server\'s.',
    '',
    '| user | pods | kill → /readyz (the server\'s restart) | /readyz → live again | /readyz → server\'s count live | kill → live again | ghost rows | load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const x of [r.recovery, r.recoveryStudent].filter(Boolean)) {
    lines.push(x.error ? `| ${x.user ?? '?'} | | ${x.error} | | | | | |` : `| ${x.user} | ${x.pods} | ${x.downForMs} ms | ${x.msToLive} ms | ${x.msToServerCount} ms | ${x.killToLiveMs} ms | ${x.ghostRows} | ${x.load?.join(' ')} |`);
  }
  lines.push('', ...r.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** One tool session: first rows, full table, then (idleSeconds > 0) idle CPU and RSS. */
async function session(tool, kubeconfig, scope, pods, idleSeconds) {
  const term = await tool.start(kubeconfig, scope);
  try {
    const firstRows = await timeToFirstRows(term, 120_000);
    const full = await timeToFullTable(term, pods, 180_000);
    if (full == null) return { firstRows, error: `no full table (${pods} pods) within 180 s` };
    const idle = idleSeconds ? await steady(term, idleSeconds, 1500) : undefined;
    return { firstRows, full, idle };
  } finally {
    await tool.quit(term);
  }
}

async function churnSession(tool, kubeconfig, scope, pods, frames) {
  const framesFile = join(CACHE, 'run', 'frames-real.jsonl');
  const t0 = Date.now();
  const term = await tool.start(kubeconfig, scope, frames ? { frames: framesFile } : {});
  try {
    const hit = await waitFor(term, (c) => titleCounts(c.text).some((x) => x.of === undefined && Math.abs(x.count - pods) <= pods * 0.05), { timeoutMs: 180_000 });
    if (!hit) return { error: 'no full table' };
    const s = await steady(term, 10);
    return { ms: hit.t - term.startedAt, ...s, frames: frames ? readFrames(framesFile, t0) : undefined };
  } finally {
    await tool.quit(term);
  }
}

/** A process run to its end: wall ms from spawn (stdout discarded). */
function timed(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const t = nowMs();
    execFile(cmd, args, { maxBuffer: 1 << 30, env: { ...process.env, ...env }, timeout: 300_000 }, (err) => resolve({ ms: nowMs() - t, error: err?.message.split('\n')[0] }));
  });
}

/** The paged LIST (500 a page, as kubectl asks) read and parsed by Node: the API server's own cost. */
async function rawList(server, token, ca, path) {
  const agent = new https.Agent({ keepAlive: true, ca });
  const t = nowMs();
  let cont = '';
  let items = 0;
  try {
    do {
      const body = await new Promise((resolve, reject) => {
        https.get(`${server}${path}?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, { agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          res.on('error', reject);
        }).on('error', reject);
      });
      items += body.items.length;
      cont = body.metadata?.continue ?? '';
    } while (cont);
  } finally {
    agent.destroy();
  }
  return { ms: nowMs() - t, items };
}

/** Waits until kwok has marked the pods Running (so every tool sees the same, settled objects). */
async function settleRunning(admin, pods, log) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const list = await admin.call('GET', '/api/v1/pods?fieldSelector=status.phase%21%3DRunning&limit=1');
    if (!list.items.length) return;
    await sleep(2000);
  }
  log(`not every pod of ${pods} is Running after 120 s; going on`);
}

/** The course's Role: the student may do what the course needs in `ns`, nothing outside it. */
async function studentRole(admin, ns) {
  const rules = [{ apiGroups: ['', 'apps', 'batch'], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }];
  await admin.call('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`, { metadata: { name: 'student' }, rules }).catch(() => {});
  await admin.call('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
    metadata: { name: 'student' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'student' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'vgauthier' }],
  }).catch(() => {});
}

/**
 * kdash started as the student (the audit policy records the student's requests): which requests it
 * made before its first full table, in order, each with its time after the launch, and the User-Agents.
 */
async function auditedStart(cp, kubeconfig, context, namespace, pods) {
  const before = existsSync(cp.auditLogPath) ? readFileSync(cp.auditLogPath, 'utf8').length : 0;
  const launchedAt = Date.now();
  const term = await kdash.start(kubeconfig, { context, namespace });
  // The fork's wall-clock time (the pty runner times it on the monotonic clock).
  const forkedAt = Date.now() - (nowMs() - term.startedAt);
  let full;
  try {
    full = await timeToFullTable(term, pods, 120_000);
    await sleep(3000);
  } finally {
    await kdash.quit(term);
  }
  await sleep(1000);
  const events = readFileSync(cp.auditLogPath, 'utf8').slice(before).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const reqs = events
    .filter((e) => e.stage === 'ResponseComplete' && /^kdash\//.test(e.userAgent ?? ''))
    .map((e) => ({ ms: receivedMs(e) - forkedAt, verb: e.verb, path: e.requestURI.slice(0, 140), code: e.responseStatus?.code, userAgent: e.userAgent }))
    .sort((a, b) => a.ms - b.ms);
  const others = events.filter((e) => e.stage === 'ResponseComplete' && !/^kdash\//.test(e.userAgent ?? '') && Date.parse(e.requestReceivedTimestamp) >= launchedAt);
  const podList = reqs.findIndex((q) => q.path.includes(`/namespaces/${namespace}/pods?`));
  return {
    fullTableMs: full,
    requests: reqs.length,
    first: reqs[0],
    firstPodList: reqs[podList],
    beforeList: podList,
    order: reqs.slice(0, 14).map((q) => `${round(q.ms, 0)} ms ${q.verb} ${q.path}`),
    userAgents: [...new Set(reqs.map((q) => q.userAgent))],
    withoutKdashAgent: others.length,
  };
}

/**
 * When the server received the request, to the microsecond the audit log gives: the log is written in
 * order of completion, so requests received in the same millisecond would otherwise be ordered by when
 * they ended (a watch after everything else).
 */
export function receivedMs(event) {
  const ts = event.requestReceivedTimestamp;
  const micros = /\.\d{3}(\d+)Z$/.exec(ts)?.[1] ?? '';
  return Date.parse(ts) + (micros ? Number(`0.${micros}`) : 0);
}

/** A TCP proxy that holds every chunk from the client 100 ms before passing it on: each request (and the TLS handshake) arrives that much later. */
async function delayingProxy(server, delayMs) {
  const target = new URL(server);
  const srv = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    client.on('data', (d) => setTimeout(() => upstream.write(d), delayMs));
    upstream.on('data', (d) => client.write(d));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', () => setTimeout(end, delayMs));
    upstream.on('error', end).on('close', end);
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return { port: srv.address().port, close: () => srv.close() };
}

/** Creations, annotation updates and deletions in equal parts, `rate` per second, through the API. */
function startChurn(admin, ns, rate, pods) {
  let stopped = false;
  let done = 0;
  const t0 = Date.now();
  let n = 0;
  const created = [];
  const tick = async () => {
    const per = Math.max(1, Math.round(rate / 10));
    const jobs = Array.from({ length: per }, () => async () => {
      const k = n++ % 3;
      if (k === 0 || created.length < 5) {
        const name = `churn-${n}`;
        await admin.call('POST', `/api/v1/namespaces/${ns}/pods`, benchPod(name, ns, 'kwok-bench-000', n));
        created.push(name);
      } else if (k === 1) {
        await admin.call('PATCH', `/api/v1/namespaces/${ns}/pods/pod-${String(n % pods).padStart(5, '0')}`, { metadata: { annotations: { 'bench.kdash.dev/tick': String(n) } } }, 'application/merge-patch+json');
      } else {
        await admin.call('DELETE', `/api/v1/namespaces/${ns}/pods/${created.shift()}?gracePeriodSeconds=0`);
      }
      done++;
    });
    await pool(jobs, 16, (j) => j().catch(() => {}));
  };
  const loop = (async () => {
    while (!stopped) {
      const t = Date.now();
      await tick();
      await sleep(Math.max(0, 100 - (Date.now() - t)));
    }
  })();
  return {
    rate: () => done / ((Date.now() - t0) / 1000),
    async stop() {
      stopped = true;
      await loop;
      await pool(created.splice(0), 16, (name) => admin.call('DELETE', `/api/v1/namespaces/${ns}/pods/${name}?gracePeriodSeconds=0`).catch(() => {}));
    },
  };
}

/**
 * kdash live on the pods; the API server stopped (the title must say NOT LIVE) and started again; right
 * after it is ready two pods are deleted and one created (changes kdash has not seen: its watch must
 * bring them, or its relist). Timed: from the kill, from the first /readyz 200 (polled every 50 ms), to
 * the first frame that is live again (no NOT LIVE) with the server's count; ghost rows = the count on
 * screen minus the server's. The student's requests after the restart, from the audit log, say where
 * the time went.
 */
async function recovery(cp, admin, kubeconfig, scope, log) {
  const path = `/api/v1/namespaces/${scope.namespace}/pods`;
  const count = async () => {
    const b = await admin.call('GET', `${path}?limit=1`);
    return b.items.length + (b.metadata.remainingItemCount ?? 0);
  };
  const pods = await count();
  const term = await kdash.start(kubeconfig, scope);
  try {
    if ((await timeToFullTable(term, pods, 180_000)) == null) return { error: 'no full table before the restart' };
    await sleep(3000); // settled: the watch is open
    const auditFrom = existsSync(cp.auditLogPath) ? readFileSync(cp.auditLogPath, 'utf8').length : 0;
    const killed = nowMs();
    const killedWall = Date.now();
    await cp.stopApiserver();
    const stoppedMs = nowMs() - killed;
    const down = await waitFor(term, (c) => /NOT LIVE/.test(c.text), { timeoutMs: 30_000 });
    const started = nowMs();
    const starting = cp.startApiserver();
    // The first moment the new server answers /readyz with 200, polled more often than the harness does.
    let ready;
    while (ready === undefined) {
      const ok = await httpsStatus(`${cp.server}/readyz`, cp.tokens.admin, cp.caPem).catch(() => 0);
      if (ok === 200) ready = nowMs();
      else await sleep(50);
    }
    const readyWall = Date.now();
    await starting;
    // Changes right after the restart, before kdash can have seen them.
    const first = await admin.call('GET', `${path}?limit=3`);
    for (const p of first.items.slice(0, 2)) await admin.call('DELETE', `${path}/${p.metadata.name}?gracePeriodSeconds=0`);
    await admin.call('POST', path, benchPod(`recovery-${Date.now()}`, scope.namespace, nodeName(0), 0));
    const actual = await count();
    // Live again: the first frame after the restart began without NOT LIVE (it may come before /readyz
    // says 200: the server answers requests before all its checks pass); then the first live frame with
    // the server's count after the changes.
    const isLive = (c) => c.frame && !/NOT LIVE/.test(c.text) && titleCounts(c.text).length > 0 && c.text;
    const live = await waitFor(term, isLive, { since: started, timeoutMs: 90_000 });
    const shown = live ? titleCounts(live.value)[0]?.count : null;
    const exact = await waitFor(term, (c) => isLive(c) && titleCounts(c.text)[0]?.count === actual, { since: started, timeoutMs: 30_000 });
    // Later frames must not go back to a wrong count (the first live frame could be a resumed watch still catching up).
    await sleep(3000);
    const lastFrame = term.chunks.filter((c) => c.frame && titleCounts(c.text).length > 0).at(-1);
    const settled = lastFrame ? titleCounts(lastFrame.text)[0]?.count : null;
    const audit = recoveryRequests(cp.auditLogPath, auditFrom, readyWall);
    const res = {
      user: scope.context === 'e2e-student' ? 'student' : 'admin',
      pods,
      markedNotLive: !!down,
      stopMs: round(stoppedMs, 0),
      startToReadyMs: round(ready - started, 0),
      killToLiveMs: live ? round(live.t - killed, 0) : null,
      msToLive: live ? round(live.t - ready, 0) : null,
      msToServerCount: exact ? round(exact.t - ready, 0) : null,
      shown,
      settled,
      actual,
      ghostRows: settled == null ? null : settled - actual,
      requestsAfterReady: audit,
      downForMs: round(ready - killed, 0),
      killedAt: new Date(killedWall).toISOString(),
      load: loadAverage(),
    };
    log(`recovery (${res.user}, ${pods} pods): ${down ? 'marked NOT LIVE' : 'never marked NOT LIVE'}; server down ${res.downForMs} ms (start → /readyz ${res.startToReadyMs} ms); live again ${res.msToLive} ms after /readyz (negative: before it), ${res.killToLiveMs} ms after the kill, with ${shown} rows; the server's ${actual} rows live ${res.msToServerCount} ms after /readyz; 3 s later ${settled}; load ${res.load.join(' ')}`);
    for (const a of audit) log(`  +${a.ms} ms (${a.stage} +${a.end} ms) ${a.verb} ${a.path} → ${a.code}`);
    return res;
  } finally {
    await kdash.quit(term);
  }
}

/** kdash's requests from `from` (characters into the audit log), with times after `zeroWall`. */
function recoveryRequests(auditLogPath, from, zeroWall) {
  if (!existsSync(auditLogPath)) return [];
  return readFileSync(auditLogPath, 'utf8').slice(from).split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .filter((e) => (e.stage === 'ResponseComplete' || e.stage === 'ResponseStarted') && /^kdash\//.test(e.userAgent ?? ''))
    .map((e) => ({ ms: receivedMs(e) - zeroWall, end: e.stageTimestamp ? Date.parse(e.stageTimestamp) - zeroWall : undefined, stage: e.stage, verb: e.verb, path: e.requestURI.slice(0, 160), code: e.responseStatus?.code }))
    .sort((a, b) => a.ms - b.ms)
    .slice(0, 60);
}

/** The status of one GET (no body kept). */
function httpsStatus(url, token, ca) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, headers: { authorization: `Bearer ${token}` }, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Writes `table` between the bench:real marks of the README (also used to rewrite it from real-latest.json). */
export function updateReadme(table) {
  const path = join(ROOT, 'README.md');
  const text = readFileSync(path, 'utf8');
  const start = '<!-- bench:real:start -->';
  const end = '<!-- bench:real:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  writeFileSync(path, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
}

