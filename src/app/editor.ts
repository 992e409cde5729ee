// The person's editor on a private temp file, as kubectl edit runs it: $KUBE_EDITOR, then $EDITOR,
// then vi; an editor given with arguments ("code --wait") runs through sh. The file is 0600 in a 0700
// directory of its own and removed after, also when kdash ends meanwhile (exit, signal, crash: the
// full-screen handlers end in process.exit, which runs the 'exit' hook here).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** kubectl's order (cmdutil editor.go): KUBE_EDITOR, EDITOR, then vi. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  for (const v of [env.KUBE_EDITOR, env.EDITOR]) if (v && v.trim()) return v.trim();
  return 'vi';
}

export interface EditorRun {
  /** 'inherit': the editor gets the terminal (kdash's screen handed over first); 'none': no terminal (a script, a GUI). */
  stdio: 'inherit' | 'none';
  env?: NodeJS.ProcessEnv;
}

/** Writes `text`, runs the editor on it, returns what was saved. Throws with one line when the editor fails. */
export async function editInEditor(text: string, fileName: string, run: EditorRun): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kdash-edit-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  try {
    const file = join(dir, fileName);
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    const editor = editorCommand(run.env);
    const args = ['-c', `${editor} "$1"`, 'kdash-edit', file];
    const env = run.env ?? process.env;
    const outcome = (c: number | null, sig: NodeJS.Signals | null, err: string): Error | undefined => {
      if (c === 127) return new Error(`editor "${editor}" not found: set KUBE_EDITOR or EDITOR`);
      if (c === 0) return undefined;
      const why = err.trim().split('\n').pop();
      return new Error(`editor "${editor}" ${sig ? `was stopped by ${sig}` : `exited with code ${c}`}${why ? `: ${why}` : ''}; nothing was changed`);
    };
    if (run.stdio === 'inherit') {
      // Waited for with the event loop held, as kubectl edit does: while the editor has the terminal,
      // nothing of kdash may read it. An asynchronous wait left Node reading stdin beside the editor
      // (a paused TTY stream keeps its read going), and typed keys went to one or the other.
      const r = spawnSync('/bin/sh', args, { stdio: 'inherit', env });
      if (r.error) throw r.error;
      const failed = outcome(r.status, r.signal, '');
      if (failed) throw failed;
    } else {
      await new Promise<void>((resolve, reject) => {
        // "$1" keeps the path one word whatever the editor's own arguments are.
        const child = spawn('/bin/sh', args, { stdio: ['ignore', 'ignore', 'pipe'], env });
        let err = '';
        child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
        child.on('error', reject);
        child.on('close', (c, sig) => {
          const failed = outcome(c, sig, err);
          if (failed) reject(failed);
          else resolve();
        });
      });
    }
    return readFileSync(file, 'utf8');
  } finally {
    remove();
    process.off('exit', remove);
  }
}
