// `kdash down` / `kdash up`: the end-of-class shutdown and its restore, for scripts and terminals.
import { createInterface } from 'node:readline/promises';
import { connect, type ConnectFlags } from './connect.js';
import { runDown, runUp } from '../actions/downCommand.js';

export interface ShutdownFlags extends ConnectFlags {
  dryRun?: boolean;
  yes?: boolean;
  deleteBarePods?: boolean;
}

async function askTty(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function runShutdownCommand(command: 'down' | 'up', flags: ShutdownFlags): Promise<number> {
  const conn = await connect({ ...flags, allNamespaces: false });
  const io = {
    out: process.stdout,
    // Without a terminal there is nobody to ask: the command refuses unless --yes was given.
    confirm: process.stdin.isTTY ? askTty : undefined,
  };
  try {
    const namespace = conn.session.namespace;
    if (command === 'down') {
      return await runDown(conn.session.api, { namespace, dryRun: !!flags.dryRun, yes: !!flags.yes, deleteBarePods: !!flags.deleteBarePods }, io);
    }
    return await runUp(conn.session.api, { namespace, dryRun: !!flags.dryRun, yes: !!flags.yes }, io);
  } finally {
    await conn.close();
  }
}
