// The real-target results as markdown (bench/results/real-latest.md) and the README's table.
import { round } from './text.mjs';

const n = (x, d = 0) => (x == null || !Number.isFinite(x) ? '—' : String(round(x, d)));
const ratio = (a, b) => (a == null || b == null || !b ? '—' : `${round(a / b, 2)}×`);
const load = (l) => (l ? l.map((x) => x.toFixed(1)).join(' ') : '—');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const yes = (ok) => (ok == null ? 'not measured' : ok ? 'yes' : '**no**');

function startupTable(rows) {
  return table(
    ['scenario', 'user', 'raw LIST ms', 'kubectl ms', 'kdash first rows ms', 'kdash full table ms', 'kdash --once ms', 'k9s full table ms', 'kdash/raw', 'kdash/k9s', 'kdash RSS MB', 'k9s RSS MB', 'kdash idle CPU %', 'k9s idle CPU %', 'load before → after'],
    rows.map((s) => [
      s.label,
      s.user,
      n(s.rawList?.ms),
      n(s.kubectl?.ms),
      n(s.kdash?.firstRowsMs),
      s.kdash?.error ?? n(s.kdash?.ms),
      n(s.once?.ms),
      s.k9s ? (s.k9s.error ?? n(s.k9s.ms)) : '—',
      ratio(s.kdash?.ms, s.rawList?.ms),
      ratio(s.kdash?.ms, s.k9s?.ms),
      n(s.kdash?.idle?.rssMb),
      n(s.k9s?.idle?.rssMb),
      n(s.kdash?.idle?.cpuPercent, 1),
      n(s.k9s?.idle?.cpuPercent, 1),
      `${load(s.load)} → ${load(s.loadAfter)}`,
    ]),
  );
}

export function targets(r) {
  const s10 = r.startup.find((s) => s.label === '10k in one namespace');
  const s1 = r.startup.find((s) => s.label === '1k in one namespace');
  const c100 = r.churn.find((c) => c.churn === 100);
  const frames = [...r.churn.map((c) => c.kdash?.frames?.p95)].filter((x) => x != null);
  const rows = [];
  rows.push(['first rows on screen ≤ 300 ms (10k)', `${n(s10?.kdash?.firstRowsMs)} ms`, yes(s10?.kdash?.firstRowsMs != null ? s10.kdash.firstRowsMs <= 300 : null)]);
  rows.push([
    'first full table ≤ 1.5× raw LIST and ≤ 0.25× k9s (10k)',
    `${n(s10?.kdash?.ms)} ms: ${ratio(s10?.kdash?.ms, s10?.rawList?.ms)} raw, ${ratio(s10?.kdash?.ms, s10?.k9s?.ms)} k9s`,
    yes(s10?.kdash?.ms != null && s10?.rawList?.ms ? s10.kdash.ms <= 1.5 * s10.rawList.ms && (s10.k9s?.ms == null || s10.kdash.ms <= 0.25 * s10.k9s.ms) : null),
  ]);
  rows.push(['1k pods, first full table ≤ 250 ms', `${n(s1?.kdash?.ms)} ms`, yes(s1?.kdash?.ms != null ? s1.kdash.ms <= 250 : null)]);
  rows.push(['`kdash --once` 10k ≤ 2× raw LIST (node start included)', `${n(s10?.once?.ms)} ms = ${ratio(s10?.once?.ms, s10?.rawList?.ms)}`, yes(s10?.once?.ms != null && s10?.rawList?.ms ? s10.once.ms <= 2 * s10.rawList.ms : null)]);
  rows.push(['RSS at 100 changes/s ≤ 150 MB (10k)', `${n(c100?.kdash?.rssMaxMb)} MB max`, yes(c100?.kdash?.rssMaxMb != null ? c100.kdash.rssMaxMb <= 150 : null)]);
  rows.push(['CPU at 100 changes/s ≤ 5% of a core', `${n(c100?.kdash?.cpuPercent, 1)} %`, yes(c100?.kdash?.cpuPercent != null ? c100.kdash.cpuPercent <= 5 : null)]);
  rows.push(['frame p95 ≤ 16 ms (under churn)', `${frames.map((x) => n(x, 1)).join(' / ')} ms`, yes(frames.length ? Math.max(...frames) <= 16 : null)]);
  rows.push(['recovery after an API server restart ≤ 5 s to live, 0 ghost rows', recoveryMeasured(r.recovery), yes(recoveryMet(r.recovery))]);
  rows.push(['the pod list is the first request, within 100 ms of launch (student, audit log)', r.audit ? `${r.audit.first?.verb} ${r.audit.first?.path} at ${n(r.audit.first?.ms)} ms; ${n(r.audit.beforeList)} requests before the pod list` : '—', yes(r.audit?.firstPodList ? r.audit.beforeList === 0 && r.audit.firstPodList.ms <= 100 : null)]);
  rows.push(['User-Agent kdash/VERSION on every request (audit log)', r.audit ? `${r.audit.userAgents.join(', ')} (${r.audit.requests} requests)` : '—', yes(r.audit ? r.audit.userAgents.length === 1 : null)]);
  return table(['target (real control plane)', 'measured', 'met'], rows);
}

