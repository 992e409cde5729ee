// `kdash doctor`: the namespace's diagnosis without the UI, for a person, a script or a teacher's loop.
import { connect, type ConnectFlags } from './connect.js';
import { runDoctor } from '../diagnose/doctorCommand.js';
import { UserError } from '../kube/errors.js';

export interface DoctorFlags extends ConnectFlags {
  output?: string;
  logLines?: number;
}

export async function runDoctorCli(flags: DoctorFlags): Promise<number> {
  const output = flags.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new UserError(`bad --output ${output}: use text or json`, 2);
  const conn = await connect({ ...flags, allNamespaces: false });
  try {
    return await runDoctor(conn.session.api, { namespace: conn.session.namespace, output, logLines: flags.logLines }, process.stdout);
  } catch (err) {
    // 1 means "findings": a diagnosis that could not be made is 2, so a grading script can tell them apart.
    const { describeError } = await import('../kube/errors.js');
    throw new UserError(`kdash doctor: ${describeError(err)}`, 2);
  } finally {
    await conn.close();
  }
}
