// The results as markdown: every figure, the ratios kdash/kubectl and kdash/k9s, and the targets.
import { round } from './text.mjs';

const n = (x, d = 0) => (x == null || !Number.isFinite(x) ? '—' : String(round(x, d)));
const ratio = (a, b) => (a == null || b == null || !b ? '—' : `${round(a / b, 2)}×`);
const k = (pods) => (pods >= 1000 ? `${pods / 1000}k` : String(pods));
const table = (head, rows) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const load = (l) => (l ? l.map((x) => x.toFixed(1)).join(' ') : '—');

export function markdown(r) {
  const m = r.machine;
  const out = [];
  out.push(`# kdash benchmark (${r.kind})`, '');
  out.push(
    `${r.date.slice(0, 16).replace('T', ' ')} UTC · ${m.nproc} cores (${m.cpu}) · ${m.memoryGb} GB · node ${m.node} · kubectl ${m.kubectl ?? '?'} · ` +
      `k9s ${r.k9s.version ?? `not run (${r.k9s.skipped})`} · load average at start ${load(m.loadAtStart)}, at end ${load(m.loadAtEnd)}` +
      (r.seconds ? ` · ${r.seconds} s` : ''),
    '',
  );
  out.push('Every tool runs in a 200×50 pseudo-terminal against the same embedded API server (`kdash sim --scenario large`, its own process). Times are from process start (fork) to the first screen that shows the full pod count; kubectl is one `get pods -o json` (median of runs, discovery cache warm; it pages by 500 like kdash, and most of its time is its own decoding and printing). The raw HTTP LIST is the same paged LIST read and parsed by Node with no UI: the cost of the API server itself, the floor under any client.', '');

  if (r.watchListPair) {
    out.push('## WatchList or paged LIST (1k pods, the embedded cluster serving WatchList, then refusing it)', '');
    out.push(table(['first sync', 'first rows ms', 'full table ms', 'load'], Object.entries(r.watchListPair).map(([label, x]) => [label, n(x.firstRowsMs), n(x.fullMs), load(x.load)])), '');
  }
  if (r.startup.length) {
    out.push('## First full table, idle memory and CPU', '');
    out.push(
      table(
        ['pods', 'scope', 'nodes', 'raw HTTP LIST ms', 'kubectl LIST ms', 'kdash ms', 'k9s ms', 'kdash/kubectl', 'kdash/k9s', 'kdash RSS MB', 'k9s RSS MB', 'kdash idle CPU %', 'k9s idle CPU %', 'load'],
        r.startup.map((s) => [
          k(s.pods),
          `\`${s.scope}\``,
          s.nodes,
          n(s.rawList?.ms),
          n(s.kubectl?.ms),
          s.kdash?.error ? s.kdash.error : n(s.kdash?.ms),
          s.k9s ? (s.k9s.error ?? n(s.k9s.ms)) : '—',
          ratio(s.kdash?.ms, s.kubectl?.ms),
          ratio(s.kdash?.ms, s.k9s?.ms),
          n(s.kdash?.idle?.rssMb),
          n(s.k9s?.idle?.rssMb),
          n(s.kdash?.idle?.cpuPercent, 1),
          n(s.k9s?.idle?.cpuPercent, 1),
          load(s.load),
        ]),
      ),
      '',
    );
    out.push('kdash runs: ' + r.startup.map((s) => `${k(s.pods)} ${s.scope}: ${s.kdash?.runs?.join(', ') ?? '—'} ms`).join('; ') + ' (the second run has the frame-timing hook loaded).', '');
    out.push('## kdash frames and event-to-screen (no churn)', '');
    out.push(
      table(
        ['pods', 'scope', 'frames', 'render p50 ms', 'p95 ms', 'max ms', 'event-loop delay p99 (worst second) ms', 'event p50 ms', 'event p95 ms', 'events missed'],
        r.startup.map((s) => [k(s.pods), `\`${s.scope}\``, n(s.kdashFrames?.frames), n(s.kdashFrames?.p50, 2), n(s.kdashFrames?.p95, 2), n(s.kdashFrames?.max, 1), n(s.kdashFrames?.loopDelayP99Max, 0), n(s.kdashEvents?.p50), n(s.kdashEvents?.p95), s.kdashEvents ? (s.kdashEvents.error ?? n(s.kdashEvents.missed)) : '—']),
      ),
      '',
    );
  }

  if (r.churn.length) {
    out.push(`## Steady state under churn (${k(r.churn[0].pods)} pods in one namespace)`, '');
    out.push(
      table(
        ['changes/s', 'kdash CPU % of a core', 'k9s CPU %', 'kdash/k9s CPU', 'kdash RSS MB (max)', 'k9s RSS MB (max)', 'kdash/k9s RSS', 'frame p50/p95/max ms', 'event p50/p95 ms (missed)', 'load'],
        r.churn.map((c) => [
          c.churn,
          n(c.kdash?.cpuPercent, 1),
          n(c.k9s?.cpuPercent, 1),
          ratio(c.kdash?.cpuPercent, c.k9s?.cpuPercent),
          `${n(c.kdash?.rssMb)} (${n(c.kdash?.rssMaxMb)})`,
          c.k9s ? `${n(c.k9s.rssMb)} (${n(c.k9s.rssMaxMb)})` : '—',
          ratio(c.kdash?.rssMb, c.k9s?.rssMb),
          `${n(c.kdash?.frames?.p50, 2)} / ${n(c.kdash?.frames?.p95, 2)} / ${n(c.kdash?.frames?.max, 1)}`,
          c.kdash?.events?.error ?? `${n(c.kdash?.events?.p50)} / ${n(c.kdash?.events?.p95)} (${n(c.kdash?.events?.missed)})`,
          load(c.load),
        ]),
      ),
      '',
    );
  }

  for (const kr of r.keys) {
    out.push(`## Keys at ${k(kr.pods)} pods (\`${kr.scope}\`), key to the frame showing its effect`, '');
    out.push(table(['key', 'samples', 'p50 ms', 'p95 ms', 'max ms'], Object.entries(kr.keys).map(([name, v]) => [name, `${v.samples}${v.missed ? ` (${v.missed} missed)` : ''}`, n(v.p50), n(v.p95), n(v.max)])), '');
  }

  if (r.logs) {
    const l = r.logs;
    out.push('## Log view at 10,000 lines/s (real controller and Ink LogView, fake kubelet)', '');
    out.push(
      l.error
        ? l.error
        : table(
            ['seconds', 'lines sent', 'lost', 'evicted from ring', 'frames', 'frame p50/p95/max ms', 'loop delay p95 ms', 'RSS MB first→last', 'heap growth 2nd half MB', 'CPU %'],
            [[l.seconds, l.sent, l.lost, l.evicted, l.frames, `${n(l.frameMs.p50, 2)} / ${n(l.frameMs.p95, 2)} / ${n(l.frameMs.max, 1)}`, n(l.loopDelayMs.p95, 1), `${n(l.rssMb[0])}→${n(l.rssMb.at(-1))}`, n(l.heapGrowthSecondHalfMb, 1), n(l.cpuPercent, 0)]],
          ),
      '',
    );
  }

  out.push('## Targets', '');
  out.push(table(['target', 'measured', 'holds'], targets(r)), '');
  if (r.notes.length) out.push('## Notes', '', ...r.notes.map((x) => `- ${x}`), '');
  return `${out.join('\n')}\n`;
}

