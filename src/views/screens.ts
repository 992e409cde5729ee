// What the App's screen stack holds: a table of one kind in one scope, or any other view (describe,
// YAML, help, logs, charts, rollout…) as a value that renders itself. A command that opens a screen
// builds one of these in its own file; the App only stacks, crumbs and renders them.
import type React from 'react';
import type { ResourceKind } from '../resources/types.js';

/** One footer notice: an action's result, or why a key did nothing. */
export interface Flash {
  text: string;
  tone: 'ok' | 'error' | 'info';
}

export interface TableSpec {
  type: 'table';
  kind: ResourceKind;
  /** '' = all namespaces (or a cluster-scoped kind). */
  namespace: string;
  labelSelector?: string;
  fieldSelector?: string;
  ownerUid?: string;
  title?: string;
  filter?: string;
}

/** What a screen is given: its size, the way back, and the footer. */
export interface ScreenEnv {
  width: number;
  height: number;
  onBack(): void;
  say(text: string, tone?: Flash['tone']): void;
}

export interface ViewScreen {
  type: 'view';
  /** Which keys apply while it shows: 'text' (describe, YAML, logs, charts…) or 'help'. */
  keys: 'text' | 'help';
  /** Its place in the breadcrumbs, e.g. 'describe webnodb'. */
  crumb: string;
  render(env: ScreenEnv): React.ReactNode;
}

export type Screen = TableSpec | ViewScreen;

/** The rows a table is about: a cursor remembered for another scope only keeps an object found again. */
export function scopeOf(spec: TableSpec): string {
  return [spec.kind.id, spec.namespace, spec.labelSelector ?? '', spec.fieldSelector ?? '', spec.ownerUid ?? ''].join(':');
}

export function crumbOf(s: Screen): string {
  if (s.type === 'view') return s.crumb;
  return (s.kind.namespaced ? `${s.kind.id}(${s.namespace || 'all'})` : s.kind.id) + (s.title ? ` ${s.title}` : '');
}
