// Where edgeref's isolate spends its time under the write-path load of `npm run bench:writes`: a fresh local D1 with the
// demo seeded, `wrangler dev` with its inspector on (a worker name and ports of its own), the V8 CPU profiler over 8 s
// of 50 concurrent signups or payments, and the self time per function, idle included. The inspector slows every D1
// call (docs/BENCHMARKS.md), so the rates here are not the bench's; the shares say where the isolate's time goes.
// Usage: npx tsx scripts/bench/profile-writes.ts [signups|payments]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { seed } from '../seed';
import { DEMO } from '../demo-data';
import { localSecretArgs } from '../local-vars';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const root = new URL('../..', import.meta.url).pathname;
const path = process.argv[2] === 'payments' ? 'payments' : 'signups';
const [port, inspectorPort] = [8840, 9340];
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_SEND_METRICS: 'false' };
const state = mkdtempSync(join(tmpdir(), 'edgeref-profile-'));
execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: root, env, stdio: 'ignore' });
await seed('http://127.0.0.1:8788', state);
const dev = spawn(
  'npx',
  ['wrangler', 'dev', '--name', 'edgeref-profile', '--port', String(port), '--ip', '127.0.0.1', '--inspector-port', String(inspectorPort), '--persist-to', state,
    '--log-level', 'warn', '--show-interactive-dev-session=false', ...localSecretArgs()],
  { cwd: root, env, detached: true, stdio: 'ignore' },
);

/** One Chrome DevTools Protocol session with the Worker's isolate. */
async function inspector(): Promise<{ send: (method: string, params?: object) => Promise<Record<string, unknown>>; close: () => void }> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((ready) => ws.once('open', ready));
  const waiting = new Map<number, (result: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? {});
  });
  let id = 0;
  return {
    send: (method, params = {}) => new Promise((answer) => { waiting.set(++id, answer); ws.send(JSON.stringify({ id, method, params })); }),
    close: () => ws.close(),
  };
}

let serial = 0;
const customers: string[] = [];
const load = (p: 'signups' | 'payments', seconds: number) =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: `/api/v1/${p}`,
        headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
        setupRequest: (req) => {
          const n = ++serial;
          if (p === 'signups') {
            customers.push(`profile-${n}`);
            return { ...req, body: JSON.stringify({ customerId: `profile-${n}`, email: `profile-${n}@example.com`, promoCode: DEMO.invitationCode }) };
          }
          return { ...req, body: JSON.stringify({ customerId: customers[n % customers.length], invoiceId: `in_profile_${n}`, amount: { amount: 4900, currency: 'EUR' } }) };
        },
      },
    ],
  });

try {
  for (let i = 0; !(await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`).then((r) => r.ok, () => false)); i++) {
    if (i > 400) throw new Error('wrangler dev did not answer in 100 s');
    await sleep(250);
  }
  const session = await inspector();
  // Customers to pay for, and a warm isolate; then the work they left behind is let finish.
  await load('signups', 3);
  await sleep(8000);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  const run = await load(path, 8);
  const { profile } = (await session.send('Profiler.stop')) as { profile: Profile };
  session.close();

  const self = new Map<number, number>();
  profile.samples.forEach((node, i) => self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  const answered = run['2xx'];
  console.log(`${path}: ${answered} answered in ${run.duration} s with the inspector on; ${(total / 1e6).toFixed(2)} s sampled, ${(total / 1000 / answered).toFixed(2)} ms per answer`);
  console.log('share of the isolate\'s time, ms per answer, function (self time)');
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000 / answered).toFixed(3)}  ${key}`);
  }
} finally {
  try {
    process.kill(-dev.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  await sleep(500);
  rmSync(state, { recursive: true, force: true });
}
process.exit(0);
