// Bad input for every operation the OpenAPI document lists, derived from its schemas: never a 5xx, every error in the
// one shape, and a refused request leaves every table as it was (row counts and contents; failed_sign_ins excepted,
// since a wrong password must be counted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../worker/helpers';
import { badCases } from './bad-cases';
import { operations, realPath, sample, send, type Operation, type RequestParts } from './operations';
import { buildWorld, changedTables, errorShapeProblem, fingerprint, type Principal, type World } from './world';

const ops = await operations();
let world: World;
const totals = { operations: 0, requests: 0, refused: 0, accepted: 0, serverErrors: 0 };

beforeAll(async () => {
  world = await buildWorld();
});

afterAll(() => {
  console.log(`bad input: ${totals.operations} operations fuzzed with ${totals.requests} requests (${totals.refused} refused, ${totals.accepted} accepted, ${totals.serverErrors} × 5xx)`);
});

/** Who sends the operation's real requests: the credential its security names, for the demo partner or program. */
function sendersOf(op: Operation): Principal[] {
  const p = world.principals;
  const keys = op.security.filter((s) => s === 'publishableKey' || s === 'secretKey');
  if (keys.length > 0) return keys.map((s) => (s === 'publishableKey' ? p['publishable key'] : p['secret key']));
  if (op.security.includes('session')) return [op.path.includes('/programs/') ? p['program manager'] : p['partner owner']];
  return [p.anonymous];
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Real ids for the path, except where its real request would erase or revoke what other operations' requests use. */
function pathOf(op: Operation): Record<string, string> {
  const spare: Record<string, Record<string, string>> = {
    'DELETE /api/v1/customers/{customerId}': { customerId: world.extra.erasableCustomer },
    'DELETE /api/v1/programs/{programId}/webhook-endpoints/{endpointId}': { endpointId: world.extra.spareEndpointId },
    'GET /api/v1/staff-invites/{token}': { token: world.extra.staffInviteToken },
    'POST /api/v1/staff-invites/{token}/accept': { token: world.extra.staffInviteToken },
    'DELETE /api/v1/programs/{programId}/partners/{partnerId}/members/{memberId}/personal-data': { partnerId: world.extra.sparePartnerId, memberId: world.extra.spareMemberId },
  };
  return { ...realPath(op, world), ...spare[op.key] };
}

/** A body and query the route takes, as far as possible, so that each bad case differs from it in one place. */
function baseOf(op: Operation): { body: Record<string, unknown>; query: Record<string, string> } {
  const customerId = world.ids.customerId;
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/v1/signups': { customerId: 'hardening_signup', email: 'hardening@example.com', promoCode: DEMO.invitationCode },
    'POST /api/v1/session': { email: 'nobody@example.com', password: 'not-the-password' },
    'POST /api/v1/payments': { customerId, invoiceId: 'in_hardening', amount: eur(1000) },
    'POST /api/v1/refunds': { invoiceId: world.extra.invoiceId, refundId: 're_hardening', amount: eur(100) },
    'POST /api/v1/subscriptions': { customerId, plan: 'basic', status: 'active', amount: eur(1000), interval: 'month' },
    'POST /api/v1/programs/{programId}/top-ups': { partnerId: DEMO.partnerId, amount: eur(100), reference: 'hardening' },
    'POST /api/v1/programs/{programId}/reward-rules': { event: 'signup', kind: 'flat', amountMinor: 100 },
    'PUT /api/v1/programs/{programId}/partners/{partnerId}/sales-rep': { accountId: 'acc_rep' },
    'POST /api/v1/customer-panel': { customerId, token: world.extra.customerToken },
    'POST /api/v1/partners/{partnerId}/client-payments': { customerId, plan: 'pro', expectedPrice: eur(1800), paidUntil: new Date().toISOString() },
    'POST /api/v1/top-ups': { partnerId: DEMO.partnerId, amount: eur(100), reference: 'hardening' },
    'POST /api/v1/programs/{programId}/webhook-endpoints': { url: 'https://hooks.example.com/hardening' },
    'POST /api/v1/join/{programId}': { name: 'Jo Joiner', email: 'joiner@example.com', password: 'joiner-pass', partnerName: 'Joiner Ltd', termsVersion: 1 },
    'POST /api/v1/member-invites/{token}/accept': { name: 'New Comer', password: 'newcomer-pass' },
    'POST /api/v1/staff-invites/{token}/accept': { password: 'next-rep-pass' },
    'POST /api/v1/programs/{programId}/staff': { email: 'fuzzed-rep@demo.test', name: 'Fuzzed Rep', role: 'sales_rep' },
    // A patch must change something, which the document cannot say.
    'PATCH /api/v1/programs/{programId}/settings': { attributionWindowDays: 30 },
    'PATCH /api/v1/partners/{partnerId}/invitations/{invitationId}': { campaign: 'Launch' },
    'PATCH /api/v1/partners/{partnerId}/profile': { contactPhone: '+46 70 000 00 00' },
    'PATCH /api/v1/partners/{partnerId}/referrals/{referralId}': { notes: 'hardening' },
    // The demo partner accepted version 1: accepting it again records nothing new.
    'POST /api/v1/partners/{partnerId}/terms/acceptances': { version: 1 },
  };
  const queries: Record<string, Record<string, string>> = {
    'GET /api/v1/greeting': { code: DEMO.invitationCode },
    'GET /api/v1/partners/{partnerId}/client-payments/quote': { customerId, plan: 'pro' },
  };
  const required = Object.fromEntries(op.params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sample(p.schema))]));
  return { body: { ...(op.body ? (sample(op.body) as Record<string, unknown>) : {}), ...bodies[op.key] }, query: { ...required, ...queries[op.key] } };
}

