// The dashboard at the sizes people use (80×24 to 200×50), against the embedded classroom cluster:
// the header tells the truth and keeps the quota, column headers are whole or end with …, and the
// sort keys, NAMESPACE column and `o` do what help says.
import { afterEach, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { startRig, type Rig } from '../support/rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const lines = (f: string) => f.split('\n');
/** The table's header line: the first one starting with two spaces and NAME (or another header word). */
const headerOf = (f: string, first: RegExp) => lines(f).find((l) => first.test(l)) ?? '';

describe('layout at every size', () => {
  for (const [columns, rows] of [
    [80, 24],
    [100, 30],
    [120, 40],
    [200, 50],
  ]) {
    it(`at ${columns}×${rows}: the kubeconfig's user, the quota, k9s' title, and no line wider than the terminal`, async () => {
      rig = await startRig({ columns, rows });
      const f = await rig.waitForFrame((fr) => /webnodb-/.test(fr) && /cpu [\d.]+\/2/.test(fr), 'pods and the quota');
      const [l1, l2] = lines(f);
      expect(l1).toMatch(/sim-student │ (.* │ )?user vgauthier │ ns vgauthier\s+● live$/);
      expect(l2).toMatch(/cpu [\d.]+\/2/);
      expect(f).toMatch(/^pods\(vgauthier\)\[7\]/m);
      for (const l of lines(f)) expect(stringWidth(l), l).toBeLessThanOrEqual(columns);
      expect(headerOf(f, /^ {2}NAME/)).toMatch(/^ {2}NAME +READY +STATUS +RESTARTS +AGE/);
    });
  }
});

describe('sorting', () => {
  it('shift-R sorts by READY ↑, again ↓; the sorted header carries the arrow', async () => {
    rig = await startRig({ columns: 100, rows: 30 });
    await rig.waitForRow(/worker-/);
    await rig.press('R');
    let f = await rig.waitFor(/READY↑/);
    const names = () => lines(rig!.frame()).filter((l) => /^[> ][ !] *\S+-\S+ +\d\/\d/.test(l)).map((l) => l.slice(2).trim().split(/\s+/)[1]);
    // 0/1 rows (db-migrate, worker) first.
    expect(names().slice(0, 2).map((r) => r)).toEqual(['0/1', '0/1']);
    await rig.press('R');
    f = await rig.waitFor(/READY↓/);
    expect(names()[0]).toBe('1/1');
    expect(f).not.toMatch(/READY↑/);
  });

  it('< and > step only through the columns on screen', async () => {
    rig = await startRig({ columns: 80, rows: 24 });
    await rig.waitForRow(/worker-/);
    await rig.press('<');
    // The last column on screen at 80 columns is AGE (the metric and wide columns do not fit).
    await rig.waitFor(/ AGE↑/);
    await rig.press('>');
    await rig.waitFor(/ {2}NAME↑/);
  });

  it('a sort key for a column the view does not show says so', async () => {
    rig = await startRig({ columns: 100, rows: 30 });
    await rig.waitForRow(/worker-/);
    await rig.press('P');
    await rig.waitFor(/P: no NAMESPACE column in this view \(0 shows all namespaces\)/);
  });
});

describe('all namespaces', () => {
  it('with 0, the table has NAMESPACE first, sortable with shift-P and filterable', async () => {
    rig = await startRig({ user: 'admin', columns: 120, rows: 40 });
    await rig.waitForRow(/worker-/);
    await rig.press('0');
    let f = await rig.waitForFrame((fr) => /^pods\(all\)\[\d+\]/m.test(fr) && /^ {2}NAMESPACE +NAME +READY/m.test(fr) && /^[> ] vgauthier +webnodb-/m.test(fr), 'pods(all) with NAMESPACE');
    // The quota stays: the admin's own namespace's, named.
    expect(lines(f)[1]).toMatch(/vgauthier: cpu [\d.]+\/2/);
    await rig.press('P');
    f = await rig.waitFor(/NAMESPACE↑/);
    await rig.press('P');
    f = await rig.waitFor(/NAMESPACE↓/);
    const firstNs = lines(f).find((l) => /^[> ] [a-z0-9]/.test(l))!.slice(2).split(/\s+/)[0];
    expect(firstNs >= 'vgauthier', f).toBe(true);
    await rig.press('/');
    await rig.type('kube-system');
    await rig.press('enter');
    f = await rig.waitForFrame((fr) => /\/kube-system/.test(fr) && lines(fr).filter((l) => /^[> ] [a-z0-9]/.test(l)).length > 0, 'filtered rows');
    for (const l of lines(f).filter((x) => /^[> ] [a-z0-9]/.test(x))) expect(l.slice(2)).toMatch(/^kube-system /);
  });
});

describe('events', () => {
  it('lists newest first with COUNT and FIRST SEEN; shift-A flips to kubectl\'s --sort-by=.lastTimestamp order', async () => {
    rig = await startRig({ columns: 120, rows: 40 });
    await rig.waitForRow(/worker-/);
    await rig.press(':');
    await rig.type('ev');
    await rig.press('enter');
    let f = await rig.waitFor(/LAST SEEN↑ +TYPE +REASON +OBJECT +MESSAGE +FIRST SEEN +COUNT/);
    const seconds = (t: string) => {
      let s = 0;
      for (const [, n, u] of t.matchAll(/(\d+)([smhd])/g)) s += Number(n) * { s: 1, m: 60, h: 3600, d: 86400 }[u as 's'];
      return s;
    };
    const ages = (fr: string) => lines(fr).filter((l) => /^[> ] \d/.test(l)).map((l) => seconds(l.slice(2).split(/\s+/)[0]));
    f = await rig.waitForFrame((fr) => ages(fr).length > 3, 'events');
    const newest = ages(f);
    expect(newest).toEqual([...newest].sort((a, b) => a - b));
    await rig.press('A');
    f = await rig.waitFor(/LAST SEEN↓/);
    const oldest = ages(f);
    expect(oldest).toEqual([...oldest].sort((a, b) => b - a));
  });
});

describe('wide columns', () => {
  it('o at 80 columns adds the wide columns that fit and says which others need room', async () => {
    rig = await startRig({ columns: 80, rows: 24 });
    await rig.waitForRow(/worker-/);
    expect(rig.frame()).not.toMatch(/ IP /);
    await rig.press('o');
    const f = await rig.waitFor(/ IP\b/);
    expect(f).toMatch(/wide columns on: IP, NODE/);
    expect(f).toMatch(/\(\+\d wide columns? need a wider terminal\)/);
    // Names are cut to make room, with an ellipsis.
    expect(f).toMatch(/tricky-logger-\S*…/);
  });

  it('o on a kind without wide columns says so', async () => {
    rig = await startRig({ columns: 100, rows: 30 });
    await rig.waitForRow(/worker-/);
    await rig.press(':');
    await rig.type('cm');
    await rig.press('enter');
    await rig.waitFor(/^configmaps\(vgauthier\)/m);
    await rig.press('o');
    await rig.waitFor(/o: configmaps have no wide columns/);
  });
});

describe('help', () => {
  it('? lists the sort keys and explains %CPU/R, %MEM/L and the tricky-logger pod', async () => {
    rig = await startRig({ columns: 200, rows: 140 });
    await rig.waitForRow(/worker-/);
    await rig.press('?');
    const f = await rig.waitFor(/tricky-logger/);
    expect(f).toMatch(/<R>\s+sort by READY \(again: invert\)/);
    expect(f).toMatch(/<P>\s+sort by NAMESPACE/);
    expect(f).toMatch(/%CPU\/R %MEM\/R\s+usage as a share of the requests/);
    expect(f).toMatch(/%CPU\/L %MEM\/L\s+usage as a share of the limits/);
  });
});
