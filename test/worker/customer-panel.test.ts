import { beforeAll, describe, expect, it } from 'vitest';
import { signCustomerToken, verifyCustomerToken } from '../../worker/security/customer-token';
import { sha256Hex } from '../../worker/security/hashing';
import { call, clickThrough, count, DEMO, seedDemo, server, SHOP, widget } from './helpers';

beforeAll(seedDemo);

/** The widget's own call: key in the query, JSON as text/plain, so a browser sends no preflight. */
function simple(path: string, body?: unknown, origin = SHOP) {
  return call(`${path}${path.includes('?') ? '&' : '?'}key=${DEMO.publishableKey}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Origin: origin, ...(body === undefined ? {} : { 'Content-Type': 'text/plain;charset=UTF-8' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const panel = (customerId: string, token: string, origin = SHOP) => simple('/api/v1/customer-panel', { customerId, token }, origin);

describe('customer tokens', () => {
  it('accept a token signed with the SHA-256 of the secret key, and name its customer', async () => {
    const token = await signCustomerToken(DEMO.secretKey, 'shop-42');
    await expect(verifyCustomerToken(token, [await sha256Hex(DEMO.secretKey)])).resolves.toEqual({ ok: true, customerId: 'shop-42' });
  });

  it.each([
    ['forged: signed with another key', async () => signCustomerToken('sk_not_ours', 'shop-42'), 'forged'],
    ['expired', async () => signCustomerToken(DEMO.secretKey, 'shop-42', 60, Date.now() - 120_000), 'expired'],
    ['living longer than a day', async () => signCustomerToken(DEMO.secretKey, 'shop-42', 3 * 86_400), 'too_long'],
    ['malformed', async () => 'not.a-token', 'malformed'],
    ['whose header and claims are JSON null', async () => 'bnVsbA.bnVsbA.c2ln', 'malformed'],
    ['with its customer changed after signing', async () => {
      const [h, , s] = (await signCustomerToken(DEMO.secretKey, 'shop-42')).split('.');
      const body = btoa(JSON.stringify({ sub: 'shop-43', exp: Math.floor(Date.now() / 1000) + 600 })).replace(/=+$/, '');
      return `${h}.${body}.${s}`;
    }, 'forged'],
  ])('refuse a token %s', async (_name, make, problem) => {
    await expect(verifyCustomerToken(await make(), [await sha256Hex(DEMO.secretKey)])).resolves.toEqual({ ok: false, problem });
  });
});

describe('the widget calls without a preflight', () => {
  it('reads the publishable key from the query and a text/plain body as JSON, from an allowed origin', async () => {
    const { clickId } = await clickThrough();
    const greeting = await simple(`/api/v1/greeting?code=DEMO&clickId=${clickId}`);
    expect(greeting.status).toBe(200);
    expect(greeting.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
    const res = await simple('/api/v1/signups', { customerId: `plain-${Date.now()}`, email: `plain.${Date.now()}@example.com`, promoCode: 'DEMO' });
    expect(res.status).toBe(201);
    expect((await res.json<any>()).attribution.invitationCode).toBe('DEMO');
  });

  it('still refuses the publishable key from an origin the program does not allow', async () => {
    const res = await simple('/api/v1/signups', { customerId: 'x', email: 'x@example.com', promoCode: 'DEMO' }, 'https://evil.example');
    expect(res.status).toBe(403);
  });

  it('refuses a secret key in the URL', async () => {
    const res = await call(`/api/v1/greeting?code=DEMO&key=${DEMO.secretKey}`);
    expect(res.status).toBe(401);
    expect((await res.json<any>()).error.message).toMatch(/never in a URL/);
  });
});

describe('POST /api/v1/customer-panel', () => {
  it('creates the customer\'s own invitation on first open and shows the same one after, with referrals and credit', async () => {
    const id = `panel-${Date.now()}`;
    const token = await signCustomerToken(DEMO.secretKey, id);
    const first = await panel(id, token);
    expect(first.status).toBe(200);
    const body = await first.json<any>();
    expect(body).toMatchObject({ customerId: id, referred: 0, credit: { amount: 0, currency: 'EUR' }, friendCredit: { amount: 500, currency: 'EUR' } });
    expect(body.invitation.link).toBe(`http://edgeref.test/r/${body.invitation.code}`);
    expect(body.invitation.qrSvg).toBe(`${body.invitation.link}/qr.svg`);

    // A friend signs up through the customer's code: the customer sees one referral.
    const friend = await widget('/api/v1/signups', { customerId: `friend-of-${id}`, email: `friend.${Date.now()}@example.com`, promoCode: body.invitation.code });
    expect(friend.status).toBe(201);
    expect((await panel(id, token).then((r) => r.json<any>())).credit).toEqual({ amount: 0, currency: 'EUR' }); // awaits the shop's confirmation
    expect((await server(`/api/v1/signups/friend-of-${id}/confirmation`, {})).status).toBe(200);
    const again = await (await panel(id, token)).json<any>();
    expect(again.invitation.code).toBe(body.invitation.code);
    expect(again.referred).toBe(1);
    expect(again.credit).toEqual({ amount: 500, currency: 'EUR' }); // the demo's referrer credit
    expect(await count('SELECT count(*) n FROM invitations WHERE code = ?', body.invitation.code)).toBe(1);
  });

  it('refuses a forged token, and a genuine token used for another customer', async () => {
    const forged = await panel('victim', await signCustomerToken('sk_guess', 'victim'));
    expect(forged.status).toBe(401);
    expect((await forged.json<any>()).error.code).toBe('invalid_token');
    const other = await panel('victim', await signCustomerToken(DEMO.secretKey, 'attacker'));
    expect(other.status).toBe(403);
    expect(await count("SELECT count(*) n FROM customers WHERE external_id = 'victim'")).toBe(0);
  });
});

describe('a customer who opened the panel before signing up', () => {
  it('is still attributed and credited when the signup comes, once, and counted as the invitation\'s signup', async () => {
    const externalId = `panel-first-${Date.now()}`;
    const opened = await panel(externalId, await signCustomerToken(DEMO.secretKey, externalId));
    expect(opened.status).toBe(200);
    const signupsBefore = await count("SELECT coalesce(sum(signups), 0) n FROM invitation_daily_stats WHERE invitation_id = 'inv_demo'");
    const report = () => widget('/api/v1/signups', { customerId: externalId, email: `${externalId}@example.com`, promoCode: DEMO.invitationCode });
    const [a, b] = await Promise.all([report(), report()]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const body = await (a.status === 201 ? a : b).json<any>();
    expect(body).toMatchObject({ created: true, attribution: { invitationCode: DEMO.invitationCode }, credit: { amount: 500, currency: 'EUR' } });
    expect(await count("SELECT count(*) n FROM ledger_entries e JOIN customers c ON c.id = e.event_id WHERE c.external_id = ? AND e.event_type = 'signup'", externalId)).toBe(2);
    expect(await count("SELECT coalesce(sum(signups), 0) n FROM invitation_daily_stats WHERE invitation_id = 'inv_demo'")).toBe(signupsBefore + 1);
  });
});
