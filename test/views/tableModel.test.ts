import { describe, expect, it, vi } from 'vitest';
import stringWidth from 'string-width';
import { changeShows, columnWidths, indexOfUid, fitCell, fitColumns, followCursor, formatRow, sortedHeader, sortRows, sortValue, tableColumns, visibleWindow, type Drawn } from '../../src/views/tableModel.js';
import { createSearchWarmer, parseFilter, rowFilter, searchTextOf, warmSearchTexts } from '../../src/views/tableFilter.js';
import { matchesFields } from '../../src/views/fieldSelector.js';
import { kindById } from '../../src/resources/registry.js';
import type { KObj, ResourceKind } from '../../src/resources/types.js';

const pod = (name: string, labels: Record<string, string> = {}, extra: Partial<KObj> = {}): KObj => ({
  metadata: { name, namespace: 'vgauthier', uid: `uid-${name}`, labels, creationTimestamp: '2026-11-21T10:00:00Z' },
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'x' }] },
  status: { phase: 'Running' },
  ...extra,
});
const text = (o: KObj) => () => `${o.metadata.name} Running`;

describe('the / filter', () => {
  it('matches a case-insensitive substring', () => {
    const f = parseFilter('WEB');
    expect(f.test(pod('webnodb-1'), text(pod('webnodb-1')))).toBe(true);
    expect(f.test(pod('redis-1'), text(pod('redis-1')))).toBe(false);
  });

  it('treats text with regex syntax as a regex, and a bad regex as plain text', () => {
    expect(parseFilter('^web.*-1$').test(pod('webnodb-1'), () => 'webnodb-1')).toBe(true);
    expect(parseFilter('^web.*-1$').test(pod('webnodb-2'), () => 'webnodb-2')).toBe(false);
    const bad = parseFilter('web(');
    expect(bad.test(pod('web('), () => 'web(')).toBe(true);
  });

  it('selects by label with -l, set-based included, and ! inverts', () => {
    const web = pod('a', { app: 'web', tier: 'front' });
    const db = pod('b', { app: 'db' });
    expect(parseFilter('-l app=web').test(web, text(web))).toBe(true);
    expect(parseFilter('-l app=web').test(db, text(db))).toBe(false);
    expect(parseFilter('-l app in (web,db)').test(db, text(db))).toBe(true);
    expect(parseFilter('!-l app=web').test(db, text(db))).toBe(true);
    expect(parseFilter('!redis').test(web, () => 'a')).toBe(true);
  });

  it('reports a malformed label selector instead of filtering everything out', () => {
    const f = parseFilter('-l app in (');
    expect(f.error).toMatch(/bad label selector/);
    expect(f.test(pod('x'), () => 'x')).toBe(true);
  });
});

describe('the / filter typed key by key over the same rows', () => {
  const kind = kindById('pods') as ResourceKind;
  const names = ['api-1', 'api-12', 'web-1', 'Web-12', 'web-2', 'web-21', 'web-3', 'cache-web'];
  const rows = names.map((n) => pod(n.toLowerCase(), { app: n.startsWith('api') ? 'api' : 'web' }, { status: { phase: n === 'Web-12' ? 'Pending' : 'Running' } }));
  const byHand = (raw: string) => {
    const f = parseFilter(raw);
    return rows.filter((o) => f.test(o, () => searchTextOf(kind, o, { now: 0 }))).map((o) => o.metadata.name);
  };

  it('keeps the same rows, in order, as filtering all of them, while the text narrows, widens and changes kind', () => {
    const filterRows = rowFilter(kind, rows);
    const typed = ['w', 'we', 'web', 'web-', 'web-1', 'web-12', 'web-1', 'web-', 'web-2', 'web-21', 'web-2', 'web', 'WEB-2', 'pend', '', 'web-2.', '^web-[13]$', '!web-2', '-l app=api', 'eb-2', 'web-2', 'nothing', 'nothing-at-all', 'web'];
    for (const raw of typed) {
      expect(filterRows(parseFilter(raw), { now: 0 }).map((o) => o.metadata.name), `/${raw}`).toEqual(byHand(raw));
    }
    expect(filterRows(parseFilter('web-1'), { now: 0 }).map((o) => o.metadata.name)).toEqual(['web-1', 'web-12']);
    expect(filterRows(parseFilter('PENDING'), { now: 0 }).map((o) => o.metadata.name)).toEqual(['web-12']);
  });

  it('gives the same answer again for a filter typed before (Enter after typing, a backspace)', () => {
    const filterRows = rowFilter(kind, rows);
    const typed = filterRows(parseFilter('web-2'), { now: 0 });
    filterRows(parseFilter('web-21'), { now: 0 });
    expect(filterRows(parseFilter('web-2'), { now: 0 })).toBe(typed);
  });
});

