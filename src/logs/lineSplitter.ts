// Splits a byte (or string) stream into lines. Chunks from the network end anywhere: in the middle
// of a line, between CR and LF, or inside a multi-byte UTF-8 character. The streaming TextDecoder
// keeps partial characters across chunks and turns invalid bytes into U+FFFD. A line longer than
// maxLineLength is truncated with a marker, and the rest of it is only counted, so memory stays
// bounded even for a stream that never sends a newline.

export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024;

export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private pending = '';
  /** Characters of the current line beyond maxLineLength that were thrown away. */
  private overflow = 0;

  constructor(private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {}

  /** Feeds one chunk; returns the lines it completed (without their line terminators). */
  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.append(text, start, nl);
      lines.push(this.take());
      start = nl + 1;
    }
    this.append(text, start, text.length);
    return lines;
  }

  /** Ends the stream: returns the last line when it had no final newline. */
  flush(): string[] {
    const rest = this.decoder.decode();
    if (rest) this.append(rest, 0, rest.length);
    if (this.pending === '' && this.overflow === 0) return [];
    return [this.take()];
  }

  private append(text: string, from: number, to: number): void {
    if (from >= to) return;
    const room = this.maxLineLength - this.pending.length;
    if (to - from <= room) {
      this.pending += text.slice(from, to);
      return;
    }
    let cut = from + Math.max(room, 0);
    // Never split a surrogate pair.
    if (cut > from && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    this.pending += text.slice(from, cut);
    this.overflow += to - cut;
  }

  private take(): string {
    let line = this.pending;
    if (line.endsWith('\r') && this.overflow === 0) line = line.slice(0, -1); // CRLF
    if (this.overflow > 0) line += ` … [${this.overflow} more characters truncated]`;
    this.pending = '';
    this.overflow = 0;
    return line;
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
