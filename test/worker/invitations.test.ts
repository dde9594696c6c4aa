import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, call, CHROME_UA, clickThrough, count, DEMO, newVisitorIp, seedDemo, settledClicks, signIn, SHOP } from './helpers';

const json = (cookie: string, body: unknown, method = 'POST') => ({
  method,
  headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: BASE },
  body: JSON.stringify(body),
});
const invitationsPath = `/api/v1/partners/${DEMO.partnerId}/invitations`;

let cookie: string;
beforeAll(async () => {
  await seedDemo();
  cookie = await signIn();
});

async function create(body: Record<string, unknown>) {
  const res = await call(invitationsPath, json(cookie, body));
  expect(res.status).toBe(201);
  return res.json<any>();
}

describe('invitation lifecycle', () => {
  it('renames, relabels and re-owns an invitation, keeping its code', async () => {
    const inv = await create({ code: 'LIFE-1', campaign: 'Spring' });
    const res = await call(`${invitationsPath}/${inv.id}`, json(cookie, { name: 'Booth at the fair', campaign: 'Autumn', memberId: 'mem_demo_sales' }, 'PATCH'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ code: 'LIFE-1', name: 'Booth at the fair', campaign: 'Autumn', memberName: 'Sam Sales' });
    const cleared = await (await call(`${invitationsPath}/${inv.id}`, json(cookie, { campaign: null, memberId: null }, 'PATCH'))).json<any>();
    expect(cleared).toMatchObject({ campaign: null, memberId: null, name: 'Booth at the fair' });
  });

  it('deactivates a link at once (the cached lookup is invalidated): a friendly page, nothing recorded; reactivation restores it', async () => {
    const inv = await create({ code: 'LIFE-2' });
    expect((await clickThrough('LIFE-2')).res.status).toBe(302); // now cached in the isolate
    const off = await call(`${invitationsPath}/${inv.id}`, json(cookie, { active: false }, 'PATCH'));
    expect((await off.json<any>()).active).toBe(false);
    const before = await settledClicks();
    const res = await call('/r/LIFE-2', { headers: { 'User-Agent': CHROME_UA, 'CF-Connecting-IP': newVisitorIp() } });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('has ended');
    expect(await settledClicks()).toBe(before);
    await call(`${invitationsPath}/${inv.id}`, json(cookie, { active: true }, 'PATCH'));
    expect((await clickThrough('LIFE-2')).res.status).toBe(302);
  });

  it('sends visitors to an overriding destination on the program\'s own site, with the link\'s UTM parameters passed through', async () => {
    await create({ code: 'LIFE-3', destinationUrl: `${SHOP}/pricing?plan=pro` });
    const { location } = await clickThrough('LIFE-3', '?utm_source=newsletter&utm_medium=email');
    expect(location.origin + location.pathname).toBe(`${SHOP}/pricing`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ plan: 'pro', utm_source: 'newsletter', utm_medium: 'email', ref: 'LIFE-3' });
  });

  const offSite = ['https://evil.example/phish', 'javascript:alert(1)', `http://user:pw@127.0.0.1:8788/`, 'http://127.0.0.1:8789/'];
  for (const url of offSite) {
    it(`refuses a destination off the program's sites (${url}) with 400, on create and on change`, async () => {
      const before = await count('SELECT count(*) n FROM invitations');
      const created = await call(invitationsPath, json(cookie, { code: `OFF-${Math.random().toString(36).slice(2, 8)}`, destinationUrl: url }));
      expect(created.status).toBe(400);
      expect(await count('SELECT count(*) n FROM invitations')).toBe(before);
      const inv = await create({ code: `SAFE-${Math.random().toString(36).slice(2, 8)}` });
      const changed = await call(`${invitationsPath}/${inv.id}`, json(cookie, { destinationUrl: url }, 'PATCH'));
      expect(changed.status).toBe(400);
      expect(await count('SELECT count(*) n FROM invitations WHERE id = ? AND destination_url IS NULL', inv.id)).toBe(1);
    });
  }

  it('never changes the code, and refuses an empty change', async () => {
    const inv = await create({ code: 'LIFE-4' });
    expect((await call(`${invitationsPath}/${inv.id}`, json(cookie, { code: 'OTHER' }, 'PATCH'))).status).toBe(400);
    expect((await call(`${invitationsPath}/${inv.id}`, json(cookie, {}, 'PATCH'))).status).toBe(400);
  });

  it("hides another partner's invitation (404)", async () => {
    const res = await call(`${invitationsPath}/inv_not_ours`, json(cookie, { name: 'x' }, 'PATCH'));
    expect(res.status).toBe(404);
  });
});
