// Fills the demo program with the scale benchmark's data through the project's own flows and db statement builders, batched; runs inside workerd (the bench's Miniflare, or a worker test).
import { money } from '../../shared/money';
import type { ProgramRow } from '../../worker/env';
import { codeKey } from '../../worker/domain/codes';
import { canRefer, partnerDisplayId, type PartnerStatus } from '../../worker/domain/partners';
import { periodAt } from '../../worker/domain/periods';
import { paymentStanding } from '../../worker/domain/payments';
import { paymentEntries, type RewardRule } from '../../worker/domain/commissions';
import { signupEntries } from '../../worker/domain/signups';
import { getProgram } from '../../worker/db/programs';
import { insertPartnerWithOwner } from '../../worker/db/registration';
import { statusChangeStatements } from '../../worker/db/partner-profile';
import { insertInvitation } from '../../worker/db/invitations';
import { insertClicks, type NewClick } from '../../worker/db/clicks';
import { signupStatements } from '../../worker/db/customers';
import { paymentStatements } from '../../worker/db/payments';
import { activeRulesRead } from '../../worker/db/rewards';
import { readOne } from '../../worker/db/reads';
import { identityOf } from '../../worker/flows/leads';
import { dueAt, leadKeys } from '../../worker/domain/leads';
import { leadRegistered } from '../../worker/domain/events';
import { referralRecordStatements } from '../../worker/db/leads';
import { moveMetricWindows } from '../../worker/flows/metric-windows';
import { BIG_PARTNER, DAY_MS, PLAN_PRICES, accountId, clickAt, customerAt, invitationOwner, leadAt, partnerEmail, partnerId, rowRandom, sizesAt, type Sizes } from './plan';

export const BENCH_PROGRAM = 'prg_demo';

export interface FillSummary {
  sizes: Sizes;
  counts: Record<string, number>;
  seconds: Record<string, number>;
}

/** Runs `f` for 0..n-1, `width` at a time: local D1 answers one statement at a time, but keeping it busy hides the round trips. */
async function inParallel(n: number, width: number, f: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await f(next++);
  }));
}

/**
 * Writes `scale` of the full data set (plan.ts) into the demo program, which must exist (scripts/demo-data.ts).
 * Every write goes through the code production runs, so the triggers (daily rollups, balances) do what they would.
 */
