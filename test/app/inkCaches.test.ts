// Ink's text caches are bounded in the bundle and the tests alike (scripts/ink/boundedCaches.mjs): a
// dashboard open for days lays out new row texts every second (AGE moves), and Ink 6.8 kept every one.
import { describe, expect, it } from 'vitest';
import measureText from '../../node_modules/ink/build/measure-text.js';
import wrapText from '../../node_modules/ink/build/wrap-text.js';

describe('Ink\'s text caches', () => {
  it('forget the sizes of texts laid out long ago, and still measure them right', () => {
    const first = measureText('web-7f9c  Running  3s');
    expect(measureText('web-7f9c  Running  3s')).toBe(first); // cached while recent
    for (let i = 0; i < 5000; i++) measureText(`web-7f9c  Running  ${i}s\nsecond line`);
    const again = measureText('web-7f9c  Running  3s');
    expect(again).not.toBe(first);
    expect(again).toEqual({ width: 21, height: 1 });
  });

  it('forget texts cut to a width long ago, and still cut them right', () => {
    const first = wrapText('a table row wider than the screen', 12, 'truncate');
    expect(first).toBe('a table row…');
    for (let i = 0; i < 5000; i++) wrapText(`row ${i} wider than the screen`, 12, 'truncate');
    expect(wrapText('a table row wider than the screen', 12, 'truncate')).toBe('a table row…');
  });
});
