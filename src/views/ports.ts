// What the views need from the rest of kdash, as interfaces the views own: src/app implements them
// (src/app/services.ts, src/app/operations.ts) and hands them in through ServicesProvider. Views
// import nothing from src/app; the types named here come from the layers below (actions, logs,
// metrics, store), which know nothing of views.
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterState } from '../store/types.js';
import type { ActionResult } from '../actions/result.js';
import type { TargetRef } from '../actions/targets.js';
import type { ScalePlan } from '../actions/scaleWorkload.js';
import type { UndoPlan } from '../actions/undoRollout.js';
import type { RolloutHistory } from '../actions/rolloutHistory.js';
import type { RolloutState } from '../actions/rolloutStatus.js';
import type { DeletePlan } from '../actions/deleteObject.js';
import type { DownPlan, UpPlan } from '../actions/downPlan.js';
import type { ActionHistory } from '../actions/history.js';
import type { EditOutcome, EditPlan } from '../actions/editObject.js';
import type { ApplyPlanItem } from '../actions/applyObjects.js';
import type { Obj } from '../kube/objects.js';
import type { LogController, LogControllerOptions } from '../logs/logController.js';
import type { LogSourceSpec } from '../logs/types.js';
import type { MetricsHistory } from '../metrics/history.js';
import type { ResourceKind } from '../resources/types.js';

/** The kinds the server serves (discovery, read lazily and cached per context: src/app/kinds.ts). */
export interface KindsPort {
  /** Reads discovery into the kind registry; `fresh` reads it again (a CRD installed since). */
  load(fresh?: boolean): Promise<void>;
  /** A kind by any name kubectl accepts, reading discovery when the name is not known yet. */
  resolve(name: string): Promise<ResourceKind | undefined>;
  /** The user's aliases file and its one-line warning, if it had a problem. */
  aliasesFile: string;
}

/** One rule of SelfSubjectRulesReview, as `kubectl auth can-i --list` shows it. */
export interface RuleLine {
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}
import type { KObj } from '../resources/types.js';
import type { PodTarget } from '../streams/podTargets.js';
import type { ForwardInfo } from '../streams/portForward.js';
import type { ClassViewOptions } from '../course/classKind.js';
import type { RevealResult } from '../actions/revealSecret.js';
import type { ContextEntry } from '../kube/kubeconfig.js';
import type { Diagnosis } from '../diagnose/types.js';

export interface SessionInfo {
  contextName: string;
  server: string;
  user: string;
  /** The namespace the session started in (context namespace or -n). */
  namespace: string;
  allNamespaces: boolean;
  /** Short notes shown under the header, e.g. "namespace-only account: nodes and namespaces are hidden". */
  notes: string[];
  serverVersion?: string;
}

/**
 * One request as the API server's authorizer sees it (k8s.io/apiserver RequestInfo): a verb on a
 * resource of a group, maybe a subresource. `update deployments/scale` is not `update deployments`.
 */
export interface AccessRequest {
  verb: string;
  /** Plural, e.g. 'deployments'. */
  resource: string;
  /** '' for the core group. */
  group: string;
  subresource?: string;
}

export interface Permission {
  allowed: boolean;
  reason?: string;
}

