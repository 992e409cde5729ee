// A real editor for tests: an executable shell script set as $EDITOR that rewrites the file it is
// given ($1), as a person would in vi. Each script gets its own directory (for state between runs).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EditorScript {
  path: string;
  dir: string;
  remove(): void;
}

/** `body` is sh run with the file as $1 and the script's directory as $DIR. */
export function editorScript(body: string): EditorScript {
  const dir = mkdtempSync(join(tmpdir(), 'kdash-test-editor-'));
  const path = join(dir, 'editor.sh');
  writeFileSync(path, `#!/bin/sh\nDIR='${dir}'\nset -e\n${body}\n`);
  chmodSync(path, 0o755);
  return { path, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
