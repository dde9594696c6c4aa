// `npm run bench:scale`: fills a local D1 of its own with 10% and then 100% of a large program (scripts/bench-scale/plan.ts) through the real write
// paths inside workerd, explains the SQL behind each dashboard and console API, times each API against wrangler dev (its own worker name and port,
// under the wrangler lock), and writes the figures into docs/BENCHMARKS.md. BENCH_SCALES=0.1 runs one scale only;
// BENCH_SCALE_KEEP=1 keeps each filled database (the run prints where) to try queries on with sqlite3, and
// BENCH_SCALE_REUSE=<that dir> times it again with the migrations since applied, without filling.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { DEMO, demoSeedStatements } from './demo-data';
import { executeSql } from './d1';
import { LOCAL_SECRETS, localSecretArgs } from './local-vars';
import { hashPassword } from '../worker/security/hashing';
import { apis, callers } from './bench-scale/apis';
import { timeApis, signIn } from './bench-scale/timing';
import { writeReport, type ScaleRun } from './bench-scale/report';
import { sizesAt } from './bench-scale/plan';
import type { FillSummary } from './bench-scale/fill';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.BENCH_SCALE_PORT ?? 8817);
const calls = Number(process.env.BENCH_SCALE_CALLS ?? 20);
const scales = (process.env.BENCH_SCALES ?? '0.1,1').split(',').map(Number);
const keep = process.env.BENCH_SCALE_KEEP === '1';
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_SEND_METRICS: 'false' };
const config = unstable_readConfig({ config: join(root, 'wrangler.toml') });
const d1 = (config.d1_databases as { binding: string; database_id?: string; preview_database_id?: string }[]).find((d) => d.binding === 'DB')!;

