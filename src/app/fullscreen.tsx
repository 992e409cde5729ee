// The full-screen dashboard: alternate screen, Ink, and the terminal always restored.
import React, { useEffect, useState } from 'react';
import { render, useStdout } from 'ink';
import type { TerminalHandoff } from '../views/ports.js';
import type { ResourceKind } from '../resources/types.js';
import type { ClassViewOptions } from '../course/classKind.js';
import type { Connection } from './connect.js';
import { LiveApp, startLive, type LiveSession } from './live.js';
import type { StateStore } from './stateFile.js';
import { enterFullscreen, restoreTerminal } from './terminal.js';
import { benchRenderOptions } from './benchHooks.js';
import { boundHeap } from './heap.js';
import { createTerminalHandoff } from './terminalHandoff.js';
import type { FirstList } from './firstList.js';

export interface DashboardOptions {
  logTail?: number;
  confirmQuit?: boolean;
  allowReveal?: boolean;
  state?: StateStore;
  /** kdash class's selection for :class. */
  classOptions?: ClassViewOptions;
  /** --shell: the command `s` runs. */
  shell?: string[];
  /** --address: where `F` forwards listen. */
  forwardAddress?: string;
  /** Where the user's aliases are read from (for :aliases). */
  aliasesFile?: string;
  /** The first view's list, started before the session's checks (src/app/firstList.ts). */
  first?: FirstList;
}

export async function runDashboard(conn: Connection, kind: ResourceKind, opts: DashboardOptions = {}): Promise<number> {
  let exitCode = 0;
  let resolveExit!: () => void;
  const exited = new Promise<void>((r) => (resolveExit = r));
  const terminal = createTerminalHandoff(process.stdin, process.stdout);
  const live = startLive(conn, kind, {
    ...opts,
    terminal,
    exit(code) {
      exitCode = code;
      resolveExit();
    },
  });
  // The heap bound follows the store of the context in view.
  let stopHeapWatch = boundHeap(live.current().runtime.store);
  const unsubscribe = live.subscribe(() => {
    stopHeapWatch();
    stopHeapWatch = boundHeap(live.current().runtime.store);
  });
  enterFullscreen(process.stdout);
  const ink = render(
    <Sized live={live} terminal={terminal} />,
    // Ink's incremental rendering left stale lines in tmux: full redraws, at most 30 per second.
    { exitOnCtrlC: false, patchConsole: true, maxFps: 30, ...benchRenderOptions() },
  );
  try {
    await exited;
  } finally {
    unsubscribe();
    stopHeapWatch();
    ink.unmount();
    restoreTerminal();
    await live.stop();
  }
  return exitCode;
}

/** Follows the terminal size; the app redraws to the new size on every resize. */
function Sized({ live, terminal }: { live: LiveSession; terminal: TerminalHandoff }) {
  const { stdout, write } = useStdout();
  // After the terminal was lent (a shell, an editor): Ink clears what it thinks is on screen and draws
  // its latest frame whole (its writes were dropped meanwhile).
  useEffect(() => {
    terminal.setRepaint(() => write(''));
    return () => terminal.setRepaint(undefined);
  }, [terminal, write]);
  const [size, setSize] = useState({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return <LiveApp live={live} columns={size.columns} rows={size.rows} />;
}
