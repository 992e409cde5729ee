// A table's cursor and selection as a pure reducer: the chosen object (by uid, with its name for
// "is gone"), where the cursor and the window last stood, the marked objects and the sort. The
// component renders from `placeOn(state, rows, height)` and reports each new set of rows with `sync`,
// which follows the chosen object, adopts a neighbour when it is gone, and says so once.
import type { KObj, ResourceKind } from '../resources/types.js';
import { followCursor, indexOfUid, placeCursor, type SortSpec } from './tableModel.js';

export interface CursorState {
  /** The chosen object; undefined until a row is adopted. */
  uid?: string;
  name?: string;
  /** The chosen object was seen in this scope: only then can it be "gone". */
  seen: boolean;
  /** The cursor's row and the first row shown, as last placed. */
  index: number;
  top: number;
  /** Marked objects by uid, as last seen (their names, when they are gone by the time of the action). */
  marked: ReadonlyMap<string, KObj>;
  sort?: SortSpec;
  /** The last "is gone" notice, numbered so that each is said once. */
  notice?: { seq: number; text: string };
}

/**
 * What a table keeps while another screen is on top of it (the app holds it per place in the stack):
 * the chosen object by uid, its row, the sort and the marked objects. `scope` says which rows it was
 * about; in another scope (e.g. after `0`) only an object found again keeps the cursor.
 */
export interface TableMemory {
  scope: string;
  uid?: string;
  name?: string;
  index: number;
  top: number;
  sort?: SortSpec;
  marked: ReadonlyMap<string, KObj>;
}

export type CursorAction =
  | { type: 'moveTo'; rows: readonly KObj[]; index: number }
  | { type: 'toggleMark'; object: KObj }
  | { type: 'clearMarks' }
  | { type: 'sort'; sort: SortSpec }
  /** New rows (after sort and filter); `scoped`: all rows of the scope when known complete (live). */
  | { type: 'sync'; rows: readonly KObj[]; scoped: readonly KObj[] | undefined; height: number; kind: ResourceKind };

export function initialCursor(memory: TableMemory | undefined, scope: string, kind: ResourceKind): CursorState {
  const sameScope = memory?.scope === scope;
  // The sort is the kind's: it follows the table to another namespace (`0`), not to another kind.
  const sameKind = memory?.scope.startsWith(`${kind.id}:`) ?? false;
  return {
    uid: memory?.uid,
    name: memory?.name,
    seen: sameScope,
    index: sameScope ? memory.index : 0,
    top: sameScope ? memory.top : 0,
    marked: sameScope ? memory.marked : new Map(),
    sort: sameKind ? memory?.sort : kind.defaultSort,
  };
}

/** Where the cursor stands on these rows: on the chosen object, else on the row it last stood at. */
export function placeOn(state: CursorState, rows: readonly KObj[], height: number): { index: number; top: number; found: number } {
  const found = indexOfUid(rows as KObj[], state.uid);
  return { ...placeCursor(rows as KObj[], found, state.index, state.top, height), found };
}

export function cursorReducer(state: CursorState, action: CursorAction): CursorState {
  switch (action.type) {
    case 'moveTo': {
      const o = action.rows[Math.max(0, Math.min(action.rows.length - 1, action.index))];
      return o && o.metadata.uid !== state.uid ? { ...state, uid: o.metadata.uid, name: o.metadata.name, seen: true } : state;
    }
    case 'toggleMark': {
      const marked = new Map(state.marked);
      if (marked.has(action.object.metadata.uid)) marked.delete(action.object.metadata.uid);
      else marked.set(action.object.metadata.uid, action.object);
      return { ...state, marked };
    }
    case 'clearMarks':
      return state.marked.size ? { ...state, marked: new Map() } : state;
    case 'sort':
      return { ...state, sort: action.sort };
    case 'sync':
      return sync(state, action);
  }
}

function sync(state: CursorState, { rows, scoped, height, kind }: Extract<CursorAction, { type: 'sync' }>): CursorState {
  const { index, top, found } = placeOn(state, rows, height);
  let next: CursorState = index === state.index && top === state.top ? state : { ...state, index, top };
  if (found >= 0) {
    const name = rows[found].metadata.name;
    return next.seen && next.name === name ? next : { ...next, name, seen: true };
  }
  // Judged only on complete rows (`scoped`): while listing or reconnecting, a missing object may come back.
  const follow = followCursor(rows as KObj[], index, state.uid, scoped as KObj[] | undefined);
  if (!follow.adopt && !follow.gone) return next;
  const adopt = follow.adopt;
  if (follow.gone && state.seen && state.name) {
    const text = `${kind.kind.toLowerCase()} ${state.name} is gone${adopt ? ` — cursor on ${adopt.metadata.name}` : ''}`;
    next = { ...next, notice: { seq: (state.notice?.seq ?? 0) + 1, text } };
  }
  return { ...next, uid: adopt?.metadata.uid, name: adopt?.metadata.name, seen: adopt !== undefined };
}

/** The objects an action is about: exactly the marked ones (as they are now where still listed), else the selected one. */
export function targetsOf(state: CursorState, scoped: readonly KObj[], selected: KObj | undefined): KObj[] {
  if (!state.marked.size) return selected ? [selected] : [];
  const current = new Map(scoped.map((o) => [o.metadata.uid, o]));
  return [...state.marked.values()].map((o) => current.get(o.metadata.uid) ?? o);
}
