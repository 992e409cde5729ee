// The streaming subresources (pods/exec, pods/attach, pods/portforward) arrive as HTTP upgrades:
// authenticated (token-in-path or bearer, like every request), authorized (`create` on the
// subresource: kube-apiserver ≥1.35 asks for create on WebSocket GETs too), checked as
// kube-apiserver's streamLocation does (pod, container, node) and then upgraded to a WebSocket. What
// the kubelet would refuse (a container that is not running) comes back on the error channel, as
// kube-apiserver's stream translator reports it. SPDY upgrades (kubectl's fallback when a WebSocket
// upgrade fails) get the same checks and then a 400: the sim speaks WebSocket only.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { unauthorized } from '../auth.js';
import { simDebug } from '../debug.js';
import type { ServerEnv } from '../http.js';
import { parseRequestInfo, type RequestInfo } from '../requestInfo.js';
import { statusOf } from '../status.js';
import { SimError, type KubeObject } from '../types.js';
import { CHANNEL_PROTOCOLS, channelConn } from './channels.js';
import { containerView } from './containerView.js';
import { PORT_FORWARD_PROTOCOLS, startPortForward } from './portForward.js';
import { startAttach, startExec, type Session } from './session.js';
import type { Layer } from './shell.js';

export const STREAMING = new Set(['exec', 'attach', 'portforward']);

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

