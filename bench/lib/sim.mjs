// The embedded cluster in its own process (its CPU is not the measured tool's), and the few API
// calls the bench makes itself: create and delete a marker pod, list with kubectl.
import { spawn, execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { nowMs } from './pty.mjs';
import { adminClient } from './realPods.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.kdash);
export const CONTEXT = 'sim-admin';

/** Starts `kdash sim --scenario large`; resolves when it listens. */
export async function startSim({ pods, namespaces, nodes, churn, watchList = true }, kubeconfig) {
  const args = [CLI, 'sim', '--scenario', 'large', '--nodes', String(nodes), '--namespaces', String(namespaces), '--pods', String(pods), '--churn', String(churn), '--port', '0', '--write-kubeconfig', kubeconfig];
  // Without WatchList the cluster answers like kube-apiserver 1.33 with the feature off: kdash lists page by page.
  if (!watchList) args.push('--no-watch-list');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  let out = '';
  const t0 = nowMs();
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sim did not start in 300 s: ${out}`)), 300_000);
    const onData = (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`sim exited (${code}): ${out}`)));
  });
  const cfg = parse(readFileSync(kubeconfig, 'utf8'));
  const ctx = cfg.contexts.find((c) => c.name === CONTEXT).context;
  const cluster = cfg.clusters.find((c) => c.name === ctx.cluster).cluster;
  const server = cluster.server;
  const token = cfg.users.find((u) => u.name === ctx.user).user.token;
  // The sim serves HTTPS like kube-apiserver: trust the CA its kubeconfig carries.
  const client = adminClient(server, token, Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8'));
  return {
    url,
    server,
    token,
    client,
    pid: child.pid,
    startSeconds: (nowMs() - t0) / 1000,
    async stop() {
      client.close();
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    },
  };
}

function api(sim, method, path, body) {
  return sim.client.call(method, path, body);
}

/** A bare pod with a unique name: the labelled change whose arrival on screen is timed. */
export function createMarkerPod(sim, namespace, name) {
  return api(sim, 'POST', `/api/v1/namespaces/${namespace}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { bench: 'marker' } },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.9' }] },
  });
}

export function deletePod(sim, namespace, name) {
  return api(sim, 'DELETE', `/api/v1/namespaces/${namespace}/pods/${name}?gracePeriodSeconds=0`).catch(() => {});
}

/** `kubectl get pods -o json` (one LIST): wall seconds and the number of items, output discarded. */
export function kubectlList(kubeconfig, nsArgs) {
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    execFile('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', CONTEXT, 'get', 'pods', ...nsArgs, '-o', 'json'], { maxBuffer: 1 << 30 }, (err, stdout) => {
      const ms = nowMs() - t0;
      if (err) return reject(new Error(`kubectl failed: ${err.message.split('\n')[0]}`));
      resolve({ ms, items: JSON.parse(stdout).items.length });
    });
  });
}

/**
 * The same LIST without kubectl: every page (500, as kubectl and kdash ask) read and parsed as JSON
 * by Node. The API server's own cost, the real floor under any client.
 */
export async function rawList(sim, namespace) {
  const base = namespace ? `/api/v1/namespaces/${namespace}/pods` : '/api/v1/pods';
  const t0 = nowMs();
  let items = 0;
  let cont = '';
  do {
    const page = await api(sim, 'GET', `${base}?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    items += page.items.length;
    cont = page.metadata?.continue ?? '';
  } while (cont);
  return { ms: nowMs() - t0, items };
}
