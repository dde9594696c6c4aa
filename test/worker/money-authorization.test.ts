// Walls around money: a member of one partner never reads or moves another partner's money, and only program
// managers close periods, settle withdrawals, record top-ups, change reward rules or read payouts.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, DEMO, seedDemo, server, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';

const RIVAL = 'prt_rival';
const P = `/programs/${DEMO.programId}`;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
let rivalWithdrawal: string;
let periodId: string;

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  await env.DB.prepare("UPDATE partners SET payout_method = 'card' WHERE id = ?").bind(RIVAL).run();
  await server('/api/v1/top-ups', { partnerId: RIVAL, amount: eur(10_000), reference: 'rival_money' });
  const rival = await signIn('rival@other.test', 'rival-pass');
  rivalWithdrawal = (await (await api(rival, `/partners/${RIVAL}/withdrawals`, { amount: eur(6000) })).json<any>()).id;
  periodId = (await (await api(await signIn(DEMO.managerEmail), `${P}/payouts`)).json<any>()).currentPeriod.id;
});

async function rivalMoneyUntouched() {
  const b = await env.DB.prepare('SELECT available_minor, paid_minor FROM holder_balances WHERE holder_id = ?').bind(RIVAL).first<any>();
  expect(b).toEqual({ available_minor: 4000, paid_minor: 0 });
  expect(await count("SELECT count(*) n FROM withdrawals WHERE partner_id = ? AND status = 'requested'", RIVAL)).toBe(1);
}

describe("another partner's money is not there for a member of this one (404)", () => {
  for (const path of ['balance', 'terms', 'client-payments/quote?customerId=x&plan=pro']) {
    it(`GET /partners/{rival}/${path}`, async () => {
      expect((await api(await signIn(), `/partners/${RIVAL}/${path}`)).status).toBe(404);
    });
  }
  const writes: [string, string, unknown][] = [
    ['request a withdrawal', `/partners/${RIVAL}/withdrawals`, { amount: eur(5000) }],
    ['cancel its withdrawal', `/partners/${RIVAL}/withdrawals/{w}/cancel`, {}],
    ['pay a client from its balance', `/partners/${RIVAL}/client-payments`, { customerId: 'x', plan: 'pro', expectedPrice: eur(100), paidUntil: '2026-12-14T00:00:00.000Z' }],
  ];
  for (const [what, path, body] of writes) {
    it(`${what}: 404, and its money is untouched`, async () => {
      expect((await api(await signIn(), path.replace('{w}', rivalWithdrawal), body)).status).toBe(404);
      await rivalMoneyUntouched();
    });
  }
});

describe('money console actions are for program managers only', () => {
  const actions: [string, string, string, unknown?][] = [
    ['close the period', 'POST', `${P}/periods/{period}/close`, {}],
    ['mark a withdrawal paid', 'POST', `${P}/withdrawals/{w}/paid`, {}],
    ['mark a withdrawal failed', 'POST', `${P}/withdrawals/{w}/failed`, {}],
    ['reject a withdrawal', 'POST', `${P}/withdrawals/{w}/reject`, { reason: 'no' }],
    ['record a top-up', 'POST', `${P}/top-ups`, { partnerId: RIVAL, amount: eur(99), reference: 'sneaky' }],
    ['add a reward rule', 'POST', `${P}/reward-rules`, { event: 'signup', kind: 'flat', amountMinor: 99_999 }],
    ['retire a reward rule', 'POST', `${P}/reward-rules/rul_demo_payment/retire`, {}],
    ['read the payouts', 'GET', `${P}/payouts`],
    ['run the ledger check', 'GET', `${P}/ledger/check`],
    ['review a payout batch', 'GET', `${P}/payout-batches/pob_any`],
    ['export a payout batch', 'GET', `${P}/payout-batches/pob_any/export.csv`],
  ];
  for (const [what, method, template, body] of actions) {
    it(`${what}: a partner member gets 404, a sales representative 403, signed out 401, and nothing changes`, async () => {
      const path = template.replace('{period}', periodId).replace('{w}', rivalWithdrawal);
      expect((await api(await signIn(), path, body, method)).status).toBe(404);
      expect((await api(await signIn('rep@demo.test', 'rival-pass'), path, body, method)).status).toBe(403);
      expect((await api(null, path, body, method)).status).toBe(401);
      await rivalMoneyUntouched();
      expect(await count('SELECT count(*) n FROM reporting_periods WHERE closed_at IS NOT NULL')).toBe(0);
      expect(await count('SELECT count(*) n FROM reward_rules WHERE active = 1')).toBe(2);
    });
  }

  it('a sales representative may read the reward rules; a partner member may not', async () => {
    expect((await api(await signIn('rep@demo.test', 'rival-pass'), `${P}/reward-rules`)).status).toBe(200);
    expect((await api(await signIn(), `${P}/reward-rules`)).status).toBe(404);
  });
});

describe('where payouts go', () => {
  it("only the partner's owner or finance members change payout details; program staff and other members get 403", async () => {
    const change = (cookie: string) => api(cookie, `/partners/${DEMO.partnerId}/profile`, { payoutDetails: 'IBAN XX00 HIJACK' }, 'PATCH');
    expect((await change(await signIn(DEMO.colleagueEmail))).status).toBe(403); // a member with the manager role
    expect((await change(await signIn('rep@demo.test', 'rival-pass'))).status).toBe(404); // a sales representative of other partners
    await env.DB.prepare("UPDATE partners SET sales_rep_account_id = 'acc_rep' WHERE id = ?").bind(DEMO.partnerId).run();
    expect((await change(await signIn('rep@demo.test', 'rival-pass'))).status).toBe(403); // the partner's own representative
    await env.DB.prepare('UPDATE partners SET sales_rep_account_id = NULL WHERE id = ?').bind(DEMO.partnerId).run();
    expect((await change(await signIn(DEMO.managerEmail))).status).toBe(403); // a program manager
    expect(await count("SELECT count(*) n FROM partners WHERE payout_details LIKE '%HIJACK%'")).toBe(0);
    expect((await api(await signIn(DEMO.colleagueEmail), `/partners/${DEMO.partnerId}/profile`, { contactPhone: '+46 70 000 00 00' }, 'PATCH')).status).toBe(200);
  });

  it('a withdrawal is paid where it was requested to, whatever the details say later', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const csvOf = async (batchId: string) => (await api(manager, `${P}/payout-batches/${batchId}/export.csv`)).text();
    const owner = await signIn('rival@other.test', 'rival-pass');
    await env.DB.prepare("UPDATE partners SET payout_details = 'CARD 4242' WHERE id = ?").bind(RIVAL).run();
    // The rival's request from beforeAll was made with no details on file; cancel it and request again.
    await api(owner, `/partners/${RIVAL}/withdrawals/${rivalWithdrawal}/cancel`, {});
    const w = await (await api(owner, `/partners/${RIVAL}/withdrawals`, { amount: eur(5000) })).json<any>();
    expect((await api(owner, `/partners/${RIVAL}/profile`, { payoutDetails: 'CARD 9999' }, 'PATCH')).status).toBe(200);
    const closed = await (await api(manager, `${P}/periods/${periodId}/close`, {})).json<any>();
    const csv = await csvOf(closed.batchId);
    expect(csv).toContain(`${w.id},P100002,Rival Ltd,card,CARD 4242,5000,EUR`);
    expect(csv).not.toContain('CARD 9999');
  });
});
