// A resource kind is data: one descriptor per kind (src/resources/<kind>.ts), registered in registry.ts.
// Views, watchers, actions and `--once` are all driven by these descriptors.
import type { FieldTree } from './storedFields.js';

/** A Kubernetes object as the watchers store it (trimmed of managedFields etc.). */
export interface KObj {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
    generation?: number;
    [key: string]: any;
  };
  spec?: any;
  status?: any;
  [key: string]: any;
}

export type Tone = 'ok' | 'warn' | 'error' | 'dim';

/** What a column may need besides the object itself. */
export interface ColumnContext {
  /** ms since epoch; AGE and "(5m ago)" are computed from it so they tick without refetching. */
  now: number;
  /** Pod metrics by "namespace/name" (usage in millicores / bytes), when the metrics API answered. */
  podMetrics?: Map<string, { cpuMilli: number; memBytes: number }>;
  /** Node metrics by node name. */
  nodeMetrics?: Map<string, { cpuMilli: number; memBytes: number }>;
  /** Pods of the cluster/namespace in view, for columns that aggregate over pods (node PODS, workload CPU). */
  pods?: KObj[];
}

export interface Column {
  id: string; // 'status'
  header: string; // 'STATUS'
  align?: 'left' | 'right';
  /** Sort/filter key: numbers sort numerically, strings lexically. Pure. */
  value(obj: KObj, ctx: ColumnContext): string | number;
  /** Cell text; defaults to String(value). Pure. */
  text?(obj: KObj, ctx: ColumnContext): string;
  tone?(obj: KObj, ctx: ColumnContext): Tone | undefined;
  /** Shown only in wide output (kubectl -o wide) or when the terminal is wide enough. */
  wide?: boolean;
  /** Needs metrics (hidden when the metrics API is absent). */
  metrics?: boolean;
  /**
   * A wide column (kubectl -o wide) the dashboard shows without `o` too: always (true: events' COUNT)
   * or when there is room ('room': dropped with CPU/MEM when the terminal is narrow).
   */
  glance?: true | 'room';
  /**
   * Who gives way when the table is too wide: 'first' for long free text (MESSAGE, IMAGES, SELECTOR),
   * 'last' for what names the row (NAME, NAMESPACE and events' OBJECT are 'last' by default or by id).
   */
  squeeze?: 'first' | 'last';
}

export type ActionId =
  | 'scale'
  | 'shell'
  | 'attach'
  | 'portForward'
  | 'restart'
  | 'undo'
  | 'history'
  | 'pause'
  | 'resume'
  | 'rolloutStatus'
  | 'logs'
  | 'delete'
  | 'kill'
  | 'describe'
  | 'yaml'
  | 'metrics'
  /** The class view's rows: shut the namespace down (kdash down). */
  | 'down'
  /** Secrets: the keys screen, where one key's value may be revealed. */
  | 'secretKeys'
  /** Why it is broken: the diagnosis of this object. */
  | 'diagnose';

/** Where Enter leads from an object of this kind. */
export interface DrillDown {
  kind: string; // descriptor id of the child table, e.g. 'pods'
  /** Label selector, field selector and/or namespace restricting the child table. */
  labelSelector?: string;
  fieldSelector?: string;
  namespace?: string;
  /** Extra client-side predicate (e.g. pods owned by this replica set). */
  owned?: { uid: string };
  /** What the child table is of ("deployment/web"), after its title; none when the scope says it all. */
  title?: string;
}

export interface ResourceKind {
  /** Stable id, equal to the plural: 'pods', 'deployments'. */
  id: string;
  kind: string; // 'Pod'
  group: string; // '' for core
  version: string; // 'v1'
  plural: string; // 'pods'
  namespaced: boolean;
  /** Command-bar names, lower case, including singular/plural/short: ['po', 'pod', 'pods']. */
  aliases: string[];
  columns: Column[];
  actions: ActionId[];
  /** The table's first order when not kubectl's namespace-then-name (events: newest first). */
  defaultSort?: { column: string; desc: boolean };
  /** kubectl's default sort is by name (namespace first with -A). */
  drillDown?(obj: KObj): DrillDown | undefined;
  /**
   * No hand-made columns: the rows are the server's own Table (src/resources/serverTable.ts) — each
   * object is its metadata and `cells`, the columns come with the list (store `columns`), and describe
   * and YAML read the whole object when shown.
   */
  serverTable?: boolean;
  /**
   * The fields the store keeps of each object (src/resources/storedFields.ts), when not all of it;
   * describe and YAML then read the whole object when shown, like a serverTable kind.
   */
  stored?: FieldTree;
  /**
   * A table that is not one watched kind but computed from other kinds' objects (the teacher's class
   * view): the kinds it watches cluster-wide, and its rows from their objects at a time.
   */
  derived?: DerivedRows;
}

export interface DerivedRows {
  /** Descriptor ids watched cluster-wide while the table shows. */
  watches: string[];
  rows(objects: Record<string, readonly KObj[]>, now: number): KObj[];
}

/** One column of a server-side Table (meta.k8s.io/v1 TableColumnDefinition). */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format?: string;
  description?: string;
  /** > 0: shown only in wide output (kubectl -o wide, `o`). */
  priority?: number;
}
