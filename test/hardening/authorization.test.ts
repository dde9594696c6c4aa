// The authorization matrix: every operation of the OpenAPI document × every principal gets exactly what
// docs/SECURITY.md and docs/API.md promise (authorization-table.ts), never another partner's or program's data,
// and a refused request changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../worker/helpers';
import { api } from '../worker/portal-helpers';
import { crossPaths, fixtures, type Expect, type Fixture } from './authorization-table';
import { hit, operations, realPath, send, type Operation } from './operations';
import { buildWorld, changedTables, errorShapeProblem, fingerprint, type Principal, type PrincipalName, type World } from './world';

// Signing out ends the caller's session, so that operation goes last.
const ops = (await operations()).sort((a, b) => Number(a.key === 'DELETE /api/v1/session') - Number(b.key === 'DELETE /api/v1/session'));
let world: World;
let table: Record<string, Fixture>;
let markers: string[];
const totals = { requests: 0, refused: 0, leaks: 0 };
const OUTSIDERS = new Set<PrincipalName>(['member of another partner', "another program's manager", "another program's secret key"]);

beforeAll(async () => {
  world = await buildWorld();
  const owner = world.principals['partner owner'].headers().Cookie;
  const manager = world.principals['program manager'].headers().Cookie;
  const quote = await (await api(owner, `/partners/${DEMO.partnerId}/client-payments/quote?customerId=${world.ids.customerId}&plan=pro`)).json<any>();
  const rule = await (await api(manager, `/programs/${DEMO.programId}/reward-rules`, { event: 'payment', kind: 'percent', percentBps: 100, product: 'matrix' })).json<any>();
  table = fixtures(world, { price: quote.price, paidUntil: quote.paidUntil, ruleId: rule.id });
  // What of the demo partner an outsider must never read: names and emails (ids may be echoed from the request itself).
  markers = [DEMO.partnerName, DEMO.partnerEmail, 'Petra Partner', 'Hardening Prospect', `${world.ids.customerId}@example.com`];
});

afterAll(() => {
  console.log(`authorization: ${ops.length} operations × ${Object.keys(world.principals).length} principals, ${totals.requests} requests (${totals.refused} refused), ${totals.leaks} leaks`);
});

/** Checks one answer against what the table expects; returns the problems found. */
async function judge(who: Principal, expected: Expect, ok: number[], res: Response, before: Map<string, string>, tokenInPath = false): Promise<string[]> {
  const text = await res.text();
  totals.requests++;
  const problems: string[] = [];
  const leaked = OUTSIDERS.has(who.name) && !tokenInPath ? markers.filter((m) => text.includes(m)) : [];
  if (leaked.length > 0) {
    totals.leaks++;
    problems.push(`${who.name}: ${res.status} shows ${leaked.join(', ')}`);
  }
  if (expected === 'ok') {
    if (!ok.includes(res.status)) problems.push(`${who.name}: expected to be let through (${ok.join('/')}), got ${res.status} ${text.slice(0, 120)}`);
    return problems;
  }
  totals.refused++;
  if (res.status !== expected) problems.push(`${who.name}: expected ${expected}, got ${res.status} ${text.slice(0, 120)}`);
  const shape = res.status >= 400 ? errorShapeProblem(res.status, text) : null;
  if (shape) problems.push(`${who.name}: ${shape}`);
  const changed = changedTables(before, await fingerprint());
  if (changed.length > 0) problems.push(`${who.name}: refused (${res.status}) but wrote to ${changed.join(', ')}`);
  return problems;
}

describe("another partner's or program's own path, with our ids in it", () => {
  it('resolves none of them (404) and changes nothing', async () => {
    const problems: string[] = [];
    for (const [name, method, path, body] of crossPaths(world)) {
      const who = world.principals[name];
      const before = await fingerprint();
      const res = await hit(path, { method, headers: { ...who.headers(), 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      problems.push(...(await judge(who, 404, [], res, before)).map((p) => `${method} ${path}: ${p}`));
    }
    expect(problems).toEqual([]);
  });
});

describe('authorization matrix: every operation × every principal', () => {
  it('the table has a row for every operation of the document, and only for those', () => {
    expect(Object.keys(table).sort()).toEqual(ops.map((o) => o.key).sort());
  });

  for (const op of ops) {
    it(`${op.key}`, async () => {
      const f = table[op.key];
      const parts = { path: { ...realPath(op as Operation, world), ...f.path }, query: f.query ?? '', headers: {}, body: f.body === undefined ? undefined : JSON.stringify(f.body) };
      const problems: string[] = [];
      for (const who of Object.values(world.principals)) {
        const expected = f.group[who.name];
        const before = expected === 'ok' ? new Map<string, string>() : await fingerprint();
        problems.push(...(await judge(who, expected, f.ok ?? [200, 201, 204], await send(op, who, parts), before, f.tokenInPath)));
      }
      expect(problems).toEqual([]);
    });
  }
});
