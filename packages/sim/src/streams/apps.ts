// The programs that listen in a pod's containers, for port-forward: a container listens on the ports
// it declares, on the ports of the Services that select it (their targetPort), and, when it declares
// none, on its image's usual port. Redis images speak RESP (PING → +PONG, GET/SET…); everything else
// that serves speaks HTTP/1.1: nginx's and httpd's welcome pages, the course's webnodb (a page naming
// the pod, /api/health), hello-app's greeting, and a small page naming the pod for other images.
import type { ClusterStore, KubeObject } from '../types.js';
import { nginxPage } from './containerView.js';

export interface AppConn {
  /** Bytes from the client. */
  write(data: Buffer): void;
  /** The client half-closed. */
  end(): void;
}

export interface AppSink {
  data(b: Buffer | string): void;
  /** The program closed the connection. */
  close(): void;
}

/** The image's usual port when the container declares none. */
function defaultPort(image: string): number | undefined {
  if (/(^|\/)(nginx|httpd|caddy|traefik|haproxy|wordpress|php)(:|@|$)/.test(image)) return 80;
  if (/(^|\/)redis(:|@|$)/.test(image)) return 6379;
  if (/hello-app|echo-server|echoserver|agnhost/.test(image)) return 8080;
  if (/http-echo/.test(image)) return 5678;
  return undefined;
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Which running container of the pod listens on the port, if any. */
export function listener(store: ClusterStore, pod: KubeObject, port: number): any | undefined {
  const runningNames = new Set((pod.status?.containerStatuses ?? []).filter((s: any) => s.state?.running).map((s: any) => s.name));
  const containers: any[] = (pod.spec?.containers ?? []).filter((c: any) => runningNames.has(c.name));
  const declared = (c: any) => (c.ports ?? []).some((p: any) => p.containerPort === port);
  const named = (name: string) => containers.find((c) => (c.ports ?? []).some((p: any) => p.name === name));
  const direct = containers.find(declared) ?? containers.find((c) => !(c.ports ?? []).length && defaultPort(String(c.image)) === port);
  if (direct) return direct;
  const labels = pod.metadata.labels ?? {};
  for (const svc of store.list('services', pod.metadata.namespace)) {
    if (!matches(svc.spec?.selector, labels)) continue;
    for (const p of svc.spec?.ports ?? []) {
      const target = p.targetPort ?? p.port;
      if (typeof target === 'string' && !/^\d+$/.test(target)) {
        const c = named(target);
        if (c && (c.ports ?? []).some((cp: any) => cp.name === target && cp.containerPort === port)) return c;
      } else if (Number(target) === port) return containers[0];
    }
  }
  return undefined;
}

const redisData = new Map<string, Map<string, string>>();

export function connectApp(pod: KubeObject, container: any, sink: AppSink): AppConn {
  const image = String(container.image ?? '');
  return /(^|\/)redis(:|@|$)/.test(image) ? redis(pod, sink) : http(pod, image, sink);
}

function http(pod: KubeObject, image: string, sink: AppSink): AppConn {
  let buf = Buffer.alloc(0);
  const podName = pod.metadata.name ?? '';
  const server = /nginx/.test(image) ? 'nginx/1.27.3' : /httpd/.test(image) ? 'Apache/2.4.62 (Unix)' : /webnodb|python/.test(image) ? 'Werkzeug/3.0.4 Python/3.12.7' : undefined;
  const respond = (method: string, path: string): { code: number; type: string; body: string } => {
    const notFound = { code: 404, type: 'text/html', body: /nginx/.test(image) ? '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n' : '<!doctype html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' };
    const p = path.split('?')[0];
    if (/nginx/.test(image)) return p === '/' || p === '/index.html' ? { code: 200, type: 'text/html', body: nginxPage() } : notFound;
    if (/httpd/.test(image)) return p === '/' ? { code: 200, type: 'text/html', body: '<html><body><h1>It works!</h1></body></html>\n' } : notFound;
    if (/webnodb/.test(image)) {
      if (p === '/api/health' || p === '/healthz') return { code: 200, type: 'application/json', body: `{"status":"ok","pod":"${podName}"}\n` };
      if (p === '/') return { code: 200, type: 'text/html; charset=utf-8', body: `<!doctype html>\n<html><head><title>webnodb</title></head>\n<body><h1>webnodb</h1><p>Served by pod <b>${podName}</b> (${pod.status?.podIP ?? ''}).</p></body></html>\n` };
      return notFound;
    }
    if (/hello-app/.test(image)) return { code: 200, type: 'text/plain; charset=utf-8', body: `Hello, world!\nVersion: ${/:(\d)/.exec(image)?.[1] ?? '1'}.0.0\nHostname: ${podName}\n` };
    return { code: 200, type: 'text/plain; charset=utf-8', body: `${method} ${path} answered by pod ${podName}\n` };
  };
  return {
    write(data) {
      buf = Buffer.concat([buf, data]);
      for (;;) {
        const endOfHead = buf.indexOf('\r\n\r\n');
        if (endOfHead < 0) return;
        const head = buf.subarray(0, endOfHead).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < endOfHead + 4 + length) return;
        buf = buf.subarray(endOfHead + 4 + length);
        const [method = 'GET', path = '/', version = 'HTTP/1.1'] = head.split('\r\n')[0].split(' ');
        const close = /\r\nconnection:\s*close/i.test(head) || version === 'HTTP/1.0';
        const r = respond(method, path);
        const body = method === 'HEAD' ? '' : r.body;
        const status = r.code === 200 ? '200 OK' : '404 Not Found';
        sink.data(`HTTP/1.1 ${status}\r\n${server ? `Server: ${server}\r\n` : ''}Date: ${new Date().toUTCString()}\r\nContent-Type: ${r.type}\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\n${close ? 'Connection: close\r\n' : ''}\r\n${body}`);
        if (close) {
          sink.close();
          return;
        }
      }
    },
    end: () => sink.close(),
  };
}

