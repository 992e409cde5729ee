// The full-screen dashboard: alternate screen, Ink, and the terminal always restored.
import React, { useEffect, useState } from 'react';
import { render, useStdout } from 'ink';
import type { TerminalHandoff } from '../views/ports.js';
import type { ResourceKind } from '../resources/types.js';
import { App } from '../views/App.js';
import { ServicesProvider } from '../views/context.js';
import type { TableSpec } from '../views/screens.js';
import type { Connection } from './connect.js';
import { startRuntime } from './runtime.js';
import { enterFullscreen, restoreTerminal } from './terminal.js';
import { createServices } from './services.js';
import { benchRenderOptions } from './benchHooks.js';
import { boundHeap } from './heap.js';
import { createTerminalHandoff } from './terminalHandoff.js';
import { createForwardRegistry } from './forwards.js';

export async function runDashboard(
  conn: Connection,
  kind: ResourceKind,
  opts: { logTail?: number; confirmQuit?: boolean; shell?: string[]; forwardAddress?: string } = {},
): Promise<number> {
  const { session } = conn;
  const rt = startRuntime(session);
  rt.metrics.start();
  const stopHeapWatch = boundHeap(rt.store);
  let exitCode = 0;
  let resolveExit!: () => void;
  const exited = new Promise<void>((r) => (resolveExit = r));
  const terminal = createTerminalHandoff(process.stdin, process.stdout);
  const forwards = createForwardRegistry(session, rt, opts.forwardAddress ?? '127.0.0.1');
  const services = createServices(session, rt, conn.readonly, {
    terminal,
    forwards,
    shell: opts.shell,
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
      <Sized initial={initial} terminal={terminal} />
    </ServicesProvider>,
    // Ink's incremental rendering left stale lines in tmux: full redraws, at most 30 per second.
    { exitOnCtrlC: false, patchConsole: true, maxFps: 30, ...benchRenderOptions() },
  );
  try {
    await exited;
  } finally {
    stopHeapWatch();
    ink.unmount();
    restoreTerminal();
    await forwards.stopAll();
    await rt.stop();
  }
  return exitCode;
}

/** Follows the terminal size; the app redraws to the new size on every resize. */
function Sized({ initial, terminal }: { initial: TableSpec; terminal: TerminalHandoff }) {
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
  return <App columns={size.columns} rows={size.rows} initial={initial} />;
}