/**
 * Live with the server's own count, timed from its first /readyz 200. The server answers requests a
 * while before /readyz passes, so kdash can be live again before it: that figure is then negative, and
 * the target is judged on the later of the two.
 */
function recoveryMeasured(rec) {
  if (!rec) return '—';
  if (rec.error) return rec.error;
  const live = rec.msToLive == null ? 'never live again' : rec.msToLive < 0 ? `live again ${n(-rec.msToLive)} ms before /readyz passed` : `live again ${n(rec.msToLive)} ms after /readyz`;
  const exact = rec.msToServerCount == null ? "the server's count never shown" : `the server's count ${n(rec.msToServerCount)} ms after /readyz`;
  return `${live}, ${exact}, ${n(rec.ghostRows)} ghost rows`;
}

function recoveryMet(rec) {
  if (!rec || rec.msToLive == null || rec.msToServerCount == null || rec.ghostRows == null) return null;
  return Math.max(rec.msToLive, rec.msToServerCount) <= 5000 && rec.ghostRows === 0;
}

const day = (iso) => iso.slice(0, 16).replace('T', ' ');
const partName = (p) => (p.only.length ? `\`--only ${p.only.join(' ')}\`` : 'the full run');

/**
 * A partial run (`--only … --merge`) put into the last full results: its rows replace the rows of the
 * same scenario (label, or churn rate), its audit and recovery replace theirs, and `parts` says which
 * run measured what, so every row keeps the date and load it was measured under.
 */
export function mergeRealResults(prev, part) {
  const replace = (old = [], fresh = [], key) => {
    const byKey = new Map(fresh.map((x) => [key(x), x]));
    const out = old.map((x) => byKey.get(key(x)) ?? x);
    for (const x of fresh) if (!old.some((o) => key(o) === key(x))) out.push(x);
    return out;
  };
  const label = (x) => x.label;
  const parts = prev.parts ?? [{ date: prev.date, only: [], loadAtStart: prev.loadAtStart, loadAtEnd: prev.loadAtEnd, seconds: prev.seconds, k9s: prev.k9s }];
  return {
    ...prev,
    date: part.date,
    loadAtStart: part.loadAtStart,
    loadAtEnd: part.loadAtEnd,
    seconds: part.seconds,
    k9s: part.k9s,
    startup: replace(prev.startup, part.startup, label),
    student: replace(prev.student, part.student, label),
    once: replace(prev.once, part.once, label),
    delayed: replace(prev.delayed, part.delayed, label),
    churn: replace(prev.churn, part.churn, (c) => c.churn),
    audit: part.audit ?? prev.audit,
    recovery: part.recovery ?? prev.recovery,
    notes: [...prev.notes, ...part.notes.map((x) => `${day(part.date)} (${partName(part)}): ${x}`)],
    parts: [...parts, { date: part.date, only: part.only, loadAtStart: part.loadAtStart, loadAtEnd: part.loadAtEnd, seconds: part.seconds, k9s: part.k9s }],
  };
}

