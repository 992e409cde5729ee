// `kdash doctor`: the namespace's diagnosis without the UI, for a person, a script or a teacher's loop.
// Exit codes: 0 nothing found, 1 findings, 2 the diagnosis could not be made (a grading script must
// tell "broken" from "could not look").
import { connect, type ConnectFlags } from './connect.js';
import { runDoctor } from '../diagnose/doctorCommand.js';
import { describeError, UserError } from '../kube/errors.js';

export interface DoctorFlags extends ConnectFlags {
  output?: string;
  logLines?: number;
}

export async function runDoctorCli(flags: DoctorFlags): Promise<number> {
  const output = flags.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new UserError(`bad --output ${output}: use text or json`, 2);
  let conn: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    conn = await connect({ ...flags, allNamespaces: false });
    const { session } = conn;
    const can = (r: { plural: string; group: string; namespaced: boolean }) => session.permissions.can('list', r.plural, r.group, r.namespaced ? session.namespace : undefined).allowed;
    return await runDoctor(session.api, { namespace: session.namespace, output, logLines: flags.logLines }, process.stdout, { can });
  } catch (err) {
    throw new UserError(err instanceof UserError ? err.message : describeError(err), 2);
  } finally {
    await conn?.close();
  }
}
