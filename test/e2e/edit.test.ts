// Edit, roll back and apply against the real control plane, as the student: a real editor (a script
// set as $EDITOR that rewrites the file) drives the dashboard; the API server's audit log says what was
// sent; kubectl of the same release checks the result. Each test leaves webnodb as it found it
// (3 replicas of vgauthier/webnodb:latest).
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSessionFromKubeConfig } from '../../src/kube/session.js';
import { startRuntime, type Runtime } from '../../src/app/runtime.js';
import { createServices } from '../../src/app/services.js';
import { readonlySwitch, guardKubeConfig } from '../../src/app/readonlyGuard.js';
import { findKind } from '../../src/resources/registry.js';
import type { ResourceKind } from '../../src/resources/types.js';
import { App } from '../../src/views/App.js';
import { ServicesProvider } from '../../src/views/context.js';
import { renderApp, type Rendered } from '../support/render.js';
import { editorScript, type EditorScript } from '../support/editorScript.js';
import { api, e2e, kdash, kubeConfig, kubectl, NAMESPACE, waitForDeployment } from './support.js';

interface AuditEvent {
  auditID: string;
  verb: string;
  requestURI: string;
  user?: { username?: string };
}

/** The student's writes the API server recorded (dry runs included: their URI says dryRun=All). */
function studentWrites(): AuditEvent[] {
  const seen = new Map<string, AuditEvent>();
  for (const line of readFileSync(e2e().auditLogPath, 'utf8').split('\n')) {
    if (!line) continue;
    const ev = JSON.parse(line) as AuditEvent;
    if (ev.user?.username === 'vgauthier' && !['get', 'list', 'watch', 'create'].includes(ev.verb)) seen.set(ev.auditID, ev);
    if (ev.user?.username === 'vgauthier' && ev.verb === 'create' && !/selfsubject|accessreview/.test(ev.requestURI)) seen.set(ev.auditID, ev);
  }
  return [...seen.values()];
}

const student = api('student');
const deployments = findKind('deployments') as ResourceKind;
const webnodb = () => student.objects.get(deployments, NAMESPACE, 'webnodb');
const image = async () => (await webnodb()).spec.template.spec.containers[0].image as string;

let ui: (Rendered & { rt: Runtime }) | undefined;
let editor: EditorScript | undefined;
const savedEditor = process.env.EDITOR;

async function dashboard(): Promise<Rendered & { rt: Runtime }> {
  const kc = kubeConfig('student');
  const ro = readonlySwitch(false);
  guardKubeConfig(kc, ro);
  const session = await openSessionFromKubeConfig(kc, { namespace: NAMESPACE });
  const rt = startRuntime(session, { metricsIntervalMs: 60_000 });
  const services = createServices(session, rt, ro, { exit: () => undefined });
  const r = renderApp(
    React.createElement(ServicesProvider, {
      value: services,
      children: React.createElement(App, { columns: 140, rows: 40, initial: { type: 'table', kind: deployments, namespace: NAMESPACE } }),
    }),
    { columns: 140, rows: 40 },
  );
  await r.waitFor(/ webnodb\s+3\/3/, 60_000);
  for (let i = 0; i < 10 && !r.frame().split('\n').some((l) => /^>\s+webnodb\s/.test(l)); i++) await r.press('down');
  return { ...r, rt };
}

function useEditor(body: string): EditorScript {
  editor = editorScript(body);
  process.env.EDITOR = editor.path;
  return editor;
}

async function restore(): Promise<void> {
  // Back to the classroom's webnodb for the other files, whatever a test did.
  const d = await webnodb();
  if (d.spec.replicas !== 3 || d.spec.template.spec.containers[0].image !== 'vgauthier/webnodb:latest') {
    await student.objects.patch(deployments, NAMESPACE, 'webnodb', { spec: { replicas: 3, template: { spec: { containers: [{ name: 'webnodb', image: 'vgauthier/webnodb:latest' }] } } } }, 'strategic');
  }
  await waitForDeployment(student, 'webnodb', 3);
}

beforeAll(() => {
  delete process.env.KUBE_EDITOR;
});
afterEach(async () => {
  ui?.unmount();
  await ui?.rt.stop();
  ui = undefined;
  editor?.remove();
  editor = undefined;
  process.env.EDITOR = savedEditor;
  await restore();
});
afterAll(async () => {
  await kubectl(['delete', 'configmap', 'applied', '--ignore-not-found'], { user: 'admin' });
});