/** The D1 database's files (SQLite and its write-ahead log) under a persist dir, in bytes. */
function dbBytes(state: string): number {
  const dir = join(state, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  return readdirSync(dir).filter((f) => f.includes('.sqlite') && !f.startsWith('metadata')).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function inWorkerd<T>(state: string, path: string, body?: unknown): Promise<T> {
  const bundle = await build({
    entryPoints: [join(root, 'scripts/bench-scale/worker.ts')],
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['workerd', 'worker', 'browser'], write: false, logLevel: 'error', external: ['cloudflare:*'],
  });
  const mf = new Miniflare({
    modules: true, script: bundle.outputFiles[0].text, compatibilityDate: config.compatibility_date, compatibilityFlags: config.compatibility_flags,
    d1Persist: join(state, 'v3', 'd1'), d1Databases: { DB: d1.preview_database_id ?? d1.database_id! },
    bindings: { ...LOCAL_SECRETS, PASSWORD_HASH: await hashPassword(DEMO.password) },
  });
  try {
    const res = await mf.dispatchFetch(`http://bench-scale.local${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    const out = (await res.json()) as T & { error?: string };
    if (out.error !== undefined) throw new Error(`bench:scale ${path}: ${out.error}`);
    return out;
  } finally {
    await mf.dispose();
  }
}

function startDev(state: string): { child: ChildProcess; log: string[] } {
  // Under the machine's wrangler lock, in a session and process group of its own (detached: Node calls setsid()), so that
  // stopping the group stops flock, wrangler and workerd, and the lock goes with them (-o: workerd never holds it itself).
  const child = spawn('flock', [ '/tmp/edgeref-wrangler.lock', 'npx', 'wrangler', 'dev', '--name', 'edgeref-bench-scale', '--ip', '127.0.0.1', '--port', String(port),
    '--inspector-port', String(port + 10), '--persist-to', state, '--log-level', 'warn', '--show-interactive-dev-session=false', ...localSecretArgs()], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  for (const s of [child.stdout!, child.stderr!]) s.on('data', (d: Buffer) => log.push(d.toString()));
  return { child, log };
}

const stopDev = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
};

/** What a kept database was filled with (BENCH_SCALE_KEEP), so a later run can time it again (BENCH_SCALE_REUSE). */
interface Filled {
  scale: number;
  now: number;
  fillSeconds: number;
  summary: FillSummary;
}

/** Fills a database of its own at `scale`, or takes a kept one (`reuse`: its migrations applied, not filled again). */
async function filled(scale: number, reuse: string | undefined): Promise<{ state: string } & Filled> {
  if (reuse) {
    const kept = JSON.parse(readFileSync(join(reuse, 'filled.json'), 'utf8')) as Filled;
    console.log(`\n== ${kept.scale * 100}% of the data, kept in ${reuse}, filled ${new Date(kept.now).toISOString()}`);
    execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', reuse], { cwd: root, env, stdio: 'ignore' });
    return { state: reuse, ...kept };
  }
  const state = mkdtempSync(join(tmpdir(), 'edgeref-bench-scale-'));
  try {
    const now = Date.now();
    console.log(`\n== ${scale * 100}% of the data, in ${state}`);
    execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: root, env, stdio: 'ignore' });
    executeSql(await demoSeedStatements('http://127.0.0.1:8788', now - 400 * 86_400_000), { persistTo: state });
    const started = Date.now();
    const { summary } = await inWorkerd<{ summary: FillSummary }>(state, `/fill?scale=${scale}&now=${now}`);
    const fillSeconds = (Date.now() - started) / 1000;
    console.log(`filled in ${fillSeconds.toFixed(0)} s: ${JSON.stringify(summary.counts)} (${JSON.stringify(summary.seconds)})`);
    const done: Filled = { scale, now, fillSeconds, summary };
    if (keep) writeFileSync(join(state, 'filled.json'), JSON.stringify(done));
    return { state, ...done };
  } catch (err) {
    if (!keep) rmSync(state, { recursive: true, force: true });
    throw err;
  }
}

async function runScale(asked: number, reuse?: string): Promise<ScaleRun> {
  const { state, scale, now, fillSeconds, summary } = await filled(asked, reuse);
  try {
    const bytes = dbBytes(state);
    const s = sizesAt(scale);
    const list = apis(s, now);
    const who = callers(s);
    const users = Object.fromEntries(Object.entries(who).map(([k, v]) => [k, v.email]));
    const { plans } = await inWorkerd<{ plans: ScaleRun['plans'] }>(state, '/plans', { apis: list, users, password: DEMO.password });
    const dev = startDev(state);
    try {
      const origin = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        if (dev.child.exitCode !== null) throw new Error(`wrangler dev exited:\n${dev.log.join('')}`);
        try {
          if ((await fetch(`${origin}/api/v1/openapi.json`)).ok) break;
        } catch {
          // not listening yet (or waiting for the lock)
        }
        if (i > 2400) throw new Error('wrangler dev did not answer in 10 minutes');
        await sleep(250);
      }
      const cookies = { manager: await signIn(origin, who.manager.email, DEMO.password), big: await signIn(origin, who.big.email, DEMO.password), typical: await signIn(origin, who.typical.email, DEMO.password) };
      const timings = await timeApis(origin, list, cookies, calls);
      // The baseline again at the end: the machine is shared, so its noise is read before and after.
      const [after] = await timeApis(origin, list.slice(0, 1), cookies, calls);
      return { scale, fillSeconds, summary, bytes, plans, timings, baselineAfter: after };
    } finally {
      stopDev(dev.child);
      await sleep(1000);
    }
  } finally {
    if (keep || reuse) console.log(`kept the database in ${state}`);
    else rmSync(state, { recursive: true, force: true });
  }
}

if (!existsSync(join(root, 'dist/public/widget.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
// BENCH_SCALE_RUNS=a.json,b.json writes the report from runs saved before (each run saves its figures), measuring nothing.
const saved = process.env.BENCH_SCALE_RUNS?.split(',');
const runs: ScaleRun[] = saved ? saved.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as ScaleRun[]) : [];
// BENCH_SCALE_REUSE=<dir> times a database kept before (BENCH_SCALE_KEEP=1) again, with the migrations since applied.
const reuse = process.env.BENCH_SCALE_REUSE;
if (reuse) runs.push(await runScale(0, reuse));
for (const scale of saved || reuse ? [] : scales) {
  runs.push(await runScale(scale));
  writeFileSync(join(tmpdir(), `edgeref-bench-scale-${scale}.json`), JSON.stringify(runs.slice(-1)));
}
writeReport(join(root, 'docs/BENCHMARKS.md'), runs);
console.log(`\nWrote docs/BENCHMARKS.md (each run's figures: ${join(tmpdir(), 'edgeref-bench-scale-<scale>.json')})`);
