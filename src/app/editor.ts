// The person's editor on a private temp file, as kubectl edit runs it: $KUBE_EDITOR, then $EDITOR,
// then vi; an editor given with arguments ("code --wait") runs through sh. The file is 0600 in a 0700
// directory of its own and removed after, also when kdash ends meanwhile (exit, signal, crash: the
// full-screen handlers end in process.exit, which runs the 'exit' hook here).
import { spawn } from 'node:child_process';
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
    const code = await new Promise<number>((resolve, reject) => {
      // "$1" keeps the path one word whatever the editor's own arguments are.
      const child = spawn('/bin/sh', ['-c', `${editor} "$1"`, 'kdash-edit', file], {
        stdio: run.stdio === 'inherit' ? 'inherit' : ['ignore', 'ignore', 'pipe'],
        env: run.env ?? process.env,
      });
      let err = '';
      child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
      child.on('error', reject);
      child.on('close', (c, sig) => {
        if (c === 127) reject(new Error(`editor "${editor}" not found: set KUBE_EDITOR or EDITOR`));
        else if (c !== 0) {
          const why = err.trim().split('\n').pop();
          reject(new Error(`editor "${editor}" ${sig ? `was stopped by ${sig}` : `exited with code ${c}`}${why ? `: ${why}` : ''}; nothing was changed`));
        } else resolve(0);
      });
    });
    void code;
    return readFileSync(file, 'utf8');
  } finally {
    remove();
    process.off('exit', remove);
  }
}
