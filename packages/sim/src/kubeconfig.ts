// A kubeconfig for the embedded cluster: contexts sim-student (current, namespace of the student)
// and sim-admin against http://127.0.0.1:PORT. kubectl (client-go) sends no credentials over plain
// HTTP, so each identity's server URL also carries its token as a path prefix (/sim-auth/TOKEN),
// which the server accepts like a bearer token; the token is in the user entry as well.
import { stringify } from 'yaml';

export interface KubeconfigParams {
  server: string;
  tokens: { admin: string; student: string };
  studentName: string;
  studentNamespace: string;
}

export function kubeconfigObject(p: KubeconfigParams): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': 'sim-student',
    clusters: [
      // client-node refuses http:// servers unless TLS verification is marked off.
      { name: 'kdash-sim', cluster: { server: `${p.server}/sim-auth/${p.tokens.student}`, 'insecure-skip-tls-verify': true } },
      { name: 'kdash-sim-admin', cluster: { server: `${p.server}/sim-auth/${p.tokens.admin}`, 'insecure-skip-tls-verify': true } },
    ],
    users: [
      { name: p.studentName, user: { token: p.tokens.student } },
      { name: 'sim-admin', user: { token: p.tokens.admin } },
    ],
    contexts: [
      { name: 'sim-student', context: { cluster: 'kdash-sim', user: p.studentName, namespace: p.studentNamespace } },
      { name: 'sim-admin', context: { cluster: 'kdash-sim-admin', user: 'sim-admin', namespace: 'default' } },
    ],
  };
}

export function kubeconfigYaml(p: KubeconfigParams): string {
  return stringify(kubeconfigObject(p));
}
