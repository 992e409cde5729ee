// The remote-command channel protocol over WebSocket, as kube-apiserver serves exec and attach:
// every binary message starts with its channel byte — 0 stdin, 1 stdout, 2 stderr, 3 the error
// channel (the final metav1.Status), 4 resize ({"Width":…,"Height":…}) — and v5.channel.k8s.io adds
// 255 [channel] to half-close a channel (the client's end of stdin). kubectl ≥1.30 asks for v5 only;
// client-node and older clients offer v4 and older, which the kubelet serves (no close channel, and
// before v4 the error channel carries plain text and nothing on success).
import type { WebSocket } from 'ws';

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

/** Sub-protocols served, best first (wsstream's handshake picks the client's first one we serve). */
export const CHANNEL_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

export interface ExitStatus {
  /** 0: success. */
  code: number;
  /** Set for failures that are not a process's exit code (InternalError: the message after "Internal error occurred: "). */
  internal?: string;
  /** The command, for the message containerd gives a non-zero exit (`error executing command [sh -c exit 7], exit code 7`). */
  argv?: string[];
}

export interface ChannelCallbacks {
  stdin(data: Buffer): void;
  stdinClosed(): void;
  resize(width: number, height: number): void;
  /** The client went away (socket closed): stop everything. */
  gone(): void;
}

export interface ChannelConn {
  readonly protocol: string;
  stdout(text: string | Buffer): void;
  stderr(text: string | Buffer): void;
  /** Sends the final status on the error channel and closes the socket normally. */
  finish(status: ExitStatus): void;
  readonly open: boolean;
}

/** The metav1.Status kube-apiserver (v5, through its stream translator) or the kubelet (v4) writes on the error channel. */
export function statusJson(protocol: string, s: ExitStatus): string | undefined {
  const legacy = !protocol.startsWith('v5.') && !protocol.startsWith('v4.');
  if (s.internal !== undefined) {
    const message = `Internal error occurred: ${s.internal}`;
    if (legacy) return message;
    return JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'InternalError', details: { causes: [{ message: s.internal }] }, code: 500 });
  }
  if (s.code === 0) return legacy ? undefined : JSON.stringify({ metadata: {}, status: 'Success' });
  // containerd's CodeExitError; through the v5 translator the apiserver wraps client-go's reading of it.
  const runtime = `error executing command [${(s.argv ?? []).join(' ')}], exit code ${s.code}`;
  const inner = protocol.startsWith('v5.') ? `command terminated with exit code ${s.code}` : runtime;
  const message = `command terminated with non-zero exit code: ${inner}`;
  if (legacy) return message;
  return JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(s.code) }] } });
}

export function channelConn(ws: WebSocket, opts: { stdout: boolean; stderr: boolean }, cb: ChannelCallbacks): ChannelConn {
  const protocol = ws.protocol;
  let open = true;
  const send = (channel: number, data: string | Buffer) => {
    if (!open || ws.readyState !== ws.OPEN) return;
    const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    ws.send(Buffer.concat([Buffer.from([channel]), body]), { binary: true });
  };
  // kube-apiserver's translator sends an empty message on the lowest writable channel once connected.
  send(opts.stdout ? STDOUT : opts.stderr ? STDERR : ERROR, Buffer.alloc(0));
  let resizeBuf = '';
  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    if (!isBinary || raw.length === 0) return;
    const channel = raw[0];
    const data = raw.subarray(1);
    if (channel === STDIN) cb.stdin(data);
    else if (channel === RESIZE) {
      // A stream of JSON objects, as json.Decoder reads them on the kubelet side.
      resizeBuf += data.toString('utf8');
      for (;;) {
        const end = resizeBuf.indexOf('}');
        if (end < 0) break;
        const one = resizeBuf.slice(0, end + 1);
        resizeBuf = resizeBuf.slice(end + 1);
        try {
          const size = JSON.parse(one.slice(one.indexOf('{')));
          cb.resize(Number(size.Width) || 0, Number(size.Height) || 0);
        } catch {
          // A malformed size is ignored, as the kubelet's decoder stops reading sizes.
        }
      }
    } else if (channel === CLOSE && protocol.startsWith('v5.') && data[0] === STDIN) cb.stdinClosed();
  });
  ws.on('close', () => {
    if (!open) return;
    open = false;
    cb.gone();
  });
  ws.on('error', () => undefined);
  return {
    protocol,
    get open() {
      return open;
    },
    stdout: (t) => opts.stdout && send(STDOUT, t),
    stderr: (t) => opts.stderr && send(STDERR, t),
    finish(status) {
      if (!open) return;
      const body = statusJson(protocol, status);
      if (body !== undefined) send(ERROR, body);
      open = false;
      ws.close(1000);
    },
  };
}
