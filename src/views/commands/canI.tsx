// :can-i — what this account may do in the namespace in view, from one SelfSubjectRulesReview, laid out
// like `kubectl auth can-i --list`: a student sees that roles are not theirs to list before trying.
import React, { useEffect, useState } from 'react';
import { sanitize } from '../../resources/format.js';
import { tabwrite } from '../../resources/tabWriter.js';
import { useServices } from '../context.js';
import type { RuleLine } from '../ports.js';
import type { ScreenEnv, ViewScreen } from '../screens.js';
import { TextScreen } from '../TextScreen.js';
import type { Command } from './types.js';

const list = (xs: string[]) => `[${xs.join(' ')}]`;

/** kubectl auth can-i --list: one row per resource (sorted), non-resource URLs after. */
export function rulesText(user: string, namespace: string, r: { rules: RuleLine[]; incomplete: boolean; error?: string }): string {
  const head = `what ${user} may do in namespace ${namespace} (SelfSubjectRulesReview)`;
  if (r.error) return `${head}\n\ncannot tell: ${r.error}`;
  const rows: string[][] = [];
  for (const rule of r.rules) {
    for (const res of rule.resources) rows.push([res, '[]', list(rule.resourceNames), list(rule.verbs)]);
    for (const url of rule.nonResourceURLs) rows.push(['', `[${url}]`, '[]', list(rule.verbs)]);
  }
  rows.sort((a, b) => (a[0] === '') !== (b[0] === '') ? (a[0] === '' ? 1 : -1) : a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  const table = tabwrite([['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'], ...rows].map((c) => c.map((x) => sanitize(x)).join('\t')).join('\n'), { minWidth: 6, padding: 3 });
  const note = r.incomplete ? '\n\nthe server says this list is incomplete (another authorizer may allow more): kdash tries and shows the answer' : '';
  return `${head}\n\n${table}${note}`;
}

function CanIScreen({ namespace, width, height, onBack }: { namespace: string } & ScreenEnv) {
  const { rules, info } = useServices();
  const [text, setText] = useState(`asking the server what ${info.user} may do in ${namespace}…`);
  useEffect(() => {
    let on = true;
    void rules(namespace).then((r) => on && setText(rulesText(info.user, namespace, r)));
    return () => void (on = false);
  }, [rules, namespace, info.user]);
  return <TextScreen title={`can-i — namespace ${namespace}`} text={text} width={width} height={height} onBack={onBack} />;
}

const canIScreen = (namespace: string): ViewScreen => ({ type: 'view', keys: 'text', crumb: 'can-i', render: (env) => <CanIScreen namespace={namespace} {...env} /> });

export const canI: Command = {
  id: 'canI',
  keys: [],
  title: 'what you may do in this namespace',
  views: ['any'],
  line: { names: ['can-i', 'cani', 'rules'] },
  run: ({ app }) => app.push(canIScreen(app.namespace)),
};
