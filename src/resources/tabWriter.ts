// A port of the behaviour of Go's text/tabwriter (flags 0), which kubectl uses for both `get` tables
// and `describe` output. Cells end with '\t'; the text after a line's last tab is not aligned.
// Columns are aligned per block of consecutive lines that have a cell in that column, recursively —
// which is why kubectl describe re-aligns after each line without a tab.
import stringWidth from 'string-width';

export interface TabWriterOptions {
  minWidth: number;
  padding: number;
}

export function tabwrite(text: string, opts: TabWriterOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[][] = lines.map((cells) => new Array(cells.length).fill(0));
  format(lines, widths, 0, 0, lines.length, opts);
  return lines
    .map((cells, i) =>
      cells.map((c, j) => (j < cells.length - 1 ? c + ' '.repeat(Math.max(0, widths[i][j] - stringWidth(c))) : c)).join(''),
    )
    .join('\n');
}

// Go tabwriter's format(): find blocks of lines that have a terminated cell at `column`,
// size that column for the block, then recurse into the next column within the block.
function format(lines: string[][], widths: number[][], column: number, from: number, to: number, o: TabWriterOptions) {
  let line = from;
  while (line < to) {
    if (column >= lines[line].length - 1) {
      line++;
      continue;
    }
    const start = line;
    let width = o.minWidth;
    for (; line < to && column < lines[line].length - 1; line++) {
      width = Math.max(width, stringWidth(lines[line][column]) + o.padding);
    }
    for (let l = start; l < line; l++) widths[l][column] = width;
    format(lines, widths, column + 1, start, line, o);
  }
}
