// What the store keeps of a pod (about a third of it: env, volume mounts, the service account's
// volume, tolerations, scheduling defaults and condition probe times go). Each field here has a reader
// outside describe and YAML, which read the whole pod on demand:
// - the pod row (podStatus.ts: statuses, conditions, init containers' restartPolicy; readiness gates,
//   IPs, node), the usage columns and node describe's requests (metrics/usage.ts: resources, overhead);
// - the diagnosis (src/diagnose/rules: images, ports, probes, resources, nodeSelector, claims,
//   condition messages, imageID of images that pulled);
// - shell/attach/port-forward (src/streams/podTargets.ts: names, ports, states, Ready), logs
//   (src/logs/podInfo.ts: restartPolicy, statuses), the class view (src/course/summary.ts: state times).
// test/resources/podFields.test.ts runs each family on whole and kept pods and wants the same answer.
import type { FieldTree } from './storedFields.js';

const CONTAINER: FieldTree = {
  name: true,
  image: true,
  ports: true,
  resources: true,
  livenessProbe: true,
  readinessProbe: true,
  startupProbe: true,
  restartPolicy: true,
};

const CONTAINER_STATUS: FieldTree = {
  name: true,
  ready: true,
  started: true,
  restartCount: true,
  state: true,
  lastState: true,
  image: true,
  imageID: true,
};

export const podStoredFields: FieldTree = {
  apiVersion: true,
  kind: true,
  metadata: true,
  spec: {
    nodeName: true,
    nodeSelector: true,
    readinessGates: true,
    restartPolicy: true,
    overhead: true,
    containers: CONTAINER,
    initContainers: CONTAINER,
    ephemeralContainers: CONTAINER,
    volumes: { name: true, persistentVolumeClaim: true },
  },
  status: {
    phase: true,
    reason: true,
    message: true,
    nominatedNodeName: true,
    podIP: true,
    podIPs: true,
    conditions: { type: true, status: true, reason: true, message: true, lastTransitionTime: true },
    containerStatuses: CONTAINER_STATUS,
    initContainerStatuses: CONTAINER_STATUS,
    ephemeralContainerStatuses: CONTAINER_STATUS,
  },
};
