// Secret values never enter kdash's store: a Secret is reduced on arrival (src/store/trim.ts) to its
// keys and their decoded sizes (`dataBytes`), so no view, dump, log or `--once` can print a value it
// does not have. Describe and YAML show those sizes, as `kubectl describe secret` does; one key's
// value is read from the server only when the person asks (src/actions/revealSecret.ts).
import type { KObj } from './types.js';
import { DescribeWriter, clean, writeAnnotations, writeLabels } from './describeWriter.js';

/** A Secret as kdash keeps it: `data` replaced by the byte size of each decoded value. */
export interface RedactedSecret extends KObj {
  dataBytes?: Record<string, number>;
}

/** The decoded size of a base64 value without decoding it (padding and whitespace aside). */
export function base64Bytes(b64: string): number {
  const s = b64.replace(/\s+/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}

/** The object without its values (and without stringData, which a server never returns but a file may hold). */
export function redactSecret<T extends KObj>(obj: T): T {
  if (obj.data === undefined && obj.stringData === undefined) return obj;
  const { data, stringData: _never, ...rest } = obj;
  const sizes: Record<string, number> = {};
  for (const k of Object.keys(data ?? {})) sizes[k] = base64Bytes(String(data[k] ?? ''));
  return { ...rest, dataBytes: sizes } as unknown as T;
}

export const secretKeys = (o: KObj): string[] => Object.keys((o as RedactedSecret).dataBytes ?? {}).sort();
export const secretSize = (o: KObj, key: string): number => (o as RedactedSecret).dataBytes?.[key] ?? 0;

/** What the YAML view shows: `data:` with each value replaced by a note of its size. */
export function secretYamlForm(obj: KObj): KObj {
  const { dataBytes, ...rest } = obj as RedactedSecret;
  if (!dataBytes) return rest;
  const data: Record<string, string> = {};
  for (const k of Object.keys(dataBytes)) data[k] = `<hidden: ${dataBytes[k]} bytes>`;
  return { ...rest, data };
}

/** describe.go SecretDescriber: name, labels, annotations, type, then each key with its size only. */
export function describeSecret(obj: KObj): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', obj.metadata.name);
  w.kv(0, 'Namespace', obj.metadata.namespace ?? '');
  writeLabels(w, 0, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 0, obj.metadata.annotations);
  w.line(0, '');
  w.kv(0, 'Type', obj.type ?? '');
  w.line(0, '');
  w.line(0, 'Data');
  w.line(0, '====');
  for (const k of secretKeys(obj)) w.line(0, `${clean(k)}:\t${secretSize(obj, k)} bytes`);
  return w.toString();
}

/** One key's decoded value, as the keys screen may show it: text, or a description of binary data. */
export type SecretValue = { type: 'text'; text: string; bytes: number } | { type: 'binary'; bytes: number; description: string };

const SIGNATURES: Array<[string, number[]]> = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
  ['Java keystore', [0xfe, 0xed, 0xfe, 0xed]],
  ['DER (certificate or key)', [0x30, 0x82]],
];

const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * Text is valid UTF-8 with no control characters other than newline, tab and carriage return; anything
 * else is described ("binary, 1,204 bytes, looks like PNG"), never dumped.
 */
export function classifySecretValue(bytes: Uint8Array): SecretValue {
  const n = bytes.length;
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  if (text !== undefined && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { type: 'text', text, bytes: n };
  const sig = SIGNATURES.find(([, magic]) => magic.every((b, i) => bytes[i] === b));
  return { type: 'binary', bytes: n, description: `binary, ${grouped(n)} bytes${sig ? `, looks like ${sig[0]}` : ''}` };
}
