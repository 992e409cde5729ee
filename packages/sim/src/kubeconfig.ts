// A kubeconfig for the embedded cluster, shaped like one for a real cluster: one cluster (the server
// URL and, over HTTPS, the CA that signed its serving certificate) and two users with bearer tokens,
// in contexts sim-student (current, the student's namespace) and sim-admin. kubectl sends credentials
// only over TLS; a plain-HTTP sim (tests) is marked insecure-skip-tls-verify, which client-node needs
// to accept an http:// server at all.
import { stringify } from 'yaml';

export interface KubeconfigParams {
  server: string;
  /** PEM of the serving certificate's CA; absent when the server is plain HTTP. */
  ca?: string;
  tokens: { admin: string; student: string };
  studentName: string;
  studentNamespace: string;
}

export const SIM_CLUSTER = 'kdash-sim';

export function kubeconfigObject(p: KubeconfigParams): Record<string, unknown> {
  const trust = p.ca ? { 'certificate-authority-data': Buffer.from(p.ca).toString('base64') } : { 'insecure-skip-tls-verify': true };
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': 'sim-student',
    clusters: [{ name: SIM_CLUSTER, cluster: { server: p.server, ...trust } }],
    users: [
      { name: p.studentName, user: { token: p.tokens.student } },
      { name: 'sim-admin', user: { token: p.tokens.admin } },
    ],
    contexts: [
      { name: 'sim-student', context: { cluster: SIM_CLUSTER, user: p.studentName, namespace: p.studentNamespace } },
      { name: 'sim-admin', context: { cluster: SIM_CLUSTER, user: 'sim-admin', namespace: 'default' } },
    ],
  };
}

export function kubeconfigYaml(p: KubeconfigParams): string {
  return stringify(kubeconfigObject(p));
}
