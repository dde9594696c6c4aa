// The Workers a bench starts with `wrangler dev` (or its API, scripts/bench/dev-worker.ts): each in its own process group (stopping it stops workerd too), its
// output kept for a failure message, all stopped when the bench exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export class Workers {
  private readonly logs = new Map<ChildProcess, string[]>();

  constructor(private readonly root: string, private readonly env: NodeJS.ProcessEnv) {
    process.on('exit', () => this.stop());
  }

  /** `wrangler dev` with these arguments. */
  start(args: string[]): ChildProcess {
    return this.spawn(['wrangler', 'dev', '--ip', '127.0.0.1', '--log-level', 'warn', '--show-interactive-dev-session=false', ...args]);
  }

  /** The same local runtime with the inspector off (scripts/bench/dev-worker.ts): what the write paths' bench measures. */
  startWithoutInspector(args: string[]): ChildProcess {
    return this.spawn(['tsx', 'scripts/bench/dev-worker.ts', ...args]);
  }

  private spawn(command: string[]): ChildProcess {
    const child = spawn('npx', command, {
      cwd: this.root,
      env: this.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    this.logs.set(child, log);
    for (const s of [child.stdout!, child.stderr!]) s.on('data', (d: Buffer) => log.push(d.toString()));
    return child;
  }

  /** Waits until `url` answers as `ok` says; a busy machine has taken minutes to bundle and start a Worker. */
  async ready(url: string, child: ChildProcess, ok: (status: number) => boolean): Promise<void> {
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`wrangler dev for ${url} exited with ${child.exitCode}:\n${this.logs.get(child)!.join('')}`);
      try {
        if (ok((await fetch(url, { redirect: 'manual' })).status)) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${url} did not answer:\n${this.logs.get(child)!.join('')}`);
  }

  stop(): void {
    for (const c of this.logs.keys()) {
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
