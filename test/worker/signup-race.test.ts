// The signup transaction itself, raced: each racer has its own pre-generated customer id, as concurrent requests do.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordSignup } from '../../worker/db/customers';
import { signupEntries } from '../../worker/domain/signups';
import { count, DEMO, seedDemo } from './helpers';

beforeAll(seedDemo);

describe('recordSignup under a race', () => {
  it('creates one customer and posts its two entries and its two events once when 20 writers race for the same external id', async () => {
    const now = Date.now();
    const racers = Array.from({ length: 20 }, (_, i) => {
      const customerId = `cus_race_${i}`;
      return recordSignup(env.DB, {
        customerId,
        programId: DEMO.programId,
        externalId: 'raced-customer',
        email: 'raced@example.com',
        invitationId: 'inv_demo',
        invitationCode: 'DEMO',
        leadId: null,
        partnerId: DEMO.partnerId,
        referredByCustomerId: null,
        clickId: null,
        method: 'promo_code',
        status: 'confirmed',
        heldReason: null,
        entries: signupEntries({
          customerId,
          source: { invitationCode: 'DEMO' },
          partnerId: DEMO.partnerId,
          currency: 'EUR',
          signupCreditMinor: 500,
          rules: [{ id: 'r', partnerId: null, event: 'signup', kind: 'flat', amountMinor: 1000, percentBps: null, holdDays: 0, product: null, recurringMonths: null, tiers: [], split: [] }],
          now,
        }),
        now,
      });
    });
    const results = await Promise.all(racers);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const winner = results.find((r) => r.created)!.customer.id;
    expect(new Set(results.map((r) => r.customer.id))).toEqual(new Set([winner]));
    expect(await count("SELECT count(*) n FROM customers WHERE external_id = 'raced-customer'")).toBe(1);
    expect(await count('SELECT count(*) n FROM ledger_entries WHERE event_id = ?', winner)).toBe(2);
    expect(await count("SELECT count(*) n FROM ledger_entries WHERE event_id LIKE 'cus_race_%'")).toBe(2);
    // The outbox: the winner's signup and its commission, each once; no loser raised anything.
    const { results: events } = await env.DB.prepare("SELECT type, data ->> '$.customerId' AS customer FROM events WHERE data ->> '$.customerId' LIKE 'cus_race_%' ORDER BY seq").all();
    expect(events).toEqual([
      { type: 'customer.signed_up', customer: winner },
      { type: 'commission.earned', customer: winner },
    ]);
  });

  it('refuses to update or delete a ledger entry (append-only)', async () => {
    await expect(env.DB.prepare("UPDATE ledger_entries SET amount_minor = 1 WHERE event_id LIKE 'cus_race_%'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM ledger_entries WHERE event_id LIKE 'cus_race_%'").run()).rejects.toThrow(/append-only/);
  });
});