describe('sorting', () => {
  const kind = kindById('pods') as ResourceKind;
  it('defaults to namespace then name, like kubectl', () => {
    const rows = [pod('b'), pod('a'), { ...pod('c'), metadata: { ...pod('c').metadata, namespace: 'alice' } }];
    expect(sortRows(kind, rows, undefined, { now: 0 }).map((o) => o.metadata.name)).toEqual(['c', 'a', 'b']);
  });
  it('sorts numbers numerically and can reverse', () => {
    const young = { ...pod('young'), metadata: { ...pod('young').metadata, creationTimestamp: '2026-11-21T11:00:00Z' } };
    const old = pod('old');
    const now = Date.parse('2026-11-21T12:00:00Z');
    const asc = sortRows(kind, [young, old], { column: 'age', desc: false }, { now }).map((o) => o.metadata.name);
    const desc = sortRows(kind, [young, old], { column: 'age', desc: true }, { now }).map((o) => o.metadata.name);
    expect(asc).toEqual([...desc].reverse());
  });
});

describe('virtual window', () => {
  it('keeps the selection in view while moving as little as possible', () => {
    expect(visibleWindow(100, 0, 10, 0)).toBe(0);
    expect(visibleWindow(100, 9, 10, 0)).toBe(0);
    expect(visibleWindow(100, 10, 10, 0)).toBe(1);
    expect(visibleWindow(100, 50, 10, 45)).toBe(45);
    expect(visibleWindow(100, 3, 10, 45)).toBe(3);
    expect(visibleWindow(5, 4, 10, 3)).toBe(0);
  });
});

describe('cells', () => {
  it('pads and cuts by terminal width, counting wide characters double', () => {
    expect(fitCell('abc', 5)).toBe('abc  ');
    expect(fitCell('abc', 5, 'right')).toBe('  abc');
    expect(fitCell('abcdefgh', 5)).toBe('abcd…');
    expect(fitCell('日本語', 5)).toBe('日本…');
  });
  it('fits columns into the width by shrinking the widest', () => {
    const w = columnWidths(['NAME', 'STATUS'], [{ uid: '1', cells: ['x'.repeat(100), 'Running'] }], 40);
    expect(w.reduce((a, b) => a + b, 0) + 3).toBeLessThanOrEqual(40);
    expect(w[1]).toBe(7);
  });
});

describe('client-side field selectors for drill-downs', () => {
  it('matches spec.nodeName and status.phase, with != too', () => {
    expect(matchesFields('spec.nodeName=node-1', pod('a'))).toBe(true);
    expect(matchesFields('spec.nodeName=node-2', pod('a'))).toBe(false);
    expect(matchesFields('status.phase!=Running', pod('a'))).toBe(false);
    expect(matchesFields('spec.nodeName=node-1,status.phase=Running', pod('a'))).toBe(true);
  });
});

