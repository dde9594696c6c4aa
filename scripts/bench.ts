// `npm run bench`: the redirect's throughput against a bare 302 on the same worker, same machine, same run.
// Starts wrangler dev in bench mode on a fresh local D1, loads both routes with autocannon (50 connections,
// a warm-up, then interleaved rounds), checks that every answered click was recorded, and writes docs/BENCHMARKS.md.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { seed } from './seed';
import { localSecretArgs } from './local-vars';

const port = Number(process.env.BENCH_PORT ?? 8797);
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const roundSeconds = Number(process.env.BENCH_ROUND_SECONDS ?? 2); // 6 rounds of 2 s: 12 s per route
const checkRequests = Number(process.env.BENCH_CHECK_REQUESTS ?? 5000);
const connections = 50;
const origin = `http://127.0.0.1:${port}`;
const state = mkdtempSync(join(tmpdir(), 'edgeref-bench-'));
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_SEND_METRICS: 'false' };

function d1(sql: string): number {
  const out = execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', sql], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out)[0].results[0].n as number;
}

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non3xx: number;
  errors: number;
}

type Run = Figures & { seconds: number };

/**
 * A timed run (duration in seconds), or a counted one (amount requests, every answer awaited and counted). Only
 * timed runs give throughput: autocannon ends a counted run on its one-second tick.
 */
