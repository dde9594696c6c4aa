// Writes the scale benchmark's figures (data sizes, fill time, database size, p50/p95 per API per scale, growth, plans) into their section of docs/BENCHMARKS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { FillSummary } from './fill';
import type { Timing } from './timing';

export interface ScaleRun {
  scale: number;
  fillSeconds: number;
  summary: FillSummary;
  bytes: number;
  plans: { name: string; status: number; queries: { sql: string; plan: string[]; fullScans: string[]; ms?: number }[] }[];
  timings: Timing[];
  baselineAfter: Timing;
}

const pct = (s: number) => `${+(s * 100).toFixed(1)}%`;
const mb = (b: number) => `${(b / 1_048_576).toFixed(0)} MB`;
const TARGET_MS = 50;

export function section(runs: ScaleRun[]): string {
  const first = runs[0];
  const last = runs[runs.length - 1];
  const tables = Object.keys(first.summary.counts);
  const data = [
    `| | ${runs.map((r) => pct(r.scale)).join(' | ')} |`,
    `|---|${runs.map(() => '---').join('|')}|`,
    ...tables.map((t) => `| ${t} | ${runs.map((r) => r.summary.counts[t].toLocaleString('en')).join(' | ')} |`),
    `| database size | ${runs.map((r) => mb(r.bytes)).join(' | ')} |`,
    `| fill time | ${runs.map((r) => `${r.fillSeconds.toFixed(0)} s (${Object.entries(r.summary.seconds).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')})`).join(' | ')} |`,
  ].join('\n');
  const base = (r: ScaleRun) => Math.max(1e-3, (r.timings[0].p50 + r.baselineAfter.p50) / 2);
  const cell = (r: ScaleRun, t: Timing) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}${t.p95 > TARGET_MS ? ' ⚠' : ''} (${(t.p50 / base(r)).toFixed(1)}×)${t.ms.length < r.timings[0].ms.length ? ` [${t.ms.length} calls]` : ''}`;
  const growth = (name: string) => {
    if (runs.length < 2) return '';
    const a = first.timings.find((t) => t.name === name)!;
    const b = last.timings.find((t) => t.name === name)!;
    return ` | ${(b.p50 / a.p50).toFixed(2)} / ${(b.p95 / a.p95).toFixed(2)} (baseline-relative ${((b.p50 / base(last)) / (a.p50 / base(first))).toFixed(2)})`;
  };
  const timing = [
    `| API (status) | ${runs.map((r) => `${pct(r.scale)}: p50 / p95 ms (p50 × baseline)`).join(' | ')}${runs.length > 1 ? ` | growth ${pct(first.scale)} → ${pct(last.scale)}: p50 / p95` : ''} |`,
    `|---|${runs.map(() => '---').join('|')}${runs.length > 1 ? '|---' : ''}|`,
    ...last.timings.map((t) => `| ${t.name} (${t.status}) | ${runs.map((r) => cell(r, r.timings.find((x) => x.name === t.name)!)).join(' | ')}${growth(t.name)} |`),
    `| baseline again, at the end | ${runs.map((r) => `${r.baselineAfter.p50.toFixed(1)} / ${r.baselineAfter.p95.toFixed(1)}`).join(' | ')}${runs.length > 1 ? ' | |' : ''} |`,
  ].join('\n');
  const misses = last.timings.filter((t) => t.p95 > TARGET_MS).map((t) => t.name);
  const scans = last.plans.flatMap((p) => p.queries.flatMap((q) => q.fullScans.map((l) => `${p.name}: \`${l}\``)));
  // Each distinct read once (the session and access checks recur in every API), and which APIs ran it.
  const distinct: { sql: string; plan: string[]; apis: string[] }[] = [];
  for (const p of last.plans) {
    for (const q of p.queries) {
      const seen = distinct.find((d) => d.sql === q.sql);
      if (seen) seen.apis.push(p.name);
      else distinct.push({ sql: q.sql, plan: q.plan, apis: [p.name] });
    }
  }
  const ms = (q: { ms?: number }) => (q.ms === undefined ? '' : ` (${q.ms.toFixed(1)} ms)`);
  const byApi = last.plans.map((p) => `| ${p.name} | ${p.queries.map((q) => `Q${distinct.findIndex((d) => d.sql === q.sql) + 1}${ms(q)}`).join(', ')} |`).join('\n');
  const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();
  const plans = `| API | its reads (each alone, with this API's arguments: the median ms of 5 runs inside workerd) |\n|---|---|\n${byApi}\n\n${distinct
    .map((d, i) => `**Q${i + 1}**\n\n\`\`\`sql\n${oneLine(d.sql)}\n\`\`\`\n\n${d.plan.map((l) => `    ${l}`).join('\n')}`)
    .join('\n\n')}`;
  return `<!-- scale: written by npm run bench:scale -->
Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores (shared with other work), Node ${process.version}; each API warmed with 3 untimed calls, then ${first.timings[0].ms.length} sequential calls (5 for an API whose warm-up call took over a second, marked) against \`wrangler dev\` (worker \`edgeref-bench-scale\`) on the filled local D1. Times are in ms from the request to the whole body (to the first chunk for the CSV exports); "× baseline" divides by the p50 of \`GET /api/v1/session\` (authenticated, one small read) measured in the same run, before and after, so a busy machine shows as a slower baseline rather than a slower API.

Data (100% is 1,000,000 clicks, 100,000 customers, 10,000 partners with 30,000 invitations, 300,000 ledger entries, 20,000 leads over a year):

${data}

Target: every API ≤ ${TARGET_MS} ms p95 locally${misses.length ? `. Over it at ${pct(last.scale)} (⚠): ${misses.join(', ')}.` : ` — all within it at ${pct(last.scale)}.`}

${timing}

Full scans of a big table (clicks, customers, ledger_entries, payments, partner_daily_stats, invitation_daily_stats) without an index, at ${pct(last.scale)}: ${scans.length ? `\n\n${scans.map((s) => `- ${s}`).join('\n')}` : 'none.'}

<details><summary>Query plans at ${pct(last.scale)}: each distinct read the API ran (its SQL as recorded from the real handler, then SQLite's <code>EXPLAIN QUERY PLAN</code>)</summary>

${plans}

</details>
<!-- /scale -->`;
}

export function writeReport(file: string, runs: ScaleRun[]): void {
  const doc = readFileSync(file, 'utf8');
  const text = section(runs);
  const marked = /<!-- scale: written by npm run bench:scale -->[\s\S]*<!-- \/scale -->/;
  writeFileSync(file, marked.test(doc) ? doc.replace(marked, text) : `${doc.trimEnd()}\n\n## Scale: the dashboard and console APIs on a large program (\`npm run bench:scale\`)\n\n${text}\n`);
}