/** RESP: arrays of bulk strings (redis-cli, clients) or inline commands (telnet, nc). */
function redis(pod: KubeObject, sink: AppSink): AppConn {
  let buf = '';
  const key = pod.metadata.uid ?? pod.metadata.name ?? '';
  let db = redisData.get(key);
  if (!db) redisData.set(key, (db = new Map()));
  const bulk = (s: string | undefined) => (s === undefined ? '$-1\r\n' : `$${Buffer.byteLength(s)}\r\n${s}\r\n`);
  const run = (argv: string[]): string => {
    const [cmd = '', ...args] = argv;
    switch (cmd.toUpperCase()) {
      case 'PING': return args.length ? bulk(args[0]) : '+PONG\r\n';
      case 'ECHO': return bulk(args[0]);
      case 'SET': db!.set(args[0], args[1] ?? ''); return '+OK\r\n';
      case 'GET': return bulk(db!.get(args[0]));
      case 'DEL': return `:${args.filter((k) => db!.delete(k)).length}\r\n`;
      case 'EXISTS': return `:${args.filter((k) => db!.has(k)).length}\r\n`;
      case 'INCR': {
        const n = Number(db!.get(args[0]) ?? '0');
        if (!Number.isInteger(n)) return '-ERR value is not an integer or out of range\r\n';
        db!.set(args[0], String(n + 1));
        return `:${n + 1}\r\n`;
      }
      case 'KEYS': return `*${db!.size}\r\n${[...db!.keys()].map(bulk).join('')}`;
      case 'DBSIZE': return `:${db!.size}\r\n`;
      case 'INFO': return bulk('# Server\r\nredis_version:7.4.1\r\nredis_mode:standalone\r\n');
      case 'COMMAND': return '*0\r\n';
      case 'CLIENT': case 'SELECT': return '+OK\r\n';
      case 'QUIT': return '+OK\r\n';
      default: return `-ERR unknown command '${cmd}', with args beginning with: ${args.map((a) => `'${a}' `).join('')}\r\n`;
    }
  };
  /** One complete command from the buffer, or undefined when more bytes are needed. */
  const next = (): string[] | undefined => {
    if (buf.startsWith('*')) {
      const lines = buf.split('\r\n');
      const n = Number(lines[0].slice(1));
      if (lines.length < 1 + 2 * n + 1) return undefined;
      const argv: string[] = [];
      for (let i = 0; i < n; i++) argv.push(lines[2 + 2 * i]);
      buf = lines.slice(1 + 2 * n).join('\r\n');
      return argv;
    }
    const nl = buf.indexOf('\n');
    if (nl < 0) return undefined;
    const line = buf.slice(0, nl).replace(/\r$/, '');
    buf = buf.slice(nl + 1);
    return line.trim().split(/\s+/);
  };
  return {
    write(data) {
      buf += data.toString('utf8');
      for (let argv = next(); argv; argv = next()) {
        if (!argv[0]) continue;
        sink.data(run(argv));
        if (argv[0].toUpperCase() === 'QUIT') {
          sink.close();
          return;
        }
      }
    },
    end: () => sink.close(),
  };
}