describe('which store changes show on screen', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => pod(`p-${String(i).padStart(3, '0')}`));
  const drawnOf = (all: KObj[], top: number, index: number, height: number): Drawn => ({ visible: all.slice(top, top + height), index, top, height });

  it('a change below the window only moves the count; one in the window, or that shifts it, shows', () => {
    const all = rows(100);
    const last = drawnOf(all, 0, 0, 10);
    const changedOffScreen = all.map((o, i) => (i === 50 ? { ...o } : o));
    expect(changeShows(last, changedOffScreen, all[0].metadata.uid)).toBe(false);
    expect(changeShows(last, [...all, pod('zzz')], all[0].metadata.uid)).toBe(false);
    const changedOnScreen = all.map((o, i) => (i === 3 ? { ...o } : o));
    expect(changeShows(last, changedOnScreen, all[0].metadata.uid)).toBe(true);
    // An object added above the selection pushes the rows down.
    expect(changeShows(last, [pod('a-first'), ...all], all[0].metadata.uid)).toBe(true);
  });

  it('a scrolled window shifts when rows above it come or go; the end of the table shows its length', () => {
    const all = rows(100);
    const last = drawnOf(all, 40, 45, 10);
    expect(changeShows(last, all.filter((_, i) => i !== 10), all[45].metadata.uid)).toBe(true);
    expect(changeShows(last, all.filter((_, i) => i !== 90), all[45].metadata.uid)).toBe(false);
    const end = drawnOf(all, 90, 95, 10);
    expect(changeShows(end, all.slice(0, 99), all[95].metadata.uid)).toBe(true);
  });

  it('the selected object deleted, or an empty table, always shows', () => {
    const all = rows(20);
    const last = drawnOf(all, 0, 5, 10);
    expect(changeShows(last, all.filter((_, i) => i !== 5), all[5].metadata.uid)).toBe(true);
    expect(changeShows(drawnOf([], 0, 0, 10), all, undefined)).toBe(true);
    expect(changeShows(undefined, all, undefined)).toBe(true);
  });
});

describe('search texts warmed in the background', () => {
  const counting = () => {
    const calls = { n: 0 };
    const kind = { ...(kindById('pods') as ResourceKind), columns: [{ id: 'status', header: 'STATUS', value: () => (calls.n++, 'Running') }] };
    return { kind, calls };
  };

  it('computes every row once, a chunk per macrotask, so the filter finds them done', async () => {
    const { kind, calls } = counting();
    const rows = Array.from({ length: 2500 }, (_, i) => pod(`w-${i}`));
    warmSearchTexts(kind, rows, { now: 0 }, 1000);
    expect(calls.n).toBe(0); // nothing synchronously: the key that started it is not delayed
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.n).toBe(1000);
    for (let i = 0; i < 100 && calls.n < 2500; i++) await new Promise((r) => setTimeout(r, 5));
    expect(calls.n).toBe(2500);
    expect(searchTextOf(kind, rows[2499], { now: 0 })).toBe('vgauthier w-2499 Running');
    expect(calls.n).toBe(2500);
  });

  it('under churn, passes start at most once per interval, on the latest rows', () => {
    vi.useFakeTimers();
    try {
      const { kind, calls } = counting();
      const warmer = createSearchWarmer(1000);
      let rows = Array.from({ length: 500 }, (_, i) => pod(`c-${i}`));
      warmer.update(kind, rows, { now: 0 });
      vi.advanceTimersByTime(0);
      expect(calls.n).toBe(500); // a new table: warmed at once
      // Ten batches a second: each replaces one object; no new pass within the interval.
      for (let b = 1; b <= 5; b++) {
        vi.advanceTimersByTime(100);
        rows = [...rows.slice(1), pod(`n-${b}`)];
        warmer.update(kind, rows, { now: 0 });
      }
      vi.advanceTimersByTime(100);
      expect(calls.n).toBe(500);
      // The interval over: one pass, over the latest rows, computes only what it had not seen.
      vi.advanceTimersByTime(401);
      expect(calls.n).toBe(505);
      expect(searchTextOf(kind, rows[499], { now: 0 })).toBe('vgauthier n-5 Running');
      expect(calls.n).toBe(505);
      warmer.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops when cancelled', async () => {
    const { kind, calls } = counting();
    const cancel = warmSearchTexts(kind, [pod('a'), pod('b')], { now: 0 });
    cancel();
    await new Promise((r) => setTimeout(r, 10));
    expect(calls.n).toBe(0);
  });
});

