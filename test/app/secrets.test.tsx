// Secrets as a person meets them: the table, describe, YAML, `--once` and the action history show keys
// and sizes, never a value (nor its base64); one key's value appears only after Enter on that key in
// its keys screen, masked until v, refused in read-only mode unless --allow-reveal, and gone on Esc.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { startRig, type Rig } from '../support/rig.js';
import { printOnce } from '../../src/app/once.js';
import { kindById } from '../../src/resources/registry.js';
import type { ResourceKind } from '../../src/resources/types.js';
import { sessionHistory } from '../../src/actions/history.js';

const PASSWORD = 'hunter2-correct-horse';
const USER = 'bob-the-operator';
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1196, 7)]);
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBkzCCATmgAwIBAgIUQ2VydA\n-----END CERTIFICATE-----\n';
const SECRETS = ['MIIBkzCCATmgAwIBAgIUQ2VydA', PASSWORD, USER, b64(PASSWORD), b64(USER), b64(PNG).slice(0, 40)];
const leaks = (text: string) => SECRETS.filter((s) => text.includes(s));

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ scenario: 'classroom', port: 0 });
  const api = (await startRig({ existing: sim })).session.api;
  await api.objects.create(kindById('secrets')!, 'vgauthier', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db-creds' },
    type: 'Opaque',
    data: { password: b64(PASSWORD), user: b64(USER), 'logo.png': b64(PNG), 'ca.crt': b64(CERT) },
  });
});
afterAll(async () => {
  await sim?.stop();
});

async function openSecrets(r: Rig): Promise<void> {
  await r.waitForRow(/webnodb-/);
  await r.press(':');
  await r.type('secrets');
  await r.press('enter');
  await r.waitForRow(/^..db-creds\s+Opaque\s+4\s+\d+s/);
  await r.select(/db-creds\s+Opaque/);
}

/** The keys screen of db-creds with the cursor on `key`. */
async function openKeys(r: Rig, key: string): Promise<void> {
  await openSecrets(r);
  await r.press('x');
  await r.waitForFrame((f) => /KEY\s+SIZE\s+VALUE/.test(f), 'the keys screen');
  await r.select(new RegExp(`(^|\\s)${key.replace('.', '\\.')}\\s`));
}

