// /openapi/v2 in the protobuf form client-go asks for (application/com.github.proto-openapi.spec.v2@v1.0+protobuf):
// gnostic's openapi_v2.Document, encoded from the JSON document with the few messages a schema needs.
// Vendor extensions (x-kubernetes-*) travel as YAML text, which JSON is.

type Json = any;

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** A length-delimited field (strings and sub-messages are all this wire type). */
function field(num: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([...varint((num << 3) | 2), ...varint(payload.length)]), payload]);
}

const str = (num: number, s: string) => field(num, Buffer.from(s, 'utf8'));
const named = (name: string, value: Buffer) => Buffer.concat([str(1, name), field(2, value)]);

function schema(s: Json): Buffer {
  const parts: Buffer[] = [];
  if (s.$ref) parts.push(str(1, s.$ref));
  if (s.format) parts.push(str(2, s.format));
  if (s.description) parts.push(str(4, s.description));
  for (const r of s.required ?? []) parts.push(str(19, r));
  if (s.additionalProperties) parts.push(field(21, field(1, schema(s.additionalProperties))));
  if (s.type) parts.push(field(22, str(1, s.type)));
  if (s.items) parts.push(field(23, field(1, schema(s.items))));
  if (s.properties) parts.push(field(25, Buffer.concat(Object.entries(s.properties).map(([k, v]) => field(1, named(k, schema(v)))))));
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-')) parts.push(field(31, named(k, str(2, JSON.stringify(v)))));
  }
  return Buffer.concat(parts);
}

export function encodeOpenApiV2(doc: Json): Buffer {
  return Buffer.concat([
    str(1, doc.swagger),
    field(2, Buffer.concat([str(1, doc.info.title), str(2, doc.info.version)])),
    field(8, Buffer.alloc(0)),
    field(9, Buffer.concat(Object.entries(doc.definitions).map(([k, v]) => field(1, named(k, schema(v)))))),
  ]);
}