function refuse(socket: Duplex, err: unknown): void {
  const e = err instanceof SimError ? err : new SimError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`);
  const body = JSON.stringify(statusOf(e));
  socket.end(`HTTP/1.1 ${e.code} ${STATUS_TEXT[e.code] ?? 'Error'}\r\nContent-Type: application/json\r\nCache-Control: no-cache, private\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

const bool = (q: URLSearchParams, k: string) => q.get(k) === 'true' || q.get(k) === '1';

/** The running container's status, or undefined. */
function running(pod: KubeObject, container: string): any {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const s = all.find((c: any) => c.name === container);
  return s?.state?.running ? s : undefined;
}

/** kube-apiserver's validateContainer: the only container when none is named, else one the pod has. */
function pickContainer(pod: KubeObject, name: string | null): string {
  const spec = pod.spec ?? {};
  const names: string[] = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: any) => c.name);
  const podName = pod.metadata.name;
  if (!name) {
    if ((spec.containers ?? []).length === 1) return spec.containers[0].name;
    if (!(spec.containers ?? []).length) throw new SimError(400, 'BadRequest', `a container name must be specified for pod ${podName}`);
    throw new SimError(400, 'BadRequest', `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
  }
  if (!names.includes(name)) throw new SimError(400, 'BadRequest', `container ${name} is not valid for pod ${podName}`);
  return name;
}

/**
 * kube-apiserver's checks of a streaming request before it connects to the kubelet (streamLocation and
 * the options' validation), for upgrades and plain requests alike: the pod, its container, its node.
 */
export function streamTarget(env: ServerEnv, info: RequestInfo, q: URLSearchParams): { pod: KubeObject; container: string } {
  const sub = info.subresource ?? '';
  const pod = env.store.get('pods', info.namespace, info.name ?? '');
  if (!pod) throw new SimError(404, 'NotFound', `pods "${info.name}" not found`, { name: info.name, kind: 'pods' });
  const container = sub === 'portforward' ? '' : pickContainer(pod, q.get('container'));
  if (!pod.spec?.nodeName) throw new SimError(400, 'BadRequest', `pod ${info.name} does not have a host assigned`);
  if (sub === 'exec' && !q.getAll('command').length) throw new SimError(400, 'BadRequest', 'you must specify at least one command for the container');
  if (sub !== 'portforward' && !bool(q, 'stdin') && !bool(q, 'stdout') && !bool(q, 'stderr')) throw new SimError(400, 'BadRequest', 'you must specify at least 1 of stdin, stdout, stderr');
  return { pod, container };
}

export function createStreamingServer(env: ServerEnv): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  // `ws` accepts only RFC 7230 tokens as sub-protocols, and `SPDY/3.1+portforward.k8s.io` has a '/':
  // the handshake sees a token in its place and answers with the real name.
  const TUNNEL_ALIAS = 'kdash-sim-spdy-tunnel';
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(TUNNEL_ALIAS) ? PORT_FORWARD_PROTOCOLS[0] : [...offered][0] ?? false),
  });
  /** What processes wrote in each container instance, so a second exec sees the first one's files. */
  const layers = new Map<string, Layer>();
  const layerFor = (key: string): Layer => {
    let l = layers.get(key);
    if (!l) {
      if (layers.size > 1000) layers.clear();
      layers.set(key, (l = { files: new Map(), dirs: new Set() }));
    }
    return l;
  };

  return (req, socket, head) => {
    socket.on('error', () => undefined);
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const user = env.auth.authenticate(req.headers.authorization);
      if (!user) throw unauthorized();
      const method = (req.method ?? 'GET').toUpperCase();
      const info = parseRequestInfo(method, url.pathname, url.searchParams);
      if (!info.isResource || info.group !== '' || info.resource !== 'pods' || !info.name || !STREAMING.has(info.subresource ?? '')) {
        throw new SimError(400, 'BadRequest', 'the server does not support upgrading this request');
      }
      const sub = info.subresource!;
      env.auth.check(user, { verb: 'create', group: '', resource: 'pods', subresource: sub, namespace: info.namespace, name: info.name });
      const q = url.searchParams;
      const { pod, container } = streamTarget(env, info, q);
      const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
      if (upgrade !== 'websocket') {
        throw new SimError(400, 'BadRequest', `the embedded cluster serves ${sub} over WebSocket only (kubectl ≥1.30 uses it by default); it does not speak ${req.headers.upgrade ?? 'this protocol'}`);
      }
      const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const served = sub === 'portforward' ? PORT_FORWARD_PROTOCOLS : CHANNEL_PROTOCOLS;
      const protocol = offered.find((p) => served.includes(p));
      if (!protocol) throw new SimError(400, 'BadRequest', `requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${served.join(' ')}]`);
      // Only the chosen protocol is left for the handshake to answer with.
      req.headers['sec-websocket-protocol'] = protocol === PORT_FORWARD_PROTOCOLS[0] ? TUNNEL_ALIAS : protocol;
      wss.handleUpgrade(req, socket, head, (ws) => {
        const handle = { destroy: () => ws.terminate() };
        env.streams.add(handle);
        ws.on('close', () => env.streams.delete(handle));
        try {
          open(ws, pod, sub, container, q);
        } catch (err) {
          // Our bug, not the client's: end this stream, keep the server.
          simDebug('internal error in a streaming request', err);
          ws.close(1011);
        }
      });
    } catch (err) {
      refuse(socket, err);
    }
  };

  function open(ws: WebSocket, pod: KubeObject, sub: string, container: string, q: URLSearchParams): void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    const uid = pod.metadata.uid;
    if (sub === 'portforward') {
      const pf = startPortForward(ws, env, pod, q);
      watchPod(ws, ns, name, uid, undefined, () => pf.podGone());
      return;
    }
    const opts = { stdin: bool(q, 'stdin'), stdout: bool(q, 'stdout'), stderr: bool(q, 'stderr'), tty: bool(q, 'tty') };
    let session: Session | undefined;
    const conn = channelConn(ws, opts, {
      stdin: (d) => session?.stdin(d),
      stdinClosed: () => session?.stdinClosed(),
      resize: (w, h) => session?.resize(w, h),
      gone: () => session?.gone(),
    });
    const status = running(pod, container);
    if (!status) {
      // The kubelet finds no running container: through the translator, an internal error.
      const why = sub === 'attach' ? `container ${container} not found in pod ${name}_${ns}` : `container not found ("${container}")`;
      conn.finish({ code: 0, internal: `unable to upgrade connection: ${why}` });
      return;
    }
    const view = containerView(env.store, pod, container);
    const layer = layerFor(`${uid}/${container}/${status.containerID ?? ''}`);
    if (sub === 'exec') {
      session = startExec(conn, view, layer, q.getAll('command'), opts, randomBytes(32).toString('hex'));
    } else {
      const runtime = env.runtime();
      const logs = runtime?.logs;
      session = startAttach(conn, view, layer, {
        exited: (code) => runtime?.processExited(ns, name, container, code),
        follow(onData, onEnd) {
          if (!logs) return () => undefined;
          try {
            return logs.follow(ns, name, { container, tailLines: 0 }, onData, onEnd);
          } catch {
            onEnd();
            return () => undefined;
          }
        },
      }, opts);
    }
    watchPod(ws, ns, name, uid, { container, id: status.containerID }, () => session?.kill());
  }

  /** Ends the stream when the pod goes, or (exec, attach) when its container stops or restarts. */
  function watchPod(ws: WebSocket, ns: string, name: string, uid: string | undefined, c: { container: string; id?: string } | undefined, end: () => void): void {
    const unsubscribe = env.store.subscribe((ev) => {
      if (ev.resource !== 'pods' || ev.object.metadata.namespace !== ns || ev.object.metadata.name !== name) return;
      const pod = ev.object;
      const gone = ev.type === 'DELETED' || pod.metadata.uid !== uid;
      const stopped = c && !gone && running(pod, c.container)?.containerID !== c.id;
      const sandboxDown = !c && !gone && (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed');
      if (gone || stopped || sandboxDown) {
        unsubscribe();
        end();
      }
    });
    ws.on('close', unsubscribe);
  }
}
