// What a process started in a running container sees: its environment (as the kubelet builds it —
// service links, envFrom, env with valueFrom and $(VAR) references — on top of the image's), its user,
// the shells and programs its image has, a small file system (the image's few well-known files,
// /etc/hostname, /etc/hosts, /etc/resolv.conf, mounted ConfigMap, Secret, downward-API and
// service-account volumes) and its processes. Read from the store when a stream opens.
import type { ClusterStore, KubeObject } from '../types.js';

export type ShellFlavor = 'bash' | 'ash' | 'dash';

export interface ContainerView {
  pod: KubeObject;
  container: any;
  hostname: string;
  env: Array<[string, string]>;
  uid: number;
  user: string;
  /** The shells on the image's PATH (empty for distroless and scratch images). */
  shells: Set<string>;
  /** What `sh` is on this image. */
  sh: ShellFlavor;
  /** Regular files (absolute paths → content) and directories. */
  files: Map<string, string>;
  dirs: Set<string>;
  /** PID 1's command line. */
  mainProcess: string;
  /** The terminal's size, when the process has one (resize messages update it). */
  tty?: { cols: number; rows: number };
}

const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

/** Images with no shell at all (distroless, scratch, pause). */
const NO_SHELL = /(^|\/)(pause|coredns|metrics-server|kube-proxy|hello-world|http-echo|echo-server)(:|@|$)/;
/** Busybox/Alpine images: `sh` is busybox ash and there is no bash. */
const ALPINE = /(^|\/)(alpine|busybox|curl)(:|@|$)|[:-]alpine|-musl|-uclibc/;
/** Debian images without bash on purpose? None of the catalogue's; nicolaka/netshoot has bash on Alpine. */
const BASH_ON_ALPINE = /netshoot/;

export function imageShells(image: string): { shells: Set<string>; sh: ShellFlavor } {
  if (NO_SHELL.test(image)) return { shells: new Set(), sh: 'ash' };
  if (ALPINE.test(image)) return { shells: new Set(BASH_ON_ALPINE.test(image) ? ['sh', 'ash', 'bash'] : ['sh', 'ash']), sh: 'ash' };
  return { shells: new Set(['sh', 'bash', 'dash']), sh: 'dash' };
}

/** The image's own environment (what `docker inspect` shows under Env). */
function imageEnv(image: string): Array<[string, string]> {
  const path: [string, string] = ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
  const tag = /:([^/:@]+)$/.exec(image)?.[1] ?? 'latest';
  if (/(^|\/)nginx(:|$)/.test(image)) return [path, ['NGINX_VERSION', tag === 'latest' ? '1.27.3' : tag.replace(/-.*/, '')]];
  if (/(^|\/)redis(:|$)/.test(image)) return [path, ['REDIS_VERSION', tag === 'latest' ? '7.4.1' : tag.replace(/-.*/, '')]];
  if (/(^|\/)httpd(:|$)/.test(image)) return [['PATH', '/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HTTPD_PREFIX', '/usr/local/apache2']];
  if (/webnodb|python/.test(image)) return [path, ['LANG', 'C.UTF-8'], ['PYTHON_VERSION', '3.12.7']];
  if (/(^|\/)node(:|$)/.test(image)) return [path, ['NODE_VERSION', '22.11.0'], ['YARN_VERSION', '1.22.22']];
  return [path];
}

/** PID 1 when the pod spec gives no command: the image's entrypoint. */
function imageMain(image: string): string {
  if (/(^|\/)nginx(:|$)/.test(image)) return 'nginx: master process nginx -g daemon off;';
  if (/(^|\/)redis(:|$)/.test(image)) return 'redis-server *:6379';
  if (/(^|\/)httpd(:|$)/.test(image)) return 'httpd -DFOREGROUND';
  if (/webnodb/.test(image)) return 'python app.py';
  if (/worker/.test(image)) return 'python worker.py';
  if (/(^|\/)(busybox|alpine|ubuntu|debian)(:|$)/.test(image)) return 'sh';
  const name = image.replace(/[:@].*$/, '');
  return name.slice(name.lastIndexOf('/') + 1);
}