describe('edit on a real control plane', () => {
  it('an image change is dry-run first, then sent, and rolls out', async () => {
    ui = await dashboard();
    useEditor(`sed -i 's#image: vgauthier/webnodb:latest#image: vgauthier/webnodb:v2#' "$1"`);
    const before = studentWrites().length;
    await ui.press('e');
    await ui.waitFor(/~ spec\.template\.spec\.containers\[name=webnodb\]\.image: vgauthier\/webnodb:latest → vgauthier\/webnodb:v2/, 30_000);
    const dry = studentWrites().slice(before);
    expect(dry.map((e) => [e.verb, e.requestURI])).toEqual([['update', `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/webnodb?dryRun=All`]]);
    expect(await image()).toBe('vgauthier/webnodb:latest');
    await ui.press('y');
    await ui.waitFor(/rollout status deployments\/webnodb/, 30_000);
    await ui.waitFor(/successfully rolled out/, 90_000);
    expect((await kubectl(['get', 'deploy', 'webnodb', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).stdout).toBe('vgauthier/webnodb:v2');
  });

  it('a replica count beyond the quota is warned about and nothing is sent', async () => {
    ui = await dashboard();
    useEditor(`sed -i 's#^  replicas: 3#  replicas: 40#' "$1"`);
    const before = studentWrites().length;
    await ui.press('e');
    await ui.waitFor(/~ spec\.replicas: 3 → 40/, 30_000);
    await ui.waitFor(/quota: 40 replicas need 3\.7 CPU more \(4 CPU in all\); quota left: /);
    await ui.press('esc');
    await ui.waitFor(/edit cancelled, nothing changed/);
    expect(studentWrites().slice(before).every((e) => e.requestURI.includes('dryRun=All'))).toBe(true);
    expect((await webnodb()).spec.replicas).toBe(3);
  });

  it('invalid YAML reopens the editor with the error on top and the text kept', async () => {
    ui = await dashboard();
    const ed = useEditor(`if [ ! -e "$DIR/round1" ]; then touch "$DIR/round1"; cp "$1" "$DIR/orig"; printf 'spec: [unclosed\\n' >> "$1"; exit 0; fi
cp "$1" "$DIR/second"; cp "$DIR/orig" "$1"`);
    const before = studentWrites().length;
    await ui.press('e');
    await ui.waitFor(/edit cancelled, nothing changed/, 30_000);
    const second = readFileSync(join(ed.dir, 'second'), 'utf8');
    expect(second).toMatch(/^# kdash: YAML error: line \d+/);
    expect(second).toContain('spec: [unclosed');
    // Saved back as it was: a no-op, and the server was asked nothing.
    expect(studentWrites().slice(before)).toEqual([]);
  });

  it('a change made meanwhile is a conflict: nothing is overwritten', async () => {
    ui = await dashboard();
    useEditor(`sed -i 's#^  replicas: 3#  replicas: 2#' "$1"`);
    await ui.press('e');
    await ui.waitFor(/y apply/, 30_000);
    await kubectl(['label', 'deploy', 'webnodb', 'owner=someone-else']);
    await ui.press('y');
    await ui.waitFor(/was changed by someone else/, 30_000);
    await ui.waitFor(/\+ metadata\.labels\.owner: someone-else/);
    expect((await webnodb()).spec.replicas).toBe(3);
    await ui.press('esc');
    await kubectl(['label', 'deploy', 'webnodb', 'owner-']);
  });
});

describe('rollback to a chosen revision on a real control plane', () => {
  it('u on revision N restores revision N’s template (checked with kubectl rollout history)', async () => {
    for (const tag of ['v2', 'v3']) {
      await kubectl(['set', 'image', 'deploy/webnodb', `webnodb=vgauthier/webnodb:${tag}`]);
      await kubectl(['rollout', 'status', 'deploy/webnodb', '--timeout=90s']);
    }
    const history = (await kubectl(['rollout', 'history', 'deploy/webnodb'])).stdout;
    const revisions = [...history.matchAll(/^(\d+)\s/gm)].map((m) => Number(m[1]));
    // The revision running vgauthier/webnodb:v2, chosen by row (newest first).
    let target = 0;
    for (const n of revisions) {
      const t = (await kubectl(['rollout', 'history', 'deploy/webnodb', `--revision=${n}`, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).stdout;
      if (t === 'vgauthier/webnodb:v2') target = n;
    }
    expect(target).toBeGreaterThan(0);
    ui = await dashboard();
    await ui.press('h');
    await ui.waitFor(new RegExp(`> ${Math.max(...revisions)}\\*`), 30_000);
    const downs = [...revisions].sort((a, b) => b - a).indexOf(target);
    for (let i = 0; i < downs; i++) await ui.press('down');
    await ui.waitFor(new RegExp(`> ${target}\\s+vgauthier/webnodb:v2`));
    await ui.press('enter');
    await ui.waitFor(/~ spec\.containers\[name=webnodb\]\.image: vgauthier\/webnodb:v3 → vgauthier\/webnodb:v2/);
    await ui.press('u');
    await ui.waitFor(new RegExp(`roll back deployments/webnodb to revision ${target}\\? \\[y/N\\]`));
    await ui.press('y');
    await ui.waitFor(/rollout status deployments\/webnodb/, 30_000);
    await kubectl(['rollout', 'status', 'deploy/webnodb', '--timeout=90s']);
    const strip = (t: any) => {
      delete t.metadata?.labels?.['pod-template-hash'];
      return t;
    };
    const now = JSON.parse((await kubectl(['get', 'deploy', 'webnodb', '-o', 'json'])).stdout).spec.template;
    const latest = Math.max(...[...(await kubectl(['rollout', 'history', 'deploy/webnodb'])).stdout.matchAll(/^(\d+)\s/gm)].map((m) => Number(m[1])));
    const recorded = JSON.parse((await kubectl(['rollout', 'history', 'deploy/webnodb', `--revision=${latest}`, '-o', 'json'])).stdout).spec.template;
    expect(now.spec.containers[0].image).toBe('vgauthier/webnodb:v2');
    expect(strip(recorded)).toEqual(strip(now));
  });
});

describe('kdash apply on a real control plane', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdash-apply-'));
  const file = join(dir, 'app.yaml');
  const manifest = (a: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: "${a}"\n`;
  const get = async () => (await kubectl(['get', 'configmap', 'applied', '-o', 'jsonpath={.data.a}'])).stdout;

  it('--dry-run changes nothing; then creates, changes, and meets a conflict until --force-conflicts', async () => {
    writeFileSync(file, manifest('1'));
    const dry = await kdash(['apply', '-f', file, '--context', 'e2e-student', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`configmap/applied (namespace ${NAMESPACE}): will be created`);
    expect(dry.stdout).toContain('dry run: nothing was changed');
    expect((await kubectl(['get', 'configmap', 'applied', '--ignore-not-found'])).stdout).toBe('');

    const created = await kdash(['apply', '-f', file, '--context', 'e2e-student', '--yes']);
    expect(created.stdout).toContain('configmap/applied created');
    expect(await get()).toBe('1');
    const managers = (await kubectl(['get', 'configmap', 'applied', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}'])).stdout;
    expect(managers).toContain('kdash');

    writeFileSync(file, manifest('2'));
    const changed = await kdash(['apply', '-f', file, '--context', 'e2e-student', '--yes']);
    expect(changed.stdout).toContain('~ data.a: 1 → 2');
    expect(changed.stdout).toContain('configmap/applied serverside-applied');
    expect(await get()).toBe('2');

    // Another manager takes the field; kdash's next apply is a conflict until --force-conflicts.
    writeFileSync(join(dir, 'other.yaml'), manifest('9'));
    expect((await kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=other', '-f', join(dir, 'other.yaml')])).code).toBe(0);
    writeFileSync(file, manifest('3'));
    const conflict = await kdash(['apply', '-f', file, '--context', 'e2e-student', '--yes']);
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toContain('Apply failed with 1 conflict: conflict with "other": .data.a');
    expect(await get()).toBe('9');
    const forced = await kdash(['apply', '-f', file, '--context', 'e2e-student', '--yes', '--force-conflicts']);
    expect(forced.code).toBe(0);
    expect(await get()).toBe('3');
  });
});