export function realMarkdown(r) {
  const out = [`# kdash benchmark on a real control plane`, ''];
  if (r.parts) {
    out.push('Merged from runs of `npm run bench -- --target real` (each row carries the load it was measured under):', '');
    out.push(...r.parts.map((p) => `- ${day(p.date)} UTC, ${partName(p)} · k9s ${p.k9s} · load average at start ${load(p.loadAtStart)}, at end ${load(p.loadAtEnd)}${p.seconds ? ` · ${p.seconds} s` : ''}`), '');
    out.push(`${r.server}`, '');
  } else out.push(`${day(r.date)} UTC · ${r.server} · k9s ${r.k9s} · load average at start ${load(r.loadAtStart)}, at end ${load(r.loadAtEnd)}${r.seconds ? ` · ${r.seconds} s` : ''}`, '');
  if (r.scale && r.scale !== 1) out.push(`**A check of the run at --scale ${r.scale}: every pod count is ${r.scale}× what the labels say; these are not the figures.**`, '');
  out.push('Every tool runs in a 200×50 pseudo-terminal against the same kube-apiserver (HTTPS, token auth), one after the other in the same minute. Times are from the fork to the first screen with rows (first rows) and to the first screen whose title shows the full count (full table). The raw LIST is the paged LIST (500 a page) read and parsed by Node: the floor under any client. `--once` is the whole process, node start included.', '');
  out.push('## Start-up', '', startupTable(r.startup), '');
  if (r.student.length) out.push('## The namespace-restricted student (a Role in one namespace; nodes and namespaces are 403)', '', startupTable(r.student), '');
  if (r.delayed.length) {
    out.push('## A slow API server: 100 ms added to every request (TCP proxy)', '');
    out.push(table(['scenario', 'kdash first rows ms', 'kdash full table ms', 'kubectl ms', 'k9s full table ms', 'load'], r.delayed.map((d) => [d.label, n(d.kdash?.firstRowsMs), d.kdash?.error ?? n(d.kdash?.ms), n(d.kubectl?.ms), d.k9s ? (d.k9s.error ?? n(d.k9s.ms)) : '—', load(d.load)])), '');
  }
  if (r.audit) {
    out.push(`## What kdash asks first (student, ${r.audit.requests} requests in its first seconds, from the audit log)`, '');
    out.push(...r.audit.order.map((l) => `- ${l}`), '');
  }
  if (r.churn.length) {
    out.push('## Churn through the API (10k pods in one namespace)', '');
    out.push(
      table(
        ['changes/s asked (achieved)', 'kdash CPU %', 'k9s CPU %', 'kdash RSS MB (max)', 'k9s RSS MB (max)', 'kdash/k9s RSS', 'kdash frame p50/p95 ms', 'load'],
        r.churn.map((c) => [`${c.churn} (${n(c.achievedPerSecond)})`, n(c.kdash?.cpuPercent, 1), n(c.k9s?.cpuPercent, 1), `${n(c.kdash?.rssMb)} (${n(c.kdash?.rssMaxMb)})`, c.k9s ? `${n(c.k9s.rssMb)} (${n(c.k9s.rssMaxMb)})` : '—', ratio(c.kdash?.rssMb, c.k9s?.rssMb), `${n(c.kdash?.frames?.p50, 2)} / ${n(c.kdash?.frames?.p95, 2)}`, load(c.load)]),
      ),
      '',
    );
  }
  out.push('## Targets', '', targets(r), '');
  if (r.notes.length) out.push('## Notes', '', ...r.notes.map((x) => `- ${x}`), '');
  return `${out.join('\n')}\n`;
}

/** The README's short table: the headline figures and the load they were measured under. */
export function realReadmeTable(r) {
  const rows = [...r.startup, ...r.student].map((s) => [s.label + (s.user === 'student' ? '' : ''), n(s.rawList?.ms), n(s.kubectl?.ms), n(s.kdash?.firstRowsMs), n(s.kdash?.ms), n(s.once?.ms), s.k9s ? (s.k9s.error ?? n(s.k9s.ms)) : '—', ratio(s.kdash?.ms, s.k9s?.ms), load(s.load)]);
  const loads = [...r.startup, ...r.student].flatMap((s) => [s.load?.[0], s.loadAfter?.[0]]).filter((x) => x != null);
  const busy = loads.length && Math.max(...loads) > 3;
  return [
    `Measured ${r.parts ? r.parts.map((p) => `${p.date.slice(0, 10)} (${partName(p)})`).join(' and ') : r.date.slice(0, 10)} by \`npm run bench -- --target real\` (kube-apiserver v1.36.3 + etcd + kwok on this 2-core machine, k9s ${r.k9s}; full results in [bench/results/real-latest.md](bench/results/real-latest.md)):`,
    ...(busy ? ['', `**Preliminary: the machine was busy (1-minute load average up to ${Math.max(...loads).toFixed(0)} on 2 cores), so every absolute time is inflated; only ratios measured in the same minute carry over.**`] : []),
    '',
    table(['scenario', 'raw LIST ms', 'kubectl ms', 'kdash first rows ms', 'kdash full table ms', 'kdash --once ms', 'k9s ms', 'kdash/k9s', 'load'], rows),
    '',
    "The issue's targets on the real control plane (the embedded cluster's, for 50k pods, events and keys, are in bench/results/latest.md):",
    '',
    targets(r),
  ].join('\n');
}
