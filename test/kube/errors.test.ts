import path from 'node:path';
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { makeTypedApi } from '../support/typedApi.js';
import { describeError, ExecPluginError, UserError } from '../../src/kube/errors.js';
import { statusError } from '../../src/kube/http.js';
import { ConnectionLostError } from '../../src/kube/http2.js';
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
    const api = makeTypedApi(loadKubeconfig({ kubeconfig: file }).kc);
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

describe('one wording per failure family, for answers from the transport (src/kube/http.ts) and client-node alike', () => {
  const st = (code: number, message: string, details?: object) => JSON.stringify({ kind: 'Status', code, message, ...(details ? { details } : {}) });
  const where = { server: 'https://k8s.example:6443/sim-auth/s3cret', user: 'alice' };
  const cases: Array<[string, unknown, string, string]> = [
    ['401', statusError(401, st(401, 'Unauthorized')), 'credentials expired or invalid for user "alice" (401 Unauthorized) — log in again or renew the credentials in the kubeconfig', '401 Unauthorized: Unauthorized'],
    ['403', statusError(403, st(403, 'pods is forbidden: User "alice" cannot list pods')), 'forbidden: pods is forbidden: User "alice" cannot list pods', '403 Forbidden: pods is forbidden: User "alice" cannot list pods'],
    ['404 with details', statusError(404, st(404, 'deployments.apps "web" not found', { name: 'web', kind: 'deployments' })), 'deployment "web" not found', '404 Not Found: deployments.apps "web" not found'],
    ['409', statusError(409, st(409, 'Operation cannot be fulfilled: the object has been modified')), 'conflict: Operation cannot be fulfilled: the object has been modified', '409 Conflict: Operation cannot be fulfilled: the object has been modified'],
    ['410', statusError(410, st(410, 'too old resource version: 5 (9)')), 'expired: too old resource version: 5 (9)', '410 Gone: too old resource version: 5 (9)'],
    ['422', statusError(422, st(422, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1')), 'invalid: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1', '422 Unprocessable Entity: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1'],
    ['429', statusError(429, st(429, 'Too many requests, please try again later.'), 1), 'the server is throttling requests (429): Too many requests, please try again later.', '429 Too Many Requests: Too many requests, please try again later.'],
    ['5xx, plain text', statusError(503, 'etcd down\nmore'), 'server error 503: etcd down (https://k8s.example:6443)', '503 Service Unavailable: etcd down'],
    ['HTML', statusError(502, '<!doctype html><html><body>Sign in</body></html>'), 'the server at https://k8s.example:6443 answered HTML, not the Kubernetes API (HTTP 502) — is the server URL right, or is a proxy asking to log in?', 'the server at https://k8s.example:6443 answered HTML, not the Kubernetes API (HTTP 502) — is the server URL right, or is a proxy asking to log in?'],
    ['network', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'cannot reach https://k8s.example:6443: connection refused', 'connection refused'],
    ['HTTP/2 stream reset', Object.assign(new Error('Stream closed with error code NGHTTP2_INTERNAL_ERROR'), { code: 'ERR_HTTP2_STREAM_ERROR' }), 'cannot reach https://k8s.example:6443: the server reset the request', 'the server reset the request'],
    ['HTTP/2 connection lost', new ConnectionLostError('https://k8s.example:6443'), 'cannot reach https://k8s.example:6443: timed out', 'timed out'],
    ['TLS', Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'TLS error talking to https://k8s.example:6443: its certificate is not trusted (self-signed or unknown authority) — set certificate-authority in the kubeconfig', 'TLS error: its certificate is not trusted (self-signed or unknown authority) — set certificate-authority in the kubeconfig'],
  ];
  it.each(cases)('%s: one sentence for the CLI and actions, one status line for the header; never the token path', (_family, err, sentence, brief) => {
    expect(describeError(err, where)).toBe(sentence);
    expect(describeError(err, { ...where, brief: true })).toBe(brief);
    expect(describeError(err, where)).not.toContain('s3cret');
  });
});