/** The session's operations on the cluster; every mutating one is recorded in `:history`. */
export interface Operations {
  history: ActionHistory;
  metricsHistory: MetricsHistory;
  planScale(ref: TargetRef, replicas: number): Promise<ScalePlan>;
  /** `from`: the count the person confirmed against; a different count now is refused. */
  scale(ref: TargetRef, replicas: number, from?: number): Promise<ActionResult>;
  restart(ref: TargetRef): Promise<ActionResult>;
  planUndo(ref: TargetRef, toRevision?: number): Promise<UndoPlan>;
  undo(ref: TargetRef, toRevision?: number): Promise<ActionResult>;
  rolloutHistory(ref: TargetRef): Promise<RolloutHistory>;
  setPaused(ref: TargetRef, paused: boolean): Promise<ActionResult>;
  followRollout(ref: TargetRef, onUpdate: (s: RolloutState) => void, signal: AbortSignal): Promise<ActionResult>;
  planDelete(refs: TargetRef[]): Promise<DeletePlan>;
  delete(refs: TargetRef[], force: boolean): Promise<ActionResult>;
  planDown(namespace: string): Promise<DownPlan>;
  executeDown(plan: DownPlan, opts: { deleteBarePods: boolean; onProgress(line: string): void }): Promise<ActionResult>;
  planUp(namespace: string): Promise<UpPlan>;
  /** Runs the plan the person confirmed (read again when they said yes). */
  executeUp(plan: UpPlan, onProgress: (line: string) => void): Promise<ActionResult>;
  logs(spec: LogSourceSpec, opts?: LogControllerOptions): LogController;
  /**
   * A shell (the configured command, else bash then sh) or an attach in a container, on the terminal
   * lent by `ViewPorts.terminal`; resolves with the one line saying how it ended (recorded in `:history`).
   */
  terminalSession(req: TerminalSessionRequest): Promise<ActionResult>;
  /** The session's port forwards (`F`, `:pf`). */
  forwards: ForwardRegistry;
  /**
   * One key of one secret, read from the server now and decoded (text) or described (binary). Refused in
   * read-only mode without --allow-reveal. Recorded in `:history` as shown, never with the value.
   */
  revealSecret(ref: TargetRef, key: string): Promise<RevealResult>;
  /** The object as it is now, to edit (refused in words when it is gone or was re-created). */
  readForEdit(ref: TargetRef): Promise<Obj>;
  /** The server's dry run of the update (dryRun=All), its diff, warnings and kdash's quota projection. */
  planEdit(ref: TargetRef, base: Obj, edited: Obj): Promise<EditPlan>;
  /** The update, conditional on the resourceVersion edited (a conflict comes back with their change). */
  applyEdit(plan: EditPlan): Promise<EditOutcome>;
  /** `:apply FILE`: the objects of a file or directory, each as the server's dry run of its apply (field manager kdash). */
  planApply(path: string, force: boolean): Promise<ApplyPlanItem[]>;
  /** Applies the planned objects that change; one summary line. */
  apply(items: ApplyPlanItem[], force: boolean): Promise<ActionResult>;
}

/** The person's editor ($KUBE_EDITOR, $EDITOR, vi) on a private temp file; kdash's screen is handed over meanwhile. */
export interface EditorPort {
  /** Resolves with the saved text; rejects with one line when the editor could not run or failed. */
  edit(text: string, fileName: string): Promise<string>;
}

export interface TerminalSessionRequest {
  mode: 'shell' | 'attach';
  namespace: string;
  pod: string;
  container: string;
  /** attach: whether the container has a TTY (spec.containers[].tty). */
  tty?: boolean;
}

export interface ForwardRegistry {
  /** Listens (one line if the address is taken) and follows the target's pods. */
  start(target: PodTarget, mapping: { local: number; remote: number | string }, service?: KObj): Promise<ForwardInfo>;
  list(): ForwardInfo[];
  stop(id: number): Promise<void>;
  /** Any forward started, stopped, switched pod or noted something. */
  subscribe(fn: () => void): () => void;
}

// The terminal lent to a shell, an attach or an editor (src/app/terminalHandoff.ts implements it).
export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The terminal as the borrower gets it. */
export interface HandedTerminal {
  size(): TerminalSize;
  /** Writes to the real terminal (the dashboard's own writes are dropped meanwhile). */
  write(data: string | Uint8Array): void;
  /** Every byte typed, in raw mode ('raw' input only). Returns the unsubscribe. */
  onInput(fn: (data: Buffer) => void): () => void;
  /** The terminal was resized (SIGWINCH). Returns the unsubscribe. */
  onResize(fn: (size: TerminalSize) => void): () => void;
}

export interface HandoffOptions {
  /**
   * 'raw' (default): kdash reads the keys in raw mode and hands them to `onInput` (a WebSocket shell).
   * 'inherit': stdin is left alone in cooked mode for a child process given the terminal (`stdio: 'inherit'`,
   * an editor), which sets its own modes.
   */
  input?: 'raw' | 'inherit';
}

export interface TerminalHandoff {
  /** Whether there is a terminal to lend (stdin and stdout are TTYs). */
  available(): boolean;
  /**
   * Lends the terminal to `borrower` and restores the dashboard when its promise settles (resolved or
   * rejected: the result or error is passed on). One at a time: a second call while one runs throws.
   */
  run<T>(borrower: (t: HandedTerminal) => Promise<T>, opts?: HandoffOptions): Promise<T>;
  /** Ink's "draw the whole frame again" (fullscreen.tsx registers it from inside the tree). */
  setRepaint(fn: (() => void) | undefined): void;
}


