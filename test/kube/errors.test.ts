import path from 'node:path';
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { makeApi } from '../../src/kube/api.js';
import { describeError, ExecPluginError, UserError } from '../../src/kube/errors.js';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { closedPort, simpleConfig, tempDir, writeKubeconfig } from './helpers.js';

const status = (code: number, message: string, details?: object) =>
  new ApiException(code, 'x', JSON.stringify({ kind: 'Status', status: 'Failure', code, message, ...(details ? { details } : {}) }), {});

describe('describeError', () => {
  it('turns client-node ApiExceptions into one line', () => {
    expect(describeError(status(403, 'pods is forbidden: User "student" cannot list resource "pods" in API group "" in the namespace "kube-system"'))).toBe(
      'forbidden: pods is forbidden: User "student" cannot list resource "pods" in API group "" in the namespace "kube-system"',
    );
    expect(describeError(status(404, 'namespaces "nope" not found', { name: 'nope', kind: 'namespaces' }))).toBe('namespace "nope" not found');
    expect(describeError(status(404, 'pods "web-1" not found', { name: 'web-1', kind: 'pods' }))).toBe('pod "web-1" not found');
    expect(describeError(status(401, 'Unauthorized'), { user: 'alice', loginHint: 'aws sso login' })).toBe(
      'credentials expired or invalid for user "alice" (401 Unauthorized) — log in again (e.g. aws sso login)',
    );
    expect(describeError(status(503, 'etcd down'), { server: 'https://k' })).toBe('server error 503: etcd down (https://k)');
    expect(describeError(new ApiException(500, 'x', 'plain text body\nsecond line', {}))).toBe('server error 500: plain text body (API server)');
  });

  it('never shows a stack or a multi-line dump', () => {
    const line = describeError(new Error('first line\n    at foo (bar.js:1:1)'));
    expect(line).toBe('first line');
    expect(describeError(status(403, 'bad\u001b[2J\u001b]0;owned\u0007 thing'))).toBe('forbidden: bad[2J]0;owned thing');
  });

  it('passes UserError and ExecPluginError through', () => {
    expect(describeError(new UserError('context "x" not found'))).toBe('context "x" not found');
    expect(describeError(new ExecPluginError('gke-gcloud-auth-plugin', 'boom'))).toBe('exec plugin "gke-gcloud-auth-plugin" failed: boom');
  });

  it('recognises connection errors from client-node API calls (node-fetch) and from undici fetch', async () => {
    const server = `http://127.0.0.1:${await closedPort()}`;
    const file = writeKubeconfig(path.join(tempDir(), 'config'), simpleConfig('ctx', server));
    const api = makeApi(loadKubeconfig({ kubeconfig: file }).kc);
    const err = await api.core.listNamespacedPod({ namespace: 'x' }).then(() => undefined, (e: unknown) => e);
    expect(describeError(err, { server, context: 'ctx', kubeconfig: file })).toBe(`cannot reach ${server}: connection refused (context ctx, kubeconfig ${file})`);
    const undiciErr = await fetch(`${server}/version`).then(() => undefined, (e: unknown) => e);
    expect(describeError(undiciErr, { server })).toBe(`cannot reach ${server}: connection refused`);
  });
});

describe('error lines carry no credentials', () => {
  it('a server URL with a token in its path or a user:password is shown as its origin', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(describeError(refused, { server: 'http://127.0.0.1:8080/sim-auth/s3cret' })).toBe('cannot reach http://127.0.0.1:8080: connection refused');
    expect(describeError(refused, { server: 'https://admin:hunter2@k8s.example:6443' })).toBe('cannot reach https://k8s.example:6443: connection refused');
  });

  it('URLs quoted inside a library message lose their path, query and user', () => {
    const line = describeError(new Error('request to https://u:pw@k8s.example:6443/sim-auth/s3cret/api/v1/pods?token=t failed, reason: socket hang up'));
    expect(line).toBe('request to https://k8s.example:6443 failed, reason: socket hang up');
  });

  it('a web page in an error body is named as HTML, not quoted', () => {
    const err = { code: 404, body: '<!DOCTYPE HTML>\n<html><body>Sign in</body></html>' };
    expect(describeError(err, { server: 'https://proxy.example/k8s' })).toMatch(/^the server at https:\/\/proxy.example answered HTML, not the Kubernetes API \(HTTP 404\)/);
  });
});
