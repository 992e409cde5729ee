// The full-screen dashboard: alternate screen, Ink, and the terminal always restored.
import React, { useEffect, useState } from 'react';
import { render, useStdout } from 'ink';
import type { ResourceKind } from '../resources/types.js';
import type { ClassViewOptions } from '../course/classKind.js';
import type { Connection } from './connect.js';
import { LiveApp, startLive, type LiveSession } from './live.js';
import type { StateStore } from './stateFile.js';
import { enterFullscreen, restoreTerminal } from './terminal.js';
import { benchRenderOptions } from './benchHooks.js';
import { boundHeap } from './heap.js';

export interface DashboardOptions {
  logTail?: number;
  confirmQuit?: boolean;
  allowReveal?: boolean;
  state?: StateStore;
  /** kdash class's selection for :class. */
  classOptions?: ClassViewOptions;
}

export async function runDashboard(conn: Connection, kind: ResourceKind, opts: DashboardOptions = {}): Promise<number> {
  let exitCode = 0;
  let resolveExit!: () => void;
  const exited = new Promise<void>((r) => (resolveExit = r));
  const live = startLive(conn, kind, {
    ...opts,
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
    <Sized live={live} />,
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
function Sized({ live }: { live: LiveSession }) {
  const { stdout } = useStdout();
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
