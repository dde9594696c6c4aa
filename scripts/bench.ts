// `npm run bench`: the invitation link's throughput against a Worker that only answers 302, same machine, same run.
// Starts edgeref (wrangler dev, its own worker name, a fresh local D1) and two bare-302 Workers of scripts/bench/ (one
// alone, one behind the same static-assets router as edgeref) on other ports, loads them with wrk (50 connections) under three user-agent mixes in interleaved rounds, checks that
// every click reached D1 through the queue, and writes docs/BENCHMARKS.md.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { seed } from './seed';
import { localSecretArgs } from './local-vars';
import { Workers } from './bench/workers';

// wrk drives the load: Node's load generators cap below what the redirect answers on this hardware.
try {
  execFileSync('wrk', ['--version'], { stdio: 'ignore' });
} catch (err) {
  // wrk --version exits 1 after printing its version; only a missing binary is a problem.
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error('The redirect benchmark needs wrk, which is not installed (Debian: apt-get install wrk). `npm run bench:writes` runs the write paths alone.');
    process.exit(1);
  }
}

const appPort = Number(process.env.BENCH_PORT ?? 8797);
const basePort = appPort + 1;
const assetsPort = appPort + 2;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const roundSeconds = Number(process.env.BENCH_ROUND_SECONDS ?? 3);
const checkRequests = Number(process.env.BENCH_CHECK_REQUESTS ?? 3000);
const connections = 50;
const allModes = ['single', 'distinct', 'realistic'] as const;
type Mode = (typeof allModes)[number];
// BENCH_MODES=realistic runs one mix only, e.g. while trying a change.
const modes = allModes.filter((m) => (process.env.BENCH_MODES ?? allModes.join(',')).split(',').includes(m));
const modeNames: Record<Mode, string> = {
  single: 'one user agent',
  distinct: 'every user agent distinct',
  realistic: 'realistic mix (300 real agents, real shares)',
};
const root = new URL('..', import.meta.url).pathname;
const state = mkdtempSync(join(tmpdir(), 'edgeref-bench-'));
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_SEND_METRICS: 'false' };
const run = promisify(execFile);

function d1Count(): number {
  const out = execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', 'SELECT count(*) AS n FROM clicks'], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out)[0].results[0].n as number;
}

interface Round {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  bad: number; // answers other than 2xx/3xx, and socket errors
}

const toMs = (v: string) => {
  const [, n, unit] = v.match(/([\d.]+)(us|ms|s)/)!;
  return Number(n) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
};