/** A namespace's diagnosis as last read: `live` false before the first read and after a failed one. */
export interface DiagnosisState {
  diagnosis?: Diagnosis;
  live: boolean;
  /** Why the last read failed (the diagnosis shown is then the one before). */
  error?: string;
  failedAt?: number;
}

/** The namespace diagnoses the screens and tables show, read again every few seconds while watched. */
export interface DiagnosisFeed {
  /** Starts (or shares) the namespace's diagnosis, read every 3 s for a screen, every 15 s for row markers; returns release. */
  watch(namespace: string, use?: 'screen' | 'markers'): () => void;
  /** The latest diagnosis for a screen (every rule), or for the row markers (which show no info findings). */
  get(namespace: string, use?: 'screen' | 'markers'): DiagnosisState | undefined;
  subscribe(fn: () => void): () => void;
  /** Reads again now (after a fix the person just made). */
  refresh(namespace: string): void;
  /** The last lines of a container's previous run: fetched when a finding is shown, not by the rules. */
  previousLog(namespace: string, pod: string, container: string): Promise<string[]>;
}

/** Everything a view can reach. */
export interface ViewPorts {
  info: SessionInfo;
  store: StoreApi<ClusterState>;
  /** Starts (or shares) the list+watch of a kind in a namespace ('' = cluster-wide/all); returns release. */
  watch(kindId: string, namespace: string): () => void;
  /**
   * Whether this account may make `request` in `namespace` (undefined: cluster-wide), judged as the
   * server will judge it. Unknown answers are "allowed": the request is tried and the server decides.
   */
  can(request: AccessRequest, namespace?: string): Permission;
  ops: Operations;
  kinds: KindsPort;
  /** The whole object as the server has it now (a kind drawn from the server's Table keeps only metadata and cells). */
  getObject(kind: ResourceKind, namespace: string, name: string): Promise<Record<string, any>>;
  /** What this account may do in a namespace (SelfSubjectRulesReview), for `:can-i`; incomplete when the server says so. */
  rules(namespace: string): Promise<{ rules: RuleLine[]; incomplete: boolean; error?: string }>;
  diagnosis: DiagnosisFeed;
  /** Current read-only state and a way to switch it on for the rest of the session. */
  readonly: { get(): boolean; enable(): void; subscribe(fn: () => void): () => void };
  /** The namespace in view changed (`:ns`, `0`): metrics follow it. '' = all namespaces. */
  focusNamespace(namespace: string): void;
  /** Lines of history a log view starts with (--tail; default 200). */
  logTail?: number;
  /** How `:class` chooses the student namespaces (kdash class --selector/--prefix/--idle). */
  classOptions?: ClassViewOptions;
  /** --confirm-quit: q at the top view asks before quitting. */
  confirmQuit?: boolean;
  /** The kubeconfig's contexts and a way to move the whole dashboard to another (`:ctx`). */
  contexts?: {
    current: string;
    /** May throw (a kubeconfig that cannot be read any more): one line. */
    list(): ContextEntry[];
    /** Opens and checks `name` first; on failure nothing changes and the message says why. */
    switchTo(name: string, kindId?: string): Promise<{ ok: boolean; message: string }>;
  };
  /** Namespaces one may switch to without listing them (`:ns` for a student), and their checks. */
  namespaces?: {
    /** The session's, recent ones, and the kubeconfig contexts' on this cluster, in that order. */
    known(): string[];
    recent(): string[];
    /** Why `ns` cannot be used (not found, forbidden), or undefined when it can. */
    check(ns: string): Promise<string | undefined>;
    remember(ns: string): void;
    /** Whether this account may list namespaces (asked of the server when the rules review gave no answer). */
    listable(): Promise<boolean>;
  };
  /** The root view changed: remembered per context for the next start. */
  rememberView?(kindId: string): void;
  /** --allow-reveal: a secret's key may be revealed in read-only mode too. */
  allowReveal?: boolean;
  /** Colours off (--no-color / NO_COLOR). */
  color: boolean;
  editor: EditorPort;
  /** Lends the terminal (a shell in a container, $EDITOR) and gives the dashboard back as it was. */
  terminal: TerminalHandoff;
  /** Ends the app (restores the terminal). */
  exit(code?: number): void;
}
