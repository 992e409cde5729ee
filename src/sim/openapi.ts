// A minimal OpenAPI v3 surface: enough for kubectl to learn that every kind accepts PATCH with the
// fieldValidation query parameter (so `kubectl apply`/`create -f` validate server-side instead of
// downloading schemas), and that strategic merge patch is accepted. No schemas are published, so
// kubectl computes apply patches from its built-in types. /openapi/v2 stays 404 (kubectl only reads
// it as protobuf, and falls back cleanly on 404).
import { createHash } from 'node:crypto';
import { KINDS } from './kinds.js';
import type { SimKind } from './types.js';

const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

function gvPath(k: SimKind): string {
  return k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`;
}

function objectPath(k: SimKind): string {
  const base = `/${gvPath(k)}`;
  return k.namespaced ? `${base}/namespaces/{namespace}/${k.plural}/{name}` : `${base}/${k.plural}/{name}`;
}

function gvDoc(gv: string): object | undefined {
  const kinds = KINDS.filter((k) => gvPath(k) === gv);
  if (!kinds.length) return undefined;
  const paths: Record<string, unknown> = {};
  for (const k of kinds) {
    const gvk = { group: k.group, version: k.version, kind: k.kind };
    paths[objectPath(k)] = {
      patch: {
        description: `partially update the specified ${k.kind}`,
        operationId: `patch${k.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } })),
        requestBody: { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: { type: 'object' } }])), required: true },
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.34.0-kdash-sim' }, paths, components: { schemas: {} } };
}

const hashOf = (s: string) => createHash('sha512').update(s).digest('hex').slice(0, 64).toUpperCase();

/** The document for an /openapi/v3[...] path, or undefined (→ 404). */
export function openApiV3(path: string): object | undefined {
  if (path === '/openapi/v3') {
    const gvs = [...new Set(KINDS.map(gvPath))];
    return { paths: Object.fromEntries(gvs.map((gv) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${hashOf(JSON.stringify(gvDoc(gv)))}` }])) };
  }
  const m = /^\/openapi\/v3\/(.+)$/.exec(path);
  return m ? gvDoc(m[1]) : undefined;
}

