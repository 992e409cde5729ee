// The simulated shell as plain functions: a container view built from a pod, scripts run to their
// output and exit status, in each flavour's wording.
import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/clock.js';
import { containerView } from '../../src/streams/containerView.js';
import { Shell } from '../../src/streams/shell.js';
import { createClusterStore } from '../../src/store.js';

function setup(image: string, extra: Record<string, unknown> = {}) {
  const store = createClusterStore(createClock({ mode: 'manual' }));
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } });
  store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'ns' }, data: { 'app.conf': 'port=80\n', MODE: 'dev' } });
  store.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: 'ns' }, data: { token: Buffer.from('t0k3n').toString('base64') } });
  const pod = store.create('pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1', namespace: 'ns', labels: { app: 'x' } },
    spec: {
      containers: [{
        name: 'c', image,
        env: [{ name: 'A', value: 'one' }, { name: 'B', value: '$(A)-two' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'sec', key: 'token' } } }],
        envFrom: [{ configMapRef: { name: 'cfg' } }],
        volumeMounts: [{ name: 'conf', mountPath: '/etc/conf' }, { name: 'sec', mountPath: '/var/secret' }],
        ...extra,
      }],
      volumes: [{ name: 'conf', configMap: { name: 'cfg', items: [{ key: 'app.conf', path: 'app.conf' }] } }, { name: 'sec', secret: { secretName: 'sec' } }],
    },
  });
  const view = containerView(store, pod, 'c');
  return { view, layer: { files: new Map<string, string | null>(), dirs: new Set<string>() } };
}

async function run(image: string, script: string, name = 'sh', extra: Record<string, unknown> = {}) {
  const { view, layer } = setup(image, extra);
  let out = '';
  let err = '';
  const sh = new Shell(view, layer, name, name === 'bash' ? 'bash' : view.sh);
  const code = await sh.run(script, { out: (s) => (out += s), err: (s) => (err += s), read: async () => null, interrupted: () => new Promise(() => undefined) });
  return { out, err, code };
}

describe('the simulated shell', () => {
  it('expands $VAR, ${VAR}, ${VAR:-default}, $? and $(…), with quotes as sh has them', async () => {
    const r = await run('nginx:1.27', `echo $HOSTNAME "\${A}" '$A' \${NOPE:-dflt} "$B"; false; echo $?; echo "host: $(hostname)"`);
    expect(r.out).toBe("p1 one $A dflt one-two\n1\nhost: p1\n");
  });

  it('env has the container environment in the runtime\'s order; cat and ls see ConfigMap and Secret volumes', async () => {
    const r = await run('nginx:1.27', 'env; cat /etc/conf/app.conf /var/secret/token; echo; ls /etc/conf /var/secret');
    const lines = r.out.split('\n');
    expect(lines.slice(0, 2)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=p1']);
    expect(lines).toEqual(expect.arrayContaining(['MODE=dev', 'A=one', 'B=one-two', 'TOKEN=t0k3n', 'NGINX_VERSION=1.27', 'HOME=/root']));
    expect(r.out).toContain('port=80\nt0k3n\n/etc/conf:\napp.conf\n\n/var/secret:\ntoken\n');
  });

  it('answers unknown commands and bad scripts in each shell\'s words', async () => {
    expect(await run('busybox:1.36', 'foo')).toEqual({ out: '', err: 'sh: foo: not found\n', code: 127 });
    expect(await run('nginx:1.27', 'foo')).toEqual({ out: '', err: 'sh: 1: foo: not found\n', code: 127 });
    expect(await run('nginx:1.27', 'foo', 'bash')).toEqual({ out: '', err: 'bash: line 1: foo: command not found\n', code: 127 });
    expect((await run('busybox:1.36', 'bash')).err).toBe('sh: bash: not found\n');
    expect((await run('nginx:1.27', 'echo "open')).code).toBe(2);
  });

  it('exit N stops the script with N; && and || follow the status; sh -c runs a child', async () => {
    expect(await run('nginx:1.27', 'echo a; exit 3; echo b')).toEqual({ out: 'a\n', err: '', code: 3 });
    expect((await run('nginx:1.27', 'false && echo no || echo yes; true && echo ok')).out).toBe('yes\nok\n');
    expect(await run('nginx:1.27', "sh -c 'exit 9'; echo after $?")).toMatchObject({ out: 'after 9\n', code: 0 });
  });

  it('pipes, redirections and files written stay for the next command', async () => {
    const r = await run('nginx:1.27', 'echo hello > /tmp/x; echo world >> /tmp/x; cat /tmp/x | grep wor; ls /nope 2>/dev/null || echo missing; wc -l < /tmp/x');
    expect(r.out).toBe('world\nmissing\n2\n');
  });

  it('runs as the user the security context names: $ prompt, id', async () => {
    const { view, layer } = setup('nginx:1.27', { securityContext: { runAsUser: 1000 } });
    const sh = new Shell(view, layer, 'bash', 'bash');
    expect(sh.prompt()).toBe('I have no name!@p1:~$ '); // no passwd entry for 1000; HOME is /
    const root = setup('busybox:1.36');
    expect(new Shell(root.view, root.layer, 'sh', root.view.sh).prompt()).toBe('/ # ');
  });
});