/** $(VAR) references in env values, as the kubelet expands them ($$ escapes; unknown ones stay). */
function expandRefs(value: string, env: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name) => (m === '$$' ? '$' : env.has(name) ? env.get(name)! : m));
}

function fieldRef(pod: KubeObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata as any)[m[1]]?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((p: any) => p.ip).join(',');
    case 'status.hostIP': return pod.status?.hostIP ?? '';
    case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((p: any) => p.ip).join(',');
    default: return '';
  }
}

function resourceRef(c: any, resource: string): string {
  const [kind, name] = resource.split('.');
  const q = c.resources?.[kind]?.[name];
  if (q === undefined) return name === 'cpu' ? '2' : '4123402240'; // the node's allocatable when unset
  return String(q);
}

/** Service environment variables (enableServiceLinks), for the Services of the pod's namespace and `kubernetes`. */
function serviceLinks(store: ClusterStore, pod: KubeObject): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const services = [...store.list('services', 'default').filter((s) => s.metadata.name === 'kubernetes' && pod.metadata.namespace !== 'default')];
  if (pod.spec?.enableServiceLinks !== false) services.push(...store.list('services', pod.metadata.namespace));
  else services.push(...store.list('services', pod.metadata.namespace).filter((s) => s.metadata.name === 'kubernetes'));
  for (const s of services.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))) {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const prefix = (s.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
    const ports: any[] = s.spec?.ports ?? [];
    if (!ports.length) continue;
    out.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    out.push([`${prefix}_PORT`, `${(ports[0].protocol ?? 'TCP').toLowerCase()}://${ip}:${ports[0].port}`]);
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const base = `${prefix}_PORT_${p.port}_${proto}`;
      out.push([base, `${proto.toLowerCase()}://${ip}:${p.port}`], [`${base}_PROTO`, proto.toLowerCase()], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
    }
  }
  return out;
}

function keysOf(obj: KubeObject | undefined, secret: boolean): Array<[string, string]> {
  if (!obj) return [];
  const data: Array<[string, string]> = Object.entries(obj.data ?? {}).map(([k, v]) => [k, secret ? b64(String(v)) : String(v)]);
  if (secret) for (const [k, v] of Object.entries(obj.stringData ?? {})) data.push([k, String(v)]);
  else for (const [k, v] of Object.entries(obj.binaryData ?? {})) data.push([k, b64(String(v))]);
  return data;
}

