// `node bench/http2.mjs [--pods 10000] [--runs 5] [--out FILE]`: HTTP/1.1 against HTTP/2 to the real
// kube-apiserver of the e2e suite (v1.36.3 + etcd + kwok, bench/lib/realCluster.mjs), for the three ways
// kdash talks to it (issue 19: "HTTP/2 if it measures faster"):
//   a) a paged LIST of every pod in one namespace (limit 500 + continue), pages one after another, and
//      overlapped: page n+1 is asked for as soon as page n's continue token has arrived (it leads the body);
//   b) a WatchList (sendInitialEvents=true) up to the initial-events-end bookmark;
//   c) 15 watches opened at once, as the dashboard opens them (pods, deployments, events, quotas, …).
// Each against five clients: kdash's transport as built (src/kube/http.ts in dist/, `npm run build`
// first) held to HTTP/1.1 (DISABLE_HTTP2: a fresh https.Agent, so a connection, per request, as
// KubeConfig.applyToHTTPSOptions makes one) and on HTTP/2; and three bare clients for reference:
// HTTP/1.1 with one keep-alive agent, Node's http2 with its default windows (64 KiB), and http2 with
// large windows (4 MiB per stream, 1 GiB per connection, as Go's http2 client in client-go). Figures: time to the first byte, total time,
// this process's CPU, kube-apiserver's CPU, TLS connections opened; median of --runs rounds, the rounds
// interleaved so the shared machine's load hits every client alike; the load average with each round.
// Bodies are read, not parsed (JSON.parse costs both protocols the same).
import { setMaxListeners } from 'node:events';
import http2 from 'node:http2';
import https from 'node:https';
import tls from 'node:tls';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { KubeConfig } from '@kubernetes/client-node';
import { loadHarness } from './lib/realCluster.mjs';
import { adminClient, populate } from './lib/realPods.mjs';
import { cpuSeconds, loadAverage } from './lib/proc.mjs';
import { CACHE } from './lib/tools.mjs';
import { pct, round } from './lib/text.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const PODS = Number(arg('pods', 10_000));
const RUNS = Number(arg('runs', 5));
const OUT = arg('out', join(ROOT, 'bench/results/http2-latest.json'));
const NS = 'bench-h2';
const log = (l) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${l}\n`);

// Every TLS connection this process opens (https.Agent and http2.connect both go through tls.connect).
let tlsConnections = 0;
const tlsConnect = tls.connect;
tls.connect = function countedConnect(...a) {
  tlsConnections++;
  return tlsConnect.apply(this, a);
};

/**
 * kdash's own transport as built (dist/kube/http.js), on the protocol it picks (HTTP/2 where ALPN says
 * so), or held to HTTP/1.1 with DISABLE_HTTP2 (read per request; clients never run at the same time).
 * Before HTTP/2 came in, the HTTP/1.1 one was the transport: a new agent (connection) per request.
 */
function kdashTransport(kubeconfigPath, kubeRequest, http1) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  kc.setCurrentContext('e2e-admin');
  return {
    name: http1 ? 'kdash transport, DISABLE_HTTP2 (HTTP/1.1)' : 'kdash transport (ALPN: HTTP/2)',
    async get(path, signal) {
      if (http1) process.env.DISABLE_HTTP2 = '1';
      else delete process.env.DISABLE_HTTP2;
      const res = await kubeRequest(kc, path, { signal });
      return res.body;
    },
    close() {},
  };
}

function h1KeepAlive(server, token, ca) {
  const agent = new https.Agent({ keepAlive: true, ca });
  return {
    name: 'HTTP/1.1, one keep-alive agent',
    get: (path, signal) =>
      new Promise((resolve, reject) => {
        const req = https.request(server + path, { agent, signal, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
        req.on('response', (res) => (res.statusCode === 200 ? resolve(res) : reject(new Error(`${path}: ${res.statusCode}`))));
        req.on('error', reject);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

function h2(server, token, ca, tuned) {
  let session;
  const connect = () => {
    if (session && !session.closed && !session.destroyed) return session;
    session = http2.connect(server, { ca, ...(tuned ? { settings: { initialWindowSize: 4 << 20 } } : {}) });
    session.on('error', () => {});
    if (tuned) session.on('connect', () => session.setLocalWindowSize(1 << 30));
    return session;
  };
  return {
    name: tuned ? 'HTTP/2, 4 MiB stream window' : 'HTTP/2, Node defaults',
    get: (path, signal) =>
      new Promise((resolve, reject) => {
        const stream = connect().request({ ':path': path, authorization: `Bearer ${token}`, accept: 'application/json' }, { signal });
        stream.on('response', (h) => (h[':status'] === 200 ? resolve(stream) : reject(new Error(`${path}: ${h[':status']}`))));
        stream.on('error', reject);
      }),
    close: () => session?.close(),
  };
}

/** Runs fn, timing it and the CPU it and the apiserver used. */
async function measured(apiserverPid, fn) {
  const conns0 = tlsConnections;
  const cpu0 = process.cpuUsage();
  const api0 = cpuSeconds(apiserverPid);
  const t0 = performance.now();
  const marks = await fn(t0);
  const cpu = process.cpuUsage(cpu0);
  return {
    ttfbMs: marks.ttfb,
    totalMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    apiserverCpuMs: (cpuSeconds(apiserverPid) - api0) * 1000,
    connections: tlsConnections - conns0,
    ...(marks.extra ?? {}),
  };
}

const CONTINUE = /"continue":"([^"]*)"/;

/** One page: resolves `token` as soon as the continue token has arrived, `done` with the byte count at the end. */
function page(client, path, t0, marks) {
  let gotToken;
  const token = new Promise((r) => (gotToken = r));
  const done = (async () => {
    const body = await client.get(path);
    let head = '';
    let bytes = 0;
    let sawToken = false;
    for await (const c of body) {
      if (marks.ttfb === undefined) marks.ttfb = performance.now() - t0;
      bytes += c.length;
      if (!sawToken) {
        head += c.toString('latin1', 0, Math.min(c.length, 4096));
        const m = CONTINUE.exec(head);
        if (m || head.includes('"items"')) {
          sawToken = true;
          gotToken(m?.[1] || undefined);
        }
      }
    }
    if (!sawToken) gotToken(undefined);
    return bytes;
  })();
  return { token, done };
}

async function pagedList(client, overlapped, t0) {
  const marks = {};
  const base = `/api/v1/namespaces/${NS}/pods?limit=500`;
  let bytes = 0;
  let pages = 0;
  let cont;
  const pending = [];
  do {
    const p = page(client, cont ? `${base}&continue=${encodeURIComponent(cont)}` : base, t0, marks);
    pages++;
    if (overlapped) {
      p.done.catch(() => undefined); // awaited below; a failure meanwhile is not an unhandled rejection
      pending.push(p.done);
      cont = await p.token;
    } else {
      bytes += await p.done;
      cont = await p.token;
    }
  } while (cont);
  for (const b of await Promise.all(pending)) bytes += b;
  return { ttfb: marks.ttfb, extra: { pages, mb: bytes / 1e6 } };
}

async function watchList(client, t0) {
  const ctl = new AbortController();
  const body = await client.get(`/api/v1/namespaces/${NS}/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`, ctl.signal);
  let ttfb;
  let tail = '';
  let bytes = 0;
  try {
    for await (const c of body) {
      ttfb ??= performance.now() - t0;
      bytes += c.length;
      const s = tail + c.toString('latin1');
      if (s.includes('k8s.io/initial-events-end')) break;
      tail = s.slice(-64);
    }
  } finally {
    ctl.abort();
    body.destroy();
  }
  return { ttfb, extra: { mb: bytes / 1e6 } };
}

// What the dashboard watches in a namespace (src/resources: the views' kinds plus quotas and events).
const WATCHED = [
  'api/v1/namespaces/NS/pods', 'apis/apps/v1/namespaces/NS/deployments', 'apis/apps/v1/namespaces/NS/replicasets',
  'apis/apps/v1/namespaces/NS/statefulsets', 'apis/apps/v1/namespaces/NS/daemonsets', 'apis/batch/v1/namespaces/NS/jobs',
  'apis/batch/v1/namespaces/NS/cronjobs', 'api/v1/namespaces/NS/services', 'api/v1/namespaces/NS/events',
  'api/v1/namespaces/NS/resourcequotas', 'api/v1/namespaces/NS/limitranges', 'api/v1/namespaces/NS/configmaps',
  'api/v1/namespaces/NS/persistentvolumeclaims', 'apis/networking.k8s.io/v1/namespaces/NS/ingresses', 'api/v1/nodes',
];

/** 15 watches from the current resourceVersion at once: time until every one has its headers. */
async function manyWatches(client, rv, t0) {
  const ctl = new AbortController();
  setMaxListeners(WATCHED.length * 2, ctl.signal);
  let first;
  const bodies = await Promise.all(
    WATCHED.map(async (p) => {
      const body = await client.get(`/${p.replace('NS', NS)}?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}&timeoutSeconds=60`, ctl.signal);
      first ??= performance.now() - t0;
      return body;
    }),
  );
  ctl.abort();
  for (const b of bodies) b.destroy();
  return { ttfb: first };
}

async function main() {
  const h = await loadHarness(join(CACHE, 'harness'));
  const bin = h.checkBinaries();
  log('starting the control plane');
  const cp = await h.startControlPlane({ bin, log: (l) => log(`  ${l}`) });
  const results = { date: new Date().toISOString(), node: process.version, server: 'kube-apiserver v1.36.3 + etcd + kwok (test/e2e/harness)', pods: PODS, runs: RUNS, loadAtStart: loadAverage(), rows: [] };
  try {
    const admin = adminClient(cp.server, cp.tokens.admin, cp.caPem);
    log(`creating ${PODS} pods in ${NS}`);
    await populate(admin, { pods: PODS, namespaces: 1, nodes: 20, namespace: NS }, log);
    const rv = (await admin.call('GET', '/api/v1/namespaces?limit=1')).metadata.resourceVersion;
    admin.close();
    const { kubeRequest } = await import(pathToFileURL(join(ROOT, 'dist/kube/http.js')).href);
    const apiserverPid = cp.procs().find((p) => p.name === 'apiserver').pid;
    const clients = [kdashTransport(cp.kubeconfigPath, kubeRequest, true), kdashTransport(cp.kubeconfigPath, kubeRequest, false), h1KeepAlive(cp.server, cp.tokens.admin, cp.caPem), h2(cp.server, cp.tokens.admin, cp.caPem, false), h2(cp.server, cp.tokens.admin, cp.caPem, true)];
    const tests = {
      'paged LIST, pages one after another': (c, t0) => pagedList(c, false, t0),
      'paged LIST, pages overlapped': (c, t0) => pagedList(c, true, t0),
      'WatchList to the initial-events-end bookmark': (c, t0) => watchList(c, t0),
      '15 watches opened at once': (c, t0) => manyWatches(c, rv, t0),
    };
    // One warm-up of each (the apiserver's watch cache, TLS session state, JIT), not counted.
    for (const c of clients) {
      for (const [test, fn] of Object.entries(tests)) {
        await fn(c, performance.now()).catch((e) => log(`warm-up ${test}, ${c.name}: ${e.message}`));
      }
    }
    const samples = {};
    for (let r = 0; r < RUNS; r++) {
      const load = loadAverage();
      log(`round ${r + 1}/${RUNS}, load ${load.join(' ')}`);
      for (const [test, fn] of Object.entries(tests)) {
        for (const c of clients) {
          // A failed request is a figure too (a reset stream, a dropped connection): counted, not fatal.
          const s = await measured(apiserverPid, (t0) => fn(c, t0)).catch((e) => {
            log(`${test}, ${c.name}: ${e.message}`);
            return { error: e.message };
          });
          (samples[`${test}\t${c.name}`] ??= []).push({ ...s, load: load[0] });
        }
      }
    }
    for (const c of clients) c.close();
    for (const [key, xs] of Object.entries(samples)) {
      const [test, client] = key.split('\t');
      const med = (k) => round(pct(xs.map((x) => x[k]).filter((x) => x != null), 50), 1);
      results.rows.push({ test, client, errors: xs.filter((x) => x.error).length, ttfbMs: med('ttfbMs'), totalMs: med('totalMs'), cpuMs: med('cpuMs'), apiserverCpuMs: med('apiserverCpuMs'), connections: med('connections'), mb: med('mb'), pages: med('pages'), samples: xs });
    }
    results.loadAtEnd = loadAverage();
    writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(OUT.replace(/\.json$/, '.md'), markdown(results));
    process.stdout.write(markdown(results));
  } finally {
    await cp.stop();
  }
}

function markdown(r) {
  const lines = [
    `HTTP/1.1 and HTTP/2 to ${r.server}, ${r.pods} pods of ~11 KB in one namespace; Node ${r.node}; median of ${r.runs}; load average ${r.loadAtStart.join(' ')} at start, ${r.loadAtEnd.join(' ')} at end (2 cores, shared).`,
    '',
    '| test | client | first byte ms | total ms | client CPU ms | apiserver CPU ms | TLS connections | failed runs |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const x of r.rows) lines.push(`| ${x.test} | ${x.client} | ${x.ttfbMs} | ${x.totalMs} | ${x.cpuMs} | ${x.apiserverCpuMs} | ${x.connections} | ${x.errors} |`);
  return `${lines.join('\n')}\n`;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
