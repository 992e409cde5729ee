// The log benchmark with the real Ink LogView on a fake terminal: frame time is measured from a
// controller snapshot to Ink writing the frame. See src/logs/benchLogs.ts for the pipeline part.
//   npm run build && node --expose-gc dist/bin/bench-log-view.js [--seconds 30] [--rate 10000]
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { Instance } from 'ink';
import { benchMain, runLogBench, type BenchOptions, type BenchReport } from '../../logs/benchLogs.js';
import type { LogController } from '../../logs/logController.js';

class FakeTerminal extends EventEmitter {
  isTTY = true;
  bytes = 0;
  constructor(
    public columns: number,
    public rows: number,
    private readonly onWrite: () => void,
  ) {
    super();
  }
  write = (s: string) => {
    this.bytes += s.length;
    this.onWrite();
    return true;
  };
}

class FakeKeyboard extends EventEmitter {
  isTTY = true;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => null;
}

export async function runLogViewBench(o: BenchOptions = {}): Promise<BenchReport> {
  // Loaded here, not at the top: the bundle (dist/bin/bench-log-view.js) has React's production build,
  // and the pipeline part of the benchmark needs neither. React is CommonJS: its exports are `default`.
  const React = (await import('react')).default;
  const { render } = await import('ink');
  const { InputRoot } = await import('../input.js');
  const { LogView } = await import('./LogView.js');
  const width = o.width ?? 160;
  const height = o.height ?? 48;
  const frameTimes: number[] = [];
  let pending: number | undefined;
  const stdout = new FakeTerminal(width, height, () => {
    if (pending === undefined) return;
    frameTimes.push(performance.now() - pending);
    pending = undefined;
  });
  let ink: Instance | undefined;
  const frame = (c: LogController) => {
    if (!ink) {
      ink = render(
        React.createElement(InputRoot, null, React.createElement(LogView, { controller: c, width, height: height - 1, onBack: () => {} })),
        {
          stdout: stdout as unknown as NodeJS.WriteStream,
          stdin: new FakeKeyboard() as unknown as NodeJS.ReadStream,
          stderr: stdout as unknown as NodeJS.WriteStream,
          exitOnCtrlC: false,
          patchConsole: false,
        },
      );
    }
    pending ??= performance.now();
  };
  try {
    return await runLogBench({ ...o, width, height, frame, frameTimes });
  } finally {
    ink?.unmount();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchMain(runLogViewBench);
}
