import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { errorMessage, errorResult } from '../../src/actions/result.js';
import { statusError } from '../../src/kube/http.js';

const st = (code: number, message: string, reason?: string) => JSON.stringify({ kind: 'Status', status: 'Failure', code, reason, message });
/** client-node's typed clients throw this; the transport throws KubeHttpError (statusError). Both must read the same. */
const apiException = (code: number, body: string) => new ApiException(code, `HTTP-Code: ${code}\nMessage: Unknown API Status Code!\nBody: ${body}`, body, {});

const QUOTA =
  'pods "web-7c9f8d6b5-x2x9q" is forbidden: exceeded quota: compute, requested: requests.cpu=500m,requests.memory=256Mi,limits.cpu=1,limits.memory=512Mi, ' +
  'used: requests.cpu=1800m,requests.memory=900Mi,limits.cpu=3600m,limits.memory=1800Mi, limited: requests.cpu=2,requests.memory=1Gi,limits.cpu=4,limits.memory=2Gi';

describe("actions' failure messages (through describeError)", () => {
  it.each([
    ['403 quota refusal, in full', 403, QUOTA, QUOTA],
    ['403 RBAC', 403, 'deployments.apps "web" is forbidden: User "student" cannot patch', 'deployments.apps "web" is forbidden: User "student" cannot patch'],
    ['404', 404, 'deployments.apps "web" not found', 'deployments.apps "web" not found'],
    ['409', 409, 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified', 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified'],
    ['422', 422, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1', 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1'],
    ['429', 429, 'too many requests', 'the server is throttling requests (429): too many requests'],
    ['5xx', 503, 'etcd down', 'server error 503: etcd down (API server)'],
  ])("%s: the server's own words, from client-node and from the transport alike", (_, code, message, line) => {
    expect(QUOTA.length).toBeGreaterThan(300);
    expect(errorMessage(apiException(code, st(code, message)))).toBe(line);
    expect(errorMessage(statusError(code, st(code, message)))).toBe(line);
    expect(errorResult(statusError(code, st(code, message)))).toEqual({ ok: false, message: line, code });
  });

  it('401: says to log in again, not "Unauthorized"', () => {
    expect(errorMessage(statusError(401, st(401, 'Unauthorized')))).toBe(
      'credentials expired or invalid (401 Unauthorized) — log in again or renew the credentials in the kubeconfig',
    );
  });

  it('a web page instead of the API, and a status without a body, are named, never dumped', () => {
    expect(errorMessage(apiException(502, '<!DOCTYPE html><html><body>Bad gateway</body></html>'))).toMatch(/^the server answered HTML, not the Kubernetes API \(HTTP 502\)/);
    expect(errorMessage(apiException(500, ''))).toBe('server error 500 (API server)');
  });

  it('network failures say what happened and where, without a stack', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443\n    at TCPConnectWrap.afterConnect'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 6443 });
    expect(errorMessage(refused)).toBe('cannot reach 127.0.0.1:6443: connection refused');
    const wrapped = Object.assign(new Error('request to https://k/api failed'), { cause: { code: 'ECONNRESET' } });
    expect(errorMessage(wrapped)).toBe('cannot reach the server: connection reset by the server');
  });

  it('server text is untrusted: no control sequences, no token from a URL', () => {
    expect(errorMessage(statusError(403, st(403, 'pods "x" is forbidden:\u001b[2J\u001b]0;owned\u0007 no')))).toBe('pods "x" is forbidden:[2J]0;owned no');
    expect(errorMessage(new Error('fetch failed: https://k:6443/sim-auth/SECRET/api/v1/pods'))).toBe('fetch failed: https://k:6443');
  });
});