const encodeQuery = (q: Record<string, string>) => new URLSearchParams(q).toString();

describe('bad input, generated from the OpenAPI document', () => {
  it('the document lists every operation the suite walks', () => {
    expect(ops.length).toBeGreaterThanOrEqual(75);
    expect(new Set(ops.map((o) => o.key)).size).toBe(ops.length);
  });

  for (const [i, op] of ops.entries()) {
    it(`${op.key}: no 5xx, the one error shape, nothing written on a refusal`, async () => {
      const base = baseOf(op);
      const problems: string[] = [];
      const cases = badCases(op, base, 1000 + i);
      let before = await fingerprint();
      for (const sender of sendersOf(op)) {
        for (const bad of cases) {
          const parts: RequestParts = {
            path: { ...pathOf(op), ...bad.parts.path },
            query: bad.parts.query ?? encodeQuery(base.query),
            headers: bad.parts.headers ?? {},
            body: 'body' in bad.parts ? bad.parts.body : op.body ? JSON.stringify(base.body) : undefined,
            contentType: bad.parts.contentType,
          };
          const res = await send(op, sender, parts);
          const text = await res.text();
          totals.requests++;
          const what = `${sender.name}, ${bad.label}: ${res.status}`;
          const after = await fingerprint();
          const changed = changedTables(before, after);
          before = after;
          if (res.status >= 500) totals.serverErrors++;
          if (res.status >= 500) problems.push(`${what} ${text.slice(0, 160)}${changed.length ? `, and wrote to ${changed.join(', ')}` : ''}`);
          else if (res.status >= 400) {
            totals.refused++;
            const shape = errorShapeProblem(res.status, text);
            if (shape) problems.push(`${what}: ${shape}`);
            if (changed.length > 0) problems.push(`${what}: refused but wrote to ${changed.join(', ')}`);
          } else {
            totals.accepted++;
            if (bad.strict) problems.push(`${what}: accepted input its schema refuses`);
          }
        }
      }
      totals.operations++;
      expect(problems).toEqual([]);
    });
  }
});
