// `kdash` (the default command): connect, then either print once or run the full-screen dashboard.
import React, { useEffect, useState } from 'react';
import { render, useStdout } from 'ink';
import { findKind, kindById } from '../resources/registry.js';
import type { ResourceKind } from '../resources/types.js';
import { UserError } from '../kube/errors.js';
import { App } from '../views/App.js';
import { ServicesProvider } from '../views/context.js';
import type { TableSpec } from '../views/TableScreen.js';
import { connect, type ConnectFlags } from './connect.js';
import { printOnce } from './once.js';
import { startRuntime } from './runtime.js';
import { enterFullscreen, restoreTerminal } from './terminal.js';
import { createServices } from './services.js';

export interface DashboardFlags extends ConnectFlags {
  view?: string;
  once?: boolean;
}

export function resolveView(view: string | undefined): ResourceKind {
  if (!view) return kindById('pods') as ResourceKind;
  const kind = findKind(view);
  if (!kind) throw new UserError(`unknown view "${view}" (try pods, deploy, rs, sts, ds, job, cj, svc, cm, no, ns, ev, quota)`, 2);
  return kind;
}

export async function runDashboardCommand(flags: DashboardFlags): Promise<number> {
  const kind = resolveView(flags.view);
  if (!flags.once && (!process.stdout.isTTY || !process.stdin.isTTY)) {
    throw new UserError('not a terminal: the dashboard needs a TTY (use --once for a plain table)', 2);
  }
  const conn = await connect(flags);
  try {
    if (flags.once) return await printOnce(conn.session, kind, process.stdout);
    return await runDashboard(conn, kind);
  } finally {
    await conn.close();
  }
}

async function runDashboard(conn: Awaited<ReturnType<typeof connect>>, kind: ResourceKind): Promise<number> {
  const { session } = conn;
  const rt = startRuntime(session);
  rt.metrics.start();
  let exitCode = 0;
  let resolveExit!: () => void;
  const exited = new Promise<void>((r) => (resolveExit = r));
  const services = createServices(session, rt, conn.readonly, {
    notes: conn.notes,
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
    { exitOnCtrlC: false, patchConsole: true, incrementalRendering: process.env.KDASH_INCREMENTAL === "1", maxFps: 30 },
  );
  try {
    await exited;
  } finally {
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
