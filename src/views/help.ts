// The `?` screen, generated from the command registry so it can never disagree with what the keys do.
import { dumpDir, shortPath } from '../logs/saveLogs.js';
import type { ActionId } from '../resources/types.js';
import { activeCommands, shownIn } from './keymap.js';
import { FLASH_ERROR_MS, FLASH_MS } from './keyFeedback.js';
import type { Command } from './commands/types.js';

// Help lists the table keys of every kind, each marked where it changes the cluster.
const everyAction: ActionId[] = ['scale', 'restart', 'undo', 'history', 'pause', 'resume', 'rolloutStatus', 'logs', 'delete', 'kill', 'describe', 'yaml', 'metrics', 'shell', 'attach', 'portForward', 'down', 'secretKeys', 'diagnose'];

export function helpText(commands: readonly Command[], readonly: boolean): string {
  const lines: string[] = [];
  const row = (keys: string, label: string) => lines.push(`  ${keys.padEnd(17)} ${label}`);
  const keysOf = (c: Command) => c.keys.map((k) => `<${k}>`).join(' ');
  const active = activeCommands(commands, { view: 'table', readonly, actions: everyAction });
  lines.push('KEYS');
  for (const c of active) if (c.keys.length) row(keysOf(c), c.title + (c.dangerous ? ' (changes the cluster)' : ''));
  lines.push('', 'COMMANDS (type : then a command, Tab completes)');
  row(':pods :deploy :rs …', 'switch view (kubectl names and short names: po, deploy, rs, sts, ds, job, cj, svc, cm, no, ns, ev, quota)');
  row(':KIND NAMESPACE', 'a kind in another namespace; :KIND -A for all namespaces');
  row(':ns NAME', 'switch namespace (checked first); :ns alone lists them, or, if you may not list them, the ones known to work');
  for (const c of active) if (c.line) row(c.line.names.map((n) => `:${n}`).join(' '), c.line.help ?? c.title);
  lines.push('', 'FILTER (/)');
  row('/text', 'rows containing text (case-insensitive); regex when it contains regex syntax');
  row('/-l app=web', 'label selector (set-based too: env in (a,b), !canary)');
  row('/!text', 'rows NOT matching');
  lines.push('', 'DESCRIBE AND YAML (d, y): j/k, g/G, PgUp/PgDn scroll; long lines wrap under their value');
  for (const c of commands) if (shownIn(c, 'text') && !shownIn(c, 'table')) row(keysOf(c), c.title);
  lines.push('', 'LOGS (l)');
  row('<c> <p>', 'pick the container; the previous (crashed) run');
  row('<t> <w> <s>', 'timestamps, wrap, autoscroll on/off');
  row('</> <n> <N>', 'search, next and previous match');
  row('<ctrl-s>', `save the lines held to ${shortPath(dumpDir())} ($KDASH_LOG_DIR, else $XDG_STATE_HOME/kdash/dumps)`);
  lines.push('', "SECRETS (x on a secret: its keys; values never reach the table, describe, YAML or --once)");
  row('<enter> <x>', 'read the key under the cursor from the server, shown masked (refused with --readonly unless --allow-reveal)');
  row('<v>', 'show or mask it; binary values are described, never shown; Esc forgets it');
  lines.push('', 'SORT (k9s keys)');
  row('N A S C M R P', 'sort by NAME, AGE (events: LAST SEEN), STATUS, CPU, MEM, READY, NAMESPACE; the same key again inverts');
  row('', 'the class view: A last activity, S state, R pods, C/M quota use');
  row('< >', 'sort by the previous/next column on screen; the sorted header shows ↑ (ascending) or ↓');
  row('', 'by value, not text: 10/10 after 9/10, 1Gi after 900Mi, 2d after 5h; no arrow = kubectl order (namespace, name)');
  row('events', 'newest first (LAST SEEN↑, as k9s); A again gives kubectl --sort-by=.lastTimestamp (oldest first)');
  lines.push('', 'COLUMNS');
  row('CPU MEM', 'usage now (metrics.k8s.io, every 15 s): CPU in millicores (250m = a quarter of a core), MEM in Mi/Gi');
  row('%CPU/R %MEM/R', 'usage as a share of the requests (what the scheduler reserved and the quota counts)');
  row('%CPU/L %MEM/L', 'usage as a share of the limits (at 100% CPU is throttled, memory is OOM-killed); n/a: none set');
  row('READY R', 'READY: ready containers / all; RESTARTS "5 (75s ago)": restarts and when the last one was');
  row('0', 'all namespaces: NAMESPACE comes first (sort P, filter /name-of-namespace)');
  row('o', 'adds kubectl -o wide columns (IP, NODE, …); names are cut to make room, a note says what does not fit');
  row('narrow', 'columns give way: wide, %, CPU/MEM first, then long text (MESSAGE, IMAGES) is cut, names last, with …');
  lines.push('', 'HEADER');
  row('line 1', 'context │ server │ user (the kubeconfig\'s) │ namespace │ READ-ONLY, and the worst watch state (● live)');
  row('line 2', 'objects per watch, then the quota (always shown: bars, then numbers only at narrow widths)');
  row('narrow', 'gives way in this order: key hints, watch counts, the server, the user; the quota stays');
  lines.push('', 'DEMO CLUSTER');
  row('tricky-logger', 'a pod whose logs try to clear the screen, move the cursor, set the title and the');
  row('', 'clipboard: kdash shows those lines as plain text, so a log can never take over your terminal');
  lines.push('', 'HOW KEYS ANSWER');
  row('any key', 'always answers: a key with nothing to do here says why in the footer (unknown, not for this kind, read-only)');
  row('<esc> <q>', 'Esc in a filtered table clears the filter first, then goes back; q goes back, and quits at the top view');
  row('footer notices', `disappear after ${FLASH_MS / 1000} s (errors after ${FLASH_ERROR_MS / 1000} s, or at the next Esc)`);
  row('cursor', 'stays on the object you chose (by uid) across screens, sorts, filters and rows coming and going; if it is deleted, the footer says so and the cursor takes the next row');
  row('prompts', 'scale, restart, undo, delete and force-kill check the object again when you confirm: a change is shown and asked again, a deleted or re-created object is refused in words');
  if (readonly) lines.push('', 'READ-ONLY: keys that change the cluster are hidden and refused.');
  return lines.join('\n');
}
