// The console's partner list: searched by name, company, email, a member's email, id and display id; sorted by each
// column the page shows, both ways; a page at a time with the total; a sales representative's own partners only; bad
// queries refused in the one error shape; and each sort but the representative's read from an index, not sorted.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, seedDemo, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';
import { partnerRecordsSql } from '../../worker/db/partner-profile';
import { PARTNER_SORTS } from '../../shared/schemas/partners';

const PROGRAM = 'prg_list';
const P = `/programs/${PROGRAM}/partner-records`;
const N = 121; // partners of the program: three pages of 50, the last one of 21
const STATUSES = ['affiliate', 'partner', 'rejected', 'suspended'];
let manager: string;
let rep: string;

const page = async (cookie: string, query: string) => {
  const res = await api(cookie, `${P}?${query}`);
  expect(res.status).toBe(200);
  return res.json<{ items: any[]; total: number; page: number; limit: number }>();
};

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  const now = Date.now();
  const db = env.DB;
  await db.batch([
    db.prepare("INSERT INTO programs (id, name, currency, destination_url, created_at) VALUES (?, 'List Shop', 'EUR', 'https://list.test/', ?)").bind(PROGRAM, now),
    db.prepare("INSERT INTO program_staff (program_id, account_id, role) VALUES (?, 'acc_demo_manager', 'manager'), (?, 'acc_rep', 'sales_rep')").bind(PROGRAM, PROGRAM),
    db.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_alma', 'alma@list.test', 'alma Able', 'x', 0), ('acc_finder', 'finder@members.test', 'Fay Finder', 'x', 0)"),
    db.prepare("INSERT INTO program_staff (program_id, account_id, role) VALUES (?, 'acc_alma', 'sales_rep')").bind(PROGRAM),
    // Partner i: number 300000 + i, joined i seconds after the first, names mixing cases, a status and an owner in turn.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?2 - 1)
       INSERT INTO partners (id, program_id, number, name, email, company, status, sales_rep_account_id, created_at)
       SELECT printf('prt_list_%03d', i), ?1, 300000 + i, CASE i % 2 WHEN 0 THEN printf('partner %03d', i) ELSE printf('Partner %03d', i) END,
              printf('p%03d@list.test', i), CASE WHEN i = 7 THEN 'Globex Holdings' END,
              CASE i % 4 WHEN 0 THEN 'affiliate' WHEN 1 THEN 'partner' WHEN 2 THEN 'rejected' ELSE 'suspended' END,
              CASE i % 3 WHEN 0 THEN 'acc_rep' WHEN 1 THEN 'acc_alma' END, ?3 + i * 1000
       FROM n`,
    ).bind(PROGRAM, N, now - 1_000_000),
    db.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES ('mem_finder', 'prt_list_042', 'acc_finder', 'owner', ?)").bind(now),
  ]);
  [manager, rep] = await Promise.all([signIn(DEMO.managerEmail), signIn('rep@demo.test', 'rival-pass')]);
});

describe('the partner list a page at a time', () => {
  it('is newest first by default, 50 to a page, with the total on every page, each partner on exactly one page', async () => {
    const pages = await Promise.all([1, 2, 3].map((n) => page(manager, `page=${n}`)));
    expect(pages.map((p) => [p.items.length, p.total, p.page, p.limit])).toEqual([[50, N, 1, 50], [50, N, 2, 50], [21, N, 3, 50]]);
    const ids = pages.flatMap((p) => p.items.map((x) => x.id));
    expect(ids[0]).toBe(`prt_list_${N - 1}`);
    expect(ids.at(-1)).toBe('prt_list_000');
    expect(new Set(ids).size).toBe(N);
    expect(pages[0].items[0]).toMatchObject({ displayId: 'A300120', name: 'partner 120', status: 'affiliate', salesRep: { id: 'acc_rep', name: 'Rob Rep' } });
    expect((await page(manager, 'page=4')).items).toEqual([]);
    expect((await page(manager, 'limit=100&page=2')).items).toHaveLength(21);
  });
});

describe('sorting by each column the page shows', () => {
  it('by name, A to Z ignoring case, and Z to A', async () => {
    const asc = await page(manager, 'sort=name&limit=5');
    expect(asc.items.map((p) => p.name)).toEqual(['partner 000', 'Partner 001', 'partner 002', 'Partner 003', 'partner 004']);
    const desc = await page(manager, 'sort=name&order=desc&limit=2');
    expect(desc.items.map((p) => p.name)).toEqual(['partner 120', 'Partner 119']);
  });

  it('by number (the display id), both ways', async () => {
    expect((await page(manager, 'sort=number&limit=3')).items.map((p) => p.displayId)).toEqual(['A300000', 'P300001', 'A300002']);
    expect((await page(manager, 'sort=number&order=desc&limit=2')).items.map((p) => p.displayId)).toEqual(['A300120', 'P300119']);
  });

  it('by status, each status together, then by date joined', async () => {
    const all = await page(manager, 'sort=status&limit=100');
    const statuses = all.items.map((p) => p.status);
    expect(statuses).toEqual([...statuses].sort());
    expect(statuses.slice(0, 31).every((s) => s === 'affiliate')).toBe(true);
    expect(all.items.slice(0, 2).map((p) => p.id)).toEqual(['prt_list_000', 'prt_list_004']);
    const desc = await page(manager, 'sort=status&order=desc&limit=1');
    expect(desc.items[0]).toMatchObject({ status: 'suspended', id: 'prt_list_119' });
    expect(STATUSES).toContain(desc.items[0].status);
  });

  it("by sales representative's name, nobody's last, newest first within one", async () => {
    const asc = await page(manager, 'sort=salesRep&limit=100&page=1');
    const names = asc.items.map((p) => p.salesRep?.name ?? null);
    expect(names.slice(0, 40).every((n) => n === 'alma Able')).toBe(true);
    expect(asc.items[0].id).toBe('prt_list_118');
    const last = await page(manager, 'sort=salesRep&limit=100&page=2');
    expect(last.items.map((p) => p.salesRep)).toEqual(Array(21).fill(null));
    const desc = await page(manager, 'sort=salesRep&order=desc&limit=1');
    expect(desc.items[0].salesRep).toEqual({ id: 'acc_rep', name: 'Rob Rep' });
  });

  it('by date joined, oldest first when asked', async () => {
    expect((await page(manager, 'sort=createdAt&order=asc&limit=2')).items.map((p) => p.id)).toEqual(['prt_list_000', 'prt_list_001']);
  });
});

describe('searching', () => {
  it("finds part of a name (any case), a company, the partner's email, a member's email, its id and its display id", async () => {
    const ids = async (q: string) => (await page(manager, `q=${encodeURIComponent(q)}&sort=number&order=asc`)).items.map((p) => p.id);
    expect(await ids('PARTNER 04')).toEqual(Array.from({ length: 10 }, (_, i) => `prt_list_04${i}`));
    expect(await ids('globex')).toEqual(['prt_list_007']);
    expect(await ids('p011@list')).toEqual(['prt_list_011']);
    expect(await ids('finder@members')).toEqual(['prt_list_042']);
    expect(await ids('prt_list_099')).toEqual(['prt_list_099']);
    expect(await ids('P300005')).toEqual(['prt_list_005']);
    // The display id found whatever the partner's status now: an affiliate's A or the P it will have.
    expect(await ids('a300004')).toEqual(['prt_list_004']);
    expect(await ids('P300004')).toEqual(['prt_list_004']);
    expect(await ids('nobody at all')).toEqual([]);
  });

  it("matches LIKE's wildcards literally, takes a search of the longest length, and counts only what it found", async () => {
    expect((await page(manager, 'q=%25')).total).toBe(0);
    expect((await page(manager, 'q=_')).total).toBe(0);
    // D1 refuses a LIKE pattern over 50 bytes; the search is no LIKE, so the longest one allowed is answered.
    expect((await page(manager, `q=${'p011@list.test'.padEnd(100, 'x')}`)).total).toBe(0);
    const found = await page(manager, 'q=Partner%2011&limit=5');
    expect(found.total).toBe(10); // 110 to 119
    expect(found.items).toHaveLength(5);
  });

  it('combines with the sales representative filter', async () => {
    const owned = await page(manager, 'salesRep=acc_alma&q=partner%2000');
    expect(owned.items.map((p) => p.id)).toEqual(['prt_list_007', 'prt_list_004', 'prt_list_001']);
    const nobodys = await page(manager, 'salesRep=none&limit=100');
    expect(nobodys.total).toBe(40);
    expect(nobodys.items.every((p) => p.salesRep === null)).toBe(true);
  });

  it('filters by status, one or several, with the search and the total', async () => {
    const open = await page(manager, 'status=partner,affiliate&limit=100');
    expect(open.total).toBe(61); // 31 applicants (affiliates) and 30 partners of the 121
    expect(new Set(open.items.map((p) => p.status))).toEqual(new Set(['partner', 'affiliate']));
    expect((await page(manager, 'status=rejected&q=partner%2000')).items.map((p) => p.id)).toEqual(['prt_list_006', 'prt_list_002']);
    expect((await page(manager, 'status=suspended')).total).toBe(30);
  });
});

describe('the search text each partner keeps (migration 0037)', () => {
  const ids = async (q: string) => (await page(manager, `q=${encodeURIComponent(q)}`)).items.map((p) => p.id);

  it('follows a renamed partner, a member added or gone, and a member whose email changes or is erased', async () => {
    const db = env.DB;
    await db.prepare("UPDATE partners SET name = 'Renamed Riverside', company = 'Initech' WHERE id = 'prt_list_050'").run();
    expect(await ids('riverside')).toEqual(['prt_list_050']);
    expect(await ids('initech')).toEqual(['prt_list_050']);
    expect(await ids('partner 050')).toEqual([]);

    await db.batch([
      db.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_joiner', 'joiner@members.test', 'Jo', 'x', 0)"),
      db.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES ('mem_joiner', 'prt_list_051', 'acc_joiner', 'manager', 0)"),
    ]);
    expect(await ids('joiner@members')).toEqual(['prt_list_051']);
    await db.prepare("UPDATE accounts SET email = 'moved@elsewhere.test' WHERE id = 'acc_joiner'").run();
    expect(await ids('joiner@members')).toEqual([]);
    expect(await ids('moved@elsewhere')).toEqual(['prt_list_051']);
    await db.prepare("DELETE FROM members WHERE id = 'mem_joiner'").run();
    expect(await ids('moved@elsewhere')).toEqual([]);
    expect(await ids('p051@list')).toEqual(['prt_list_051']);
  });

  it("holds exactly what it copies, for every partner", async () => {
    const { results } = await env.DB.prepare(
      `SELECT p.id FROM partners p WHERE p.search_text IS NOT p.name || char(10) || coalesce(p.company, '') || char(10) || coalesce(p.email, '') ||
         coalesce((SELECT char(10) || group_concat(a.email, char(10)) FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.partner_id = p.id), '')`,
    ).all();
    expect(results).toEqual([]);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM partners WHERE search_text = ''").first<{ n: number }>())!.n).toBe(0);
  });
});

describe("a sales representative's list", () => {
  it('holds only the partners they own, searched, sorted and counted among them', async () => {
    const mine = await page(rep, 'limit=100&sort=name');
    expect(mine.total).toBe(41);
    expect(mine.items.every((p) => p.salesRep?.id === 'acc_rep')).toBe(true);
    expect((await page(rep, 'q=prt_list_001')).total).toBe(0); // alma's
    expect((await page(rep, 'q=finder@members.test')).items.map((p) => p.id)).toEqual(['prt_list_042']);
    expect((await page(rep, 'salesRep=acc_alma')).total).toBe(0);
    expect((await page(rep, 'salesRep=none')).total).toBe(0);
  });
});

describe('bad queries', () => {
  it.each([
    ['limit=0'], ['limit=101'], ['limit=ten'], ['page=0'], ['page=-1'], ['page=1.5'], ['sort=email'], ['sort='], ['order=up'], [`q=${'x'.repeat(101)}`], ['salesRep='], ['status='], ['status=open'], ['status=partner,'], ['status=partner;affiliate'],
  ])('%s is a 400 in the one error shape', async (query) => {
    const res = await api(manager, `${P}?${query}`);
    expect(res.status).toBe(400);
    const body = await res.json<any>();
    expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});

describe('query plans', () => {
  const plan = async (sql: string, args: unknown[]) =>
    (await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...args).all<{ detail: string }>()).results.map((r) => r.detail).join('\n');

  it.each(PARTNER_SORTS.filter((s) => s !== 'salesRep'))('sorting by %s reads an index in order, both ways, with no sort step', async (sort) => {
    for (const order of ['asc', 'desc'] as const) {
      const { select, args } = partnerRecordsSql({ programId: PROGRAM, representative: null }, { sort, order, page: 2, limit: 50 });
      const detail = await plan(select, args);
      expect(detail).toMatch(/USING (COVERING )?INDEX partners_program_/);
      expect(detail).not.toContain('TEMP B-TREE');
    }
  });

  it('a search reads the search text from its index alone, and then only the partners it found', async () => {
    const { select, count, args } = partnerRecordsSql({ programId: PROGRAM, representative: null }, { q: 'finder', sort: 'createdAt', order: 'desc', page: 1, limit: 50 });
    for (const detail of [await plan(select, args), await plan(count, args)]) {
      expect(detail).toContain('USING COVERING INDEX partners_program_search (program_id=?)');
      expect(detail).toMatch(/SEARCH p USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    }
  });

  it("a representative's partners and the count are found through an index", async () => {
    const { select, count, args } = partnerRecordsSql({ programId: PROGRAM, representative: 'acc_rep' }, { sort: 'createdAt', order: 'desc', page: 1, limit: 50 });
    expect(await plan(select, args)).toMatch(/USING (COVERING )?INDEX partners_/);
    expect(await plan(count, args)).toMatch(/USING (COVERING )?INDEX partners_/);
  });
});
