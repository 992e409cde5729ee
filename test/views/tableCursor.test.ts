// The table's cursor and selection, as plain functions: no Ink, no store.
import { describe, expect, it } from 'vitest';
import { cursorReducer, initialCursor, placeOn, targetsOf, type CursorState } from '../../src/views/tableCursor.js';
import { kindById } from '../../src/resources/registry.js';
import type { KObj, ResourceKind } from '../../src/resources/types.js';

const pods = kindById('pods') as ResourceKind;
const events = kindById('events') as ResourceKind;
const pod = (name: string, phase = 'Running'): KObj => ({ metadata: { name, namespace: 'ns', uid: `uid-${name}` }, status: { phase } });
const rowsOf = (...names: string[]) => names.map((n) => pod(n));
/** `scoped` null: the rows are not known complete (the watch is not live). */
const sync = (s: CursorState, rows: KObj[], scoped: KObj[] | null = rows, height = 3) =>
  cursorReducer(s, { type: 'sync', rows, scoped: scoped ?? undefined, height, kind: pods });
const at = (s: CursorState, rows: KObj[], height = 3) => rows[placeOn(s, rows, height).index]?.metadata.name;

describe('the table cursor', () => {
  it('adopts the first row silently when nothing was chosen, then stays on it when a row arrives above', () => {
    let s = sync(initialCursor(undefined, 'pods:ns', pods), rowsOf('b', 'c'));
    expect(s.uid).toBe('uid-b');
    expect(s.notice).toBeUndefined();
    const more = rowsOf('a', 'b', 'c');
    s = sync(s, more);
    expect(at(s, more)).toBe('b');
    expect(s.index).toBe(1);
  });

  it('moves by row, clamped to the rows, and scrolls the window to keep the cursor in it', () => {
    const rows = rowsOf('a', 'b', 'c', 'd', 'e');
    let s = sync(initialCursor(undefined, 'pods:ns', pods), rows);
    s = cursorReducer(s, { type: 'moveTo', rows, index: 99 });
    expect(s.uid).toBe('uid-e');
    s = sync(s, rows);
    expect(placeOn(s, rows, 3)).toEqual({ index: 4, top: 2, found: 4 });
    s = cursorReducer(s, { type: 'moveTo', rows, index: -5 });
    expect(at(s, rows)).toBe('a');
  });

  it('when the chosen object is deleted, takes its neighbour and says so once', () => {
    const rows = rowsOf('a', 'b', 'c');
    let s = sync(cursorReducer(sync(initialCursor(undefined, 'pods:ns', pods), rows), { type: 'moveTo', rows, index: 1 }), rows);
    const after = rowsOf('a', 'c');
    s = sync(s, after);
    expect(s.uid).toBe('uid-c');
    expect(s.notice?.text).toBe('pod b is gone — cursor on c');
    const seq = s.notice?.seq;
    expect(sync(s, after)).toBe(s); // settled: nothing new, and the same state (no render loop)
    expect(s.notice?.seq).toBe(seq);
  });

  it('judges nothing gone while the rows are not known complete (listing, reconnecting)', () => {
    const rows = rowsOf('a', 'b');
    const s = sync(cursorReducer(sync(initialCursor(undefined, 'pods:ns', pods), rows), { type: 'moveTo', rows, index: 1 }), rows);
    const partial = sync(s, rowsOf('a'), null);
    expect(partial.uid).toBe('uid-b');
    expect(partial.notice).toBeUndefined();
  });

  it('keeps an object the filter hides chosen, and comes back to it when the filter is cleared', () => {
    const all = rowsOf('a', 'b', 'c');
    let s = sync(cursorReducer(sync(initialCursor(undefined, 'pods:ns', pods), all), { type: 'moveTo', rows: all, index: 2 }), all);
    s = sync(s, rowsOf('a'), all); // /a: c is hidden, not gone
    expect(s.uid).toBe('uid-c');
    expect(s.notice).toBeUndefined();
    s = sync(s, all, all);
    expect(at(s, all)).toBe('c');
  });

  it('marks and unmarks objects; the targets are the marked objects as they are now, also hidden or gone ones', () => {
    const rows = rowsOf('a', 'b', 'c');
    let s = sync(initialCursor(undefined, 'pods:ns', pods), rows);
    expect(targetsOf(s, rows, rows[0]).map((o) => o.metadata.name)).toEqual(['a']);
    s = cursorReducer(s, { type: 'toggleMark', object: rows[0] });
    s = cursorReducer(s, { type: 'toggleMark', object: rows[2] });
    s = cursorReducer(s, { type: 'toggleMark', object: rows[0] });
    s = cursorReducer(s, { type: 'toggleMark', object: rows[1] });
    const now = [pod('b', 'Failed')]; // c was deleted meanwhile, b changed
    const targets = targetsOf(s, now, now[0]);
    expect(targets.map((o) => [o.metadata.name, o.status?.phase])).toEqual([
      ['c', 'Running'],
      ['b', 'Failed'],
    ]);
    expect(cursorReducer(s, { type: 'clearMarks' }).marked.size).toBe(0);
  });

  it('comes back from memory: cursor, window and marks in the same scope; the sort follows the kind only', () => {
    const rows = rowsOf('a', 'b', 'c', 'd');
    const memory = { scope: 'pods:ns::::', uid: 'uid-d', name: 'd', index: 3, top: 1, sort: { column: 'name', desc: true }, marked: new Map([['uid-a', rows[0]]]) };
    const same = initialCursor(memory, 'pods:ns::::', pods);
    expect(placeOn(same, rows, 3)).toEqual({ index: 3, top: 1, found: 3 });
    expect(same.marked.size).toBe(1);
    expect(same.sort).toEqual({ column: 'name', desc: true });
    const allNs = initialCursor(memory, 'pods:::::', pods); // `0`: another scope of the same kind
    expect(allNs.marked.size).toBe(0);
    expect(allNs.sort).toEqual({ column: 'name', desc: true });
    expect(at(allNs, rows)).toBe('d'); // found again: keeps the cursor
    expect(initialCursor(memory, 'events:ns::::', events).sort).toEqual(events.defaultSort);
  });
});
