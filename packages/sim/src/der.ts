// The few ASN.1 DER encodings (X.690) an X.509 certificate needs, for tls.ts: each function returns
// one complete element (tag, length, contents).
import { isIPv4 } from 'node:net';

function element(tag: number, contents: Buffer): Buffer {
  const n = contents.length;
  const length = n < 0x80 ? Buffer.from([n]) : lengthBytes(n);
  return Buffer.concat([Buffer.from([tag]), length, contents]);
}

/** The long form: 0x80 | number of bytes, then the length big-endian. */
function lengthBytes(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const sequence = (...items: Buffer[]) => element(0x30, Buffer.concat(items));
export const set = (...items: Buffer[]) => element(0x31, Buffer.concat(items));
export const boolean = (v: boolean) => element(0x01, Buffer.from([v ? 0xff : 0x00]));
export const octetString = (b: Buffer) => element(0x04, b);
export const utf8 = (s: string) => element(0x0c, Buffer.from(s, 'utf8'));
/** [n] EXPLICIT: a constructed context-specific tag around a whole element. */
export const explicit = (n: number, inner: Buffer) => element(0xa0 | n, inner);
/** [n] IMPLICIT on a primitive (a GeneralName's dNSName [2] or iPAddress [7]). */
export const implicit = (n: number, contents: Buffer) => element(0x80 | n, contents);

/** A non-negative INTEGER from its big-endian bytes (a leading zero keeps it positive). */
export function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
  return element(0x02, b[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** A BIT STRING of whole bytes; `named`: a named-bit list, whose trailing zero bits DER drops. */
export function bitString(bytes: Buffer, named = false): Buffer {
  let unused = 0;
  if (named && bytes.length > 0) {
    const last = bytes[bytes.length - 1];
    while (unused < 8 && !(last & (1 << unused))) unused++;
  }
  return element(0x03, Buffer.concat([Buffer.from([unused]), bytes]));
}

export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift(0x80 | (v & 0x7f));
    out.push(...groups);
  }
  return element(0x06, Buffer.from(out));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
export function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? element(0x17, Buffer.from(iso.slice(2), 'ascii')) : element(0x18, Buffer.from(iso, 'ascii'));
}

/** The 4 or 16 bytes of an IP address. */
export function ipAddress(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, ''];
  const words = (s: string) => (s ? s.split(':') : []);
  const front = words(head);
  let back = words(tail);
  // An embedded IPv4 tail (::ffff:10.0.0.1) is two words.
  const v4 = back.length ? back[back.length - 1] : front[front.length - 1];
  if (v4 && isIPv4(v4)) {
    const [p, q, r, s] = v4.split('.').map(Number);
    const pair = [((p << 8) | q).toString(16), ((r << 8) | s).toString(16)];
    if (back.length) back = [...back.slice(0, -1), ...pair];
    else front.splice(front.length - 1, 1, ...pair);
  }
  const all = ip.includes('::') ? [...front, ...Array(8 - front.length - back.length).fill('0'), ...back] : front;
  const out = Buffer.alloc(16);
  all.forEach((w, i) => out.writeUInt16BE(parseInt(w, 16), i * 2));
  return out;
}
