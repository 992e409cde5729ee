// The real kubectl (the e2e suite's, of the control plane's release) run as a student types it: a whole
// command line through sh, against a kubeconfig. Tests use it to break things the way students do and
// to paste the fix a diagnosis suggests, exactly as printed.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { binDir } from '../e2e/harness/paths.js';

export const KUBECTL_DIR = [binDir()].find((d) => existsSync(join(d, 'kubectl')));

export interface ShellRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `line` (e.g. `kubectl set image deploy/web web=nginx:1.25 -n ns`) with KUBECONFIG=kubeconfig. */
export function shell(line: string, kubeconfig: string, input?: string): Promise<ShellRun> {
  if (!KUBECTL_DIR) throw new Error('no kubectl: run bash test/e2e/build.sh first');
  return new Promise((resolve) => {
    const child = execFile('sh', ['-c', line], { env: { ...process.env, PATH: `${KUBECTL_DIR}:${process.env.PATH}`, KUBECONFIG: kubeconfig }, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}
