// Secrets as plain functions: sizes without decoding, the store form without values, what binary
// values are described as, and kubectl's describe layout.
import { describe, expect, it } from 'vitest';
import { base64Bytes, classifySecretValue, describeSecret, redactSecret, secretYamlForm } from '../../src/resources/secretData.js';
import { trimObject } from '../../src/store/trim.js';
import { toYaml } from '../../src/resources/yaml.js';
import { secret } from '../../src/resources/secret.js';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const raw = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's1', namespace: 'ns', uid: 'u1' },
  type: 'Opaque',
  data: { password: b64('hunter2'), user: b64('bob') },
};

describe('secret data', () => {
  it('counts decoded bytes from base64 with and without padding', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'hunter2', 'x'.repeat(1000)]) expect(base64Bytes(b64(s))).toBe(s.length);
  });

  it('keeps keys and sizes only, wherever a secret enters the store', () => {
    const kept = trimObject(structuredClone(raw));
    expect(JSON.stringify(kept)).not.toMatch(/hunter2|aHVudGVyMg|Ym9i/);
    expect((kept as { dataBytes?: unknown }).dataBytes).toEqual({ password: 7, user: 3 });
    expect(redactSecret({ ...raw, data: undefined, stringData: { a: 'x' } })).not.toHaveProperty('stringData');
  });

  it('shows sizes in describe as kubectl describe secret does', () => {
    const text = describeSecret(redactSecret(raw));
    expect(text).toContain('Type:  Opaque\n\nData\n====\npassword:  7 bytes\nuser:      3 bytes\n');
  });

  it('shows size notes instead of values in YAML', () => {
    const y = toYaml(redactSecret(raw), secret);
    expect(y).toContain("data:\n  password: '<hidden: 7 bytes>'\n  user: '<hidden: 3 bytes>'\n");
    expect(secretYamlForm(redactSecret(raw))).not.toHaveProperty('dataBytes');
  });

  it('describes binary values instead of showing them', () => {
    expect(classifySecretValue(Buffer.from('line 1\nline 2\ttab'))).toEqual({ type: 'text', text: 'line 1\nline 2\ttab', bytes: 17 });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1196)]);
    expect(classifySecretValue(png)).toEqual({ type: 'binary', bytes: 1204, description: 'binary, 1,204 bytes, looks like PNG' });
    expect(classifySecretValue(Buffer.from([0xde, 0xad, 0xbe, 0xef]))).toEqual({ type: 'binary', bytes: 4, description: 'binary, 4 bytes' });
    // Escape sequences are not text to print.
    expect(classifySecretValue(Buffer.from('\x1b[2Jgotcha')).type).toBe('binary');
  });
});
