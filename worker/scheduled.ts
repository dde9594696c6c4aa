// The hourly Cron Trigger: expires signups nobody confirmed in time, closes reporting periods that have ended, tells of
// leads due soon or overdue, lapses what advocates never claimed, once a day tells partners of engagement conditions
// (inactive, no success yet, close to the next tier: each condition once), sweeps
// webhook deliveries and emails no request relayed, and once a day prunes raw clicks past the
// retention period (in short chunks, so D1 stays responsive), Idempotency-Key answers and failed sign-ins older than a day,
// settled emails older than 90 days, and the payloads of billing events applied or ignored over 90 days ago (and the
// buyers' emails Paddle told of, after 90 days). It also
// queues billing events whose wait is over but whose queue message was lost, and moves the console's metric windows on
// to each new day.
import type { Env } from './env';
import { pruneClicks } from './db/retention';
import { pruneAnswers } from './db/idempotency';
import { pruneFailures } from './db/throttle';
import { pruneEmails } from './db/emails';
import { closeEndedPeriods } from './flows/periods';
import { expireUnconfirmedSignups } from './flows/signup-confirmation';
import { relayEvents } from './flows/outbox';
import { queueDueBillingEvents } from './flows/billing-events';
import { pruneBillingPayloads } from './db/billing-events';
import { pruneEmailLinks } from './db/billing-links';
import { sweepLeadDeadlines } from './flows/leads';
import { lapseUnclaimedAdvocates } from './flows/verbal-referrals';
import { sweepEngagement } from './flows/engagement';
import { moveMetricWindows } from './flows/metric-windows';

const DAY_MS = 86_400_000;
const CHUNK = 5_000;
const MAX_CHUNKS = 200; // a million clicks a night at most; the rest waits for tomorrow
const PRUNE_HOUR_UTC = 3;
/** Engagement emails go out in the morning in Europe; a rerun the same day, or any later day, tells nothing twice. */
const ENGAGEMENT_HOUR_UTC = 8;
/** Sent, skipped and failed emails are kept this long (the record of what went out), then deleted; so are settled billing events' payloads. */
const EMAIL_RETENTION_DAYS = 90;

export async function pruneOldClicks(env: Env, now = Date.now()): Promise<number> {
  const days = Number(env.CLICK_RETENTION_DAYS ?? 180);
  const olderThan = now - days * DAY_MS;
  let total = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const n = await pruneClicks(env.DB, olderThan, CHUNK);
    total += n;
    if (n < CHUNK) break;
  }
  return total;
}

export async function hourly(env: Env, now = Date.now()): Promise<void> {
  // Expire first, so a period close never releases money of a signup nobody confirmed in time.
  const expired = await expireUnconfirmedSignups(env.DB, now);
  if (expired > 0) console.log(`expired ${expired} unconfirmed signups`);
  const closed = await closeEndedPeriods(env.DB, now);
  if (closed > 0) console.log(`closed ${closed} reporting periods`);
  // Leads due soon or overdue: their events first, so this run's relay mails them.
  const deadlines = await sweepLeadDeadlines(env.DB, now);
  if (deadlines > 0) console.log(`${deadlines} lead deadline notices`);
  // Advocates who never claimed a verbal referral's rewards within the program's period: what they held lapses.
  const lapsed = await lapseUnclaimedAdvocates(env.DB, now);
  if (lapsed > 0) console.log(`${lapsed} unclaimed advocates lapsed`);
  // Engagement triggers, once a day: their events first, so this run's relay mails them.
  if (new Date(now).getUTCHours() === ENGAGEMENT_HOUR_UTC) {
    const told = await sweepEngagement(env.DB, now);
    if (told > 0) console.log(`${told} engagement notices`);
  }
  // The console's metric windows move on to today (only the first run after midnight UTC finds anything to move).
  const windows = await moveMetricWindows(env.DB, now);
  if (windows > 0) console.log(`moved ${windows} metric windows`);
  // The sweep: events, due webhook deliveries and emails that no request's relay handed to a queue (a Worker that died).
  const r = await relayEvents(env, now);
  if (r.deliveries + r.emails + r.queuedDeliveries + r.queuedEmails > 0) {
    console.log(`relay: ${r.deliveries} deliveries and ${r.emails} emails created (${r.batches} fan-out batches); ${r.queuedDeliveries} deliveries and ${r.queuedEmails} emails queued`);
  }
  // Billing events waiting for another one, whose queue message was lost.
  const billing = await queueDueBillingEvents(env, now);
  if (billing > 0) console.log(`queued ${billing} billing events`);
  if (new Date(now).getUTCHours() === PRUNE_HOUR_UTC) {
    const [clicks, answers, failures, emails, payloads, buyerEmails] = await Promise.all([
      pruneOldClicks(env, now),
      pruneAnswers(env.DB, now - DAY_MS),
      pruneFailures(env.DB, now - DAY_MS),
      pruneEmails(env.DB, now - EMAIL_RETENTION_DAYS * DAY_MS, CHUNK),
      pruneBillingPayloads(env.DB, now - EMAIL_RETENTION_DAYS * DAY_MS, CHUNK),
      pruneEmailLinks(env.DB, now - EMAIL_RETENTION_DAYS * DAY_MS, CHUNK),
    ]);
    console.log(`pruned ${clicks} clicks past retention, ${answers} idempotency answers, ${failures} failed sign-ins, ${emails} emails, ${payloads} billing payloads and ${buyerEmails} billing buyers' emails`);
  }
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env, ctx) => {
  ctx.waitUntil(hourly(env, controller.scheduledTime));
};
