// A kubeconfig for the embedded cluster: contexts sim-student (current, namespace of the student)
// and sim-admin, both against http://127.0.0.1:PORT with bearer tokens.
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
    clusters: [{ name: 'kdash-sim', cluster: { server: p.server } }],
    users: [
      { name: p.studentName, user: { token: p.tokens.student } },
      { name: 'sim-admin', user: { token: p.tokens.admin } },
    ],
    contexts: [
      { name: 'sim-student', context: { cluster: 'kdash-sim', user: p.studentName, namespace: p.studentNamespace } },
      { name: 'sim-admin', context: { cluster: 'kdash-sim', user: 'sim-admin', namespace: 'default' } },
    ],
  };
}

export function kubeconfigYaml(p: KubeconfigParams): string {
  return stringify(kubeconfigObject(p));
}
