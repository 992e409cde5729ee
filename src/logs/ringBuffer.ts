// A fixed-capacity ring of lines: push is O(1), the oldest line is dropped when full, and every
// line keeps an absolute index (0 = the first line ever pushed) so a scrolled view stays anchored
// to the same line while older ones fall off.

export const DEFAULT_CAPACITY = 5_000;

export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private head = 0; // slot of the oldest item
  private count = 0;
  private droppedCount = 0;
  /** Absolute index of the oldest held item. */
  private offset = 0;

  constructor(readonly capacity = DEFAULT_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.items = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Lines that were pushed out because the buffer was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Absolute index of the oldest line still held. */
  get firstIndex(): number {
    return this.offset;
  }

  /** Absolute index one past the newest line (= total pushed). */
  get endIndex(): number {
    return this.offset + this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.head + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
      this.droppedCount++;
      this.offset++;
    }
  }

  /** The item at an absolute index, or undefined when it was dropped or not pushed yet. */
  at(absIndex: number): T | undefined {
    const i = absIndex - this.offset;
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.head + i) % this.capacity];
  }

  /** Items in [from, to) by absolute index, clamped to what is held. */
  slice(from: number, to: number): T[] {
    const start = Math.max(from, this.firstIndex);
    const end = Math.min(to, this.endIndex);
    const out: T[] = [];
    for (let a = start; a < end; a++) out.push(this.items[(this.head + a - this.offset) % this.capacity] as T);
    return out;
  }

  toArray(): T[] {
    return this.slice(this.firstIndex, this.endIndex);
  }

  /** Empties the buffer; absolute indexes keep counting up (cleared lines are not counted as dropped). */
  clear(): void {
    this.offset += this.count;
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
