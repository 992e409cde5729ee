// e: edit an object in a real editor (a script set as $EDITOR that rewrites the file) against the
// embedded cluster — the dry-run diff before anything is sent, quota projection, YAML errors that
// reopen the editor, a conflict with someone else's change, and a no-op that sends nothing.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeployments, startRig, type Rig } from '../support/rig.js';
import { editorScript, type EditorScript } from '../support/editorScript.js';

let rig: Rig | undefined;
let editor: EditorScript | undefined;
const saved = { EDITOR: process.env.EDITOR, KUBE_EDITOR: process.env.KUBE_EDITOR };
beforeEach(() => {
  delete process.env.KUBE_EDITOR;
});
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
  editor?.remove();
  editor = undefined;
  process.env.EDITOR = saved.EDITOR;
  if (saved.KUBE_EDITOR === undefined) delete process.env.KUBE_EDITOR;
  else process.env.KUBE_EDITOR = saved.KUBE_EDITOR;
});

const deployment = (r: Rig, name: string) => r.sim.store.get('deployments.apps', 'vgauthier', name);
const useEditor = (body: string) => {
  editor = editorScript(body);
  process.env.EDITOR = editor.path;
};
const writes = (r: Rig) => r.sim.requests.mutating();

describe('edit in $EDITOR', () => {
  it('changes the image after a dry-run diff; y sends it and the rollout follows', async () => {
    rig = await startRig({ sim: { speed: 20 } });
    await openDeployments(rig);
    useEditor(`sed -i 's#image: vgauthier/webnodb:latest#image: vgauthier/webnodb:v2#' "$1"`);
    rig.sim.requests.reset();
    await rig.press('e');
    await rig.waitFor(/~ spec\.template\.spec\.containers\[name=webnodb\]\.image: vgauthier\/webnodb:latest → vgauthier\/webnodb:v2/);
    await rig.waitFor(/y apply · e edit again · Esc cancel/);
    // Only the dry run so far.
    expect(writes(rig)).toEqual([{ method: 'PUT', path: '/apis/apps/v1/namespaces/vgauthier/deployments/webnodb?dryRun=All' }]);
    expect(deployment(rig, 'webnodb')?.spec.template.spec.containers[0].image).toBe('vgauthier/webnodb:latest');
    await rig.press('y');
    await rig.waitFor(/rollout status deployments\/webnodb/);
    expect(deployment(rig, 'webnodb')?.spec.template.spec.containers[0].image).toBe('vgauthier/webnodb:v2');
    await rig.waitFor(/successfully rolled out/, 30_000);
  });

  it('warns about a replica count beyond the quota before anything is sent', async () => {
    rig = await startRig();
    await openDeployments(rig);
    useEditor(`sed -i 's#^  replicas: 3#  replicas: 40#' "$1"`);
    rig.sim.requests.reset();
    await rig.press('e');
    await rig.waitFor(/~ spec\.replicas: 3 → 40/);
    await rig.waitFor(/quota: 40 replicas need .* more .*quota left/);
    expect(writes(rig).every((w) => w.path.endsWith('?dryRun=All'))).toBe(true);
    await rig.press('esc');
    await rig.waitFor(/edit cancelled, nothing changed/);
    expect(deployment(rig, 'webnodb')?.spec.replicas).toBe(3);
  });

  it('reopens the editor on invalid YAML with the error on top and the text kept', async () => {
    rig = await startRig();
    await openDeployments(rig);
    // First round: break the YAML. Second round: record what the editor was given, then fix it.
    useEditor(`if [ ! -e "$DIR/round1" ]; then touch "$DIR/round1"; cp "$1" "$DIR/orig"; printf 'spec: [unclosed\\n' >> "$1"; exit 0; fi
cp "$1" "$DIR/second"; sed 's#^  replicas: 3#  replicas: 2#' "$DIR/orig" > "$1"`);
    rig.sim.requests.reset();
    await rig.press('e');
    await rig.waitFor(/~ spec\.replicas: 3 → 2/);
    const second = readFileSync(join(editor!.dir, 'second'), 'utf8');
    expect(second).toMatch(/^# kdash: YAML error: line \d+/);
    expect(second).toContain('spec: [unclosed');
    expect(writes(rig).every((w) => w.path.endsWith('?dryRun=All'))).toBe(true);
  });

  it('detects a conflict with a change made meanwhile, shows it, and re-edits on top of it', async () => {
    rig = await startRig();
    await openDeployments(rig);
    useEditor(`sed -i 's#^  replicas: 3#  replicas: 2#' "$1"`);
    await rig.press('e');
    await rig.waitFor(/y apply/);
    // Someone else changes the deployment while the diff is on screen.
    await rig.session.api.objects.patch(
      { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true },
      'vgauthier',
      'webnodb',
      { metadata: { labels: { owner: 'someone-else' } } },
    );
    rig.sim.requests.reset();
    await rig.press('y');
    await rig.waitFor(/was changed by someone else/);
    await rig.waitFor(/\+ metadata\.labels\.owner: someone-else/);
    expect(deployment(rig, 'webnodb')?.spec.replicas).toBe(3);
    // Their change stays; the person's edit is carried onto the current version.
    useEditor(`cp "$1" "$DIR/rebased"`);
    await rig.press('e');
    await rig.waitFor(/~ spec\.replicas: 3 → 2/);
    const rebased = readFileSync(join(editor!.dir, 'rebased'), 'utf8');
    expect(rebased).toContain('owner: someone-else');
    expect(rebased).toMatch(/^ {2}replicas: 2$/m);
    await rig.press('y');
    await rig.waitFor(/rollout status/);
    expect(deployment(rig, 'webnodb')?.spec.replicas).toBe(2);
    expect(deployment(rig, 'webnodb')?.metadata.labels?.owner).toBe('someone-else');
  });

  it('sends nothing when the file is saved unchanged', async () => {
    rig = await startRig();
    await openDeployments(rig);
    useEditor(`touch "$1"`);
    rig.sim.requests.reset();
    await rig.press('e');
    await rig.waitFor(/edit cancelled, nothing changed/);
    expect(rig.sim.requests.count('PUT') + rig.sim.requests.count('PATCH') + rig.sim.requests.count('POST')).toBe(0);
  });

  it('edits a config map from a private temp file (0600) that is gone after', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await rig.press(':');
    await rig.type('cm');
    await rig.press('enter');
    await rig.select(/^\s*webnodb-config\s/);
    useEditor(`echo "$1" > "$DIR/path"; stat -c %a "$1" > "$DIR/mode"; sed -i 's#^data:#data:\\n  EXTRA: "yes"#' "$1"`);
    await rig.press('e');
    await rig.waitFor(/\+ data\.EXTRA: yes/);
    expect(readFileSync(join(editor!.dir, 'mode'), 'utf8').trim()).toBe('600');
    expect(existsSync(readFileSync(join(editor!.dir, 'path'), 'utf8').trim())).toBe(false);
    await rig.press('y');
    await rig.waitFor(/configmap\/webnodb-config edited/);
    expect(rig.sim.store.get('configmaps', 'vgauthier', 'webnodb-config')?.data.EXTRA).toBe('yes');
  });

  it('is refused under --readonly before the editor opens', async () => {
    rig = await startRig({ readonly: true });
    await openDeployments(rig);
    useEditor(`touch "$DIR/opened"`);
    await rig.press('e');
    await rig.waitFor(/read-only mode — edit is off/);
    expect(existsSync(join(editor!.dir, 'opened'))).toBe(false);
  });
});
