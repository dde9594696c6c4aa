// "My clients" a page at a time: pages chosen by customer (one with two subscriptions is one entry), the total on every
// page, each customer on exactly one; the search over email, external id and invitation code, up to 200 characters,
// with %, _ and \ taken literally and an erased customer's former email never found; bad queries refused; another
// partner's member kept out; and the page and its count read through the partner's index.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, seedDemo, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';
import { clientsPageSql } from '../../worker/db/clients';
import { eraseCustomer } from '../../worker/db/customer-data';

// The second partner of portal-helpers, signed in as its owner: its clients are only those written here.
const PARTNER = 'prt_rival';
const P = `/partners/${PARTNER}/clients`;
const REGULAR = 115; // cus_pg_000 … cus_pg_114, plus the five below: 120 clients, pages of 50, 50 and 20
const SPECIAL = ['cus_pg_pct', 'cus_pg_under', 'cus_pg_x', 'cus_pg_slash', 'cus_pg_erased'];
const TOTAL = REGULAR + SPECIAL.length;
let owner: string;

const list = async (query: string) => {
  const res = await api(owner, `${P}?${query}`);
  expect(res.status, query).toBe(200);
  return res.json<{ items: any[]; total: number; page: number; pageSize: number }>();
};
const found = async (q: string) => (await list(`q=${encodeURIComponent(q)}&pageSize=100`)).items.map((c) => c.id);

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  const db = env.DB;
  const base = Date.now() - 1_000_000;
  await db.batch([
    db.prepare(
      `INSERT INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at)
       VALUES ('inv_pg_alpha', ?1, ?2, 'Alpha-Page', 'ALPHA-PAGE', 1, 0, 0), ('inv_pg_beta', ?1, ?2, 'BETA-PAGE', 'BETA-PAGE', 1, 0, 0)`,
    ).bind(DEMO.programId, PARTNER),
    // Customer i signed up i / 2 seconds after the first, so each second has two and only the id orders them; even
    // ones came through the Alpha invitation, odd ones through Beta.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?3 - 1)
       INSERT INTO customers (id, program_id, external_id, email, invitation_id, partner_id, attribution_method, created_at)
       SELECT printf('cus_pg_%03d', i), ?1, printf('ext-%03d', i), printf('client%d@paging.test', i),
              CASE i % 2 WHEN 0 THEN 'inv_pg_alpha' ELSE 'inv_pg_beta' END, ?2, 'promo_code', ?4 + (i / 2) * 1000
       FROM n`,
    ).bind(DEMO.programId, PARTNER, REGULAR, base),
    // Ids and emails with LIKE's wildcards and its escape character in them, and one to be erased; the oldest clients.
    db.prepare(
      `INSERT INTO customers (id, program_id, external_id, email, partner_id, created_at) VALUES
       ('cus_pg_pct', ?1, 'deal-50%-off', 'percent@paging.test', ?2, ?3),
       ('cus_pg_under', ?1, 'a_b', 'under@paging.test', ?2, ?3 - 1),
       ('cus_pg_x', ?1, 'axb', 'plain@paging.test', ?2, ?3 - 2),
       ('cus_pg_slash', ?1, 'path\\to', 'slash@paging.test', ?2, ?3 - 3),
       ('cus_pg_erased', ?1, 'gone-1', 'erased.person@paging.test', ?2, ?3 - 4)`,
    ).bind(DEMO.programId, PARTNER, base - 1000),
    // Another partner's customer, with an email the search for this partner's would otherwise find.
    db.prepare("INSERT INTO customers (id, program_id, external_id, email, partner_id, created_at) VALUES ('cus_pg_demo', ?, 'ext-demo-001', 'client1@paging.test', ?, ?)")
      .bind(DEMO.programId, DEMO.partnerId, base),
    // The newest client has two subscriptions; one in the middle has one.
    db.prepare(
      `INSERT INTO subscriptions (id, program_id, customer_id, plan, status, amount_minor, currency, expires_at, updated_at) VALUES
       ('sub_pg_1', ?1, 'cus_pg_114', 'Basic', 'canceled', 900, 'EUR', NULL, 0),
       ('sub_pg_2', ?1, 'cus_pg_114', 'Pro', 'active', 4900, 'EUR', 1767225600000, 0),
       ('sub_pg_3', ?1, 'cus_pg_060', 'Pro', 'trialing', NULL, NULL, NULL, 0)`,
    ).bind(DEMO.programId),
  ]);
  await eraseCustomer(db, 'cus_pg_erased', Date.now());
  owner = await signIn('rival@other.test', 'rival-pass');
});

describe("the partner's clients a page at a time", () => {
  it('are newest first, 50 to a page by default, with the total on every page and each client on exactly one', async () => {
    const pages = await Promise.all([1, 2, 3].map((n) => list(`page=${n}`)));
    expect(pages.map((p) => [p.items.length, p.total, p.page, p.pageSize])).toEqual([[50, TOTAL, 1, 50], [50, TOTAL, 2, 50], [20, TOTAL, 3, 50]]);
    const ids = pages.flatMap((p) => p.items.map((c) => c.id));
    expect(new Set(ids).size).toBe(TOTAL);
    // Within a second, the id decides: 114 (alone in its second), then 112 before 113, and so on; the oldest last.
    expect(ids.slice(0, 5)).toEqual(['cus_pg_114', 'cus_pg_112', 'cus_pg_113', 'cus_pg_110', 'cus_pg_111']);
    expect(ids.slice(-SPECIAL.length)).toEqual(SPECIAL);
    expect(await list('page=4')).toMatchObject({ items: [], total: TOTAL, page: 4 }); // past the end: no items, the total still
    expect((await list('pageSize=100&page=2')).items.map((c) => c.id)).toEqual(ids.slice(100));
  });

  it('shows a client with two subscriptions once, with both, and one with none with an empty list', async () => {
    const first = await list('pageSize=1');
    expect(first).toMatchObject({ total: TOTAL, pageSize: 1 });
    expect(first.items).toEqual([
      expect.objectContaining({
        id: 'cus_pg_114', externalId: 'ext-114', email: 'client114@paging.test', erased: false, invitationCode: 'Alpha-Page', leadCompany: null,
        subscriptions: [
          { plan: 'Basic', status: 'canceled', amount: { amount: 900, currency: 'EUR' }, expiresAt: null },
          { plan: 'Pro', status: 'active', amount: { amount: 4900, currency: 'EUR' }, expiresAt: '2026-01-01T00:00:00.000Z' },
        ],
      }),
    ]);
    // The second page of one is the next customer, not the first one's second subscription.
    expect((await list('pageSize=1&page=2')).items.map((c) => [c.id, c.subscriptions])).toEqual([['cus_pg_112', []]]);
    const middle = (await list('q=ext-060')).items;
    expect(middle.map((c) => c.subscriptions)).toEqual([[{ plan: 'Pro', status: 'trialing', amount: null, expiresAt: null }]]);
  });
});

describe('the search', () => {
  const regular = (match: (i: number) => boolean) => Array.from({ length: REGULAR }, (_, i) => i).filter(match).reverse();

  it("matches part of the email, whatever its case, and never another partner's client", async () => {
    const ids = await found('CLIENT1');
    // client1, client10…19, client100…114; newest first, pairs by id
    expect(new Set(ids)).toEqual(new Set(regular((i) => String(i).startsWith('1')).map((i) => `cus_pg_${String(i).padStart(3, '0')}`)));
    expect(ids).toHaveLength(26);
    expect(ids).not.toContain('cus_pg_demo');
    expect(await found('under@')).toEqual(['cus_pg_under']);
  });

  it('matches part of the external id and of the invitation code, with the total of the matches and their pages', async () => {
    expect(await found('ext-07')).toEqual(['cus_pg_078', 'cus_pg_079', 'cus_pg_076', 'cus_pg_077', 'cus_pg_074', 'cus_pg_075', 'cus_pg_072', 'cus_pg_073', 'cus_pg_070', 'cus_pg_071']);
    const alpha = await list('q=alpha-p');
    expect(alpha).toMatchObject({ total: 58, page: 1, pageSize: 50 });
    expect(alpha.items.every((c) => c.invitationCode === 'Alpha-Page')).toBe(true);
    const rest = await list('q=alpha-p&page=2');
    expect(rest).toMatchObject({ total: 58, page: 2 });
    expect(rest.items).toHaveLength(8);
    expect(new Set([...alpha.items, ...rest.items].map((c) => c.id)).size).toBe(58);
    expect(await list('q=alpha-p&page=3')).toMatchObject({ items: [], total: 58 });
    expect((await list('q=page')).total).toBe(REGULAR); // both codes; "paging.test" is not "page"
  });

  it("takes %, _ and \\ literally, and trims the search", async () => {
    expect(await found('50%')).toEqual(['cus_pg_pct']); // as a wildcard it would find ext-050 too
    expect(await found('a_b')).toEqual(['cus_pg_under']); // as a wildcard it would find axb too
    expect(await found('h\\t')).toEqual(['cus_pg_slash']);
    expect(await found('%')).toEqual(['cus_pg_pct']);
    expect(await found('_')).toEqual(['cus_pg_under']);
    expect((await list(`q=${encodeURIComponent('  a_b  ')}`)).items.map((c) => c.id)).toEqual(['cus_pg_under']);
    expect((await list('q=%20%20')).total).toBe(TOTAL); // only spaces: no search
  });

  it('never finds an erased client by its former email, only by its id at the site', async () => {
    expect(await found('erased.person')).toEqual([]);
    expect((await list('q=gone-1')).items).toEqual([expect.objectContaining({ id: 'cus_pg_erased', email: null, erased: true })]);
  });
});

describe('bad queries', () => {
  it.each([['page=0'], ['page=-1'], ['page=1.5'], ['page=two'], ['pageSize=0'], ['pageSize=101'], [`q=${'x'.repeat(201)}`]])(
    '%s is a 400 in the one error shape',
    async (query) => {
      const res = await api(owner, `${P}?${query}`);
      expect(res.status).toBe(400);
      expect((await res.json<any>()).error).toMatchObject({ code: 'invalid_request', message: expect.any(String), details: expect.any(Array) });
    },
  );

  it('a search of 200 characters is answered (longer than the 50 bytes D1 allows a LIKE pattern)', async () => {
    expect((await list(`q=${'x'.repeat(200)}`)).total).toBe(0);
  });
});

describe('who may read them', () => {
  it("another partner's member is told there is no such partner (404), and nobody signed out reads them (401)", async () => {
    const res = await api(await signIn(), `${P}?q=client`);
    expect(res.status).toBe(404);
    expect((await res.json<any>()).error.code).toBe('not_found');
    expect((await api(null, P)).status).toBe(401);
  });
});

describe('query plans', () => {
  const plan = async (sql: string, args: unknown[]) =>
    (await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...args).all<{ detail: string }>()).results.map((r) => r.detail);

  it.each([[undefined], ['client1']])('with search %s, the page and the total read the partner index, and subscriptions by their key', async (q) => {
    const { sql, args } = clientsPageSql(PARTNER, { q, page: 2, pageSize: 50 });
    const page = await plan(sql, args);
    expect(page).toEqual(expect.arrayContaining([expect.stringMatching(/^SEARCH s USING INDEX sqlite_autoindex_subscriptions_\d \(program_id=\? AND customer_id=\?\)/)]));
    expect(page.filter((l) => /^SCAN (c|s|i|pi|r|customers)\b/.test(l))).toEqual([]);
    // Searched, the partner's customers are read once (materialized), for the page and the total; else the page and
    // the count each read the partner's index.
    expect(page.filter((l) => /USING (COVERING )?INDEX customers_partner \(partner_id=\?\)/.test(l))).toHaveLength(q ? 1 : 2);
  });
});
