// The fault test: the Worker is killed (SIGKILL, its whole process group) in the middle of a burst of clicks and
// restarted on the same local state; every signup naming a click id that was handed out must still attribute.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../../scripts/seed';
import { DEMO } from '../../../scripts/demo-data';
import { localSecretArgs } from '../../../scripts/local-vars';

const BURST = 300;
const KILL_AFTER = 150; // answers handed out before the kill; the rest of the burst is in flight or not sent yet
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_SEND_METRICS: 'false' };
const state = mkdtempSync(join(tmpdir(), 'edgeref-fault-'));
let port = 0;
let inspector = 0;
let worker: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

/** wrangler dev under a worker name of its own (so it reloads no other instance), on the test's own state. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn('npx', ['wrangler', 'dev', '--name', 'edgeref-fault', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', state, ...localSecretArgs(), '--log-level', 'error', '--show-interactive-dev-session=false'], { env, detached: true, stdio: 'ignore' });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A signup from the site's server. Just after a start, wrangler dev may still swap in a rebuilt Worker; a POST caught
 * in the swap gets its 503 "restarted mid-request" (Retry-After: 0). The report is idempotent on the customer id, so,
 * as a real server would, it is sent again.
 */
async function signup(body: object): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/signups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 503 || attempt === 20) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 250));
  }
}

function kill(child: ChildProcess | undefined): void {
  try {
    process.kill(-child!.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Counts the rows from outside, through wrangler's own reader of the local database file. The running Worker writes to
 * the same file meanwhile (the queue consumers record clicks, and the signups' emails and their sends), so a read can
 * find it locked for a moment; it is tried again, up to 10 times, and a read that keeps failing says why.
 */
function clickRows(ids: string[]): number {
  const list = ids.map((id) => `'${id}'`).join(',');
  for (let attempt = 1; ; attempt++) {
    try {
      const out = execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', `SELECT count(*) AS n FROM clicks WHERE id IN (${list})`], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return JSON.parse(out)[0].results[0].n as number;
    } catch (e) {
      if (attempt >= 10) throw new Error(`wrangler d1 execute failed ${attempt} times; last: ${(e as { stderr?: string }).stderr ?? e}`, { cause: e });
      execFileSync('sleep', ['1']);
    }
  }
}

beforeAll(async () => {
  [port, inspector] = [await freePort(), await freePort()];
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { env, stdio: 'ignore' });
  await seed('http://127.0.0.1:8788', state);
  worker = await startWorker();
});

afterAll(() => {
  kill(worker);
  rmSync(state, { recursive: true, force: true });
});

describe('a worker killed in the middle of a burst of clicks', () => {
  it('loses no referral: every click id handed out attributes its signup after the restart, and is recorded once', async () => {
    const handedOut: string[] = [];
    let sent = 0;
    let killed = false;
    const visitor = async () => {
      while (sent < BURST) {
        const i = sent++;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/r/${DEMO.invitationCode}`, {
            redirect: 'manual',
            headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36', 'CF-Connecting-IP': `10.7.${i >> 8}.${i & 255}` },
          });
          const id = res.status === 302 ? new URL(res.headers.get('Location')!).searchParams.get('ref_click') : null;
          if (id) handedOut.push(id);
        } catch {
          // the worker is gone: this visitor got no click id
        }
        if (!killed && handedOut.length >= KILL_AFTER) {
          killed = true;
          kill(worker);
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, visitor));
    expect(killed).toBe(true);

    worker = await startWorker();
    const rowsAfterRestart = clickRows(handedOut);

    const answers = [];
    for (let i = 0; i < handedOut.length; i += 10) {
      answers.push(
        ...(await Promise.all(
          handedOut.slice(i, i + 10).map(async (clickId, j) => {
            const customerId = `fault-${i + j}`;
            const res = await signup({ customerId, email: `${customerId}@example.com`, clickId });
            return { status: res.status, method: ((await res.json()) as { attribution?: { method: string } }).attribution?.method };
          }),
        )),
      );
    }
    console.log(`fault test: ${handedOut.length} click ids handed out before the kill; ${handedOut.length - rowsAfterRestart} of their rows lost with the worker; signups attributed: ${answers.filter((a) => a.status === 201).length} of ${handedOut.length}`);
    expect(answers.filter((a) => a.status !== 201 || a.method !== 'click')).toEqual([]);
    expect(clickRows(handedOut)).toBe(handedOut.length);
  });
});
