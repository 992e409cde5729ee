// The full-screen dashboard: alternate screen, Ink, and the terminal always restored.
import React, { useEffect, useState } from 'react';
import { render, useStdout } from 'ink';
import type { ResourceKind } from '../resources/types.js';
import { App } from '../views/App.js';
import { ServicesProvider } from '../views/context.js';
import type { TableSpec } from '../views/screens.js';
import type { Connection } from './connect.js';
import { startRuntime } from './runtime.js';
import type { FirstList } from './firstList.js';
import { enterFullscreen, restoreTerminal } from './terminal.js';
import { createServices } from './services.js';
import { benchRenderOptions } from './benchHooks.js';
import { boundHeap } from './heap.js';

export async function runDashboard(conn: Connection, kind: ResourceKind, opts: { logTail?: number; confirmQuit?: boolean; first?: FirstList } = {}): Promise<number> {
  const { session } = conn;
  const rt = startRuntime(session, { first: opts.first });
  rt.metrics.start();
  const stopHeapWatch = boundHeap(rt.store);
  let exitCode = 0;
  let resolveExit!: () => void;
  const exited = new Promise<void>((r) => (resolveExit = r));
  const services = createServices(session, rt, conn.readonly, {
    notes: conn.notes,
    logTail: opts.logTail,
    confirmQuit: opts.confirmQuit,
    exit(code) {
      exitCode = code;
      resolveExit();
    },
  });
  const initial: TableSpec = {
    type: 'table',
    kind,
    namespace: kind.namespaced && !session.allNamespaces ? session.namespace : '',
  };
  enterFullscreen(process.stdout);
  const ink = render(
    <ServicesProvider value={services}>
      <Sized initial={initial} />
    </ServicesProvider>,
    // Ink's incremental rendering left stale lines in tmux: full redraws, at most 30 per second.
    { exitOnCtrlC: false, patchConsole: true, maxFps: 30, ...benchRenderOptions() },
  );
  // The table now holds its own use of the first list's watch (a released watch lingers 15 s).
  opts.first?.release();
  try {
    await exited;
  } finally {
    stopHeapWatch();
    ink.unmount();
    restoreTerminal();
    await rt.stop();
  }
  return exitCode;
}

/** Follows the terminal size; the app redraws to the new size on every resize. */
function Sized({ initial }: { initial: TableSpec }) {
  const { stdout } = useStdout();
  const [size, setSize] = useState({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return <App columns={size.columns} rows={size.rows} initial={initial} />;
}
