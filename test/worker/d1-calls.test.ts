// D1 round trips per operation, counted (test/worker/d1-calls.ts): the redirect, a signup, a payment and the
// dashboard's reads. Deployed, a Worker far from its database pays a network round trip for each call made one after
// another, so these counts are the scale figures a timed test could not give. Each is pinned at what it is today
// (docs/SCALE.md lists them with the goals), so a change that adds a round trip shows here; cutting one updates it.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROME_UA, DEMO, newVisitorIp, seedDemo, signIn } from './helpers';
import { countingEnv, d1Calls, type D1Calls } from './d1-calls';
import { sendEmails } from '../../worker/flows/emails';
import { claimEmails } from '../../worker/db/emails';

let partner: string;
let manager: string;
let n = 0;
const unique = (what: string) => `d1calls_${what}_${Date.now().toString(36)}_${++n}`;

beforeAll(async () => {
  await seedDemo();
  [partner, manager] = await Promise.all([signIn(), signIn(DEMO.managerEmail)]);
});

const asServer = (body: unknown): RequestInit => ({ method: 'POST', headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const asWidget = (body: unknown): RequestInit => ({ method: 'POST', headers: { Authorization: `Bearer ${DEMO.publishableKey}`, 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:8788' }, body: JSON.stringify(body) });
const asPerson = (cookie: string): RequestInit => ({ headers: { Cookie: cookie } });

/** The second of two runs of the operation: what a warm isolate pays (a first run may fill an isolate's caches). */
async function warm(run: () => Promise<D1Calls>, status: number): Promise<D1Calls> {
  expect((await run()).response.status).toBe(status);
  const second = await run();
  expect(second.response.status, second.sql.join('\n')).toBe(status);
  return second;
}

const figures: [string, number, number][] = [];
function pinned(what: string, calls: D1Calls, beforeAnswer: number, after?: number) {
  figures.push([what, calls.beforeAnswer, calls.after]);
  expect.soft(calls.beforeAnswer, `${what}: ${calls.sql.join('\n')}`).toBe(beforeAnswer);
  if (after !== undefined) expect.soft(calls.after, `${what}, after the answer: ${calls.sql.join('\n')}`).toBe(after);
}

describe('D1 round trips per operation (warm)', () => {
  it('the redirect answers after this many', async () => {
    const calls = await warm(() => d1Calls(`/r/${DEMO.invitationCode}`, { headers: { 'User-Agent': CHROME_UA, 'CF-Connecting-IP': newVisitorIp() } }), 302);
    pinned('redirect /r/{code}', calls, 0);
  });

  it('a signup from the server, and from the widget', async () => {
    pinned('signup (secret key, promo code)', await warm(() => d1Calls('/api/v1/signups', asServer({ customerId: unique('s'), email: `${unique('s')}@example.com`, promoCode: DEMO.invitationCode })), 201), 1, 2);
    pinned('signup (widget, promo code)', await warm(() => d1Calls('/api/v1/signups', asWidget({ customerId: unique('w'), email: `${unique('w')}@example.com`, promoCode: DEMO.invitationCode })), 201), 1);
  });

  it('a payment of a referred customer', async () => {
    const customers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const customerId = unique('p');
      customers.push(customerId);
      expect((await d1Calls('/api/v1/signups', asServer({ customerId, email: `${customerId}@example.com`, promoCode: DEMO.invitationCode }))).response.status).toBe(201);
    }
    let i = 0;
    const calls = await warm(() => d1Calls('/api/v1/payments', asServer({ customerId: customers[i++], invoiceId: unique('in'), amount: { amount: 10000, currency: 'EUR' } })), 201);
    pinned('payment', calls, 2, 2); // after: the relay, whether there is work and one batch (flows/outbox.ts)
  });

  it("the email consumer: a queue batch of emails is claimed in one round trip and settled in another, however many it holds", async () => {
    // Ten emails a signup's events send to the demo partner's sellers, pending and not leased to the queue.
    const ids = Array.from({ length: 10 }, () => unique('eml'));
    const data = JSON.stringify({ partnerId: DEMO.partnerId, customerId: 'cus_d1calls', amount: { amount: 1000, currency: 'EUR' }, invitationCode: DEMO.invitationCode });
    await env.DB.batch(
      ids.map((id, i) =>
        env.DB.prepare("INSERT INTO emails (id, program_id, account_id, template, dedupe_key, data, status, next_attempt_at, queued_until, created_at) VALUES (?, ?, 'acc_demo_partner', ?, ?, ?, 'pending', 0, ?, 0)")
          .bind(id, DEMO.programId, i % 2 ? 'new_signup' : 'commission_earned', id, data, Date.now() + 3_600_000),
      ),
    );
    const counting = countingEnv();
    expect((await sendEmails(counting.env, ids)).failed).toEqual([]);
    expect(counting.calls(), counting.sql.join('\n')).toBe(2);
    const rows = await env.DB.prepare('SELECT status, attempts, subject FROM emails WHERE id IN (SELECT value FROM json_each(?))').bind(JSON.stringify(ids)).all<{ status: string; attempts: number; subject: string }>();
    expect(rows.results.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['sent', 1]));
    expect(rows.results.every((r) => r.subject.length > 0)).toBe(true);
    // The partner the emails name comes with the claim, not from a read of its own.
    const extra = unique('eml');
    await env.DB.prepare("INSERT INTO emails (id, program_id, account_id, template, dedupe_key, data, status, next_attempt_at, created_at) VALUES (?, ?, 'acc_demo_partner', 'new_signup', ?, ?, 'pending', 0, 0)").bind(extra, DEMO.programId, extra, data).run();
    const [job] = await claimEmails(env.DB, [extra], Date.now(), Date.now() + 60_000);
    expect(job.partner).toEqual({ id: DEMO.partnerId, name: 'Demo Partner AB', number: expect.any(Number), status: 'partner' });
    figures.push(['email consumer, a batch of 10', counting.calls(), 0]);
  });

  it("the partner's pages", async () => {
    const p = `/api/v1/partners/${DEMO.partnerId}`;
    for (const [what, path, count] of [
      ['partner summary', p, 2],
      ['partner invitations', `${p}/invitations`, 2],
      ['partner stats', `${p}/stats`, 2],
      ['partner stats, with one group\'s days', `${p}/stats?group=inv_demo`, 2],
      ['partner stats, with the days of the group without an owner', `${p}/stats?by=member&nullGroup=true`, 2],
      ['partner ledger', `${p}/ledger`, 2],
      ['partner balance', `${p}/balance`, 2],
      ['partner clients', `${p}/clients`, 2],
      ['partner clients, search', `${p}/clients?q=shop`, 2],
      ['partner referrals', `${p}/referrals`, 2],
    ] as const) pinned(what, await warm(() => d1Calls(path, asPerson(partner)), 200), count);
  });

  it("the program's console", async () => {
    const c = `/api/v1/programs/${DEMO.programId}`;
    for (const [what, path, count] of [
      ['console metrics', `${c}/metrics`, 2],
      ['console partner list', `${c}/partner-records`, 2],
      ['console referrals', `${c}/referrals`, 2],
      ['console held signups', `${c}/held-signups`, 2],
      ['console payouts', `${c}/payouts`, 2],
    ] as const) pinned(what, await warm(() => d1Calls(path, asPerson(manager)), 200), count);
    console.log(`D1 round trips before the answer (and after, in waitUntil):\n${figures.map(([w, b, a]) => `  ${w}: ${b}${a ? ` (+${a} after)` : ''}`).join('\n')}`);
  });
});
