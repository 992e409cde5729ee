import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError, UserError } from '../../src/kube/errors.js';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { simpleConfig, tempDir, writeKubeconfig } from './helpers.js';

function loadError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return describeError(err);
  }
  throw new Error('expected loadKubeconfig to fail');
}

describe('loadKubeconfig: which files', () => {
  it('uses --kubeconfig over KUBECONFIG and ~/.kube/config', () => {
    const dir = tempDir();
    const explicit = writeKubeconfig(path.join(dir, 'explicit.yaml'), simpleConfig('explicit', 'http://127.0.0.1:1'));
    const fromEnv = writeKubeconfig(path.join(dir, 'env.yaml'), simpleConfig('env', 'http://127.0.0.1:2'));
    writeKubeconfig(path.join(dir, 'home', '.kube', 'config'), simpleConfig('home', 'http://127.0.0.1:3'));
    const env = { KUBECONFIG: fromEnv };
    const home = path.join(dir, 'home');
    expect(loadKubeconfig({ kubeconfig: explicit, env, home }).contextName).toBe('explicit');
    expect(loadKubeconfig({ env, home }).contextName).toBe('env');
    const fromHome = loadKubeconfig({ env: {}, home });
    expect(fromHome.contextName).toBe('home');
    expect(fromHome.sources).toEqual([path.join(home, '.kube', 'config')]);
  });

  it('merges KUBECONFIG files with the first file winning duplicates and current-context', () => {
    const dir = tempDir();
    const a = writeKubeconfig(path.join(dir, 'a.yaml'), {
      clusters: [{ name: 'shared', cluster: { server: 'http://first:1' } }],
      users: [{ name: 'shared', user: { token: 'first-token' } }],
      contexts: [{ name: 'shared', context: { cluster: 'shared', user: 'shared', namespace: 'first-ns' } }],
      'current-context': 'shared',
    });
    const b = writeKubeconfig(path.join(dir, 'b.yaml'), {
      clusters: [{ name: 'shared', cluster: { server: 'http://second:2' } }, { name: 'only-b', cluster: { server: 'http://b:3' } }],
      users: [{ name: 'shared', user: { token: 'second-token' } }],
      contexts: [
        { name: 'shared', context: { cluster: 'shared', user: 'shared', namespace: 'second-ns' } },
        { name: 'only-b', context: { cluster: 'only-b', user: 'shared' } },
      ],
      'current-context': 'only-b',
    });
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` } });
    expect(loaded.contextName).toBe('shared');
    expect(loaded.cluster).toEqual({ name: 'shared', server: 'http://first:1' });
    expect(loaded.namespace).toBe('first-ns');
    expect(loaded.kc.getCurrentUser()?.token).toBe('first-token');
    expect(loaded.sources).toEqual([a, b]);

    // A context only the second file defines still works, with the first file's user of that name.
    const onlyB = loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` }, context: 'only-b' });
    expect(onlyB.cluster.server).toBe('http://b:3');
    expect(onlyB.kc.getCurrentUser()?.token).toBe('first-token');
  });

  it('takes current-context from a later file when earlier files do not set it', () => {
    const dir = tempDir();
    const a = writeKubeconfig(path.join(dir, 'a.yaml'), simpleConfig('a', 'http://a:1', { current: false }));
    const b = writeKubeconfig(path.join(dir, 'b.yaml'), simpleConfig('b', 'http://b:1'));
    expect(loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` } }).contextName).toBe('b');
  });

  it('skips files in KUBECONFIG that do not exist, as kubectl does', () => {
    const dir = tempDir();
    const b = writeKubeconfig(path.join(dir, 'b.yaml'), simpleConfig('b', 'http://b:1'));
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${path.join(dir, 'missing.yaml')}:${b}` } });
    expect(loaded.contextName).toBe('b');
    expect(loaded.sources).toEqual([b]);
  });
});

