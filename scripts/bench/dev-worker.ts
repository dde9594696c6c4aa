// A Worker for a benchmark, run locally as `wrangler dev` runs it, but with the runtime's inspector off
// (wrangler's `startWorker` API; the command line can only move the inspector). With it on, every D1 call and queue
// send becomes inspector messages that wrangler's Node process forwards and logs: a cost per call that a deployed
// Worker does not pay, and one that grows with the calls a request makes. Started by scripts/bench/workers.ts.
// Usage: tsx scripts/bench/dev-worker.ts [--config FILE] [--name NAME] --port N --persist-to DIR [--var KEY:VALUE]...
import { unstable_startWorker } from 'wrangler';

const args = process.argv.slice(2);
const one = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const vars = Object.fromEntries(
  args.flatMap((a, i) => (args[i - 1] === '--var' ? [[a.slice(0, a.indexOf(':')), { type: 'plain_text' as const, value: a.slice(a.indexOf(':') + 1) }]] : [])),
);

const worker = await unstable_startWorker({
  config: one('--config') ?? 'wrangler.toml',
  ...(one('--name') ? { name: one('--name') } : {}),
  bindings: vars,
  dev: {
    inspector: false,
    server: { hostname: '127.0.0.1', port: Number(one('--port')) },
    persist: one('--persist-to'),
    logLevel: 'warn',
    watch: false,
  },
});
await worker.ready;
console.log(`ready on ${one('--port')}`);
const stop = async () => {
  await worker.dispose();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
