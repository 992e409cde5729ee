// The embedded cluster's TLS material, made at start as kube-apiserver makes its self-signed serving
// certificate when none is given: a CA, and a serving certificate it signs for the addresses the
// server is reached at. kubectl (client-go) sends credentials only over TLS, so this is what lets a
// kubeconfig carry ordinary bearer tokens. Keys are ECDSA P-256 from Node's crypto (fast to make); the
// certificates are built with @peculiar/asn1-x509's X.509 structures and signed with Node's crypto.
import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';

export interface ServingTls {
  /** PEM of the CA that signed the serving certificate: the kubeconfig's certificate-authority-data. */
  ca: string;
  /** PEM of the serving certificate. */
  cert: string;
  /** PEM (PKCS#8) of the serving certificate's private key. */
  key: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const VALID_DAYS = 365;

const newKeyPair = promisify(generateKeyPair);

/** A fresh CA and a serving certificate for `hosts` (IP addresses and DNS names), valid for a year. */
export async function makeServingTls(hosts: readonly string[]): Promise<ServingTls> {
  // Loaded only when a server is started with TLS: the sim's unit tests on plain HTTP never pay for it.
  // Both are CommonJS: their exports are the import's default (in Node and in the esbuild bundle alike).
  const [{ default: x }, { default: { AsnConvert, OctetString } }, caKeys, servingKeys] = await Promise.all([
    import('@peculiar/asn1-x509'),
    import('@peculiar/asn1-schema'),
    newKeyPair('ec', { namedCurve: 'P-256' }),
    newKeyPair('ec', { namedCurve: 'P-256' }),
  ]);
  // Named like kube-apiserver's own (certutil.GenerateSelfSignedCertKey): "<host>-ca@<unix time>".
  const stamp = Math.floor(Date.now() / 1000);
  const caName = `${hosts[0]}-ca@${stamp}`;

  const name = (cn: string) =>
    new x.Name([new x.RelativeDistinguishedName([new x.AttributeTypeAndValue({ type: COMMON_NAME, value: new x.AttributeValue({ utf8String: cn }) })])]);
  const extension = (extnID: string, value: object, critical = false) =>
    new x.Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });

  const certificate = (subject: string, publicKey: KeyObject, extensions: InstanceType<typeof x.Extension>[]): string => {
    const serial = randomBytes(16);
    serial[0] &= 0x7f; // a positive serial number, as RFC 5280 requires (Go refuses negative ones)
    const algorithm = new x.AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
    const tbsCertificate = new x.TBSCertificate({
      version: x.Version.v3,
      serialNumber: arrayBuffer(serial),
      signature: algorithm,
      issuer: name(caName),
      subject: name(subject),
      // An hour in the past, so a client whose clock is a little behind still accepts it.
      validity: new x.Validity({ notBefore: new Date(stamp * 1000 - 3_600_000), notAfter: new Date(stamp * 1000 + VALID_DAYS * 86_400_000) }),
      subjectPublicKeyInfo: AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), x.SubjectPublicKeyInfo),
      extensions: new x.Extensions(extensions),
    });
    const signatureValue = sign('sha256', Buffer.from(AsnConvert.serialize(tbsCertificate)), { key: caKeys.privateKey, dsaEncoding: 'der' });
    return pem(Buffer.from(AsnConvert.serialize(new x.Certificate({ tbsCertificate, signatureAlgorithm: algorithm, signatureValue: arrayBuffer(signatureValue) }))));
  };

  const ca = certificate(caName, caKeys.publicKey, [
    extension(x.id_ce_basicConstraints, new x.BasicConstraints({ cA: true }), true),
    extension(x.id_ce_keyUsage, new x.KeyUsage(x.KeyUsageFlags.keyCertSign | x.KeyUsageFlags.digitalSignature | x.KeyUsageFlags.keyEncipherment), true),
  ]);
  const altNames = hosts.map((h) => new x.GeneralName(isIP(h) ? { iPAddress: h } : { dNSName: h }));
  const cert = certificate(`${hosts[0]}@${stamp}`, servingKeys.publicKey, [
    extension(x.id_ce_keyUsage, new x.KeyUsage(x.KeyUsageFlags.digitalSignature | x.KeyUsageFlags.keyEncipherment), true),
    extension(x.id_ce_extKeyUsage, new x.ExtendedKeyUsage([x.id_kp_serverAuth])),
    extension(x.id_ce_basicConstraints, new x.BasicConstraints({ cA: false }), true),
    extension(x.id_ce_subjectAltName, new x.SubjectAlternativeName(altNames)),
  ]);
  return { ca, cert, key: servingKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function arrayBuffer(b: Buffer): ArrayBuffer {
  return new Uint8Array(b).buffer;
}

function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
