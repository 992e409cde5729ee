// :can-i — what this account may do in the namespace in view, from one SelfSubjectRulesReview, laid out
// like `kubectl auth can-i --list` (narrower): a student sees that roles are not theirs to list before trying.
import React, { useEffect, useState } from 'react';
import { sanitize } from '../../resources/format.js';
import { tabwrite } from '../../resources/tabWriter.js';
import { useServices } from '../context.js';
import type { RuleLine } from '../ports.js';
import type { ScreenEnv, ViewScreen } from '../screens.js';
import { TextScreen } from '../TextScreen.js';
import type { Command } from './types.js';

/**
 * One row per resource (sorted), what kubectl auth can-i --list says, narrower: RESOURCE and VERBS, the
 * object names a rule is limited to in NAMES when any is, and the non-resource URLs after.
 */
export function rulesText(user: string, namespace: string, r: { rules: RuleLine[]; incomplete: boolean; error?: string }): string {
  const head = `what ${user} may do in namespace ${namespace} (SelfSubjectRulesReview)`;
  if (r.error) return `${head}\n\ncannot tell: ${r.error}`;
  const named = r.rules.some((x) => x.resourceNames.length > 0);
  const rows: string[][] = [];
  const urls: string[][] = [];
  for (const rule of r.rules) {
    for (const res of rule.resources) rows.push([res, rule.verbs.join(' '), ...(named ? [rule.resourceNames.join(' ')] : [])]);
    for (const url of rule.nonResourceURLs) urls.push([url, rule.verbs.join(' ')]);
  }
  rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  urls.sort((a, b) => a[0].localeCompare(b[0]));
  const table = (cells: string[][]) => tabwrite(cells.map((c) => c.map((x) => sanitize(x)).join('\t')).join('\n'), { minWidth: 6, padding: 3 });
  const parts = [head, '', table([['RESOURCE', 'VERBS', ...(named ? ['NAMES'] : [])], ...rows])];
  if (urls.length) parts.push('', table([['NON-RESOURCE URL', 'VERBS'], ...urls]));
  if (r.incomplete) parts.push('', 'the server says this list is incomplete (another authorizer may allow more): kdash tries and shows the answer');
  return parts.join('\n');
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
