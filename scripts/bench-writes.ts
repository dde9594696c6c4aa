// `npm run bench`, its second part (alone: `npm run bench:writes`): the signup and payment paths under 50 concurrent
// clients, against a minimal Worker that writes the same rows in one D1 batch each
// (scripts/bench/writes-baseline-worker.ts), same machine, same run. Starts edgeref (locally with the runtime's
// inspector off, a worker name of its own, a fresh local D1 with the demo seeded) and the baseline, loads both with
// autocannon in interleaved rounds (each round starts once both Workers are idle, so no round runs beside the work
// the last one left behind), takes each Worker's CPU per request and its busiest thread's in the rounds (the local
// runtime's one thread that bounds throughput), checks that every answered signup and
// payment is in D1 exactly once, and writes the figures into docs/BENCHMARKS.md.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { seed } from './seed';
import { DEMO } from './demo-data';
import { localSecretArgs } from './local-vars';
import { Workers } from './bench/workers';

const appPort = Number(process.env.BENCH_WRITES_PORT ?? 8807);
const basePort = appPort + 1;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const roundSeconds = Number(process.env.BENCH_ROUND_SECONDS ?? 5);
const connections = 50;
const root = new URL('..', import.meta.url).pathname;
const state = mkdtempSync(join(tmpdir(), 'edgeref-bench-writes-'));
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_SEND_METRICS: 'false' };
const baseConfig = ['--config', 'scripts/bench/writes-baseline.wrangler.toml'];

interface Round {
  requests: number; // answered 201
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  bad: number; // other answers and errors
  /** The busiest thread's CPU milliseconds per answered request over the round. */
  threadMs: number;
}

type Path = 'signup' | 'payment';
type Target = 'edgeref' | 'baseline';

/** The customers each target signed up, so its payments name customers it knows. */
const customers: Record<Target, string[]> = { edgeref: [], baseline: [] };
/** Every 201 each target gave, warm-up included, per path; and the rounds run per target. */
const answered: Record<Target, Record<Path, number>> = { edgeref: { signup: 0, payment: 0 }, baseline: { signup: 0, payment: 0 } };
let runs = 0;
let serial = 0;

/** One timed round: `connections` clients sending one path to one target, every body new. */
async function load(target: Target, path: Path, seconds: number): Promise<Round> {
  const port = target === 'edgeref' ? appPort : basePort;
  const known = customers[target];
  const created: string[] = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: `/api/v1/${path === 'signup' ? 'signups' : 'payments'}`,
        headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
        setupRequest: (req) => {
          const n = ++serial;
          if (path === 'signup') {
            const customerId = `bench-${n}`;
            created.push(customerId);
            return { ...req, body: JSON.stringify({ customerId, email: `${customerId}@example.com`, promoCode: DEMO.invitationCode }) };
          }
          const customerId = known[n % known.length];
          return { ...req, body: JSON.stringify({ customerId, invoiceId: `in_bench_${n}`, amount: { amount: 4900, currency: 'EUR' } }) };
        },
      },
    ],
  });
  answered[target][path] += result['2xx'];
  runs++;
  // The last signups sent may still have been in flight when the round stopped: the payments leave them out.
  if (path === 'signup') known.push(...created.slice(0, Math.max(0, created.length - connections)));
  return {
    requests: result['2xx'],
    seconds: result.duration,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
    threadMs: 0, // set by the caller, which reads the threads around the round
  };
}

/** The processes of a Worker's process group (its workerd and the Node process that runs it), from /proc (Linux). */
function groupPids(child: ChildProcess): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === child.pid; // pgrp
    } catch {
      return false; // the process ended meanwhile
    }
  });
}

