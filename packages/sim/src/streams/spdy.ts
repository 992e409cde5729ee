// The server half of SPDY/3.1 framing, as much as port-forward uses (moby/spdystream on the client):
// the client opens streams with SYN_STREAM (zlib-compressed headers sharing one context and SPDY's
// dictionary), the server accepts each with SYN_REPLY, both send DATA with FIN to half-close, RST_STREAM
// resets one stream, PING is echoed, GOAWAY ends the connection. kube-apiserver ≥1.31 carries these
// frames inside a WebSocket (`SPDY/3.1+portforward.k8s.io`), one or more frames per binary message.
import { createDeflate, inflateSync, constants as zc } from 'node:zlib';

/** SPDY/3's header dictionary (draft 3, §2.6.10.1): length-prefixed words, then a run of text. */
const DICTIONARY_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
  'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
  'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
  'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const DICTIONARY_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden404 Not Found' +
  '500 Internal Server Error501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00' +
  ' Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,' +
  'text/plain,text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const SPDY_DICTIONARY: Buffer = Buffer.concat([
  ...DICTIONARY_WORDS.map((w) => {
    const b = Buffer.alloc(4 + w.length);
    b.writeUInt32BE(w.length, 0);
    b.write(w, 4, 'latin1');
    return b;
  }),
  Buffer.from(DICTIONARY_TAIL, 'latin1'),
]);

const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;
const GOAWAY = 7;
const HEADERS = 8;
const FLAG_FIN = 1;
const RST_CANCEL = 5;

export interface SpdyStream {
  readonly id: number;
  readonly headers: Map<string, string>;
  /** Data the client sent; end: its FIN (or a reset). */
  onData?: (data: Buffer) => void;
  onEnd?: () => void;
  write(data: Buffer | string): void;
  /** Half-closes our side (DATA with FIN). */
  close(): void;
  reset(): void;
}

export interface SpdyServer {
  /** Bytes from the client (frames may span or share messages). */
  feed(data: Buffer): void;
  /** Ends every stream (the transport closed). */
  shutdown(): void;
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | 3, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(payload.length, 4);
  h[4] = flags;
  return Buffer.concat([h, payload]);
}

function dataFrame(id: number, flags: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(id & 0x7fffffff, 0);
  h.writeUInt32BE(data.length, 4);
  h[4] = flags;
  return Buffer.concat([h, data]);
}

/** Reads a (decompressed) header block: count, then name/value pairs, each length-prefixed. */
function readHeaderBlock(b: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  if (b.length < 4) return out;
  let p = 4;
  for (let n = b.readUInt32BE(0); n > 0 && p + 4 <= b.length; n--) {
    const nl = b.readUInt32BE(p);
    const name = b.subarray(p + 4, p + 4 + nl).toString('latin1');
    p += 4 + nl;
    const vl = b.readUInt32BE(p);
    out.set(name.toLowerCase(), b.subarray(p + 4, p + 4 + vl).toString('latin1'));
    p += 4 + vl;
  }
  return out;
}

