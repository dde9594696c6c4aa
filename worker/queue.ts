// The queue consumer: click rows from the redirect, written to D1 a batch (up to 100) per statement. The insert is
// idempotent on the click id, so a redelivered batch (at-least-once delivery) cannot double a click.
import type { Env } from './env';
import { insertClicks, type NewClick } from './db/clicks';

export const queue: ExportedHandlerQueueHandler<Env, NewClick> = async (batch, env) => {
  try {
    await insertClicks(env.DB, batch.messages.map((m) => m.body));
    batch.ackAll();
    return;
  } catch (err) {
    if (batch.messages.length === 1) throw err; // retried by the queue, then dead-lettered
    console.error(`click batch of ${batch.messages.length} failed; writing them one by one`, err);
  }
  // One bad row must not hold back the others: only the messages that still fail are retried, and after
  // max_retries they land in the dead-letter queue.
  for (const m of batch.messages) {
    try {
      await insertClicks(env.DB, [m.body]);
      m.ack();
    } catch (err) {
      console.error(`click ${m.body.id} not written (attempt ${m.attempts})`, err);
      m.retry();
    }
  }
};
