// What a terminal shows after a program's output: a headless terminal emulator (xterm.js's) fed the
// bytes as they arrive. A program that updates only the cells that changed (k9s through tcell, or a
// diffing renderer) never writes its whole title again, so searching each chunk's text for a title
// misses it; reading the emulated screen finds it the way a person would.
import xterm from '@xterm/headless';

const { Terminal } = xterm;

/** A cols×rows screen: `write(data)` resolves once parsed; `text()` is its rows, trailing blanks cut. */
export function virtualScreen(cols, rows) {
  const term = new Terminal({ cols, rows, scrollback: 0, allowProposedApi: true });
  return {
    write: (data) => new Promise((resolve) => term.write(data, resolve)),
    text() {
      const buffer = term.buffer.active;
      const lines = [];
      for (let y = 0; y < rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
      return lines.join('\n');
    },
    dispose: () => term.dispose(),
  };
}