describe('sort by value', () => {
  it('orders ready fractions, quantities and plain numbers by value, not as text', () => {
    const sorted = (vs: string[]) => [...vs].sort((a, b) => (sortValue(a) as number) - (sortValue(b) as number));
    expect(sorted(['10/10', '0/1', '9/10', '1/2'])).toEqual(['0/1', '1/2', '9/10', '10/10']);
    expect(sorted(['1Gi', '900Mi', '128974848', '250m'])).toEqual(['250m', '128974848', '900Mi', '1Gi']);
    expect(sortValue('Running')).toBe('Running');
  });
  it('sorts pods by READY with 10/10 after 9/10', () => {
    const kind = kindById('pods') as ResourceKind;
    const withReady = (name: string, ready: number, total: number): KObj => ({
      ...pod(name),
      status: {
        phase: 'Running',
        containerStatuses: Array.from({ length: total }, (_, i) => ({ name: `c${i}`, ready: i < ready, restartCount: 0, state: { running: {} } })),
      },
      spec: { containers: Array.from({ length: total }, (_, i) => ({ name: `c${i}`, image: 'x' })) },
    });
    const rows = [withReady('ten', 10, 10), withReady('nine', 9, 10), withReady('half', 1, 2)];
    expect(sortRows(kind, rows, { column: 'ready', desc: false }, { now: 0 }).map((o) => o.metadata.name)).toEqual(['half', 'nine', 'ten']);
  });
  it('sorts by NAMESPACE, which is not one of the kind\'s own columns', () => {
    const kind = kindById('pods') as ResourceKind;
    const inNs = (name: string, namespace: string) => ({ ...pod(name), metadata: { ...pod(name).metadata, namespace } });
    const rows = [inNs('a', 'zed'), inNs('b', 'alpha')];
    expect(sortRows(kind, rows, { column: 'namespace', desc: true }, { now: 0 }).map((o) => o.metadata.namespace)).toEqual(['zed', 'alpha']);
  });
});

describe('columns by priority', () => {
  const kind = kindById('pods') as ResourceKind;
  const cell = (cells: string[]) => ({ uid: cells[0], cells });
  it('puts NAMESPACE first with all namespaces, and only for namespaced kinds', () => {
    expect(tableColumns(kind, { allNamespaces: true, wide: false, metrics: false }).map((c) => c.id)).toEqual(['namespace', 'name', 'ready', 'status', 'restarts', 'age']);
    expect(tableColumns(kind, { allNamespaces: false, wide: false, metrics: false })[0].id).toBe('name');
    expect(tableColumns(kindById('nodes') as ResourceKind, { allNamespaces: true, wide: false, metrics: false })[0].id).toBe('name');
  });
  it('cuts free text first and names last; a cut name ends with …', () => {
    const ev = kindById('events') as ResourceKind;
    const cols = tableColumns(ev, { allNamespaces: false, wide: false, metrics: false });
    const row = cols.map((c) => ({ lastSeen: '5m', type: 'Warning', reason: 'BackOff', object: 'pod/worker-6885c8dbcf-ws29b', message: 'Back-off restarting failed container worker in pod worker-6885c8dbcf-ws29b', firstSeen: '10m', count: '5' })[c.id as 'type'] ?? '');
    const fit = fitColumns(cols, [cell(row)], 77);
    const shown = fit.keep.map((i) => cols[i].id);
    expect(shown).toContain('count');
    const width = (id: string) => fit.widths[shown.indexOf(id)];
    expect(width('object')).toBe('pod/worker-6885c8dbcf-ws29b'.length);
    expect(width('message')).toBeLessThan(row[cols.findIndex((c) => c.id === 'message')].length);
    const line = formatRow(fit.keep.map((i) => row[i]), fit.widths, fit.keep.map((i) => cols[i]), fit.gap);
    expect(stringWidth(line)).toBeLessThanOrEqual(77);
    expect(line).toMatch(/Back-off .*…/);

    const pods = tableColumns(kind, { allNamespaces: false, wide: false, metrics: false });
    const long = fitColumns(pods, [cell(['a-very-long-pod-name-that-will-never-fit-in-eighty-columns-0123456789', '1/1', 'CrashLoopBackOff', '5 (75s ago)', '6m'])], 77);
    const nameCell = formatRow(['a-very-long-pod-name-that-will-never-fit-in-eighty-columns-0123456789', '1/1', 'CrashLoopBackOff', '5 (75s ago)', '6m'], long.widths, pods, long.gap);
    // Names last: STATUS gives way (to 10, with …) before the name is cut.
    expect(nameCell).toMatch(/^a-very-long\S*… .* CrashLoop… /);
    expect(long.widths[0]).toBeGreaterThan(30);
  });
  it('with `o` keeps wide columns that fit by cutting NAME to 20, and counts those that do not', () => {
    const cols = tableColumns(kind, { allNamespaces: false, wide: true, metrics: false });
    const row = ['tricky-logger-5d99766956-d22pn', '0/1', 'CrashLoopBackOff', '5 (75s ago)', '15m', '10.8.0.6', 'gke-course-pool-1', '<none>', '<none>'];
    expect(fitColumns(cols, [cell(row)], 77).keep.map((i) => cols[i].id)).not.toContain('ip');
    const chosen = fitColumns(cols, [cell(row)], 77, [], { preferWide: true });
    expect(chosen.keep.map((i) => cols[i].id)).toContain('ip');
    expect(chosen.droppedWide).toBe(3);
  });
  it('marks the sorted column ↑ or ↓', () => {
    expect(sortedHeader(kind.columns[0], { column: 'name', desc: false })).toBe('NAME↑');
    expect(sortedHeader(kind.columns[0], { column: 'name', desc: true })).toBe('NAME↓');
    expect(sortedHeader(kind.columns[1], { column: 'name', desc: true })).toBe('READY');
  });
});

