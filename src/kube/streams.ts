// Streaming subresources over WebSocket: exec and attach (the channel protocol, v5.channel.k8s.io with
// the v4 fallback) and port-forward (one WebSocket per TCP connection, v4.channel.k8s.io, which the
// apiserver hands through to the kubelet). Our own thin layer over `ws` rather than client-node's
// Exec/Attach/PortForward: those take auth from applyToHTTPSOptions without a method (so the read-only
// guard sees a GET), lose the Status body of a refused upgrade (only "Unexpected server response: 403"),
// and on a v5 close frame end the process' own stdout. Here auth, the read-only guard (these are
// `create` requests to the authorizer: judged as POST) and the error wording are http.ts's.
import type https from 'node:https';
import WebSocket from 'ws';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpError, readText, statusError } from './http.js';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
export const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io'];

/** Channel numbers of the remotecommand protocol. */
export const CH = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255 } as const;

/** An open WebSocket and the messages that came with the upgrade, before anyone listened. */
export interface OpenSocket {
  ws: WebSocket;
  /** Hands the messages over: the early ones at once, then each as it comes. */
  onMessage(fn: (data: Buffer, isBinary: boolean) => void): void;
}

/** Opens a WebSocket to an API path with the kubeconfig's credentials; a refused upgrade is a KubeHttpError. */
export async function openWebSocket(kc: KubeConfig, pathAndQuery: string, protocols: string[], signal?: AbortSignal): Promise<OpenSocket> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeHttpError(0, 'no current cluster in kubeconfig');
  // exec, attach and portforward are `create pods/…` to the authorizer: the read-only guard judges a POST.
  const reqOpts: https.RequestOptions = { method: 'POST', headers: {} };
  await kc.applyToHTTPSOptions(reqOpts);
  signal?.throwIfAborted();
  const { method: _m, ...tls } = reqOpts;
  const url = cluster.server.replace(/\/+$/, '').replace(/^http/, 'ws') + pathAndQuery;
  const ws = new WebSocket(url, protocols, { ...(tls as WebSocket.ClientOptions), perMessageDeflate: false, handshakeTimeout: 30_000 });
  // ws emits the messages that arrived with the upgrade right after 'open', before a caller awaiting
  // this promise can listen: keep them.
  const early: Array<[Buffer, boolean]> = [];
  const keep = (d: Buffer, b: boolean) => early.push([d, b]);
  ws.on('message', keep);
  const opened: OpenSocket = {
    ws,
    onMessage(fn) {
      ws.off('message', keep);
      ws.on('message', fn);
      for (const [d, b] of early.splice(0)) fn(d, b);
    },
  };
  return new Promise<OpenSocket>((resolve, reject) => {
    const onAbort = () => {
      ws.terminate();
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    ws.once('open', () => {
      done();
      resolve(opened);
    });
    ws.once('unexpected-response', (req, res) => {
      done();
      readText(res, 64 * 1024)
        .catch(() => '')
        .then((text) => reject(statusError(res.statusCode ?? 0, text)))
        .finally(() => req.destroy());
    });
    ws.once('error', (err) => {
      done();
      reject(err);
    });
  });
}

export interface ExecTarget {
  namespace: string;
  pod: string;
  container?: string;
}

export interface StreamOptions {
  stdin: boolean;
  tty: boolean;
  onStdout(data: Buffer): void;
  /** Unused with a TTY (the server merges stderr into stdout). */
  onStderr?(data: Buffer): void;
  signal?: AbortSignal;
}

/** How a remote command ended. */
export type StreamEnd =
  | { kind: 'exit'; code: number }
  /** The server said it failed (container not running, unknown command …): its own words, one line. */
  | { kind: 'error'; message: string }
  /** The connection went away without a status. */
  | { kind: 'lost'; message: string };

export interface StreamSession {
  /** The subprotocol the server chose (v5 can half-close stdin). */
  protocol: string;
  write(data: Buffer | string): void;
  /** Half-close: the remote stdin sees end of file (v5); under v4 there is no such frame. */
  closeStdin(): void;
  resize(columns: number, rows: number): void;
  /** Closes the connection (the remote process gets a hang-up). */
  close(): void;
  ended: Promise<StreamEnd>;
}

function query(params: Array<[string, string | boolean | undefined]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of params) if (v !== undefined && v !== '') q.append(k, String(v));
  return q.toString();
}

