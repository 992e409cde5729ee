// Objects a test creates as another client would: small enough to fit any classroom quota.
const tiny = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } };

/** A deployment of `replicas` busybox pods labelled app=NAME, requesting 10m CPU and 16Mi each. */
export function tinyDeployment(name: string, replicas: number) {
  return {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', resources: tiny }] } },
    },
  };
}
