// kubectl sends SelfSubjectAccessReview / SelfSubjectRulesReview bodies as Kubernetes protobuf
// ("k8s\0" + runtime.Unknown). A minimal wire-format reader turns those two messages into the JSON
// shape the handlers use. Field numbers are from k8s.io/api/authorization/v1/generated.proto.
import { badRequest } from './status.js';

type Fields = Map<number, Array<Buffer | number>>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw badRequest('unexpected end of protobuf body');
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let key: number;
    [key, pos] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      let len: number;
      [len, pos] = readVarint(buf, pos);
      value = buf.subarray(pos, pos + len);
      pos += len;
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else throw badRequest('unsupported protobuf wire type');
    if (!out.has(field)) out.set(field, []);
    out.get(field)!.push(value);
  }
  return out;
}

const str = (f: Fields, n: number): string | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
};
const msg = (f: Fields, n: number): Fields | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? fields(v) : undefined;
};

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decodes a k8s protobuf SelfSubjectAccessReview or SelfSubjectRulesReview into JSON. */
export function decodeReview(body: Buffer): Record<string, any> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  const unknown = fields(body.subarray(4));
  const typeMeta = msg(unknown, 1);
  const kind = typeMeta ? str(typeMeta, 2) : undefined;
  const raw = unknown.get(2)?.[0];
  const obj = Buffer.isBuffer(raw) ? fields(raw) : new Map();
  const spec = msg(obj, 2) ?? new Map();
  if (kind === 'SelfSubjectRulesReview') return { kind, spec: { namespace: str(spec, 1) ?? '' } };
  const out: Record<string, any> = { kind: kind ?? 'SelfSubjectAccessReview', spec: {} };
  const ra = msg(spec, 1);
  if (ra) {
    out.spec.resourceAttributes = {
      namespace: str(ra, 1) ?? '', verb: str(ra, 2) ?? '', group: str(ra, 3) ?? '', version: str(ra, 4) ?? '',
      resource: str(ra, 5) ?? '', subresource: str(ra, 6) ?? '', name: str(ra, 7) ?? '',
    };
  }
  const na = msg(spec, 2);
  if (na) out.spec.nonResourceAttributes = { path: str(na, 1) ?? '', verb: str(na, 2) ?? '' };
  return out;
}