export async function fillScale(db: D1Database, o: { scale: number; now: number; passwordHash: string; log?: (s: string) => void }): Promise<FillSummary> {
  const s = sizesAt(o.scale);
  const now = o.now;
  const program = (await getProgram(db, BENCH_PROGRAM))!;
  if (!program) throw new Error(`bench:scale: seed the demo program ${BENCH_PROGRAM} first`);
  const rules = await readOne(db, activeRulesRead(db, program.id));
  const seconds: Record<string, number> = {};
  const step = async (name: string, f: () => Promise<void>) => {
    const t = Date.now();
    await f();
    seconds[name] = (Date.now() - t) / 1000;
    o.log?.(`${name}: ${seconds[name].toFixed(1)} s`);
  };
  const yearAgo = now - 400 * DAY_MS;
  const status: PartnerStatus[] = [];

  // Partners apply (registration's batch, one per partner); 19 in 20 are approved, in batches of the status change's statements.
  await step('partners', async () => {
    await inParallel(s.partners, 8, async (n) => {
      const joined = yearAgo + Math.floor(rowRandom(4, n)() * 30 * DAY_MS);
      const r = await insertPartnerWithOwner(db, {
        partnerId: partnerId(n), programId: program.id, number: 500_000 + n, partnerName: `Partner ${n}`, company: n % 3 === 0 ? `Company of partner ${n}` : null,
        email: partnerEmail(n), termsVersion: 1, recruitedBy: null, memberId: `mem_bs_${n}`,
        account: { id: accountId(n), name: `Owner ${n}`, passwordHash: o.passwordHash, isNew: true }, language: 'en', now: joined,
      });
      if (r !== 'inserted') throw new Error(`bench:scale: partner ${n} not inserted (${r})`);
    });
    for (let n = 0; n < s.partners; n++) status[n] = n % 20 === 19 ? 'affiliate' : 'partner';
    for (let n = 0; n < s.partners; n += 200) {
      const approved = Array.from({ length: Math.min(200, s.partners - n) }, (_, k) => n + k).filter((p) => status[p] === 'partner');
      await db.batch(approved.flatMap((p) => statusChangeStatements(db, {
        changeId: `psc_bs_${p}`, programId: program.id, partnerId: partnerId(p), from: 'affiliate', to: 'partner', reason: null, accountId: 'acc_demo_manager', now: yearAgo + 31 * DAY_MS,
      })));
    }
  });

  await step('invitations', () => inParallel(s.invitations, 8, async (i) => {
    const inv = invitationOwner(i, s);
    const ok = await insertInvitation(db, {
      id: inv.id, programId: program.id, partnerId: inv.partner === null ? BIG_PARTNER : partnerId(inv.partner), memberId: null,
      code: inv.code, codeKey: codeKey(inv.code), name: `Invitation ${i}`, campaign: i % 4 === 0 ? `campaign-${i % 12}` : null, destinationUrl: null, now: yearAgo + 32 * DAY_MS,
    });
    if (!ok) throw new Error(`bench:scale: the code ${inv.code} is taken`);
  }));

  // Clicks as the queue consumer writes them: insertClicks, 1,000 rows a statement.
  await step('clicks', () => inParallel(Math.ceil(s.clicks / 1000), 2, async (b) => {
    const rows: NewClick[] = [];
    for (let i = b * 1000; i < Math.min(s.clicks, (b + 1) * 1000); i++) {
      const c = clickAt(i, s, now);
      rows.push({
        id: c.id, programId: program.id, invitationId: invitationOwner(c.invitation, s).id, source: c.source, referrerDomain: c.source === 'qr' ? null : 'news.example',
        country: c.country, device: c.device, browser: c.isBot ? 'Googlebot' : c.browser, visitorHash: c.visitor, isBot: c.isBot, repeatOf: null, createdAt: c.at,
      });
    }
    await insertClicks(db, rows);
  }));

  // Customers: the signup flow's own writes (signupStatements, what recordSignup runs: the row, its event and its ledger
  // entries) with the entries the flow computes (signupEntries), 100 customers a batch. Per customer the flow also makes
  // its reads (the click, the self-referral check, locked leads) and reads the signup back: those decide attribution,
  // which the plan fixes, so they are skipped; one batch per customer took 10 ms a customer on a busy 2-core machine.
  const partnerOf = (inv: number) => invitationOwner(inv, s).partner;
  let entries = 0;
  await step('customers', () => inParallel(Math.ceil(s.customers / 100), 2, async (b) => {
    const statements: D1PreparedStatement[] = [];
    for (let k = b * 100; k < Math.min(s.customers, (b + 1) * 100); k++) {
      const c = customerAt(k, s, now);
      const inv = invitationOwner(c.click.invitation, s);
      const pid = inv.partner === null ? BIG_PARTNER : partnerId(inv.partner);
      const customerId = `cus_bs_${k}`;
      const drafts = signupEntries({
        customerId, source: { invitationCode: inv.code }, partnerId: pid, currency: program.currency, signupCreditMinor: program.signupCreditMinor,
        referrerCustomerId: null, referrerCreditMinor: program.referrerCreditMinor, rules, now: c.at,
      });
      entries += drafts.length;
      statements.push(...signupStatements(db, {
        customerId, programId: program.id, externalId: c.externalId, email: c.email, invitationId: inv.id, invitationCode: inv.code, leadId: null, partnerId: pid,
        referredByCustomerId: null, clickId: c.viaClick ? c.click.id : null, method: c.viaClick ? 'click' : 'promo_code', status: 'confirmed', heldReason: null, entries: drafts, now: c.at,
      }));
    }
    await db.batch(statements);
  }));

  await step('payments', () => payments(db, program, rules, s, now, partnerOf, status, () => entries, (n) => (entries += n)));

  // Leads: what registerLead writes (referralRecordStatements, as insertReferralRecord), 100 a batch. Each lead has a
  // domain and contact of its own, so the flow's duplicate check (a read per lead) finds nothing and is skipped.
  await step('leads', () => inParallel(Math.ceil(s.leads / 100), 2, async (b) => {
    const statements: D1PreparedStatement[] = [];
    for (let l = b * 100; l < Math.min(s.leads, (b + 1) * 100); l++) {
      const lead = leadAt(l, s, now);
      const pid = lead.partner === null ? BIG_PARTNER : partnerId(lead.partner);
      const input = { customerName: lead.customerName, domain: lead.domain, contactEmails: [lead.email] };
      const who = identityOf(input);
      const id = `ref_bs_${l}`;
      const due = dueAt(lead.at, program.leadSlaHours);
      statements.push(...referralRecordStatements(db, {
        id, programId: program.id, partnerId: pid, type: 'partner_to_program', customerName: lead.customerName, contactPersons: null, requirement: null, product: 'Enterprise',
        valueMinor: lead.valueMinor, currency: program.currency, notes: null, ownerId: null, domain: who.domain, contactEmails: who.contactEmails, dueAt: due,
        duplicates: [], duplicateOf: null, keys: leadKeys(who), accountId: lead.partner === null ? 'acc_demo_partner' : accountId(lead.partner), changeId: `rch_bs_${l}`,
        events: [leadRegistered({ referralId: id, partnerId: pid, duplicate: false, dueAt: due })], now: lead.at,
      }));
    }
    await db.batch(statements);
  }));

  // In production these events were relayed, and these emails sent, long ago: the bench's wrangler dev sends none.
  await db.batch([
    db.prepare('UPDATE events SET fanned_out_at = ? WHERE fanned_out_at IS NULL').bind(now),
    db.prepare("UPDATE emails SET status = 'skipped', last_error = 'bench:scale: not sent' WHERE status = 'pending'"),
  ]);
  // The console's metric windows, as the hourly Cron Trigger moves them each day (the first move sums their days).
  await step('metric windows', async () => {
    await moveMetricWindows(db, now);
  });
  const counts: Record<string, number> = {};
  for (const t of ['partners', 'invitations', 'clicks', 'customers', 'payments', 'ledger_entries', 'referrals', 'events', 'invitation_daily_stats', 'partner_daily_stats', 'partner_window_stats', 'invitation_window_stats']) {
    counts[t] = (await db.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>())!.n;
  }
  return { sizes: s, counts, seconds };
}

