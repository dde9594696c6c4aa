// The queue consumers. Clicks: rows from the redirect, written to D1 a batch (up to 100) per statement; the insert is
// idempotent on the click id, so a redelivered batch (at-least-once delivery) cannot double a click. Webhooks: one
// attempt of a delivery per message (flows/webhooks.ts). Emails: one send per message, a batch's emails claimed and
// settled together (flows/emails.ts), or one chunk of a terms publication's emails written (flows/terms-mailing.ts).
// Billing: one event applied per message (flows/billing-events.ts).
import type { BillingMessage, EmailQueueMessage, Env, WebhookMessage } from './env';
import { insertClicks, type NewClick } from './db/clicks';
import { attemptDelivery } from './flows/webhooks';
import { sendEmails } from './flows/emails';
import { continueTermsMailing } from './flows/terms-mailing';
import { applyBillingEvent } from './flows/billing-events';

export const queue: ExportedHandlerQueueHandler<Env, NewClick | WebhookMessage | EmailQueueMessage | BillingMessage> = async (batch, env) => {
  if (batch.queue.startsWith('edgeref-webhooks')) return webhookBatch(batch as MessageBatch<WebhookMessage>, env);
  if (batch.queue.startsWith('edgeref-emails')) return emailBatch(batch as MessageBatch<EmailQueueMessage>, env);
  if (batch.queue.startsWith('edgeref-billing')) return billingBatch(batch as MessageBatch<BillingMessage>, env);
  return clickBatch(batch as MessageBatch<NewClick>, env);
};

/**
 * The batch's emails are claimed together and settled together (flows/emails.ts); a message whose email could not be
 * handled is retried. A terms mailing's chunk is one message of its own.
 */
async function emailBatch(batch: MessageBatch<EmailQueueMessage>, env: Env): Promise<void> {
  const sends = batch.messages.filter((m): m is Message<{ emailId: string }> => 'emailId' in m.body);
  const mailings = batch.messages.filter((m): m is Message<{ termsMailing: { programId: string; version: number } }> => 'termsMailing' in m.body);
  await Promise.all([
    (async () => {
      if (sends.length === 0) return;
      try {
        const { failed } = await sendEmails(env, sends.map((m) => m.body.emailId));
        for (const f of failed) console.error(`email ${f.id} not handled`, f.error);
        const retried = new Set(failed.map((f) => f.id));
        for (const m of sends) {
          if (retried.has(m.body.emailId)) m.retry();
          else m.ack();
        }
      } catch (err) {
        console.error(`a batch of ${sends.length} emails not handled (first message attempt ${sends[0].attempts})`, err);
        for (const m of sends) m.retry();
      }
    })(),
    ...mailings.map(async (m) => {
      try {
        await continueTermsMailing(env, m.body.termsMailing);
        m.ack();
      } catch (err) {
        console.error(`email message ${JSON.stringify(m.body)} not handled (message attempt ${m.attempts})`, err);
        m.retry();
      }
    }),
  ]);
}

/** Each billing event is applied on its own; one that throws is retried by the queue, then dead-lettered (the sweep still finds it). */
async function billingBatch(batch: MessageBatch<BillingMessage>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (m) => {
      try {
        await applyBillingEvent(env, m.body.billingEventId);
        m.ack();
      } catch (err) {
        console.error(`billing event ${m.body.billingEventId} not applied (message attempt ${m.attempts})`, err);
        m.retry();
      }
    }),
  );
}

/** Each attempt settles its own message: a consumer that fails is retried by the queue, then dead-lettered. */
async function webhookBatch(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (m) => {
      try {
        await attemptDelivery(env, m.body.deliveryId);
        m.ack();
      } catch (err) {
        console.error(`webhook delivery ${m.body.deliveryId} not attempted (message attempt ${m.attempts})`, err);
        m.retry();
      }
    }),
  );
}

async function clickBatch(batch: MessageBatch<NewClick>, env: Env): Promise<void> {
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
}
