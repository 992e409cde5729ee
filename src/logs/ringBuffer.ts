// A fixed-capacity ring of lines: push is O(1), the oldest line is dropped when full, and every
// line keeps an absolute index (0 = the first line ever pushed) so a scrolled view stays anchored
// to the same line while older ones fall off.

export const DEFAULT_CAPACITY = 5_000;

export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private head = 0; // slot of the oldest item
  private count = 0;
  private droppedCount = 0;

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

  /** Absolute index of the oldest line still held (= dropped). */
  get firstIndex(): number {
    return this.droppedCount;
  }

  /** Absolute index one past the newest line (= total pushed). */
  get endIndex(): number {
    return this.droppedCount + this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.head + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
      this.droppedCount++;
    }
  }

  /** The item at an absolute index, or undefined when it was dropped or not pushed yet. */
  at(absIndex: number): T | undefined {
    const i = absIndex - this.droppedCount;
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.head + i) % this.capacity];
  }

  /** Items in [from, to) by absolute index, clamped to what is held. */
  slice(from: number, to: number): T[] {
    const start = Math.max(from, this.firstIndex);
    const end = Math.min(to, this.endIndex);
    const out: T[] = [];
    for (let a = start; a < end; a++) out.push(this.items[(this.head + a - this.droppedCount) % this.capacity] as T);
    return out;
  }

  toArray(): T[] {
    return this.slice(this.firstIndex, this.endIndex);
  }

  /** Empties the buffer; absolute indexes keep counting up (the cleared lines count as dropped). */
  clear(): void {
    this.droppedCount += this.count;
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
