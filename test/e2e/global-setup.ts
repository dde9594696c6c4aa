// Starts the whole system the way a newcomer does (`npm start`), on free ports and a fresh local D1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let child: ChildProcess | undefined;
let state: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const [port, shopPort, mailboxPort] = [await freePort(), await freePort(), await freePort()];
  state = mkdtempSync(join(tmpdir(), 'edgeref-e2e-'));
  child = spawn('npx', ['tsx', 'scripts/start.ts'], {
    // Webhook retries a second apart instead of the real 5 s, 5 min, …: the retry tests wait seconds, not hours.
    env: { ...process.env, PORT: String(port), SHOP_PORT: String(shopPort), MAILBOX_PORT: String(mailboxPort), PERSIST_TO: state, WEBHOOK_RETRY_SCHEDULE: '1,1,1,1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 150_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('edgeref ready.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  project.provide('edgerefOrigin', `http://127.0.0.1:${port}`);
  project.provide('shopOrigin', `http://127.0.0.1:${shopPort}`);
  project.provide('mailboxOrigin', `http://127.0.0.1:${mailboxPort}`);
  project.provide('startOutput', output);
}

export async function teardown(): Promise<void> {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGINT');
      await new Promise((r) => setTimeout(r, 1500));
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already stopped
    }
  }
  if (state) rmSync(state, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    edgerefOrigin: string;
    shopOrigin: string;
    mailboxOrigin: string;
    startOutput: string;
  }
}
