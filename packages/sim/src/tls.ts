// The embedded cluster's TLS material, made at start as kube-apiserver makes its self-signed serving
// certificate when none is given: a CA, and a serving certificate it signs for the addresses the
// server is reached at. kubectl (client-go) sends credentials only over TLS, so this is what lets a
// kubeconfig carry ordinary bearer tokens. Keys are ECDSA P-256 from Node's crypto (made on the thread
// pool) and Node's crypto signs; the two certificates, always of the same shape, are written in DER
// here (der.ts). An X.509 library was measured first: loading it alone added ~150 ms to `kdash --demo`.
import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import { bitString, boolean, explicit, implicit, integer, ipAddress, octetString, oid, sequence, set, time, utf8 } from './der.js';

export interface ServingTls {
  /** PEM of the CA that signed the serving certificate: the kubeconfig's certificate-authority-data. */
  ca: string;
  /** PEM of the serving certificate. */
  cert: string;
  /** PEM (PKCS#8) of the serving certificate's private key. */
  key: string;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};
// KeyUsage bits (RFC 5280 4.2.1.3), first bit = most significant.
const DIGITAL_SIGNATURE = 0x80;
const KEY_ENCIPHERMENT = 0x20;
const KEY_CERT_SIGN = 0x04;
const VALID_DAYS = 365;

const newKeyPair = promisify(generateKeyPair);

/** A fresh CA and a serving certificate for `hosts` (IP addresses and DNS names), valid for a year. */
export async function makeServingTls(hosts: readonly string[]): Promise<ServingTls> {
  const [caKeys, servingKeys] = await Promise.all([newKeyPair('ec', { namedCurve: 'P-256' }), newKeyPair('ec', { namedCurve: 'P-256' })]);
  // Named like kube-apiserver's own (certutil.GenerateSelfSignedCertKey): "<host>-ca@<unix time>".
  const stamp = Math.floor(Date.now() / 1000);
  const caName = `${hosts[0]}-ca@${stamp}`;
  const name = (cn: string) => sequence(set(sequence(oid(OID.commonName), utf8(cn))));
  const extension = (id: string, critical: boolean, value: Buffer) => sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
  const algorithm = sequence(oid(OID.ecdsaWithSha256));

  const certificate = (subject: string, publicKey: KeyObject, extensions: Buffer[]): string => {
    const serial = randomBytes(16);
    serial[0] &= 0x7f; // a positive serial number, as RFC 5280 requires (Go refuses negative ones)
    const tbs = sequence(
      explicit(0, integer(Buffer.from([2]))), // v3
      integer(serial),
      algorithm,
      name(caName),
      // An hour in the past, so a client whose clock is a little behind still accepts it.
      sequence(time(new Date(stamp * 1000 - 3_600_000)), time(new Date(stamp * 1000 + VALID_DAYS * 86_400_000))),
      name(subject),
      publicKey.export({ type: 'spki', format: 'der' }),
      explicit(3, sequence(...extensions)),
    );
    const signature = sign('sha256', tbs, { key: caKeys.privateKey, dsaEncoding: 'der' });
    return pem(sequence(tbs, algorithm, bitString(signature)));
  };

  const ca = certificate(caName, caKeys.publicKey, [
    extension(OID.basicConstraints, true, sequence(boolean(true))),
    extension(OID.keyUsage, true, bitString(Buffer.from([DIGITAL_SIGNATURE | KEY_ENCIPHERMENT | KEY_CERT_SIGN]), true)),
  ]);
  const altNames = hosts.map((h) => (isIP(h) ? implicit(7, ipAddress(h)) : implicit(2, Buffer.from(h, 'ascii'))));
  const cert = certificate(`${hosts[0]}@${stamp}`, servingKeys.publicKey, [
    extension(OID.keyUsage, true, bitString(Buffer.from([DIGITAL_SIGNATURE | KEY_ENCIPHERMENT]), true)),
    extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
    extension(OID.basicConstraints, true, sequence()),
    extension(OID.subjectAltName, false, sequence(...altNames)),
  ]);
  return { ca, cert, key: servingKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