describe('columns shown when there is room', () => {
  it('cuts a long MESSAGE before dropping FIRST SEEN at 200 columns, and drops FIRST SEEN at 80', () => {
    const ev = kindById('events') as ResourceKind;
    const cols = tableColumns(ev, { allNamespaces: false, wide: false, metrics: false });
    const values: Record<string, string> = { lastSeen: '73s', type: 'Warning', reason: 'BackOff', object: 'pod/worker-6885c8dbcf-ws29b', message: 'x'.repeat(300), firstSeen: '4m', count: '5' };
    const row = { uid: '1', cells: cols.map((c) => values[c.id] ?? '') };
    expect(fitColumns(cols, [row], 197).keep.map((i) => cols[i].id)).toContain('firstSeen');
    expect(fitColumns(cols, [row], 77).keep.map((i) => cols[i].id)).not.toContain('firstSeen');
  });
});

describe('which object the cursor stands for', () => {
  const [a, b, c] = [pod('a'), pod('b'), pod('c')];
  it('adopts the row under the cursor when nothing was chosen, so rows arriving above do not move it', () => {
    expect(followCursor([a, b], 0, undefined, [a, b])).toEqual({ adopt: a, gone: false });
  });
  it('moves to the neighbour and says gone when the chosen object left the view', () => {
    expect(followCursor([a, c], 1, b.metadata.uid, [a, c])).toEqual({ adopt: c, gone: true });
    expect(followCursor([], 0, b.metadata.uid, [])).toEqual({ adopt: undefined, gone: true });
  });
  it('keeps an object only hidden by the filter, and judges nothing while the rows are incomplete', () => {
    expect(followCursor([a, c], 1, b.metadata.uid, [a, b, c])).toEqual({ gone: false });
    expect(followCursor([a, c], 1, b.metadata.uid, undefined)).toEqual({ gone: false });
  });
});

describe('indexOfUid', () => {
  it('finds the chosen row as rows come and go around it, as a scan from the top would', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const obj = (i: number) => ({ metadata: { uid: `u${i}`, name: `p${i}` } }) as KObj;
    let rows = Array.from({ length: 3000 }, (_, i) => obj(i));
    let next = rows.length;
    let chosen = 'u0';
    for (let step = 0; step < 400; step++) {
      const copy = rows.slice();
      // A few rows added or removed, near and far from the start; sometimes a whole block.
      const changes = random(5) === 0 ? 200 : 1 + random(4);
      for (let k = 0; k < changes; k++) {
        if (random(2) === 0 && copy.length > 10) copy.splice(random(copy.length), 1);
        else copy.splice(random(copy.length + 1), 0, obj(next++));
      }
      rows = copy;
      // The cursor's object is asked for batch after batch; now and then another, or one not there.
      if (step % 25 === 0) chosen = rows[random(rows.length)].metadata.uid;
      const asked = step % 40 === 39 ? 'absent' : chosen;
      expect(indexOfUid(rows, asked), `${asked} at step ${step}`).toBe(rows.findIndex((o) => o.metadata.uid === asked));
    }
  });
});
