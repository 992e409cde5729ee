// The `?` screen, generated from the keymap so it can never disagree with what the keys do.
import { dumpDir, shortPath } from '../logs/saveLogs.js';
import { keymap, type Binding } from './keymap.js';

export function helpText(bindings: Binding[], readonly: boolean): string {
  const lines: string[] = [];
  const row = (keys: string, label: string) => lines.push(`  ${keys.padEnd(17)} ${label}`);
  lines.push('KEYS');
  for (const b of bindings) if (b.keys.length) row(b.keys.map((k) => `<${k}>`).join(' '), b.label + (b.dangerous ? ' (changes the cluster)' : ''));
  lines.push('', 'COMMANDS (type : then a command, Tab completes)');
  row(':pods :deploy :rs …', 'switch view (kubectl names and short names: po, deploy, rs, sts, ds, job, cj, svc, cm, no, ns, ev, quota)');
  row(':KIND NAMESPACE', 'a kind in another namespace; :KIND -A for all namespaces');
  row(':ns NAME', 'switch namespace');
  row(':quota :metrics', 'quota lines, usage charts of the namespace');
  row(':history', 'what this session did');
  if (!readonly) row(':down  :up', 'end-of-class shutdown, and bring it back');
  row(':readonly', 'turn every mutating key off for the rest of the session');
  row(':q', 'quit');
  lines.push('', 'FILTER (/)');
  row('/text', 'rows containing text (case-insensitive); regex when it contains regex syntax');
  row('/-l app=web', 'label selector (set-based too: env in (a,b), !canary)');
  row('/!text', 'rows NOT matching');
  lines.push('', 'DESCRIBE AND YAML (d, y): j/k, g/G, PgUp/PgDn scroll; long lines wrap under their value');
  for (const b of keymap) {
    if (b.views.includes('text') && !b.views.includes('table')) row(b.keys.map((k) => `<${k}>`).join(' '), b.label);
  }
  lines.push('', 'LOGS (l)');
  row('<c> <p>', 'pick the container; the previous (crashed) run');
  row('<t> <w> <s>', 'timestamps, wrap, autoscroll on/off');
  row('</> <n> <N>', 'search, next and previous match');
  row('<ctrl-s>', `save the lines held to ${shortPath(dumpDir())} ($KDASH_LOG_DIR, else $XDG_STATE_HOME/kdash/dumps)`);
  if (readonly) lines.push('', 'READ-ONLY: keys that change the cluster are hidden and refused.');
  return lines.join('\n');
}
