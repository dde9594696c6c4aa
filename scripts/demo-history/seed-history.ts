// The demo program's 90 days of history (`npm start`, `npm run db:seed`): written once, through the same flows and db functions as production, each with the time it happened as its `now`.
import { compare, money } from '../../shared/money';
import type { Env, ProgramRow } from '../../worker/env';
import { getProgram } from '../../worker/db/programs';
import { insertClicks, type NewClick } from '../../worker/db/clicks';
import { balanceOf } from '../../worker/db/ledger';
import { getWithdrawal, settleWithdrawal } from '../../worker/db/withdrawals';
import { settlement } from '../../worker/domain/withdrawals';
import { periodAt } from '../../worker/domain/periods';
import { recordCustomerSignup } from '../../worker/flows/signups';
import { payFor } from '../../worker/flows/payments';
import { refundPayment } from '../../worker/flows/refunds';
import { subscriptionFor } from '../../worker/flows/subscriptions';
import { closeReportingPeriod, currentPeriod } from '../../worker/flows/periods';
import { requestPartnerWithdrawal } from '../../worker/flows/withdrawals';
import type { CustomerRow } from '../../worker/db/customers';
import { signClickId } from '../../worker/security/click-ids';
import { sha256Hex } from '../../worker/security/hashing';
import { DEMO } from '../demo-data';
import { CAST, LEADS } from './cast';
import { euros, invitationsWithStart, leadSteps, seedPeople, withdrawers, type Step } from './people';
import { DAY_MS, planTraffic, type PlannedSignup } from './traffic';

/** The history's first partner: once it exists, the history was written and is not written again. */
export const HISTORY_MARKER = CAST[0].id;

export interface HistorySummary {
  partners: number;
  clicks: number;
  signups: number;
  payments: number;
  leads: number;
  closedPeriods: number;
  paidWithdrawals: number;
}

/**
 * Writes the history once; null when it was written before. `now` is the moment of seeding: everything happens in the
 * 90 days before it. Everything is written through the Worker's own code, so the rollups, ledger entries, balances
 * and events are what production would have written then.
 */
export async function seedDemoHistory(db: D1Database, o: { now: number; clickIdSecret: string; passwordHash: string }): Promise<HistorySummary | null> {
  if (await db.prepare('SELECT 1 FROM partners WHERE id = ?').bind(HISTORY_MARKER).first()) return null;
  const program = await getProgram(db, DEMO.programId);
  if (!program) throw new Error(`demo history: seed the demo program ${DEMO.programId} first`);
  const now = o.now;
  const today = now - (now % DAY_MS);
  const before = await db.prepare('SELECT (SELECT coalesce(max(seq), 0) FROM events) AS seq, (SELECT coalesce(max(rowid), 0) FROM emails) AS email').first<{ seq: number; email: number }>();

  await seedPeople(db, today, o.passwordHash);
  const traffic = planTraffic(invitationsWithStart(), today, now);
  const clickIds = await writeClicks(db, traffic.clicks, o.clickIdSecret);

  // The merchant's server reports signups and payments (secret key); the flows read only DB and CLICK_ID_SECRET here.
  const env = { DB: db, CLICK_ID_SECRET: o.clickIdSecret } as Env;
  const customers = new Map<string, CustomerRow>();
  const steps: Step[] = [];
  for (const s of traffic.signups) {
    steps.push({
      at: s.at,
      run: async () => {
        const input = { customerId: s.externalId, email: s.email, ...(s.click === null ? { promoCode: s.code } : { clickId: clickIds[s.click] }) };
        const r = await recordCustomerSignup(env, program, input, { keyKind: 'secret', browserHash: async () => null }, s.at);
        if (r.kind !== 'recorded') throw new Error(`demo history: signup ${s.externalId} refused: ${r.message}`);
        customers.set(s.externalId, r.customer);
      },
    });
    steps.push(...paymentSteps(db, program, s, customers));
  }
  steps.push(refundStep(db, traffic.signups, now));
  for (const l of LEADS) steps.push(...leadSteps(db, program, l, now));
  const payouts = payoutSteps(db, program, now);
  steps.push(...payouts.steps);

  // In time order; steps at the same moment keep the order they were planned in.
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  for (const { s } of ordered) await s.run();

  // In production these events were relayed, and these emails sent, long ago: the local mailbox gets none of them.
  await db.batch([
    db.prepare('UPDATE events SET fanned_out_at = ? WHERE seq > ? AND fanned_out_at IS NULL').bind(now, before!.seq),
    db.prepare("UPDATE emails SET status = 'skipped', last_error = 'demo history: not sent' WHERE rowid > ? AND status = 'pending'").bind(before!.email),
  ]);
  return {
    partners: CAST.length,
    clicks: traffic.clicks.length,
    signups: traffic.signups.length,
    payments: traffic.signups.reduce((n, s) => n + s.payments.length, 0),
    leads: LEADS.length,
    closedPeriods: payouts.closes,
    paidWithdrawals: payouts.paid(),
  };
}

/** The clicks as the queue consumer writes them, with signed ids (a signup names its click by one). */
async function writeClicks(db: D1Database, clicks: ReturnType<typeof planTraffic>['clicks'], secret: string): Promise<string[]> {
  const { results } = await db.prepare('SELECT id, click_ref FROM invitations WHERE program_id = ?').bind(DEMO.programId).all<{ id: string; click_ref: number }>();
  const refs = new Map(results.map((r) => [r.id, r.click_ref]));
  const ids = await Promise.all(clicks.map((c) => signClickId(secret, { invitationRef: refs.get(c.invitationId)!, at: c.at, source: c.source }, new Uint8Array(c.random))));
  const hashes = new Map<string, string>();
  for (const c of clicks) if (!hashes.has(c.visitor)) hashes.set(c.visitor, await sha256Hex(`demo:${c.visitor}`));
  const rows: NewClick[] = clicks.map((c, i) => ({
    id: ids[i], programId: DEMO.programId, invitationId: c.invitationId, source: c.source, referrerDomain: c.referrerDomain, country: c.country,
    device: c.device, browser: c.browser, visitorHash: hashes.get(c.visitor)!, isBot: c.isBot, repeatOf: c.repeatOf === null ? null : ids[c.repeatOf], createdAt: c.at,
  }));
  for (let i = 0; i < rows.length; i += 500) await insertClicks(db, rows.slice(i, i + 500));
  return ids;
}

