import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../src/logs/ringBuffer.js';

describe('RingBuffer', () => {
  it('keeps at most capacity items and counts the dropped ones', () => {
    const rb = new RingBuffer<number>(5);
    for (let i = 0; i < 12; i++) rb.push(i);
    expect(rb.size).toBe(5);
    expect(rb.dropped).toBe(7);
    expect(rb.toArray()).toEqual([7, 8, 9, 10, 11]);
    expect(rb.firstIndex).toBe(7);
    expect(rb.endIndex).toBe(12);
  });

  it('addresses items by absolute index and slices clamped windows', () => {
    const rb = new RingBuffer<string>(4);
    for (const s of ['a', 'b', 'c', 'd', 'e', 'f']) rb.push(s);
    expect(rb.at(1)).toBeUndefined(); // dropped
    expect(rb.at(2)).toBe('c');
    expect(rb.at(5)).toBe('f');
    expect(rb.at(6)).toBeUndefined();
    expect(rb.slice(0, 4)).toEqual(['c', 'd']);
    expect(rb.slice(4, 100)).toEqual(['e', 'f']);
  });

  it('stays bounded under a large number of pushes', () => {
    const rb = new RingBuffer<number>(5_000);
    for (let i = 0; i < 200_000; i++) rb.push(i);
    expect(rb.size).toBe(5_000);
    expect(rb.dropped).toBe(195_000);
    expect(rb.at(199_999)).toBe(199_999);
  });

  it('clear keeps absolute indexes increasing', () => {
    const rb = new RingBuffer<number>(3);
    rb.push(1);
    rb.push(2);
    rb.clear();
    expect(rb.size).toBe(0);
    expect(rb.dropped).toBe(0);
    rb.push(3);
    expect(rb.firstIndex).toBe(2);
    expect(rb.at(2)).toBe(3);
  });

  it('rejects a nonsensical capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(/positive integer/);
  });
});
