// Reads a Kubernetes list's JSON as it streams in and hands out the text of each element of its
// top-level "items" array, so a list of 50k objects is parsed one item at a time (with turns of the
// event loop in between) instead of in one JSON.parse of the whole body.
// Only the structure is scanned here (strings, escapes, nesting); each item is parsed with JSON.parse.

export class ListItemsSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The most recent string completed at depth 1 (a key of the list object), if short. */
  private lastKey: string | undefined;
  private keyText = '';
  private collectingKey = false;
  /** The last character outside strings that was not whitespace. */
  private lastSignificant = '';
  private inItems = false;
  private itemsDone = false;
  /** Text of the item being read, from earlier chunks. */
  private partial = '';
  private itemStart = -1;

  /** Feeds the next piece of the body; returns the items completed by it. */
  push(chunk: string): string[] {
    const items: string[] = [];
    this.itemStart = this.partial || this.inItemObject() ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.collectingKey && this.keyText.length <= 16) this.keyText += c;
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.collectingKey) {
            this.lastKey = this.keyText.length <= 16 ? this.keyText.slice(0, -1) : undefined;
            this.collectingKey = false;
          }
        }
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (c === '"') {
        this.inString = true;
        if (this.depth === 1) {
          this.collectingKey = true;
          this.keyText = '';
        }
      } else if (c === '{' || c === '[') {
        if (this.depth === 1 && c === '[' && this.lastSignificant === ':' && this.lastKey === 'items' && !this.itemsDone) this.inItems = true;
        this.depth++;
        if (this.inItems && this.depth === 3 && c === '{') this.itemStart = i;
      } else if (c === '}' || c === ']') {
        this.depth--;
        if (this.inItems && this.depth === 2 && c === '}') {
          items.push(this.partial + chunk.slice(Math.max(0, this.itemStart), i + 1));
          this.partial = '';
          this.itemStart = -1;
        } else if (this.inItems && this.depth === 1) {
          this.inItems = false;
          this.itemsDone = true;
        }
      }
      this.lastSignificant = c;
    }
    if (this.inItemObject()) this.partial += chunk.slice(Math.max(0, this.itemStart));
    return items;
  }

  /** Whether the body ended where a whole list ends (not cut in the middle). */
  complete(): boolean {
    return this.depth === 0 && !this.inString && this.lastSignificant === '}';
  }

  private inItemObject(): boolean {
    return this.inItems && this.depth >= 3;
  }
}
