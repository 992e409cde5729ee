// Turns a request path into the attributes the API server authorizes and dispatches on, as
// k8s.io/apiserver RequestInfoFactory does (watch prefix, namespaces/NS/..., subresources).
export interface RequestInfo {
  isResource: boolean;
  path: string;
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** get list watch create update patch delete deletecollection (resource) or get/post/... (non-resource). */
  verb: string;
}

/** Subresources of a namespace object that are not namespaced resources (namespaces/NS/status). */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, pathname: string, query: URLSearchParams): RequestInfo {
  const path = pathname.replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const nonResource: RequestInfo = { isResource: false, path, group: '', version: '', resource: '', verb: method.toLowerCase() };
  let rest: string[];
  let group = '';
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return nonResource;
  }
  let verb = '';
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) rest = rest.slice(2);
  }
  if (rest.length === 0) return nonResource;
  const [resource, name, subresource] = rest;
  if (rest.length > 3) return nonResource;
  if (!verb) {
    switch (method) {
      case 'GET':
      case 'HEAD':
        verb = query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : name ? 'get' : 'list';
        break;
      case 'POST':
        verb = 'create';
        break;
      case 'PUT':
        verb = 'update';
        break;
      case 'PATCH':
        verb = 'patch';
        break;
      case 'DELETE':
        verb = name ? 'delete' : 'deletecollection';
        break;
      default:
        verb = method.toLowerCase();
    }
  }
  return { isResource: true, path, group, version, namespace, resource, name, subresource, verb };
}