/**
 * Monthly payments of every other customer, from a day after signing up until now, until the ledger holds its share
 * of entries: paymentStatements (what recordPayment writes), with the commission paymentEntries computes from the
 * standing the payment flow reads (first payment, the partner's first payments in the period), tracked here instead
 * of read per payment; 30 customers' payments a batch.
 */
async function payments(
  db: D1Database, program: ProgramRow, rules: RewardRule[], s: Sizes, now: number, partnerOf: (inv: number) => number | null,
  status: PartnerStatus[], entries: () => number, add: (n: number) => void,
): Promise<void> {
  const firstPayments = new Map<string, number>();
  let k = 0;
  const next = () => {
    const list: { customer: number; paidAt: number; month: number; plan: (typeof PLAN_PRICES)[number] }[] = [];
    for (; list.length === 0 && k < s.customers; k++) {
      const r = rowRandom(5, k);
      if (r() >= 0.5) continue;
      const c = customerAt(k, s, now);
      const plan = PLAN_PRICES[Math.floor(r() * PLAN_PRICES.length)];
      for (let m = 0, t = c.at + DAY_MS; t < now - 3_600_000; m++, t += 30 * DAY_MS) list.push({ customer: k, paidAt: t, month: m, plan });
    }
    return list;
  };
  while (entries() < s.ledgerEntries && k < s.customers) {
    const batch = Array.from({ length: 30 }, next).flat();
    if (batch.length === 0) break;
    await db.batch(batch.flatMap((p) => {
      const c = customerAt(p.customer, s, now);
      const partner = partnerOf(c.click.invitation);
      const pStatus: PartnerStatus = partner === null ? 'partner' : status[partner];
      const pid = partner === null ? BIG_PARTNER : partnerId(partner);
      const period = periodAt(program.reportingPeriod, p.paidAt);
      const key = `${pid}:${period.startsAt}`;
      const standing = paymentStanding(p.paidAt, p.month === 0 ? null : c.at + DAY_MS, firstPayments.get(key) ?? 0, period);
      if (p.month === 0) firstPayments.set(key, (firstPayments.get(key) ?? 0) + 1);
      const id = `pay_bs_${p.customer}_${p.month}`;
      const invoiceId = `bs_in_${p.customer}_${p.month}`;
      const amount = money(p.plan[1], program.currency);
      const drafts = canRefer(pStatus)
        ? paymentEntries({
            paymentId: id, invoiceId, amount, product: p.plan[0], paidAt: p.paidAt, customerId: `cus_bs_${p.customer}`, partnerId: pid,
            partnerDisplayId: partnerDisplayId(pStatus, partner === null ? 100_001 : 500_000 + partner), recruiter: null, secondTierBps: program.secondTierBps,
            ...standing, rules, now: p.paidAt, paidIn: null,
          })
        : [];
      add(drafts.length);
      return paymentStatements(db, { id, programId: program.id, customerId: `cus_bs_${p.customer}`, invoiceId, amount, product: p.plan[0], paidAt: p.paidAt, conversion: null, entries: drafts, now: p.paidAt });
    }));
  }
}
