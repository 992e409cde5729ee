// `kdash logs`: the log streaming of the UI without the UI, for scripts (sanitized output).
import { connect, type ConnectFlags } from './connect.js';
import { runLogsCommand, type LogsArgs } from '../logs/logsCommand.js';
import { UserError } from '../kube/errors.js';

export type LogsFlags = ConnectFlags & Omit<LogsArgs, 'target' | 'namespace'>;

export async function runLogsCli(target: string, flags: LogsFlags): Promise<number> {
  if (flags.tail !== undefined && (!Number.isInteger(flags.tail) || flags.tail < -1)) {
    throw new UserError(`bad --tail ${flags.tail}: use a whole number (or -1 for all)`, 2);
  }
  const conn = await connect({ ...flags, allNamespaces: false });
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await runLogsCommand(
      conn.session.api,
      {
        target,
        namespace: conn.session.namespace,
        container: flags.container,
        allContainers: flags.allContainers,
        follow: flags.follow,
        tail: flags.tail,
        previous: flags.previous,
        timestamps: flags.timestamps,
      },
      process.stdout,
      ac.signal,
    );
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await conn.close();
  }
}