function podPath(t: ExecTarget, sub: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(t.pod)}/${sub}`;
}

/** Runs `command` in the container. Resolves once the stream is open; `ended` says how it finished. */
export async function execStream(kc: KubeConfig, target: ExecTarget, command: string[], opts: StreamOptions): Promise<StreamSession> {
  const q = query([
    ['container', target.container],
    ...command.map((c): [string, string] => ['command', c]),
    ['stdin', opts.stdin || undefined],
    ['stdout', true],
    ['stderr', opts.tty ? undefined : true],
    ['tty', opts.tty || undefined],
  ]);
  return channelSession(await openWebSocket(kc, `${podPath(target, 'exec')}?${q}`, EXEC_PROTOCOLS, opts.signal), opts);
}

/** Attaches to the container's main process. */
export async function attachStream(kc: KubeConfig, target: ExecTarget, opts: StreamOptions): Promise<StreamSession> {
  const q = query([
    ['container', target.container],
    ['stdin', opts.stdin || undefined],
    ['stdout', true],
    ['stderr', opts.tty ? undefined : true],
    ['tty', opts.tty || undefined],
  ]);
  return channelSession(await openWebSocket(kc, `${podPath(target, 'attach')}?${q}`, EXEC_PROTOCOLS, opts.signal), opts);
}

/**
 * The status channel's Status: Success → exit 0; NonZeroExitCode → the ExitCode cause's number
 * (k8s.io/client-go remotecommand errorDecoderV4); any other failure → its message.
 */
export function statusEnd(text: string): StreamEnd {
  let st: any;
  try {
    st = JSON.parse(text);
  } catch {
    return { kind: 'error', message: oneLineOf(text) || 'the server sent an unreadable status' };
  }
  if (st?.status === 'Success') return { kind: 'exit', code: 0 };
  if (st?.reason === 'NonZeroExitCode') {
    const cause = (st.details?.causes ?? []).find((c: any) => c?.reason === 'ExitCode');
    const code = Number.parseInt(String(cause?.message ?? ''), 10);
    if (Number.isInteger(code)) return { kind: 'exit', code };
  }
  return { kind: 'error', message: oneLineOf(String(st?.message ?? '')) || 'the command failed' };
}

const oneLineOf = (s: string) => s.replace(/\s+/g, ' ').trim();

function channelSession({ ws, onMessage }: OpenSocket, opts: StreamOptions): StreamSession {
  const v5 = ws.protocol === 'v5.channel.k8s.io';
  let status: StreamEnd | undefined;
  const ended = new Promise<StreamEnd>((resolve) => {
    onMessage((data: Buffer, isBinary: boolean) => {
      const buf = isBinary ? data : Buffer.from(data.toString(), 'utf8');
      if (buf.length === 0) return;
      const ch = buf[0];
      const body = buf.subarray(1);
      if (ch === CH.stdout) opts.onStdout(body);
      else if (ch === CH.stderr) (opts.onStderr ?? opts.onStdout)(body);
      else if (ch === CH.status) status = statusEnd(body.toString('utf8'));
      // CH.close from the server (v5): that output stream is finished; the socket's close follows.
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (status) return resolve(status);
      // A normal close with no status: the server ended the stream (a v4 exec that exited 0 on some servers).
      if (code === 1000) return resolve({ kind: 'exit', code: 0 });
      const why = reason.toString() || (code === 1006 ? 'connection closed abruptly' : `closed with code ${code}`);
      resolve({ kind: 'lost', message: `connection lost: ${why}` });
    });
    ws.on('error', () => undefined); // 'close' follows and says it
  });
  const send = (ch: number, data: Buffer) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.concat([Buffer.from([ch]), data]));
  };
  opts.signal?.addEventListener('abort', () => ws.close(1000), { once: true });
  return {
    protocol: ws.protocol,
    write: (data) => send(CH.stdin, typeof data === 'string' ? Buffer.from(data, 'utf8') : data),
    closeStdin: () => {
      if (v5) send(CH.close, Buffer.from([CH.stdin]));
    },
    resize: (columns, rows) => send(CH.resize, Buffer.from(JSON.stringify({ Width: columns, Height: rows }), 'utf8')),
    close: () => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
    },
    ended,
  };
}

/** One forwarded TCP connection's WebSocket: data in and out of the pod's port. */
export interface ForwardChannel {
  write(data: Buffer): boolean;
  close(): void;
  pause(): void;
  resume(): void;
  /** Resolves with the error the server reported on the error channel, or undefined on a clean end. */
  ended: Promise<string | undefined>;
}

/**
 * Opens a forward to `port` of the pod. Each channel's first two bytes are the port number (little
 * endian), then data (channel 0) or an error text (channel 1) — k8s.io/kubelet's websocket portforward.
 */
export async function forwardStream(
  kc: KubeConfig,
  target: ExecTarget,
  port: number,
  onData: (data: Buffer) => void,
  signal?: AbortSignal,
): Promise<ForwardChannel> {
  const { ws, onMessage } = await openWebSocket(kc, `${podPath(target, 'portforward')}?ports=${port}`, PORT_FORWARD_PROTOCOLS, signal);
  const seen = [false, false];
  let error = '';
  const ended = new Promise<string | undefined>((resolve) => {
    onMessage((data: Buffer) => {
      if (data.length === 0) return;
      const ch = data[0];
      let body = data.subarray(1);
      if (ch > 1) return;
      if (!seen[ch]) {
        // The port prefix (two bytes) opens each channel.
        seen[ch] = true;
        body = body.subarray(2);
      }
      if (body.length === 0) return;
      if (ch === 0) onData(body);
      else {
        // An error on the error channel ends this connection (the kubelet leaves the socket open).
        error += body.toString('utf8');
        setImmediate(() => ws.close(1000));
      }
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (error) return resolve(oneLineOf(error));
      if (code === 1000 || code === 1005) return resolve(undefined);
      resolve(`connection lost: ${reason.toString() || (code === 1006 ? 'connection closed abruptly' : `closed with code ${code}`)}`);
    });
    ws.on('error', () => undefined);
  });
  return {
    write(data) {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send(Buffer.concat([Buffer.from([0]), data]));
      return ws.bufferedAmount < 1 << 20;
    },
    close: () => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
    },
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    ended,
  };
}
