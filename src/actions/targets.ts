// Target references, and what actions know of a kind: its descriptor (src/resources), found by any of
// kubectl's names. Every call goes through the Api object given to the action (the readonly guard
// lives there), through the one generic object client (src/kube/objects.ts).
import type { ResourceKind } from '../resources/types.js';
import { findKind, kindById } from '../resources/registry.js';
import type { Obj } from '../kube/objects.js';
import { isNotFound } from './result.js';

export type { Obj };

export interface TargetRef {
  /** A descriptor id ('deployments') or any name kubectl accepts for it ('deploy', 'Deployment'). */
  kind: string;
  namespace: string;
  name: string;
  /**
   * The uid of the object the person chose. When set, an action applies to that object only: a
   * namesake created since (deleted and re-created) is refused, and a delete carries it as a precondition.
   */
  uid?: string;
}

/** The descriptor of a target's kind, by any of its names. */
export function kindOf(kind: string): ResourceKind | undefined {
  return findKind(kind);
}

/** A kind an action relies on, by descriptor id ('pods'): its absence is a bug, not a user error. */
export function builtinKind(id: string): ResourceKind {
  const k = kindById(id);
  if (!k) throw new Error(`no descriptor for ${id}`);
  return k;
}

/** The descriptor id ('deployments') for any of a kind's names; unknown names as given, lower case. */
export function kindId(kind: string): string {
  return kindOf(kind)?.id ?? kind.toLowerCase();
}

/** kubectl's singular resource with its group, for messages: 'deployment.apps', 'pod'. */
export function singularName(kind: string): string {
  const k = kindOf(kind);
  return k ? `${k.kind.toLowerCase()}${k.group ? `.${k.group}` : ''}` : kind;
}

/** kubectl's plural with its group, for server-style messages: 'deployments.apps'. */
export function pluralName(kind: string): string {
  const k = kindOf(kind);
  return k ? `${k.plural}${k.group ? `.${k.group}` : ''}` : kind;
}

/** kubectl's "deployment.apps/webnodb" */
export function refName(ref: TargetRef): string {
  return `${singularName(ref.kind)}/${ref.name}`;
}

/** Has the /scale subresource (its descriptor offers scale). */
export function isScalable(kind: string): boolean {
  return kindOf(kind)?.actions.includes('scale') ?? false;
}

/** Rolls out a pod template (its descriptor offers restart): deployments, stateful sets, daemon sets. */
export function isRollable(kind: string): boolean {
  return kindOf(kind)?.actions.includes('restart') ?? false;
}

/** Object metadata as a plain record (an object may come without). */
export function meta(o: Obj | undefined): Record<string, any> {
  return (o?.metadata ?? {}) as Record<string, any>;
}

export function timeMs(t: unknown): number | undefined {
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'string') {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export function controllerOf(o: Obj): { kind: string; name: string; uid: string } | undefined {
  const refs = (meta(o).ownerReferences ?? []) as Array<{ kind: string; name: string; uid: string; controller?: boolean }>;
  return refs.find((r) => r.controller) ?? undefined;
}

/** Pod template images as "a, b" (containers only, like kubectl's history). */
export function templateImages(template: any): string[] {
  return ((template?.spec?.containers ?? []) as Array<{ image?: string }>).map((c) => c.image ?? '<none>');
}

/** "deployment webnodb", as a person says it. */
export function objectName(ref: TargetRef): string {
  return `${singularName(ref.kind).split('.')[0]} ${ref.name}`;
}

/**
 * The chosen object is not there any more (404), or its name now belongs to another object (409).
 * Shaped like the client's ApiException (code, body.message), so results keep the code and the words.
 */
export class TargetGone extends Error {
  readonly body: { message: string };
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.body = { message };
  }
}

export function goneMessage(ref: TargetRef): string {
  return `${objectName(ref)} no longer exists`;
}

export function replacedMessage(ref: TargetRef): string {
  return `${objectName(ref)} was deleted and created again since you chose it; nothing was changed`;
}

/** Throws TargetGone (in words) when `obj` is not the object the person chose. */
export function checkSame(ref: TargetRef, obj: Obj): Obj {
  if (ref.uid && meta(obj).uid && meta(obj).uid !== ref.uid) throw new TargetGone(replacedMessage(ref), 409);
  return obj;
}

/** Reads the object behind `ref` as it is now: a 404 or a namesake becomes a TargetGone in words, not "HTTP-Code: 404". */
export async function readTarget<T extends Obj>(ref: TargetRef, read: () => Promise<T>): Promise<T> {
  let obj: T;
  try {
    obj = await read();
  } catch (e) {
    if (isNotFound(e)) throw new TargetGone(goneMessage(ref), 404);
    throw e;
  }
  checkSame(ref, obj);
  return obj;
}