function targets(r) {
  const rows = [];
  const yes = (ok) => (ok == null ? 'not measured' : ok ? 'yes' : '**no**');
  const s10 = r.startup.find((s) => s.pods === 10_000 && s.namespaces === 1) ?? r.startup[0];
  if (s10) {
    const kd = s10.kdash?.ms;
    const kc = s10.kubectl?.ms;
    const k9 = s10.k9s?.ms;
    rows.push([`first full table ≤ 1.3 × kubectl LIST (${k(s10.pods)})`, `${n(kd)} ms vs ${n(kc)} ms = ${ratio(kd, kc)}`, yes(kd != null && kc ? kd <= 1.3 * kc : null)]);
    rows.push([`first full table ≤ 0.3 × k9s (${k(s10.pods)})`, k9 ? `${n(kd)} ms vs ${n(k9)} ms = ${ratio(kd, k9)}` : 'k9s not run', yes(kd != null && k9 ? kd <= 0.3 * k9 : null)]);
  }
  const c100 = r.churn.find((c) => c.churn === 100) ?? r.churn[0];
  const ev = c100?.kdash?.events ?? s10?.kdashEvents;
  rows.push([`event-to-screen p95 ≤ 250 ms${c100 ? ` (churn ${c100.churn}/s)` : ''}`, ev ? `p50 ${n(ev.p50)} ms, p95 ${n(ev.p95)} ms, ${n(ev.missed)} missed` : '—', yes(ev?.p95 != null ? ev.p95 <= 250 && !ev.missed : null)]);
  const fr = r.startup.filter((s) => s.kdashFrames?.p95 != null);
  const frameAll = [...fr.map((s) => s.kdashFrames.p95), ...r.churn.map((c) => c.kdash?.frames?.p95).filter((x) => x != null)];
  rows.push(['frame p95 ≤ 16 ms, independent of pod count', [...fr.map((s) => `${k(s.pods)} ${s.scope}: ${n(s.kdashFrames.p95, 1)}`), ...r.churn.map((c) => `churn ${c.churn}: ${n(c.kdash?.frames?.p95, 1)}`)].join('; ') + ' ms', yes(frameAll.length ? Math.max(...frameAll) <= 16 : null)]);
  const rss = c100?.kdash?.rssMaxMb ?? s10?.kdash?.idle?.rssMb;
  const rssK9 = c100?.k9s?.rssMaxMb ?? s10?.k9s?.idle?.rssMb;
  rows.push([`RSS ≤ 200 MB and below k9s (${c100 ? `${k(c100.pods)}, churn ${c100.churn}/s, max` : 'idle'})`, `kdash ${n(rss)} MB, k9s ${n(rssK9)} MB`, yes(rss != null ? rss <= 200 && (rssK9 == null || rss < rssK9) : null)]);
  const cpu = r.churn.find((c) => c.churn === 100)?.kdash?.cpuPercent;
  rows.push(['≤ 25% of one core at 100 changes/s', `${n(cpu, 1)} %`, yes(cpu != null ? cpu <= 25 : null)]);
  const big = r.keys.find((x) => x.pods >= 50_000) ?? r.keys.at(-1);
  if (big) {
    const worst = Math.max(...Object.values(big.keys).map((v) => v.p95 ?? Infinity));
    rows.push([`${k(big.pods)} pods usable: scroll and filter < 100 ms per key (p95)`, Object.entries(big.keys).map(([name, v]) => `${name} ${n(v.p95)}`).join('; ') + ' ms', yes(Number.isFinite(worst) ? worst < 100 : false)]);
  } else rows.push(['50k pods usable: scroll and filter < 100 ms per key', '—', 'not measured']);
  // Issue 19's targets that only the embedded cluster measures (50k pods, events, keys).
  // Judged at 10k (the issue's scale): under churn and without; 1k and 50k are shown beside.
  const at10k = [ev?.p95, s10?.kdashEvents?.p95].filter((x) => x != null);
  rows.push([`event-to-screen p95 ≤ 150 ms at 10k (issue 19)${c100 ? `: churn ${c100.churn}/s` : ''}; without churn`, `${ev ? `${n(ev.p95)} ms` : '—'}; ${r.startup.filter((s) => s.kdashEvents?.p95 != null).map((s) => `${k(s.pods)} ${s.scope}: ${n(s.kdashEvents.p95)} ms`).join(', ') || '—'}`, yes(at10k.length ? Math.max(...at10k) <= 150 : null)]);
  if (big) {
    const worst = Math.max(...Object.values(big.keys).map((v) => v.p95 ?? Infinity));
    rows.push([`keys at ${k(big.pods)} (j, PgDn, filter) p95 ≤ 50 ms (issue 19)`, `worst ${n(worst)} ms`, yes(Number.isFinite(worst) ? worst <= 50 : false)]);
  }
  const s50 = r.startup.find((s) => s.pods === 50_000 && s.namespaces === 1);
  rows.push(['RSS at 50k ≤ 300 MB (issue 19; idle after the full table, the churn runs are at 10k)', s50 ? `${n(s50.kdash?.idle?.rssMb)} MB` : '—', yes(s50?.kdash?.idle?.rssMb != null ? s50.kdash.idle.rssMb <= 300 : null)]);
  if (r.logs && !r.logs.error) rows.push(['log view 10k lines/s: no line lost, memory flat', `lost ${r.logs.lost}, heap growth ${n(r.logs.heapGrowthSecondHalfMb, 1)} MB over the 2nd half`, yes(r.logs.lost === 0)]);
  return rows;
}
