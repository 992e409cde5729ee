// Contracts inside the embedded cluster (packages/sim). The API server (server.ts and friends) and
// the controllers/kubelet (controllers/) meet only through these types.

/** Any Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: any;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: any;
}

/** One kind the server serves, e.g. { group: 'apps', version: 'v1', plural: 'deployments', ... }. */
export interface SimKind {
  group: string; // '' for core
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  subresources?: Array<'status' | 'scale' | 'log'>;
  verbs?: string[];
  categories?: string[];
  /** The Warning every request for this kind gets (a deprecated kind kube-apiserver still serves). */
  deprecation?: string;
  /** Set for a kind a CustomResourceDefinition serves: what its definition says about this version. */
  custom?: CustomKindInfo;
}

/** One served version of a CustomResourceDefinition, as the server needs it (crd.ts builds it). */
export interface CustomKindInfo {
  /** The CRD's name (plural.group). */
  crd: string;
  /** spec.versions[].additionalPrinterColumns of this version. */
  printerColumns: Array<{ name: string; type: string; format?: string; description?: string; priority?: number; jsonPath: string }>;
  /** spec.versions[].schema.openAPIV3Schema, when given. */
  schema?: Record<string, any>;
  /** spec.versions[].subresources.scale, when declared. */
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  /** `plural` qualified by group: 'pods', 'deployments.apps', 'events.events.k8s.io'. */
  resource: string;
  object: KubeObject;
  /** The resourceVersion this change produced (as a number internally; always a string on the wire). */
  rv: number;
}

export type Listener = (ev: StoreEvent) => void;

/**
 * The cluster's state: what etcd + the registry are in kube-apiserver. Every write bumps one global
 * resourceVersion counter and is recorded in a bounded history so watches can resume from an RV.
 * Writes here are "internal" (no auth, no admission): controllers and the kubelet use them directly;
 * the HTTP layer adds auth, admission (quota), validation and Status errors on top.
 */
export interface ClusterStore {
  /** Current global resourceVersion. */
  readonly rv: number;
  /** Oldest RV a watch may still resume from (older → 410 Gone). */
  readonly oldestRv: number;
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: string, namespace?: string): KubeObject[];
  /** Fills uid, creationTimestamp, resourceVersion, generation(1), name from generateName. Throws SimError 409 AlreadyExists. */
  create(resource: string, obj: KubeObject): KubeObject;
  /** Replaces; bumps generation when spec changed; throws 404 NotFound / 409 Conflict if obj.metadata.resourceVersion is set and stale. */
  update(resource: string, obj: KubeObject): KubeObject;
  /** Read-modify-write helper for controllers: fn gets a deep copy and returns the new object (or undefined = no change). */
  mutate(resource: string, namespace: string | undefined, name: string, fn: (o: KubeObject) => KubeObject | undefined): KubeObject | undefined;
  /** Removes immediately (no grace); emits DELETED. Returns the removed object. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  subscribe(fn: Listener): () => void;
  /** Events with rv > fromRv, oldest first; undefined when fromRv < oldestRv (caller answers 410). */
  since(fromRv: number): StoreEvent[] | undefined;
}

/** A clock that tests can drive. 'real' follows wall time (optionally sped up); 'manual' moves only on advance(). */
export interface SimClock {
  now(): number; // ms since epoch, simulated
  setTimeout(fn: () => void, ms: number): () => void; // returns cancel
  setInterval(fn: () => void, ms: number): () => void;
  /** manual clocks only: move time forward, firing due timers in order. */
  advance(ms: number): Promise<void>;
  readonly mode: 'real' | 'manual';
}

export class SimError extends Error {
  constructor(
    public readonly code: number,
    public readonly reason: string,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