async function load(path: string, run: { duration: number } | { amount: number }): Promise<Run> {
  // Timed here: autocannon reports its duration in whole seconds, far too coarse for a 2-second round.
  const started = performance.now();
  const r = await autocannon({
    url: `${origin}${path}`,
    connections,
    ...run,
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36' },
  });
  return {
    requests: r['3xx'],
    rps: r['3xx'] / ((performance.now() - started) / 1000),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non3xx: r['1xx'] + r['2xx'] + r['4xx'] + r['5xx'],
    errors: r.errors + r.timeouts,
    seconds: (performance.now() - started) / 1000,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rounds pooled: total answers over total time; latency percentiles as the median of the rounds'. */
function pool(runs: Run[]): Run {
  const sum = (f: (r: Run) => number) => runs.reduce((n, r) => n + f(r), 0);
  const seconds = sum((r) => r.seconds);
  return {
    requests: sum((r) => r.requests),
    rps: sum((r) => r.requests) / seconds,
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non3xx: sum((r) => r.non3xx),
    errors: sum((r) => r.errors),
    seconds,
  };
}

execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { env, stdio: 'ignore' });
await seed('http://127.0.0.1:8788', state);
const worker = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state, '--var', 'BENCH:1', ...localSecretArgs(), '--log-level', 'warn'], {
  env,
  detached: true,
  stdio: 'ignore',
});
const stop = () => {
  try {
    process.kill(-worker.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
};
process.on('exit', stop);

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${origin}/__bench/302`, { redirect: 'manual' })).status === 302) break;
    } catch {
      // not listening yet
    }
    if (i > 240) throw new Error('wrangler dev did not start');
    await sleep(250);
  }

  console.log(`Warming up, then ${rounds} interleaved rounds of ${roundSeconds} s per route at ${connections} connections…`);
  await load('/__bench/302', { duration: 3 });
  await load('/r/DEMO', { duration: 3 });
  // Throughput: timed rounds that alternate between the routes (and in which goes first), so both see the same
  // noise from a shared machine.
  const baselineRounds: Run[] = [];
  const redirectRounds: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) baselineRounds.push(await load('/__bench/302', { duration: roundSeconds }));
    redirectRounds.push(await load('/r/DEMO', { duration: roundSeconds }));
    if (i % 2 === 1) baselineRounds.push(await load('/__bench/302', { duration: roundSeconds }));
  }
  const roundRatios = redirectRounds.map((r, i) => r.rps / baselineRounds[i].rps);
  console.log(`per-round ratios: ${roundRatios.map((x) => x.toFixed(2)).join(' ')}`);
  const baseline = pool(baselineRounds);
  const redirect = pool(redirectRounds);

  // Every click recorded: a counted run (every answer awaited, none left in flight when a clock stops), then the
  // clicks that landed in D1 are compared with the 302s answered. Batches flush a few ms after their requests.
  await sleep(1000);
  const before = d1('SELECT count(*) AS n FROM clicks');
  const counted = await load('/r/DEMO', { amount: checkRequests });
  let recorded = 0;
  for (let i = 0; i < 40; i++) {
    await sleep(250);
    recorded = d1('SELECT count(*) AS n FROM clicks') - before;
    if (recorded >= counted.requests) break;
  }
  const ratio = redirect.rps / baseline.rps;
  const everyClick = recorded === counted.requests && counted.requests === checkRequests && counted.non3xx + counted.errors === 0 && redirect.non3xx + redirect.errors === 0;

  const row = (name: string, f: Figures & { seconds: number }) =>
    `| ${name} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.seconds.toFixed(1)} | ${f.requests} | ${f.non3xx + f.errors} |`;
  const table = [
    '| route | req/s | p50 ms | p99 ms | seconds | answered (302) | other answers or errors |',
    '|---|---|---|---|---|---|---|',
    row('baseline: bare 302 (`/__bench/302`)', baseline),
    row('invitation link (`/r/DEMO`)', redirect),
  ].join('\n');
  const verdict = `**Ratio: ${ratio.toFixed(2)}** of the baseline's throughput (target ≥ 0.80). Click check: ${recorded} clicks recorded for ${counted.requests} of ${checkRequests} requests answered with 302${everyClick ? ' — every click recorded.' : ' — MISMATCH.'}`;
  console.log(`\n${table}\n\n${verdict}`);

  const md = `# Benchmarks

Figures from \`npm run bench\`, measured in one run on one machine, so only the ratio between the two rows
is meaningful: these machines are shared and noisy, and absolute req/s vary from run to run.

## The click path

- **What runs:** \`wrangler dev\` (workerd with a local D1), started in bench mode by the script.
- **Load:** autocannon from the same machine, ${connections} connections, a 3 s warm-up per route.
- **Rounds:** ${rounds} timed rounds of ${roundSeconds} s per route (${rounds * roundSeconds} s each). The rounds alternate between the
  routes, and so does which route goes first, so both see the same noise.
  - req/s is total 302s over total time. p50 and p99 are the median of the rounds' own.
  - Per-round ratios of this run: ${roundRatios.map((x) => x.toFixed(2)).join(', ')}.
- **Click check:** a separate counted run of ${checkRequests} requests to \`/r/DEMO\`, every answer awaited, so that no request
  is left in flight when a clock stops. The clicks that land in D1 must equal the 302s answered.
- **Routes:** the baseline is a route that only answers 302. The invitation link is \`GET /r/DEMO\` as it ships:
  - it looks the invitation up, through the isolate's cache;
  - it classifies the visitor (isbot, ua-parser-js) and hashes IP and user agent;
  - it checks for a repeat click;
  - it queues the click for the batch writer, then answers 302.
- **Repeats:** all requests come from one visitor, so after the first each click is recorded as a repeat. They are
  rows all the same, and are counted here. The user agent repeats too, so its classification comes from the memo, as
  it mostly does in real traffic.
- **Noise:** during development, an A/A check measured 0.82–0.92. The invitation route was made to answer exactly like
  the baseline, and the machine was shared with builds and browser tests. On this harness a difference of about ±0.1
  between runs is noise; run it on an idle machine, more than once.

Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, Node ${process.version}.

${table}

${verdict}

## How the click path keeps up

- **No D1 read per click.** Invitation lookups are cached in the isolate for 60 s, unknown codes for 10 s.
  - An invitation change made through the isolate invalidates the entry at once.
  - The writer re-checks \`active\` in its insert, so a stale entry in another isolate never records a click for a
    deactivated link.
- **One D1 write per batch.** A click waits up to 500 ms in the isolate, then its batch (up to 500 clicks) is written
  as one \`INSERT … SELECT FROM json_each(?)\` under the \`waitUntil\` of the request that started the batch.
  - Each D1 call has a fixed cost, so the window sets the ratio. Measured here:
    - 0.73–0.74 with a 50 ms window;
    - 0.79 with 250 ms;
    - 0.82–0.92 with 500 ms.
  - Without any write at all, the ratio is 0.96. Hashing, user-agent parsing and building the URL cost the rest.
  - A click id handed out moments ago may still be waiting in its batch. The greeting and the signup then write the
    batch first and look again (\`worker/edge/fresh-click.ts\`), so a fast visitor is never missed.
- **Retried, never dropped.** A failed flush is retried with backoff. Rows that still fail go back into the queue for
  the next flush. The insert is idempotent on the click id.
- **Earlier probe (issue 3), same machine:**
  - an uncached lookup plus one insert per click reached 0.18 of the baseline;
  - caching the lookup and batching the inserts reached 0.61.
`;
  writeFileSync(new URL('../docs/BENCHMARKS.md', import.meta.url), md);
  console.log('\nWrote docs/BENCHMARKS.md');
  if (!everyClick) process.exitCode = 1;
} finally {
  stop();
  await sleep(500);
  rmSync(state, { recursive: true, force: true });
}