/** One timed wrk run: 2 threads (the machine's cores), 50 connections, the user agents of one mix. */
async function wrk(port: number, path: string, mode: Mode, seconds: number): Promise<Round> {
  const { stdout } = await run('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', 'scripts/bench/load.lua', `http://127.0.0.1:${port}${path}`], {
    cwd: root,
    env: { ...env, UA_MODE: mode, UA_FILE: 'scripts/bench/user-agents.tsv' },
  });
  const [, requests, secs] = stdout.match(/(\d+) requests in ([\d.]+\w+)/)!;
  const errors = stdout.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/)?.slice(1).map(Number) ?? [];
  const non3xx = Number(stdout.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const seconds_ = toMs(secs) / 1000;
  return {
    requests: Number(requests),
    seconds: seconds_,
    rps: Number(requests) / seconds_,
    p50: toMs(stdout.match(/50%\s+([\d.]+\w+)/)![1]),
    p99: toMs(stdout.match(/99%\s+([\d.]+\w+)/)![1]),
    bad: non3xx + errors.reduce((a, b) => a + b, 0),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rounds pooled: total answers over total time; latency percentiles as the median of the rounds'. */
function pool(rs: Round[]): Round {
  const sum = (f: (r: Round) => number) => rs.reduce((n, r) => n + f(r), 0);
  return { requests: sum((r) => r.requests), seconds: sum((r) => r.seconds), rps: sum((r) => r.requests) / sum((r) => r.seconds), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), bad: sum((r) => r.bad) };
}

/** A counted run: exactly `total` clicks, 50 at a time, each answer awaited, so none is in flight when we count. */
async function countedClicks(total: number): Promise<number> {
  const agents = readFileSync(join(root, 'scripts/bench/user-agents.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[1]);
  let next = 0;
  let redirected = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const res = await fetch(`http://127.0.0.1:${appPort}/r/DEMO`, { redirect: 'manual', headers: { 'User-Agent': agents[i % agents.length], 'CF-Connecting-IP': `10.9.${i >> 8 & 255}.${i & 255}` } });
      await res.arrayBuffer();
      if (res.status === 302) redirected++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return redirected;
}

if (!existsSync(join(root, 'dist/public/widget.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: root, env, stdio: 'ignore' });
await seed('http://127.0.0.1:8788', state);
const workers = new Workers(root, env);
const children = [
  // Worker names of their own, so these instances never reload another wrangler dev on the machine.
  // Inspector ports of their own too: instances starting together would all reach for 9229.
  workers.start(['--name', 'edgeref-bench', '--port', String(appPort), '--inspector-port', String(appPort + 10), '--persist-to', state, ...localSecretArgs()]),
  workers.start(['--config', 'scripts/bench/baseline.wrangler.toml', '--port', String(basePort), '--inspector-port', String(appPort + 11), '--persist-to', state]),
  workers.start(['--config', 'scripts/bench/baseline-assets.wrangler.toml', '--port', String(assetsPort), '--inspector-port', String(appPort + 12), '--persist-to', state]),
];
const stop = () => workers.stop();

try {
  const redirects = (status: number) => status === 302;
  await Promise.all([
    workers.ready(`http://127.0.0.1:${appPort}/r/DEMO`, children[0], redirects),
    workers.ready(`http://127.0.0.1:${basePort}/`, children[1], redirects),
    workers.ready(`http://127.0.0.1:${assetsPort}/`, children[2], redirects),
  ]);
  const target = { baseline: { port: basePort, path: '/' }, assets: { port: assetsPort, path: '/' }, link: { port: appPort, path: '/r/DEMO' } } as const;
  type Target = keyof typeof target;
  const results = {} as Record<Mode, Record<Target, Round[]>>;
  console.log(`Warming up, then ${rounds} interleaved rounds of ${roundSeconds} s per Worker and mix, ${connections} connections…`);
  let warmupClicks = 0;
  for (const [name, t] of Object.entries(target)) {
    const r = await wrk(t.port, t.path, 'realistic', 3);
    if (name === 'link') warmupClicks = r.requests;
  }
  for (const mode of modes) {
    results[mode] = { baseline: [], assets: [], link: [] };
    // The rounds rotate which Worker goes first, so all see the same noise.
    for (let i = 0; i < rounds; i++) {
      const order = ([['baseline', 'link', 'assets'], ['link', 'assets', 'baseline'], ['assets', 'baseline', 'link']] as const)[i % 3];
      for (const w of order) results[mode][w].push(await wrk(target[w].port, target[w].path, mode, roundSeconds));
    }
    const ratios = results[mode].link.map((r, i) => (r.rps / results[mode].baseline[i].rps).toFixed(2));
    console.log(`${mode}: per-round ratios ${ratios.join(' ')}`);
  }

  if (checkRequests === 0) {
    // A trial run (BENCH_CHECK_REQUESTS=0): ratios only, no click check, docs left alone.
    for (const m of modes) console.log(`${m}: ${(pool(results[m].link).rps / pool(results[m].baseline).rps).toFixed(2)} (${pool(results[m].link).rps.toFixed(0)} vs ${pool(results[m].baseline).rps.toFixed(0)} req/s; behind assets ${pool(results[m].assets).rps.toFixed(0)})`);
    process.exit(0);
  }
  // Every click recorded: the queue drains on its own; wait until the count holds, then a counted run on top.
  const timed = warmupClicks + modes.reduce((n, m) => n + pool(results[m].link).requests, 0);
  const linkRuns = 1 + modes.length * rounds;
  const drained = async (atLeast: number) => {
    let n = d1Count();
    for (let i = 0; i < 120 && n < atLeast; i++) {
      await sleep(1000);
      n = d1Count();
    }
    return n;
  };
  const afterTimed = await drained(timed);
  const redirected = await countedClicks(checkRequests);
  const afterCounted = await drained(afterTimed + checkRequests);
  const counted = afterCounted - afterTimed;
  // wrk does not count the answers still in flight when it stops (at most one per connection and run).
  const everyClick = redirected === checkRequests && counted === checkRequests && afterTimed >= timed && afterTimed <= timed + connections * linkRuns;

  const row = (name: string, f: Round) => `| ${name} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(0)} | ${f.p99.toFixed(0)} | ${f.seconds.toFixed(1)} | ${f.requests} | ${f.bad} |`;
  const table = [
    '| mix | Worker | req/s | p50 ms | p99 ms | seconds | answered (302) | other answers or errors |',
    '|---|---|---|---|---|---|---|---|',
    ...modes.flatMap((m) => [
      row(`${modeNames[m]} | bare 302 Worker`, pool(results[m].baseline)),
      row(`${modeNames[m]} | bare 302 behind the assets router`, pool(results[m].assets)),
      row(`${modeNames[m]} | invitation link \`/r/DEMO\``, pool(results[m].link)),
    ]),
  ].join('\n');
  const ratio = (m: Mode, base: Target) => pool(results[m].link).rps / pool(results[m][base]).rps;
  const rounded = (m: Mode) => results[m].link.map((r, i) => (r.rps / results[m].baseline[i].rps).toFixed(2)).join(', ');
  const ratios = modes.map((m) => `- **${modeNames[m]}: ${ratio(m, 'baseline').toFixed(2)}** of the bare 302 Worker (rounds: ${rounded(m)}); ${ratio(m, 'assets').toFixed(2)} of the bare 302 behind the assets router`).join('\n');
  const check = `Click check: the timed runs (warm-up included) answered ${timed} clicks with 302 and ${afterTimed} rows reached D1 through the queue (wrk does not count answers still in flight when it stops, so up to ${connections} more per run is expected); then a counted run of ${checkRequests} clicks got ${redirected} redirects and added exactly ${counted} rows${everyClick ? ' — every click recorded.' : ' — MISMATCH.'}`;
  console.log(`\n${table}\n\n${ratios}\n\n${check}`);

  const doc = readFileSync(join(root, 'docs/BENCHMARKS.md'), 'utf8');
  const figures = `<!-- figures: written by npm run bench -->
Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, Node ${process.version}, wrk, ${connections} connections, ${rounds} rounds of ${roundSeconds} s per Worker and mix.

${table}

The invitation link's throughput as a share of the baselines', per mix (target ≥ 0.80 of the bare 302 Worker on the realistic mix):

${ratios}

${check}
<!-- /figures -->`;
  writeFileSync(join(root, 'docs/BENCHMARKS.md'), doc.replace(/<!-- figures: written by npm run bench -->[\s\S]*<!-- \/figures -->/, figures));
  console.log('\nWrote docs/BENCHMARKS.md');
  if (!everyClick) process.exitCode = 1;
} finally {
  stop();
  await sleep(500);
  rmSync(state, { recursive: true, force: true });
}