/** A paying customer's monthly invoices, each extending the subscription; a customer who stopped cancels it. */
function paymentSteps(db: D1Database, program: ProgramRow, s: PlannedSignup, customers: Map<string, CustomerRow>): Step[] {
  const subscription = (status: 'active' | 'canceled', expiresAt: number, canceledAt: number | null, at: number) =>
    subscriptionFor(db, program, customers.get(s.externalId)!.id, { plan: s.payments[0].plan, status, amount: euros(s.payments[0].amountMinor), interval: 'month', expiresAt, canceledAt }, at);
  const steps: Step[] = s.payments.map((p) => ({
    at: p.paidAt,
    run: async () => {
      const customer = customers.get(s.externalId)!;
      const r = await payFor(db, program, customer, { invoiceId: p.invoiceId, amount: euros(p.amountMinor), product: p.plan, paidAt: p.paidAt }, undefined, p.paidAt);
      if (r.kind !== 'recorded') throw new Error(`demo history: payment ${p.invoiceId}: ${r.kind}`);
      await subscription('active', p.paidAt + 31 * DAY_MS, null, p.paidAt);
    },
  }));
  const canceledAt = s.canceledAt;
  if (canceledAt !== null) steps.push({ at: canceledAt, run: async () => void (await subscription('canceled', canceledAt, canceledAt, canceledAt)) });
  return steps;
}

/** One refund: the demo partner's first customer who paid three to six weeks ago gets that payment back a few days later. */
function refundStep(db: D1Database, signups: PlannedSignup[], now: number): Step {
  const demoInvitations = new Set(['inv_demo', 'inv_demo_newsletter', 'inv_demo_webinar', 'inv_demo_fair_qr']);
  const paid = signups
    .filter((s) => demoInvitations.has(s.invitationId))
    .flatMap((s) => s.payments)
    .find((p) => p.paidAt > now - 42 * DAY_MS && p.paidAt < now - 21 * DAY_MS);
  if (!paid) throw new Error('demo history: no payment to refund');
  const at = paid.paidAt + 4 * DAY_MS;
  return {
    at,
    run: async () => {
      const r = await refundPayment(db, DEMO.programId, { invoiceId: paid.invoiceId, refundId: `demo_re_${paid.invoiceId}`, amount: euros(paid.amountMinor) }, at);
      if (r.kind !== 'recorded') throw new Error(`demo history: refund of ${paid.invoiceId}: ${r.kind}`);
    },
  };
}

/**
 * The reporting periods (monthly) close at each month's end, as the cron closes them. After the first close the
 * partners with a payout method withdraw what is available; the next close batches the requests, and the manager
 * marks them paid two days later. After the last close Kaffebaren asks for a withdrawal that waits for the next.
 */
function payoutSteps(db: D1Database, program: ProgramRow, now: number) {
  const ends: number[] = [];
  for (let t = periodAt('monthly', now - 90 * DAY_MS).endsAt; t <= now; t = periodAt('monthly', t).endsAt) ends.push(t);
  const past = (t: number) => Math.max(Math.min(t, now - 60_000), ends[ends.length - 1] + 1);
  const requested: string[] = [];
  let paid = 0;
  const steps: Step[] = ends.map((end) => ({
    at: end,
    run: async () => {
      const period = await currentPeriod(db, program, end - 1);
      await closeReportingPeriod(db, program.id, period, program.currency, end);
      await currentPeriod(db, program, end);
    },
  }));
  const withdraw = (partnerId: string, at: number) => async () => {
    // A partner withdraws all that is available, when that reaches the minimum.
    const { available } = await balanceOf(db, { partnerId }, program.currency);
    if (compare(available, money(program.withdrawalMinimumMinor, program.currency)) < 0) return;
    const member = await db.prepare("SELECT id FROM members WHERE partner_id = ? AND role = 'owner' ORDER BY created_at LIMIT 1").bind(partnerId).first<{ id: string }>();
    const r = await requestPartnerWithdrawal(db, program, partnerId, member!.id, available, at);
    if (r.kind !== 'requested') throw new Error(`demo history: withdrawal of ${partnerId}: ${r.problem.message}`);
    requested.push(r.withdrawal.id);
  };
  for (const [n, partnerId] of withdrawers().entries()) {
    const at = ends[0] + (3 + n) * DAY_MS;
    steps.push({ at, run: withdraw(partnerId, at) });
  }
  const paidAt = Math.min(ends[1] + 2 * DAY_MS, now - 60_000);
  steps.push({
    at: paidAt,
    run: async () => {
      for (const id of requested) {
        const w = (await getWithdrawal(db, program.id, id))!;
        const move = settlement('paid', w, null);
        if (await settleWithdrawal(db, program.id, { id, partnerId: w.partnerId, amount: w.amount, from: move.from, to: move.to, reason: null, entry: move.entry, now: paidAt })) paid++;
      }
    },
  });
  const open = past(ends[ends.length - 1] + DAY_MS);
  steps.push({ at: open, run: withdraw('prt_demo_kaffe', open) });
  return { steps, closes: ends.length, paid: () => paid };
}
