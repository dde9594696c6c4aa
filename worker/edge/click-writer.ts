// Batched click writes: clicks wait in the isolate a few milliseconds and go to D1 as one multi-row insert,
// flushed under waitUntil. A failed flush is retried with backoff; rows that still fail are kept for the next
// flush, never dropped. The insert is idempotent on the click id, so a retry cannot double a click.
import { insertClicks, type NewClick } from '../db/clicks';

export interface ClickWriterOptions {
  delayMs: number; // how long a click may wait for company: each D1 call has a fixed cost, so fewer, larger batches
  maxBatch: number; // flush at once when this many are waiting
  attempts: number; // tries per flush before the rows are put back
  backoffMs: number;
}

const DEFAULTS: ClickWriterOptions = { delayMs: 500, maxBatch: 500, attempts: 5, backoffMs: 50 };

export class ClickWriter {
  private pending: NewClick[] = [];
  private scheduled: Promise<void> | null = null;
  private readonly o: ClickWriterOptions;
  written = 0;
  failedFlushes = 0;

  constructor(options: Partial<ClickWriterOptions> = {}) {
    this.o = { ...DEFAULTS, ...options };
  }

  get waiting(): number {
    return this.pending.length;
  }

  /**
   * Queues a click. When this click starts a new flush, that flush's promise is returned, for the caller to hand
   * to waitUntil. Otherwise null: the click rides on a flush an earlier request already holds open. Every queued
   * click belongs to exactly one flush, so one waitUntil per batch keeps them all, rather than one per click.
   */
  add(db: D1Database, click: NewClick): Promise<void> | null {
    this.pending.push(click);
    if (this.pending.length >= this.o.maxBatch) return this.flush(db);
    if (this.scheduled) return null;
    this.scheduled = new Promise<void>((r) => setTimeout(r, this.o.delayMs)).then(() => this.flush(db));
    return this.scheduled;
  }

  /** Settles when everything queued so far has been through a flush (for tests and shutdown). */
  async drain(db: D1Database): Promise<void> {
    while (this.scheduled) await this.scheduled;
    if (this.pending.length > 0) await this.flush(db);
  }

  async flush(db: D1Database): Promise<void> {
    this.scheduled = null;
    const batch = this.pending.splice(0, this.o.maxBatch);
    if (batch.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await insertClicks(db, batch);
        this.written += batch.length;
        break;
      } catch (err) {
        this.failedFlushes++;
        if (attempt >= this.o.attempts) {
          console.error(`click flush failed ${attempt} times; ${batch.length} clicks kept for the next flush`, err);
          this.pending.unshift(...batch);
          return;
        }
        await new Promise((r) => setTimeout(r, this.o.backoffMs * 2 ** (attempt - 1)));
      }
    }
    if (this.pending.length > 0) await this.flush(db);
  }
}

export const clickWriter = new ClickWriter();
