// Runs one case of apiParityCases.ts against a target and asserts each step's answer with vitest.
import { expect } from 'vitest';
import type { HttpStep, KubectlStep, ParityCase, ParityTarget } from './apiParityCases.js';

/** Warning headers ("299 - \"text\"", possibly several joined by ", ") as their texts. */
export function warningTexts(headers: Headers): string[] {
  const raw = headers.get('warning');
  if (!raw) return [];
  return [...raw.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));
}

const matches = (actual: string, want: string | RegExp) => (typeof want === 'string' ? expect(actual.trim()).toBe(want) : expect(actual).toMatch(want));

async function httpStep(t: ParityTarget, step: HttpStep, rvs: Array<string | undefined>): Promise<void> {
  const deadline = Date.now() + (step.untilMs ?? 0);
  const answered = rvs.length;
  for (;;) {
    try {
      return await httpStepOnce(t, step, rvs);
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      rvs.length = answered; // a step answers once, whatever its tries
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function httpStepOnce(t: ParityTarget, step: HttpStep, rvs: Array<string | undefined>): Promise<void> {
  const res = await t.http(step.http);
  let body: any;
  try {
    body = JSON.parse(res.text);
  } catch {
    body = undefined;
  }
  rvs.push(body?.metadata?.resourceVersion);
  const e = step.expect;
  if (!e) return;
  const what = `${step.http.method} ${step.http.path} → ${res.status} ${res.text.slice(0, 400)}`;
  if (e.status !== undefined) expect(res.status, what).toBe(e.status);
  if (e.reason !== undefined) expect(body?.reason, what).toBe(e.reason);
  if (e.message !== undefined) matches(body?.message ?? '', e.message);
  if (e.causes) expect(body?.details?.causes?.map((c: any) => [c.field, c.reason, c.message]), what).toEqual(e.causes);
  if (e.details) expect(body?.details, what).toEqual(e.details);
  if (e.warnings) expect(warningTexts(res.headers), what).toEqual(e.warnings);
  if (e.text !== undefined) matches(res.text, e.text);
  if (e.sameRvAs !== undefined) expect(body?.metadata?.resourceVersion, what).toBe(rvs[e.sameRvAs]);
  e.check?.(body);
}

async function kubectlStep(t: ParityTarget, step: KubectlStep, rvs: Array<string | undefined>): Promise<void> {
  const r = await t.kubectl(step.kubectl, step.stdin);
  let rv: string | undefined;
  try {
    rv = JSON.parse(r.stdout)?.metadata?.resourceVersion;
  } catch {
    rv = undefined;
  }
  rvs.push(rv);
  const e = step.expect;
  if (!e) return;
  const what = `kubectl ${step.kubectl.join(' ')} → ${r.code}\n${r.stdout.slice(0, 400)}\n${r.stderr.slice(0, 600)}`;
  if (e.code !== undefined) expect(r.code, what).toBe(e.code);
  if (e.stdout !== undefined) matches(r.stdout, e.stdout);
  if (e.stderr !== undefined) matches(r.stderr, e.stderr);
}

export async function runCase(t: ParityTarget, c: ParityCase): Promise<void> {
  const rvs: Array<string | undefined> = [];
  for (const step of c.steps) {
    if ('http' in step) await httpStep(t, step, rvs);
    else await kubectlStep(t, step, rvs);
  }
}
