// Fills the real control plane for `--target real`: kwok nodes and pods bound to them (spec.nodeName,
// so the scheduler has nothing to do and kwok marks them Running), created through the API with a
// bounded number of requests in flight; and churn through the API (create, annotate, delete).
import https from 'node:https';

/** A small JSON client for the admin: keep-alive, bounded concurrency by the caller. */
export function adminClient(server, token, ca) {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca });
  const call = (method, path, body, contentType = 'application/json') =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = https.request(server + path, { method, agent, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, accept: 'application/json', 'user-agent': 'kdash-bench' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  return { call, close: () => agent.destroy() };
}

/** Runs fn over items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const nodeName = (i) => `kwok-bench-${String(i).padStart(3, '0')}`;

/** A pod like a Deployment's: labels, annotations, two containers with env, probes and resources, volumes. */
export function benchPod(name, namespace, node, i) {
  const app = `app-${i % 50}`;
  const env = Array.from({ length: 12 }, (_, k) => ({ name: `SETTING_${k}`, value: `value-${k}-${'x'.repeat(20)}` }));
  const container = (cname, image) => ({
    name: cname,
    image,
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    env,
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10 },
    livenessProbe: { httpGet: { path: '/live', port: 8080 }, periodSeconds: 20 },
    volumeMounts: [{ name: 'config', mountPath: '/etc/app' }, { name: 'data', mountPath: '/var/lib/app' }],
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { app, 'pod-template-hash': '7c9d8f6b5d', tier: i % 3 === 0 ? 'frontend' : 'backend' },
      annotations: { 'bench.kdash.dev/owner': `team-${i % 7}`, 'bench.kdash.dev/note': 'y'.repeat(200) },
    },
    spec: {
      nodeName: node,
      containers: [container('main', 'registry.k8s.io/pause:3.9'), container('sidecar', 'registry.k8s.io/pause:3.9')],
      volumes: [{ name: 'config', configMap: { name: 'app-config' } }, { name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
      terminationGracePeriodSeconds: 0,
    },
  };
}

export const namespaceName = (i) => `team-${String(i + 1).padStart(3, '0')}`;

/**
 * nodes kwok nodes (created with `node(name)` when given), `namespaces` namespaces (team-001…, or the one `namespace`) and pods number
 * `from`…`pods`-1 spread evenly over them, bound to the nodes round-robin. Resolves when every create
 * was answered.
 */
export async function populate(client, { pods, namespaces, nodes, namespace, from = 0, node }, log = () => {}) {
  const ignoreExists = (e) => {
    if (!/: 409 /.test(e.message)) throw e;
  };
  if (node) await pool(Array.from({ length: nodes }, (_, i) => nodeName(i)), 16, (n) => client.call('POST', '/api/v1/nodes', node(n)).catch(ignoreExists));
  const names = namespace ? [namespace] : Array.from({ length: namespaces }, (_, i) => namespaceName(i));
  await pool(names, 16, (ns) => client.call('POST', '/api/v1/namespaces', { metadata: { name: ns } }).catch(ignoreExists));
  // Pods are admitted only once the controller-manager has made the namespace's default service account.
  await pool(names, 8, async (ns) => {
    for (let i = 0; ; i++) {
      try {
        return await client.call('GET', `/api/v1/namespaces/${ns}/serviceaccounts/default`);
      } catch (e) {
        if (i > 300) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  });
  const t0 = Date.now();
  let done = 0;
  await pool(Array.from({ length: pods - from }, (_, i) => from + i), 24, async (i) => {
    const ns = names[i % names.length];
    await client.call('POST', `/api/v1/namespaces/${ns}/pods`, benchPod(`pod-${String(i).padStart(5, '0')}`, ns, nodeName(i % nodes), i)).catch(ignoreExists);
    if (++done % 2000 === 0) log(`${done} pods created (${Math.round(done / ((Date.now() - t0) / 1000))}/s)`);
  });
  return { createSeconds: (Date.now() - t0) / 1000 };
}

/** Deletes every pod in the namespaces (one deletecollection each). */
export async function depopulate(client, namespaces) {
  await pool(Array.from({ length: namespaces }, (_, i) => namespaceName(i)), 8, (ns) => client.call('DELETE', `/api/v1/namespaces/${ns}/pods?gracePeriodSeconds=0`).catch(() => {}));
}
