import { describe, expect, it } from 'vitest';
import { LineStore } from '../../src/logs/lineStore.js';

const ts = (sec: number, frac = '') => `2026-11-21T10:00:${String(sec).padStart(2, '0')}${frac}Z`;
const src = (pod: string) => ({ pod, container: 'app', color: 36 });
const texts = (s: LineStore) => s.slice(s.first, s.end).map((l) => l.plain);

describe('LineStore', () => {
  it('orders the lines of several streams by time when flushed, not by arrival', () => {
    const s = new LineStore(100);
    s.add('log', 'b-2', ts(2), src('b'));
    s.add('log', 'b-4', ts(4), src('b'));
    s.add('log', 'a-1', ts(1), src('a'));
    s.add('log', 'a-3', ts(3), src('a'));
    // Go trims trailing zeros: "…:05.1Z" is after "…:05.05Z" although it sorts before it as text.
    s.add('log', 'a-5.1', ts(5, '.1'), src('a'));
    s.add('log', 'b-5.05', ts(5, '.05'), src('b'));
    expect(s.end).toBe(0); // waiting to be merged
    s.flush();
    expect(texts(s)).toEqual(['a-1', 'b-2', 'a-3', 'b-4', 'b-5.05', 'a-5.1']);
    expect(s.slice(0, 1)[0].source).toEqual(src('a'));
  });

  it('keeps a note after the lines that arrived before it, and lines without a source in order', () => {
    const s = new LineStore(100);
    s.add('log', 'late', ts(9), src('a'));
    s.add('log', 'early', ts(1), src('b'));
    s.add('note', 'pod b was deleted');
    s.add('log', 'single stream', ts(0));
    expect(texts(s)).toEqual(['early', 'late', 'pod b was deleted', 'single stream']);
  });

  it('keeps text with colours and a plain copy of log lines for search and saving', () => {
    const s = new LineStore(10);
    s.add('log', '\x1b[31mred\x1b[0m ok');
    expect(s.slice(0, 1)[0]).toMatchObject({ text: '\x1b[31mred\x1b[0m ok', plain: 'red ok' });
  });

  it('merges a burst as large as the buffer without waiting for the next frame', () => {
    const s = new LineStore(3);
    for (let i = 0; i < 3; i++) s.add('log', `x${i}`, ts(i), src('a'));
    expect(texts(s)).toEqual(['x0', 'x1', 'x2']);
  });

  it('counts gaps, restarts and dropped lines since the last clear; indexes keep counting', () => {
    const s = new LineStore(2);
    s.add('gap', 'lines may be missing');
    s.add('restart', 'container restarted');
    s.add('log', 'one');
    expect({ gaps: s.gaps, restarts: s.restarts, dropped: s.dropped, first: s.first, end: s.end }).toEqual({ gaps: 1, restarts: 1, dropped: 1, first: 1, end: 3 });
    s.clear();
    s.add('log', 'two');
    expect({ gaps: s.gaps, restarts: s.restarts, dropped: s.dropped, first: s.first, end: s.end }).toEqual({ gaps: 0, restarts: 0, dropped: 0, first: 3, end: 4 });
    expect(texts(s)).toEqual(['two']);
  });

  it('holds notifications for a while when asked, and clear() ends the hold', () => {
    const s = new LineStore(10);
    expect(s.holdLeft()).toBeLessThanOrEqual(0);
    s.hold(10_000);
    expect(s.holdLeft()).toBeGreaterThan(9_000);
    s.clear();
    expect(s.holdLeft()).toBeLessThanOrEqual(0);
  });
});
