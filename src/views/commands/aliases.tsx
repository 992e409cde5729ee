// :aliases — every name the command bar takes for each kind (what the server's discovery lists, and
// the user's own from ~/.config/kdash/aliases.yaml), as k9s' alias view: a student sees `:ing`, `:pvc`,
// `:hpa` exist before trying them.
import React, { useEffect, useState } from 'react';
import { apiVersionOf, findKind, knownKinds, qualifiedName, userAliasList } from '../../resources/registry.js';
import { sanitize } from '../../resources/format.js';
import { tabwrite } from '../../resources/tabWriter.js';
import { useServices } from '../context.js';
import type { ScreenEnv, ViewScreen } from '../screens.js';
import { TextScreen } from '../TextScreen.js';
import type { Command } from './types.js';

/** RESOURCE, APIVERSION and NAMES of every known kind, then the user's aliases. */
export function aliasesText(aliasesFile: string): string {
  const rows = [['RESOURCE', 'APIVERSION', 'NAMES']];
  const kinds = [...knownKinds()].sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b)));
  for (const k of kinds) {
    // Only the names that lead here (`ev` is core events, not events.k8s.io's), and the full name always.
    const names = Array.from(new Set([...k.aliases, k.kind.toLowerCase(), qualifiedName(k)]))
      .filter((n) => n === qualifiedName(k) || findKind(n) === k)
      .sort((a, b) => a.length - b.length || a.localeCompare(b));
    rows.push([qualifiedName(k), apiVersionOf(k), names.join(', ')]);
  }
  const own = userAliasList();
  const lines = [tabwrite(rows.map((r) => r.map((c) => sanitize(c)).join('\t')).join('\n'), { minWidth: 6, padding: 3 })];
  lines.push('', own.length ? `your aliases (${aliasesFile}):` : `no aliases of your own${aliasesFile ? ` (${aliasesFile}, lines like "dp: deployments")` : ''}`);
  for (const [a, target] of own) lines.push(`  ${sanitize(a)}: ${sanitize(target)}`);
  return lines.join('\n');
}

function AliasesScreen({ width, height, onBack }: ScreenEnv) {
  const { kinds } = useServices();
  const [, setLoaded] = useState(0);
  useEffect(() => {
    let on = true;
    kinds.load().then(
      () => on && setLoaded((n) => n + 1),
      () => undefined,
    );
    return () => void (on = false);
  }, [kinds]);
  return <TextScreen title="aliases — every resource name" text={aliasesText(kinds.aliasesFile)} width={width} height={height} onBack={onBack} />;
}

const aliasesScreen = (): ViewScreen => ({ type: 'view', keys: 'text', crumb: 'aliases', render: (env) => <AliasesScreen {...env} /> });

export const aliases: Command = {
  id: 'aliases',
  keys: [],
  title: 'every resource name and alias',
  views: ['any'],
  line: { names: ['aliases', 'alias', 'a'] },
  run: ({ app }) => app.push(aliasesScreen()),
};
