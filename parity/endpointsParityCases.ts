// Parity cases for core v1 Endpoints: deprecated since v1.33 but served by every cluster, with a
// Warning on every request, and what `kubectl get endpoints` prints. Part of parityCases (apiParityCases.ts).
import type { ParityCase } from './apiParityCases.js';

const DEPRECATED = 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';

export function endpointsParityCases(ns: string): ParityCase[] {
  const endpoints = `/api/v1/namespaces/${ns}/endpoints`;
  // A Service without a selector: its Endpoints are the user's (no controller writes them).
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'm', port: 9090 }] } };
  const manual = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'ext' },
    subsets: [{ addresses: [{ ip: '10.1.0.1' }, { ip: '10.1.0.2' }], notReadyAddresses: [{ ip: '10.1.0.3' }], ports: [{ name: 'http', port: 8080 }, { name: 'm', port: 9090 }] }],
  };
  return [
    {
      name: 'discovery lists v1 endpoints with the short name ep',
      steps: [{
        http: { method: 'GET', path: '/api/v1' },
        expect: {
          status: 200,
          check: (b) => {
            const r = b.resources.find((x: any) => x.name === 'endpoints');
            const got = JSON.stringify({ singularName: r?.singularName, namespaced: r?.namespaced, kind: r?.kind, shortNames: r?.shortNames, verbs: r?.verbs });
            const want = JSON.stringify({ singularName: 'endpoints', namespaced: true, kind: 'Endpoints', shortNames: ['ep'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] });
            if (got !== want) throw new Error(`endpoints in /api/v1: ${got}`);
          },
        },
      }],
    },
    {
      name: 'v1 Endpoints answer every request with the deprecation Warning; kubectl prints ready ip:port, three then "+ N more..."',
      steps: [
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/services`, body: service }, expect: { status: 201, warnings: [] } },
        { http: { method: 'POST', path: endpoints, body: manual }, expect: { status: 201, warnings: [DEPRECATED] } },
        {
          http: { method: 'GET', path: `${endpoints}/ext` },
          expect: {
            status: 200,
            warnings: [DEPRECATED],
            check: (b) => {
              // SetDefaults_EndpointPort: TCP.
              if (b.subsets[0].ports.map((p: any) => p.protocol).join() !== 'TCP,TCP') throw new Error(JSON.stringify(b.subsets));
            },
          },
        },
        { http: { method: 'GET', path: endpoints }, expect: { status: 200, warnings: [DEPRECATED] } },
        {
          kubectl: ['get', 'ep', 'ext'],
          expect: { code: 0, stdout: /^NAME\s+ENDPOINTS\s+AGE\next\s+10\.1\.0\.1:8080,10\.1\.0\.2:8080,10\.1\.0\.1:9090 \+ 1 more\.\.\.\s+\d+s\n$/, stderr: `Warning: ${DEPRECATED}` },
        },
        { http: { method: 'GET', path: `${endpoints}/nothere` }, expect: { status: 404, reason: 'NotFound', message: 'endpoints "nothere" not found', warnings: [DEPRECATED] } },
      ],
    },
    {
      name: 'an Endpoints without subsets prints <none>; deleting its Service deletes it',
      steps: [
        { http: { method: 'POST', path: `/api/v1/namespaces/${ns}/services`, body: { ...service, metadata: { name: 'gone' } } }, expect: { status: 201 } },
        { http: { method: 'POST', path: endpoints, body: { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'gone' } } }, expect: { status: 201 } },
        { kubectl: ['get', 'endpoints', 'gone', '--no-headers'], expect: { code: 0, stdout: /^gone\s+<none>\s+\d+s\n$/ } },
        { kubectl: ['delete', 'service', 'gone'], expect: { code: 0, stdout: /^service "gone" deleted/ } },
        { http: { method: 'GET', path: `${endpoints}/gone` }, expect: { status: 404, reason: 'NotFound', message: 'endpoints "gone" not found' } },
      ],
    },
  ];
}
