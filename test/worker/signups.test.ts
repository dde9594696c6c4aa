import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, clickThrough, count, DEMO, eventually, seedDemo, server, SHOP, widget } from './helpers';

beforeAll(seedDemo);

let seq = 0;
const newCustomer = () => {
  seq += 1;
  return { customerId: `shop-cus-${seq}-${Math.random().toString(36).slice(2)}`, email: `buyer${seq}.${Date.now()}@example.com` };
};

async function landedClick(query = '') {
  const { clickId } = await clickThrough('DEMO', query);
  await eventually(() => count('SELECT count(*) n FROM clicks WHERE id = ?', clickId), (n) => n === 1);
  return clickId;
}

async function ledgerOf(customerExternalId: string) {
  return env.DB.prepare(
    `SELECT e.type, e.amount_minor, e.currency, e.status, e.partner_id, e.customer_id FROM ledger_entries e
     JOIN customers c ON c.id = e.event_id WHERE c.external_id = ? ORDER BY e.type`,
  )
    .bind(customerExternalId)
    .all<{ type: string; amount_minor: number; currency: string; status: string; partner_id: string | null }>();
}

describe('POST /api/v1/signups', () => {
  it('attributes a signup by click id from the widget, crediting the customer 5 EUR and the partner its commission, pending until the server confirms it', async () => {
    const clickId = await landedClick();
    const c = newCustomer();
    const res = await widget('/api/v1/signups', { ...c, clickId });
    expect(res.status).toBe(201);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
    const body = await res.json<any>();
    expect(body).toEqual({
      customerId: c.customerId,
      created: true,
      attribution: { invitationCode: 'DEMO', method: 'click', partnerName: DEMO.partnerName },
      credit: { amount: 500, currency: 'EUR' },
      status: 'awaiting_confirmation',
    });
    const { results } = await ledgerOf(c.customerId);
    expect(results.map((r) => [r.type, r.amount_minor, r.currency, r.status, r.partner_id])).toEqual([
      ['commission', DEMO.signupCommissionMinor, 'EUR', 'pending', DEMO.partnerId],
      ['signup_credit', 500, 'EUR', 'pending', null],
    ]);
    const confirmed = await server(`/api/v1/signups/${c.customerId}/confirmation`, {});
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ customerId: c.customerId, status: 'confirmed' });
    const balance = await (await server(`/api/v1/customers/${c.customerId}/balance`)).json<any>();
    expect(balance.balance).toEqual({ amount: 500, currency: 'EUR' });
  });

  it('attributes by a click id handed out a moment ago, while the click may still be in the queue', async () => {
    const { clickId } = await clickThrough();
    const greeting = await widget(`/api/v1/greeting?code=DEMO&clickId=${clickId}`);
    expect(greeting.status).toBe(200);
    const res = await widget('/api/v1/signups', { ...newCustomer(), clickId });
    expect(res.status).toBe(201);
    expect((await res.json<any>()).attribution.method).toBe('click');
  });

  it('attributes by a promo code typed at signup, case-insensitively, from the server with the secret key', async () => {
    const c = newCustomer();
    const res = await server('/api/v1/signups', { ...c, promoCode: 'demo' });
    expect(res.status).toBe(201);
    const body = await res.json<any>();
    expect(body.attribution).toEqual({ invitationCode: 'DEMO', method: 'promo_code', partnerName: DEMO.partnerName });
    expect((await ledgerOf(c.customerId)).results).toHaveLength(2);
  });

  it('credits once when the same signup is reported twice', async () => {
    const c = newCustomer();
    const first = await server('/api/v1/signups', { ...c, promoCode: 'DEMO' });
    const again = await server('/api/v1/signups', { ...c, promoCode: 'DEMO' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const replay = await again.json<any>();
    expect(replay.created).toBe(false);
    expect(replay.credit).toEqual({ amount: 500, currency: 'EUR' });
    expect((await ledgerOf(c.customerId)).results).toHaveLength(2);
  });

  it('credits once when the same signup is reported 20 times concurrently', async () => {
    const clickId = await landedClick();
    const c = newCustomer();
    const answers = await Promise.all(Array.from({ length: 20 }, () => widget('/api/v1/signups', { ...c, clickId })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await count('SELECT count(*) n FROM customers WHERE external_id = ?', c.customerId)).toBe(1);
    const { results } = await ledgerOf(c.customerId);
    expect(results.map((r) => r.type)).toEqual(['commission', 'signup_credit']);
  });

  it("refuses a self-referral (the partner member's own email) with 422 and credits nothing", async () => {
    const clickId = await landedClick();
    const res = await widget('/api/v1/signups', { customerId: 'self-1', email: DEMO.partnerEmail.toUpperCase(), clickId });
    expect(res.status).toBe(422);
    expect((await res.json<any>()).error.code).toBe('self_referral');
    expect(await count("SELECT count(*) n FROM customers WHERE external_id = 'self-1'")).toBe(0);
  });

  it("refuses the partner's own email in another spelling (case, plus-addressing) as a self-referral, crediting nothing", async () => {
    const before = await count('SELECT count(*) n FROM ledger_entries');
    const res = await server('/api/v1/signups', { customerId: 'self-plus', email: 'Partner+1@Demo.test', promoCode: 'DEMO' });
    expect(res.status).toBe(422);
    expect((await res.json<any>()).error.code).toBe('self_referral');
    expect(await count('SELECT count(*) n FROM ledger_entries')).toBe(before);
  });

  it('refuses an unknown click id and an unknown promo code with 422', async () => {
    const a = await server('/api/v1/signups', { ...newCustomer(), clickId: 'no-such-click' });
    expect(a.status).toBe(422);
    expect((await a.json<any>()).error.code).toBe('unknown_click');
    const b = await server('/api/v1/signups', { ...newCustomer(), promoCode: 'NOPE' });
    expect(b.status).toBe(422);
    expect((await b.json<any>()).error.code).toBe('unknown_promo_code');
  });

  it('refuses a click older than the attribution window', async () => {
    const clickId = await landedClick();
    await env.DB.prepare('UPDATE clicks SET created_at = created_at - ? WHERE id = ?').bind(31 * 86_400_000, clickId).run();
    const res = await server('/api/v1/signups', { ...newCustomer(), clickId });
    expect(res.status).toBe(422);
    expect((await res.json<any>()).error.code).toBe('click_expired');
  });

  describe('bad input writes nothing', () => {
    const cases: [string, BodyInit, (b: any) => void][] = [
      ['malformed JSON', '{"customerId": ', (b) => expect(b.error.message).toMatch(/JSON/i)],
      ['wrong types', JSON.stringify({ customerId: 42, email: 'x@example.com', promoCode: 'DEMO' }), (b) => expect(b.error.details[0].path).toBe('customerId')],
      ['missing email', JSON.stringify({ customerId: 'bad-1', promoCode: 'DEMO' }), (b) => expect(b.error.details.map((d: any) => d.path)).toContain('email')],
      ['a NUL byte in the customer id', JSON.stringify({ customerId: 'bad\u0000id', email: 'x@example.com', promoCode: 'DEMO' }), (b) => expect(b.error.details[0].path).toBe('customerId')],
      ['a lone surrogate in the customer id', '{"customerId": "bad\\ud800id", "email": "x@example.com", "promoCode": "DEMO"}', (b) => expect(b.error.details[0].path).toBe('customerId')],
    ['neither click id nor promo code, from no locked company', JSON.stringify({ customerId: 'bad-2', email: 'x@example.com' }), (b) => expect(b.error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/click id or a promo code/) })],
    ];
    for (const [name, body, check] of cases) {
      it(`answers ${name} with 400 in the error shape`, async () => {
        const before = await count('SELECT count(*) n FROM customers');
        const res = await call('/api/v1/signups', {
          method: 'POST',
          headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
          body,
        });
        expect(res.status).toBe(400);
        const json = await res.json<any>();
        expect(json.error.code).toBe('invalid_request');
        expect(typeof json.error.message).toBe('string');
        check(json);
        expect(await count('SELECT count(*) n FROM customers')).toBe(before);
      });
    }
  });

  describe('keys', () => {
    it('answers a missing key with 401', async () => {
      const res = await call('/api/v1/signups', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...newCustomer(), promoCode: 'DEMO' }) });
      expect(res.status).toBe(401);
      expect((await res.json<any>()).error.code).toBe('unauthorized');
    });

    it('answers a wrong key with 401', async () => {
      const res = await server('/api/v1/signups', { ...newCustomer(), promoCode: 'DEMO' }, 'sk_wrong');
      expect(res.status).toBe(401);
    });

    it('answers the publishable key from an origin the program does not allow with 403, writing nothing', async () => {
      const c = newCustomer();
      const res = await widget('/api/v1/signups', { ...c, promoCode: 'DEMO' }, 'https://evil.example');
      expect(res.status).toBe(403);
      expect((await res.json<any>()).error.code).toBe('forbidden');
      expect(await count('SELECT count(*) n FROM customers WHERE external_id = ?', c.customerId)).toBe(0);
    });

    it('answers a CORS preflight from the widget', async () => {
      const res = await call('/api/v1/signups', {
        method: 'OPTIONS',
        headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
      expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('authorization');
    });

    it("answers the site owner's server, which sends no Origin, with no CORS headers but Vary: Origin, and a page with both", async () => {
      const fromServer = await server('/api/v1/signups', { ...newCustomer(), promoCode: 'DEMO' });
      expect(fromServer.status).toBe(201);
      expect([...fromServer.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
      expect(fromServer.headers.get('Vary')).toBe('Origin');
      const fromPage = await widget('/api/v1/signups', { ...newCustomer(), promoCode: 'DEMO' });
      expect(fromPage.status).toBe(201);
      expect(fromPage.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
      expect(fromPage.headers.get('Access-Control-Expose-Headers')).toBe('Retry-After');
      expect(fromPage.headers.get('Vary')).toBe('Origin');
    });

    it('stores keys only as hashes', async () => {
      const n = await count('SELECT count(*) n FROM api_keys WHERE key_hash IN (?, ?)', DEMO.secretKey, DEMO.publishableKey);
      expect(n).toBe(0);
    });
  });
});

describe('customer balance for the site owner\'s server', () => {
  it('reads the balance and the ledger with the secret key', async () => {
    const c = newCustomer();
    await server('/api/v1/signups', { ...c, promoCode: 'DEMO' });
    const balance = await server(`/api/v1/customers/${c.customerId}/balance`);
    expect(balance.status).toBe(200);
    expect(await balance.json()).toEqual({ customerId: c.customerId, balance: { amount: 500, currency: 'EUR' } });
    const ledger = await server(`/api/v1/customers/${c.customerId}/ledger`);
    const body = await ledger.json<any>();
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0]).toMatchObject({ type: 'signup_credit', amount: { amount: 500, currency: 'EUR' }, status: 'available', eventType: 'signup' });
    expect(body.entries[0].reason).toContain('DEMO');
  });

  it('refuses the publishable key (403) and knows no unknown customer (404)', async () => {
    const pk = await widget('/api/v1/customers/anyone/balance');
    expect(pk.status).toBe(403);
    const missing = await server('/api/v1/customers/nobody-here/balance');
    expect(missing.status).toBe(404);
    expect((await missing.json<any>()).error.code).toBe('not_found');
  });
});

describe('GET /api/v1/greeting', () => {
  it('names the partner and the credit for a click id or a code', async () => {
    const clickId = await landedClick();
    for (const q of [`clickId=${clickId}`, 'code=demo']) {
      const res = await widget(`/api/v1/greeting?${q}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ code: 'DEMO', partnerName: DEMO.partnerName, advocate: 'partner', credit: { amount: 500, currency: 'EUR' }, attributionWindowDays: 30, attributionModel: 'first_touch' });
    }
  });

  it('answers 404 for an unknown code', async () => {
    expect((await widget('/api/v1/greeting?code=NOPE')).status).toBe(404);
  });

  it('takes only the publishable key: the secret key is refused (401)', async () => {
    const res = await server('/api/v1/greeting?code=DEMO');
    expect(res.status).toBe(401);
    expect((await res.json<any>()).error.code).toBe('unauthorized');
  });
});