describe('secrets', () => {
  it('lists secrets with NAME TYPE DATA AGE and keeps values out of the table, describe, YAML and the store', async () => {
    const r = await startRig({ existing: sim });
    try {
      await openSecrets(r);
      expect(r.frame()).toMatch(/NAME\s+TYPE\s+DATA\s+AGE/);
      await r.press('d');
      const described = await r.waitForFrame((f) => /password:\s+21 bytes/.test(f), 'describe with sizes');
      expect(described).toMatch(/user:\s+16 bytes/);
      expect(described).toMatch(/logo\.png:\s+1204 bytes/);
      expect(described).toMatch(/Type:\s+Opaque/);
      expect(leaks(described)).toEqual([]);
      await r.press('esc');
      await r.select(/db-creds\s+Opaque/);
      await r.press('y');
      const yaml = await r.waitForFrame((f) => /password: '<hidden: 21 bytes>'/.test(f), 'YAML with size notes');
      expect(yaml).toMatch(/^\s*data:/m);
      expect(leaks(yaml)).toEqual([]);
      // Nothing else can leak what the store never had.
      const kept = r.runtime.store.getState().kinds['secrets@vgauthier']?.objects ?? [];
      // (The classroom's own webnodb-db is there too: the same rule holds for it.)
      expect(kept.map((o) => o.metadata.name)).toEqual(['db-creds', 'webnodb-db']);
      for (const o of kept) expect(o.data, o.metadata.name).toBeUndefined();
      expect(leaks(JSON.stringify(r.runtime.store.getState().kinds))).toEqual([]);
    } finally {
      await r.stop();
    }
  });

  it('--once --view secrets prints the table without a value', async () => {
    const r = await startRig({ existing: sim });
    let out = '';
    let note = '';
    const sink = (add: (s: string) => void) => new Writable({ write: (c, _e, cb) => (add(String(c)), cb()) });
    try {
      await printOnce(r.session, kindById('secrets') as ResourceKind, sink((s) => (out += s)), sink((s) => (note += s)));
    } finally {
      await r.stop();
    }
    expect(out).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\n/);
    expect(out).toMatch(/^db-creds\s+Opaque\s+4\s+/m);
    expect(leaks(out + note)).toEqual([]);
  });

  it('reveals only the key under the cursor, masked until v, and forgets it on Esc', async () => {
    const r = await startRig({ existing: sim });
    try {
      await openKeys(r, 'user');
      expect(r.frame()).toMatch(/password\s+21 bytes\s+\(hidden\)/);
      expect(leaks(r.frame())).toEqual([]);
      await r.press('enter');
      await r.waitForFrame((f) => /user\s+16 bytes\s+•{8}\s+\(v to show\)/.test(f), 'the masked value');
      expect(leaks(r.frame())).toEqual([]);
      await r.press('v');
      const shown = await r.waitForFrame((f) => f.includes(USER), 'the value after v');
      // Only the asked key: the password is still hidden.
      expect(shown).not.toContain(PASSWORD);
      expect(shown).toMatch(/password\s+21 bytes\s+\(hidden\)/);
      await r.press('v');
      await r.waitForFrame((f) => !f.includes(USER), 'masked again');
      // A value of several lines is shown under the list, line by line.
      await r.press('g');
      await r.select(/(^|\s)ca\.crt\s/);
      await r.press('enter');
      await r.waitForFrame((f) => /ca\.crt\s+\d+ bytes\s+•{8}/.test(f), 'the masked certificate');
      await r.press('v');
      const pem = await r.waitForFrame((f) => /ca\.crt\s+\d+ bytes\s+\(3 lines, below\)/.test(f), 'the certificate');
      expect(pem).toMatch(/^ca\.crt:\n-----BEGIN CERTIFICATE-----\nMIIBkzCCATmgAwIBAgIUQ2VydA\n-----END CERTIFICATE-----$/m);
      expect(pem).not.toContain(USER);
      // A binary value is described, never dumped.
      await r.press('g');
      await r.select(/(^|\s)logo\.png\s/);
      await r.press('enter');
      await r.waitForFrame((f) => /binary, 1,204 bytes, looks like PNG/.test(f), 'the binary description');
      await r.press('esc');
      await r.waitForRow(/^..db-creds\s+Opaque/);
      await r.press('x');
      await r.waitForFrame((f) => /KEY\s+SIZE\s+VALUE/.test(f), 'the keys screen again');
      expect(r.frame()).not.toMatch(/binary,|•/);
      // The history says what was shown, never the value.
      const history = JSON.stringify(sessionHistory.getSnapshot());
      expect(history).toContain('key user of secret/db-creds');
      expect(leaks(history)).toEqual([]);
    } finally {
      await r.stop();
    }
  });

  it('refuses a reveal in read-only mode, unless --allow-reveal', async () => {
    const r = await startRig({ existing: sim, readonly: true });
    try {
      await openKeys(r, 'password');
      await r.press('enter');
      await r.waitForFrame((f) => /read-only: values stay hidden \(start kdash with --allow-reveal\)/.test(f), 'the refusal');
      await r.press('v');
      expect(leaks(r.frame())).toEqual([]);
    } finally {
      await r.stop();
    }
    const allowed = await startRig({ existing: sim, readonly: true, allowReveal: true });
    try {
      await openKeys(allowed, 'password');
      await allowed.press('enter');
      await allowed.waitForFrame((f) => /password\s+21 bytes\s+•{8}/.test(f), 'the masked value');
      await allowed.press('v');
      await allowed.waitForFrame((f) => f.includes(PASSWORD), 'the value');
    } finally {
      await allowed.stop();
    }
  });
});