export function spdyServer(send: (frame: Buffer) => void, onStream: (s: SpdyStream) => void): SpdyServer {
  let buf: Buffer = Buffer.alloc(0);
  const streams = new Map<number, SpdyStream>();
  // The client's header blocks form one zlib stream; each block is inflated with all before it
  // (blocks are tens of bytes and a port-forward opens two per connection).
  const compressed: Buffer[] = [];
  let inflatedSoFar = 0;
  let closed = false;
  // Ours are one zlib stream too, flushed (Z_SYNC_FLUSH) after each block as Go's framer does. zlib
  // streams are asynchronous in Node, so every frame we send goes through one queue, in order.
  const deflate = createDeflate({ dictionary: SPDY_DICTIONARY, level: 9 });
  deflate.on('error', () => undefined);
  let pending: Buffer[] = [];
  deflate.on('data', (b: Buffer) => pending.push(b));
  let queue: Promise<void> = Promise.resolve();
  const compress = (block: Buffer): Promise<Buffer> =>
    new Promise((resolve) => {
      deflate.write(block);
      deflate.flush(zc.Z_SYNC_FLUSH, () => {
        const outBytes = Buffer.concat(pending);
        pending = [];
        resolve(outBytes);
      });
    });

  const inflateNext = (block: Buffer): Buffer => {
    compressed.push(block);
    const all = inflateSync(Buffer.concat(compressed), { dictionary: SPDY_DICTIONARY, finishFlush: zc.Z_SYNC_FLUSH });
    const fresh = all.subarray(inflatedSoFar);
    inflatedSoFar = all.length;
    return fresh;
  };

  /** Queues a frame (or one whose bytes are still being compressed) behind those before it. */
  const out = (frame: Buffer | (() => Promise<Buffer>)) => {
    queue = queue.then(async () => {
      const bytes = typeof frame === 'function' ? await frame() : frame;
      if (!closed) send(bytes);
    });
  };

  function newStream(id: number, headers: Map<string, string>): SpdyStream {
    let localDone = false;
    const s: SpdyStream = {
      id,
      headers,
      write(data) {
        if (localDone) return;
        const b = typeof data === 'string' ? Buffer.from(data) : data;
        for (let off = 0; off < b.length; off += 16_384) out(dataFrame(id, 0, b.subarray(off, off + 16_384)));
      },
      close() {
        if (localDone) return;
        localDone = true;
        out(dataFrame(id, FLAG_FIN, Buffer.alloc(0)));
      },
      reset() {
        if (!streams.has(id)) return;
        localDone = true;
        streams.delete(id);
        const p = Buffer.alloc(8);
        p.writeUInt32BE(id, 0);
        p.writeUInt32BE(RST_CANCEL, 4);
        out(controlFrame(RST_STREAM, 0, p));
      },
    };
    return s;
  }

  function frame(f: Buffer): void {
    const control = (f[0] & 0x80) !== 0;
    const flags = f[4];
    const payload = f.subarray(8);
    if (!control) {
      const id = f.readUInt32BE(0) & 0x7fffffff;
      const s = streams.get(id);
      if (!s) return;
      if (payload.length) s.onData?.(payload);
      if (flags & FLAG_FIN) s.onEnd?.();
      return;
    }
    const type = f.readUInt16BE(2);
    if (type === SYN_STREAM) {
      const id = payload.readUInt32BE(0) & 0x7fffffff;
      const headers = readHeaderBlock(inflateNext(payload.subarray(10)));
      const s = newStream(id, headers);
      streams.set(id, s);
      const reply = Buffer.alloc(4);
      reply.writeUInt32BE(id, 0);
      // No headers: a block that says zero pairs.
      out(async () => controlFrame(SYN_REPLY, 0, Buffer.concat([reply, await compress(Buffer.alloc(4))])));
      onStream(s);
      if (flags & FLAG_FIN) s.onEnd?.();
    } else if (type === HEADERS) {
      inflateNext(payload.subarray(4)); // keeps the shared zlib context in step
    } else if (type === RST_STREAM) {
      const id = payload.readUInt32BE(0) & 0x7fffffff;
      const s = streams.get(id);
      streams.delete(id);
      s?.onEnd?.();
    } else if (type === PING) {
      out(f);
    } else if (type === GOAWAY) {
      shutdown();
    }
    // SETTINGS and WINDOW_UPDATE: spdystream does no flow control, nor does this server.
  }

  function shutdown(): void {
    if (closed) return;
    closed = true;
    for (const s of streams.values()) s.onEnd?.();
    streams.clear();
    deflate.destroy();
  }

  return {
    feed(data) {
      buf = buf.length ? Buffer.concat([buf, data]) : data;
      while (buf.length >= 8) {
        const len = buf.readUInt32BE(4) & 0xffffff;
        if (buf.length < 8 + len) break;
        const f = buf.subarray(0, 8 + len);
        buf = buf.subarray(8 + len);
        frame(f);
      }
    },
    shutdown,
  };
}
