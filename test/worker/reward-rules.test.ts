// The console's reward rules name the partner an override is for (display id and name), in the list and in the answer
// to adding one, so the console need not load every partner to say whose a rule is.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, DEMO, seedDemo, signIn } from './helpers';
import { d1Calls } from './d1-calls';

const RULES = `/api/v1/programs/${DEMO.programId}/reward-rules`;
const AFFILIATE = 'prt_rules_affiliate'; // not yet approved: its display id starts with A
let manager: string;

beforeAll(async () => {
  await seedDemo();
  await env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES (?, ?, 100881, 'Rules Applicant AB', 'rules@example.com', 'affiliate', 0)")
    .bind(AFFILIATE, DEMO.programId)
    .run();
  manager = await signIn(DEMO.managerEmail);
});

interface ListedRule {
  id: string;
  partnerId: string | null;
  partner: { id: string; displayId: string; name: string } | null;
}

describe('reward rules name their partner', () => {
  it("adding an override answers the partner's display id and name; a program rule's partner is null", async () => {
    const override = await asUser(manager, RULES, { partnerId: AFFILIATE, event: 'signup', kind: 'flat', amountMinor: 700 });
    expect(override.status).toBe(201);
    expect((await override.json<ListedRule>()).partner).toEqual({ id: AFFILIATE, displayId: 'A100881', name: 'Rules Applicant AB' });
    const general = await asUser(manager, RULES, { event: 'deal', kind: 'percent', percentBps: 500 });
    expect(general.status).toBe(201);
    expect((await general.json<ListedRule>()).partner).toBeNull();
  });

  it('the list names the partner of each override, as it is now (P once approved), and none for program rules', async () => {
    await env.DB.prepare("UPDATE partners SET status = 'partner' WHERE id = ?").bind(AFFILIATE).run();
    const { rules } = await (await asUser(manager, RULES)).json<{ rules: ListedRule[] }>();
    const overrides = rules.filter((r) => r.partnerId === AFFILIATE);
    expect(overrides.length).toBe(1);
    expect(overrides[0].partner).toEqual({ id: AFFILIATE, displayId: 'P100881', name: 'Rules Applicant AB' });
    const programRules = rules.filter((r) => r.partnerId === null);
    expect(programRules.length).toBeGreaterThan(0);
    expect(programRules.every((r) => r.partner === null)).toBe(true);
  });

  it("reads the partners in the rules' own statement: the session guard's call and the rules' one, as before", async () => {
    const listing = () => d1Calls(RULES, { headers: { Cookie: manager } });
    await listing(); // warm the isolate's caches
    const calls = await listing();
    expect(calls.response.status).toBe(200);
    expect(calls.beforeAnswer, calls.sql.join('\n')).toBe(2);
    const reads = calls.sql.filter((s) => s.includes('reward_rules'));
    expect(reads.length, calls.sql.join('\n')).toBe(1);
    expect(reads[0]).toMatch(/LEFT JOIN partners/);
  });
});
