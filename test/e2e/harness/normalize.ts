// Makes kubectl/kdash output from two clusters comparable: names with random suffixes, ages, IPs, node
// names and column padding (which follows the widths of those values) are replaced by placeholders.
// Everything else must be identical; a line-level diff names what is not.

// kubectl ages as a short run produces them (2m30s, 45s, 3m); three-digit "minutes" are CPU quantities (250m).
const DURATION = /(?<=^|[\s(])(\d+s|\d+m\d+s|\d{1,2}m|\d+h(\d+m)?|\d+d(\d+h)?)(?=[\s)]|$)/g;

export function normalize(text: string, names: string[]): string {
  const owners = names.join('|');
  return text
    .replace(/\r/g, '')
    .split('\n')
    .map((line) =>
      line
        // pods of a replica set: name-<hash>-<5>; replica sets: name-<hash>; pods of a job: name-<5>
        .replace(new RegExp(`\\b(${owners})-[a-z0-9]{5,10}-[a-z0-9]{5}\\b`, 'g'), '$1-<rs>-<pod>')
        .replace(new RegExp(`\\b(${owners})-[a-z0-9]{5,10}\\b`, 'g'), '$1-<rs>')
        .replace(/\bpod-template-hash=[a-z0-9]+/g, 'pod-template-hash=<hash>')
        .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>')
        .replace(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(\/\d+)?\b/g, '<ip>')
        .replace(/\bkwok-node-\d\b/g, '<node>')
        .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\b/g, '<time>')
        .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}\b/g, '<time>')
        .replace(DURATION, '<age>')
        .replace(/<age> \(x\d+ over <age>\)/g, '<age>')
        .replace(/\s{2,}/g, '  ')
        .trimEnd(),
    )
    .join('\n')
    .replace(/^(Events:\n.+\n.+\n)((?:.+\n?)*)/m, (_all, head: string, rows: string) => head + sortedRows(rows))
    .trim();
}

/**
 * kubectl describe sorts events by a one-second timestamp with an unstable sort, so events of the
 * same second come in any order on either cluster; with their ages masked the order carries no
 * information, so the rows are compared as a set (each row must still match in its form).
 * Two more things in the rows follow timing rather than behaviour, on both clusters alike:
 * - a rolling update's step sizes depend on when new pods turn ready (with maxSurge 1 and
 *   maxUnavailable 1 the old replica set may go down by one or by two), so the counts of
 *   ScalingReplicaSet events are masked;
 * - once ten different messages of one reason arrive, the event recorder folds the rest into one
 *   "(combined from similar events)" event that carries the latest message, which is whichever step
 *   happened last.
 */
function sortedRows(rows: string): string {
  const end = rows.endsWith('\n') ? '\n' : '';
  const masked = rows
    .replace(/\n$/, '')
    .split('\n')
    .map((row) =>
      row
        .replace(/(\(combined from similar events\): ).*$/, '$1<latest message>')
        .replace(/(ScalingReplicaSet .* from )\d+ to \d+$/, '$1<n> to <n>'),
    );
  return [...new Set(masked)].sort().join('\n') + end;
}

/**
 * kdash appends usage columns when the cluster serves metrics.k8s.io; the embedded cluster does, the
 * real control plane (no metrics-server) does not. Compare the kubectl columns only.
 */
export function withoutMetricColumns(table: string): string {
  const lines = table.split('\n');
  const cells = lines[0].split('  ');
  const at = cells.indexOf('CPU');
  if (at < 0 || cells[at + 1] !== 'MEM') return table;
  return lines.map((l) => l.split('  ').slice(0, at).join('  ')).join('\n');
}

/** Table rows in a stable order (header first): row order follows the random names. */
export function sortedTable(text: string): string {
  const [head, ...rows] = text.split('\n');
  return [head, ...rows.sort()].join('\n');
}

/** Lines only on one side, in order (longest common subsequence). */
export function lineDiff(a: string, b: string, labels: [string, string]): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(`${labels[0]}: ${x[i++]}`);
    } else {
      out.push(`${labels[1]}: ${y[j++]}`);
    }
  }
  return out;
}