export function containerView(store: ClusterStore, pod: KubeObject, containerName: string): ContainerView {
  const ns = pod.metadata.namespace ?? 'default';
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const c = all.find((x: any) => x.name === containerName) ?? {};
  const image = String(c.image ?? '');
  const hostname = pod.spec?.hostname ?? pod.metadata.name ?? '';
  const get = (kind: 'configmaps' | 'secrets', name: string) => store.get(kind, ns, name);

  // The kubelet's makeEnvironmentVariables: service links, then envFrom, then env; later wins.
  const env = new Map<string, string>();
  for (const [k, v] of serviceLinks(store, pod)) env.set(k, v);
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref?.name) continue;
    for (const [k, v] of keysOf(get(from.configMapRef ? 'configmaps' : 'secrets', ref.name), !!from.secretRef)) env.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of c.env ?? []) {
    if (!e?.name) continue;
    const vf = e.valueFrom;
    if (!vf) env.set(e.name, expandRefs(String(e.value ?? ''), env));
    else if (vf.configMapKeyRef) {
      const v = get('configmaps', vf.configMapKeyRef.name)?.data?.[vf.configMapKeyRef.key];
      if (v !== undefined) env.set(e.name, String(v));
    } else if (vf.secretKeyRef) {
      const v = get('secrets', vf.secretKeyRef.name)?.data?.[vf.secretKeyRef.key];
      if (v !== undefined) env.set(e.name, b64(String(v)));
    } else if (vf.fieldRef) env.set(e.name, fieldRef(pod, String(vf.fieldRef.fieldPath ?? '')));
    else if (vf.resourceFieldRef) env.set(e.name, resourceRef(c, String(vf.resourceFieldRef.resource ?? '')));
  }
  const uid = Number(c.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser ?? (/curlimages/.test(image) ? 100 : /bitnami/.test(image) ? 1001 : 0));
  const user = uid === 0 ? 'root' : /curlimages/.test(image) && uid === 100 ? 'curl_user' : String(uid);
  const home = uid === 0 ? '/root' : '/';
  // The runtime's order: the image's PATH, HOSTNAME, what Kubernetes sets, the image's other variables, HOME.
  const [path, ...rest] = imageEnv(image);
  const ordered: Array<[string, string]> = [env.has('PATH') ? ['PATH', env.get('PATH')!] : path, ['HOSTNAME', hostname]];
  for (const [k, v] of env) if (k !== 'PATH' && k !== 'HOSTNAME') ordered.push([k, v]);
  for (const [k, v] of rest) if (!env.has(k)) ordered.push([k, v]);
  if (!env.has('HOME')) ordered.push(['HOME', home]);

  const { shells, sh } = imageShells(image);
  const files = new Map<string, string>();
  const dirs = new Set<string>(['/', '/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/var', '/var/log', '/var/run']);
  const put = (p: string, content: string) => {
    files.set(p, content);
    for (let d = p.slice(0, p.lastIndexOf('/')); d; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
  };
  put('/etc/hostname', `${hostname}\n`);
  const ip = pod.status?.podIP;
  put('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip ? `${ip}\t${hostname}\n` : ''}`);
  put('/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  put('/etc/passwd', `root:x:0:0:root:/root:${sh === 'ash' ? '/bin/sh' : '/bin/bash'}\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n${/curlimages/.test(image) ? 'curl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin\n' : ''}`);
  put('/etc/group', 'root:x:0:\nnogroup:x:65534:\n');
  put('/etc/os-release', sh === 'ash' ? 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n' : 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n');
  if (/(^|\/)nginx(:|$)/.test(image)) put('/usr/share/nginx/html/index.html', nginxPage());
  if (/(^|\/)httpd(:|$)/.test(image)) put('/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n');
  if (/webnodb/.test(image)) put('/app/app.py', '# webnodb: the course\'s web app (no database)\n');

  // Volumes, as the kubelet mounts them (a ConfigMap or Secret volume: one file per key, or the items).
  const volumes = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
  const mountProjected = (dir: string, entries: Array<[string, string]>, items?: any[]) => {
    dirs.add(dir);
    const wanted = items?.length ? items.map((i: any) => [i.key, i.path] as const) : entries.map(([k]) => [k, k] as const);
    for (const [key, rel] of wanted) {
      const hit = entries.find(([k]) => k === key);
      if (hit) put(`${dir}/${rel}`, hit[1]);
    }
  };
  for (const m of c.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    const dir = String(m.mountPath ?? '').replace(/\/+$/, '') || '/';
    if (!v) continue;
    if (v.configMap) mountProjected(dir, keysOf(get('configmaps', v.configMap.name), false), v.configMap.items);
    else if (v.secret) mountProjected(dir, keysOf(get('secrets', v.secret.secretName), true), v.secret.items);
    else if (v.downwardAPI) for (const i of v.downwardAPI.items ?? []) put(`${dir}/${i.path}`, i.fieldRef ? fieldRef(pod, i.fieldRef.fieldPath) : '');
    else dirs.add(dir);
  }
  if (pod.spec?.automountServiceAccountToken !== false && !(c.volumeMounts ?? []).some((m: any) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount')) {
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    const ca = store.get('configmaps', ns, 'kube-root-ca.crt')?.data?.['ca.crt'] ?? '';
    put(`${sa}/ca.crt`, String(ca));
    put(`${sa}/namespace`, ns);
    put(`${sa}/token`, `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: `system:serviceaccount:${ns}:${pod.spec?.serviceAccountName ?? 'default'}` })).toString('base64url')}.sim`);
  }
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String);
  return { pod, container: c, hostname, env: ordered, uid, user, shells, sh, files, dirs, mainProcess: argv.length ? argv.join(' ') : imageMain(image) };
}

export function nginxPage(): string {
  return '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n';
}