/** utime + stime, in seconds, of a /proc stat line. */
const statSeconds = (stat: string) => {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/**
 * The CPU seconds a Worker's process group has used so far. Unlike a rate, CPU per request hardly moves with what else
 * the machine runs, and it counts the work a request leaves behind (the relay, the queue consumers, the emails)
 * wherever it lands.
 */
function cpuSeconds(child: ChildProcess): number {
  let total = 0;
  for (const pid of groupPids(child)) {
    try {
      total += statSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/**
 * CPU seconds per thread of a Worker's process group so far, by thread id. The local runtime runs the Worker's isolate,
 * its D1 (SQLite), the static-assets router and the queue consumers on one workerd thread, which bounds throughput:
 * its CPU per answered request, over a round, is the figure that the ratio follows.
 */
function threadSeconds(child: ChildProcess): Map<string, number> {
  const threads = new Map<string, number>();
  for (const pid of groupPids(child)) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) threads.set(tid, statSeconds(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
    } catch {
      // the process ended meanwhile
    }
  }
  return threads;
}

/** The busiest thread's CPU seconds between two readings. */
const busiest = (before: Map<string, number>, after: Map<string, number>) => Math.max(0, ...[...after].map(([tid, s]) => s - (before.get(tid) ?? 0)));

/**
 * Waits until neither Worker is busy (their process groups together use under a tenth of a core over half a second),
 * at most 30 s. A round leaves work behind (edgeref's relay, its emails and deliveries on the queues): waiting for it
 * keeps one Worker's leftovers out of the other's round, where they took the shared cores from it.
 */
async function settle(children: ChildProcess[]): Promise<number> {
  const started = Date.now();
  const used = () => children.reduce((n, c) => n + cpuSeconds(c), 0);
  for (let before = used(); Date.now() - started < 30_000; ) {
    await sleep(500);
    const now = used();
    if (now - before < 0.05) break;
    before = now;
  }
  return (Date.now() - started) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function pool(rs: Round[]): Round {
  const sum = (f: (r: Round) => number) => rs.reduce((n, r) => n + f(r), 0);
  return { requests: sum((r) => r.requests), seconds: sum((r) => r.seconds), rps: sum((r) => r.requests) / sum((r) => r.seconds), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), bad: sum((r) => r.bad), threadMs: median(rs.map((r) => r.threadMs)) };
}

function rows(config: string[], sql: string): number {
  const out = execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', ...config, '--local', '--persist-to', state, '--json', '--command', sql], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out)[0].results[0].n as number;
}

const workers = new Workers(root, env);
const stop = () => workers.stop();

try {
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: root, env, stdio: 'ignore' });
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', ...baseConfig, '--local', '--persist-to', state], { cwd: root, env, stdio: 'ignore' });
  await seed('http://127.0.0.1:8788', state);
  // Worker names of their own, so these never reload or collide with another wrangler dev; the runtime's inspector
  // off for both, as deployed (scripts/bench/dev-worker.ts).
  const app = workers.startWithoutInspector(['--name', 'edgeref-bench-writes', '--port', String(appPort), '--persist-to', state, ...localSecretArgs()]);
  const base = workers.startWithoutInspector([...baseConfig, '--port', String(basePort), '--persist-to', state]);
  const answers = (status: number) => status < 500;
  await Promise.all([workers.ready(`http://127.0.0.1:${appPort}/api/v1/openapi.json`, app, answers), workers.ready(`http://127.0.0.1:${basePort}/`, base, answers)]);
  await fetch(`http://127.0.0.1:${basePort}/setup`);

  const results = {} as Record<Path, Record<Target, Round[]>>;
  const child = { edgeref: app, baseline: base };
  /** CPU milliseconds per answered request, per path and Worker: from before its warm-up to after its work drained. */
  const cpuPerRequest = {} as Record<Path, Record<Target, number>>;
  /** Seconds the Workers took to settle after each Worker's rounds, per path, summed over the rounds. */
  const drained = {} as Record<Path, Record<Target, number>>;
  console.log(`Warming up, then ${rounds} interleaved rounds of ${roundSeconds} s per Worker and path, ${connections} connections…`);
  for (const path of ['signup', 'payment'] as const) {
    const before = { edgeref: cpuSeconds(app), baseline: cpuSeconds(base) };
    const answeredBefore = { edgeref: answered.edgeref[path], baseline: answered.baseline[path] };
    for (const t of ['edgeref', 'baseline'] as const) {
      await load(t, path, 2);
      await settle([app, base]);
    }
    results[path] = { edgeref: [], baseline: [] };
    const settled = (drained[path] = { edgeref: 0, baseline: 0 });
    // The rounds alternate which Worker goes first, so both see the same noise.
    for (let i = 0; i < rounds; i++) {
      for (const t of (i % 2 ? ['baseline', 'edgeref'] : ['edgeref', 'baseline']) as Target[]) {
        const threadsBefore = threadSeconds(child[t]);
        const round = await load(t, path, roundSeconds);
        round.threadMs = (busiest(threadsBefore, threadSeconds(child[t])) * 1000) / round.requests;
        results[path][t].push(round);
        settled[t] += await settle([app, base]);
      }
    }
    console.log(`${path}: per-round ratios ${results[path].edgeref.map((r, i) => (r.rps / results[path].baseline[i].rps).toFixed(2)).join(' ')}; settled after each round in ${(settled.edgeref / rounds).toFixed(1)} s (edgeref), ${(settled.baseline / rounds).toFixed(1)} s (minimal)`);
    // The emails and deliveries a signup or payment leaves to the queues were waited for after the last round (settle).
    cpuPerRequest[path] = {
      edgeref: ((cpuSeconds(child.edgeref) - before.edgeref) * 1000) / (answered.edgeref[path] - answeredBefore.edgeref),
      baseline: ((cpuSeconds(child.baseline) - before.baseline) * 1000) / (answered.baseline[path] - answeredBefore.baseline),
    };
  }

  // Nothing lost or doubled: every signup edgeref answered with 201 is one customer row, every payment one payment row.
  // autocannon does not count the answers still in flight when a round stops: up to `connections` more per round.
  const inFlight = connections * (runs / 2);
  // Counted once the Workers are stopped: wrangler's local D1 is one SQLite file, which the running Worker may be writing.
  await sleep(3000);
  stop();
  await sleep(1000);
  const signedUp = rows([], "SELECT count(*) AS n FROM customers WHERE external_id LIKE 'bench-%'");
  const paid = rows([], "SELECT count(*) AS n FROM payments WHERE invoice_id LIKE 'in_bench_%'");
  const within = (n: number, path: Path) => n >= answered.edgeref[path] && n <= answered.edgeref[path] + inFlight;
  const everyRow = within(signedUp, 'signup') && within(paid, 'payment');
  const check = `Rows check: edgeref answered ${answered.edgeref.signup} signups and ${answered.edgeref.payment} payments with 201 (warm-up included); D1 holds ${signedUp} of the signups and ${paid} of the payments${everyRow ? ' — each once.' : ' — MISMATCH.'}`;

  const row = (path: Path, who: string, t: Target) => {
    const f = pool(results[path][t]);
    return `| ${path} | ${who} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(0)} | ${f.p99.toFixed(0)} | ${f.seconds.toFixed(0)} | ${f.requests} | ${f.bad} | ${cpuPerRequest[path][t].toFixed(1)} | ${f.threadMs.toFixed(2)} |`;
  };
  const table = [
    '| path | Worker | per second | p50 ms | p99 ms | seconds | answered 201 | other answers or errors | CPU ms per request | busiest thread ms per request, in the rounds |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...(['signup', 'payment'] as const).flatMap((p) => [row(p, 'minimal Worker, one batch', 'baseline'), row(p, 'edgeref', 'edgeref')]),
  ].join('\n');
  const ratio = (p: Path) => pool(results[p].edgeref).rps / pool(results[p].baseline).rps;
  const ratios = (['signup', 'payment'] as const)
    .map((p) => `- **${p}: ${ratio(p).toFixed(2)}** of the minimal Worker's throughput (rounds: ${results[p].edgeref.map((r, i) => (r.rps / results[p].baseline[i].rps).toFixed(2)).join(', ')}); CPU per request ${(cpuPerRequest[p].edgeref / cpuPerRequest[p].baseline).toFixed(1)}× the minimal Worker's, its busiest thread's in the rounds ${(pool(results[p].edgeref).threadMs / pool(results[p].baseline).threadMs).toFixed(1)}×; after a round edgeref's work went on ${(drained[p].edgeref / rounds).toFixed(1)} s on average (the minimal Worker's ${(drained[p].baseline / rounds).toFixed(1)} s), waited for before the next round`)
    .join('\n');
  console.log(`\n${table}\n\n${ratios}\n\n${check}`);

  const doc = readFileSync(join(root, 'docs/BENCHMARKS.md'), 'utf8');
  const figures = `<!-- write paths: written by npm run bench -->
Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, Node ${process.version}, autocannon, ${connections} connections, both Workers local with the runtime's inspector off, ${rounds} rounds of ${roundSeconds} s per Worker and path.

${table}

edgeref's throughput as a share of the minimal Worker's (target ≥ 0.70):

${ratios}

${check}
<!-- /write paths -->`;
  const marked = /<!-- write paths: written by npm run bench -->[\s\S]*<!-- \/write paths -->/;
  writeFileSync(join(root, 'docs/BENCHMARKS.md'), marked.test(doc) ? doc.replace(marked, figures) : `${doc.trimEnd()}\n\n## Signups and payments\n\n${figures}\n`);
  console.log('\nWrote docs/BENCHMARKS.md');
  if (!everyRow) process.exitCode = 1;
} finally {
  stop();
  await sleep(500);
  rmSync(state, { recursive: true, force: true });
}