describe('loadKubeconfig: one-line errors', () => {
  it('reports a --kubeconfig file that does not exist', () => {
    const file = path.join(tempDir(), 'nope.yaml');
    expect(loadError(() => loadKubeconfig({ kubeconfig: file }))).toBe(
      `kubeconfig not found: ${file} does not exist (given with --kubeconfig)`,
    );
  });

  it('reports a missing ~/.kube/config with what to do', () => {
    const home = tempDir();
    expect(loadError(() => loadKubeconfig({ env: {}, home }))).toBe(
      `no kubeconfig found: ${path.join(home, '.kube', 'config')} does not exist (set KUBECONFIG or use --kubeconfig)`,
    );
  });

  it('reports KUBECONFIG entries that all do not exist', () => {
    const dir = tempDir();
    const x = path.join(dir, 'x');
    const y = path.join(dir, 'y');
    expect(loadError(() => loadKubeconfig({ env: { KUBECONFIG: `${x}:${y}` } }))).toBe(
      `no kubeconfig found: ${x}, ${y} do not exist (set KUBECONFIG or use --kubeconfig)`,
    );
  });

  it('lists the available contexts for an unknown --context', () => {
    const dir = tempDir();
    const a = writeKubeconfig(path.join(dir, 'a.yaml'), simpleConfig('alpha', 'http://a:1'));
    const b = writeKubeconfig(path.join(dir, 'b.yaml'), simpleConfig('beta', 'http://b:1'));
    expect(loadError(() => loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` }, context: 'foo' }))).toBe(
      `context "foo" not found in kubeconfig ${a}:${b}; available: alpha, beta`,
    );
  });

  it('says so when no current context is set', () => {
    const file = writeKubeconfig(path.join(tempDir(), 'c.yaml'), simpleConfig('alpha', 'http://a:1', { current: false }));
    expect(loadError(() => loadKubeconfig({ kubeconfig: file }))).toBe(
      `no current context in kubeconfig ${file}; use --context; available: alpha`,
    );
  });

  it('reports a file that is not YAML without a stack', () => {
    const file = path.join(tempDir(), 'bad.yaml');
    fs.writeFileSync(file, 'clusters: [\n  - {name: x\n');
    const line = loadError(() => loadKubeconfig({ kubeconfig: file }));
    expect(line).toMatch(new RegExp(`^cannot parse kubeconfig ${file}: `));
    expect(line).not.toContain('\n');
  });

  it('reports a context whose cluster is missing', () => {
    const file = writeKubeconfig(path.join(tempDir(), 'c.yaml'), {
      contexts: [{ name: 'c', context: { cluster: 'gone', user: 'u' } }],
      'current-context': 'c',
    });
    expect(loadError(() => loadKubeconfig({ kubeconfig: file }))).toBe(
      `context "c" refers to cluster "gone", which is not in kubeconfig ${file}`,
    );
  });

  it('reports a certificate file that does not exist', () => {
    const dir = tempDir();
    const file = writeKubeconfig(path.join(dir, 'c.yaml'), {
      clusters: [{ name: 'c', cluster: { server: 'https://x:1', 'certificate-authority': 'ca.crt' } }],
      contexts: [{ name: 'c', context: { cluster: 'c' } }],
      'current-context': 'c',
    });
    expect(loadError(() => loadKubeconfig({ kubeconfig: file }))).toMatch(
      new RegExp(`^cannot read certificate-authority ${path.join(dir, 'ca.crt')}: ENOENT`),
    );
  });
});

describe('loadKubeconfig: context contents', () => {
  it("uses the context's namespace, else default", () => {
    const dir = tempDir();
    const file = writeKubeconfig(path.join(dir, 'c.yaml'), {
      clusters: [{ name: 'c', cluster: { server: 'https://x:1' } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [
        { name: 'with-ns', context: { cluster: 'c', user: 'u', namespace: 'vgauthier' } },
        { name: 'no-ns', context: { cluster: 'c', user: 'u' } },
      ],
      'current-context': 'with-ns',
    });
    const withNs = loadKubeconfig({ kubeconfig: file });
    expect(withNs.namespace).toBe('vgauthier');
    expect(withNs.user).toEqual({ name: 'u' });
    expect(loadKubeconfig({ kubeconfig: file, context: 'no-ns' }).namespace).toBe('default');
  });

  it('resolves relative certificate paths against the kubeconfig directory, not the cwd', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'certs'));
    fs.writeFileSync(path.join(dir, 'certs', 'ca.crt'), 'CA-BYTES');
    fs.writeFileSync(path.join(dir, 'certs', 'client.crt'), 'CERT-BYTES');
    fs.writeFileSync(path.join(dir, 'certs', 'client.key'), 'KEY-BYTES');
    const file = writeKubeconfig(path.join(dir, 'cfg', '..', 'config'), {
      clusters: [{ name: 'c', cluster: { server: 'https://x:1', 'certificate-authority': 'certs/ca.crt' } }],
      users: [{ name: 'u', user: { 'client-certificate': 'certs/client.crt', 'client-key': './certs/client.key' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'c',
    });
    const loaded = loadKubeconfig({ kubeconfig: path.relative(process.cwd(), file) });
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(loaded.kc.getCurrentCluster()?.caData).toBe(b64('CA-BYTES'));
    expect(loaded.kc.getCurrentUser()?.certData).toBe(b64('CERT-BYTES'));
    expect(loaded.kc.getCurrentUser()?.keyData).toBe(b64('KEY-BYTES'));
  });

  it('falls back to the in-cluster service account when there is no kubeconfig', () => {
    const sa = tempDir();
    fs.writeFileSync(path.join(sa, 'token'), 'sa-token');
    fs.writeFileSync(path.join(sa, 'namespace'), 'team-a\n');
    const loaded = loadKubeconfig({
      env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' },
      home: tempDir(),
      serviceAccountDir: sa,
    });
    expect(loaded.contextName).toBe('in-cluster');
    expect(loaded.cluster.server).toBe('https://10.0.0.1:443');
    expect(loaded.namespace).toBe('team-a');
    expect(loaded.sources).toEqual([]);
  });
});
