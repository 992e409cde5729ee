// The embedded cluster serves HTTPS as kube-apiserver does: a CA made at start signs its serving
// certificate, the kubeconfig carries that CA and plain bearer tokens, and nothing rides in the URL.
import { X509Certificate } from 'node:crypto';
import { get } from 'node:https';
import { hostname, networkInterfaces } from 'node:os';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSim, type Sim } from '../../src/index.js';
import { raw, simFetch } from './support.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ scenario: 'empty', runtime: false, clock: 'manual' });
});
afterAll(() => sim.stop());

/** The certificate `target` presents, or the error code of a client that trusts `ca` only (undefined: trusts nothing, checks nothing). */
function handshake(target: Sim, ca?: string): Promise<{ cert?: X509Certificate; error?: string }> {
  return new Promise((resolve, reject) => {
    const req = get(`${target.url}/readyz`, { ca, rejectUnauthorized: ca !== undefined, agent: false }, (res) => {
      res.resume();
      const cert = new X509Certificate((res.socket as import('node:tls').TLSSocket).getPeerCertificate().raw);
      resolve({ cert });
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code ? resolve({ error: e.code }) : reject(e)));
  });
}

describe('TLS', () => {
  it('serves https on 127.0.0.1 with a certificate for 127.0.0.1 and localhost, signed by the CA it hands out', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cert = (await handshake(sim)).cert!;
    const ca = new X509Certificate(sim.ca!);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('example.com')).toBeUndefined();
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });

  it('is not trusted by a client without its CA, and each start makes a new CA', async () => {
    const untrusted = await new Promise<string>((resolve) => get(`${sim.url}/readyz`, { agent: false }, (r) => resolve(String(r.statusCode))).on('error', (e: NodeJS.ErrnoException) => resolve(e.code!)));
    expect(untrusted).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const other = await startSim({ scenario: 'empty', runtime: false, clock: 'manual' });
    try {
      expect(other.ca).not.toBe(sim.ca);
      expect((await handshake(other, other.ca)).error).toBeUndefined();
      expect((await handshake(other, sim.ca)).error).toMatch(/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_SIGNATURE_FAILURE)$/);
    } finally {
      await other.stop();
    }
  });

  it('writes a kubeconfig with the https server, the CA and bearer tokens; client-node works with it as written', async () => {
    const doc = parse(sim.kubeconfigYaml());
    expect(doc.clusters).toEqual([{ name: 'kdash-sim', cluster: { server: sim.url, 'certificate-authority-data': Buffer.from(sim.ca!).toString('base64') } }]);
    expect(doc.contexts.map((c: any) => c.context.cluster)).toEqual(['kdash-sim', 'kdash-sim']);
    expect(doc.users.map((u: any) => u.user)).toEqual([{ token: sim.tokens.student }, { token: sim.tokens.admin }]);
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'vgauthier' });
    expect(pods.kind).toBe('PodList');
  });

  it('authenticates the bearer token over TLS and still answers anonymous health checks', async () => {
    expect((await raw(sim, '/api/v1/namespaces/vgauthier/pods', { token: 'student' })).status).toBe(200);
    expect((await raw(sim, '/api/v1/namespaces/vgauthier/pods', { token: null })).status).toBe(403);
    const health = await simFetch(sim, '/livez');
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
  });

  it('keeps its certificate across a restart on the same port', async () => {
    const before = (await handshake(sim, sim.ca)).cert!.fingerprint256;
    await sim.restart();
    expect((await handshake(sim, sim.ca)).cert!.fingerprint256).toBe(before);
  });

  it('on every interface (0.0.0.0), names each of this machine\'s addresses and its host name; the kubeconfig points at 127.0.0.1', async () => {
    const wide = await startSim({ scenario: 'empty', runtime: false, clock: 'manual', host: '0.0.0.0' });
    try {
      expect(wide.url).toBe(`https://127.0.0.1:${wide.port}`);
      const cert = new X509Certificate((await handshake(wide, wide.ca)).cert!.raw);
      for (const a of Object.values(networkInterfaces()).flat()) {
        if (a && a.family === 'IPv4') expect(cert.checkIP(a.address)).toBe(a.address);
      }
      expect(cert.checkHost(hostname())).toBe(hostname());
      expect(cert.subjectAltName).toContain('IP Address:0:0:0:0:0:0:0:1');
    } finally {
      await wide.stop();
    }
  });

  it('can still serve plain HTTP when asked (tests), with no CA', async () => {
    const plain = await startSim({ scenario: 'empty', runtime: false, clock: 'manual', tls: false });
    try {
      expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(plain.ca).toBeUndefined();
      expect((await fetch(`${plain.url}/readyz`)).status).toBe(200);
    } finally {
      await plain.stop();
    }
  });
});
