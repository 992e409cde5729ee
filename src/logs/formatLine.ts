// Turning LogLines into text: for files (ctrl-s), for the `kdash logs` command and for the view.
import { sanitizeCell } from '../text/sanitize.js';
import type { LineSource, LogLine } from './types.js';

export interface PlainFormat {
  timestamps?: boolean;
  /** 'kubectl': "[pod/NAME/CONTAINER] " like kubectl logs --prefix; 'none': no prefix. */
  prefix?: 'kubectl' | 'none';
}

/** The decoration of notes (gap, restart, errors) so they stand out from log text. */
export function noteText(line: LogLine): string {
  switch (line.kind) {
    case 'gap':
      return `⋯ ${line.plain} ⋯`;
    case 'restart':
      return `── ${line.plain} ──`;
    case 'error':
      return `✖ ${line.plain}`;
    case 'note':
      return `ℹ ${line.plain}`;
    default:
      return line.plain;
  }
}

export function kubectlPrefix(src: LineSource): string {
  return `[pod/${sanitizeCell(src.pod)}/${sanitizeCell(src.container)}] `;
}

/** One line as plain text (no colours). */
export function formatPlain(line: LogLine, f: PlainFormat = {}): string {
  const ts = f.timestamps && line.ts ? `${line.ts} ` : '';
  const prefix = f.prefix === 'kubectl' && line.source ? kubectlPrefix(line.source) : '';
  return ts + prefix + noteText(line);
}
