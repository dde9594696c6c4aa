// The authorization matrix as docs/SECURITY.md and docs/API.md state it: for every operation, what each principal gets,
// by operation group, and a request an allowed principal can make (with the answers that count as "let through").
import { DEMO } from '../worker/helpers';
import type { PrincipalName, World } from './world';

/** 'ok': let through (the fixture's ok statuses); a number: refused with exactly that status, writing nothing. */
export type Expect = 'ok' | number;
export type Row = Record<PrincipalName, Expect>;

const SESSIONS: PrincipalName[] = [
  'member of this partner', 'member of another partner', 'partner owner', 'finance member', 'sales representative', 'program manager', "another program's manager",
];
const KEYS: PrincipalName[] = ['publishable key', 'secret key', "another program's secret key"];

function row(base: Expect, over: Partial<Row>): Row {
  return Object.fromEntries([...SESSIONS, ...KEYS, 'anonymous'].map((p) => [p, over[p as PrincipalName] ?? base])) as Row;
}

/**
 * Dashboard routes (session cookie): signed out 401. A key is no session: a read is 401, a state change 403 (a key
 * sender is not our own origin, so the CSRF check refuses it first). `allowed` pass; `forbidden` (403) are let in
 * but lack the role; every other session principal gets 404: to them the partner or program does not exist.
 */
function dashboard(method: string, allowed: PrincipalName[], forbidden: PrincipalName[] = []): Row {
  const keys = method === 'GET' ? 401 : 403;
  const over: Partial<Row> = { anonymous: 401 };
  for (const k of KEYS) over[k] = keys;
  for (const s of SESSIONS) over[s] = allowed.includes(s) ? 'ok' : forbidden.includes(s) ? 403 : 404;
  return row(404, over);
}

const PARTNER_ACCESS: PrincipalName[] = ['member of this partner', 'partner owner', 'finance member', 'sales representative', 'program manager'];
const MONEY_MOVERS: PrincipalName[] = ['partner owner', 'finance member'];
const STAFF: PrincipalName[] = ['sales representative', 'program manager'];

/** The groups, each as the docs state it. */
export const GROUPS = {
  /** API.md: publishable only (the widget), from an allowed origin; the secret key is refused (401). */
  widget: () => row(401, { 'publishable key': 'ok' }),
  /** API.md: a signup takes either key. Another program's secret key reaches only its own program: our code is unknown there. */
  signup: () => row(401, { 'publishable key': 'ok', 'secret key': 'ok', "another program's secret key": 422 }),
  /** SECURITY.md: the merchant's server, secret key only; the publishable key is 403; another program's key finds nothing of ours. */
  server: () => row(401, { 'publishable key': 403, 'secret key': 'ok', "another program's secret key": 404 }),
  /** A read across the program: another program's key reads its own (empty) list. */
  serverList: () => row(401, { 'publishable key': 403, 'secret key': 'ok', "another program's secret key": 'ok' }),
  /** Public pages of the dashboard (joining, an invite link): anyone. */
  publicRead: () => row('ok', {}),
  /** Public state changes (sign in and out, join, accept an invite): anyone from our own origin; keys are cross-site (403). */
  publicWrite: () => row('ok', { 'publishable key': 403, 'secret key': 403, "another program's secret key": 403 }),
  /** The session itself: any signed-in person. */
  session: () => dashboard('GET', SESSIONS),
  /** A change to the signed-in person's own settings: any signed-in person, from our own origin. */
  sessionWrite: () => dashboard('PATCH', SESSIONS),
  /** API.md "Partner (members and program staff)": members of this partner and staff of its program; others 404. */
  partner: (method: string) => dashboard(method, PARTNER_ACCESS),
  /** MONEY.md: only the partner's owner or finance members move its money (403 for other members and for staff). */
  partnerMoney: (method: string) => dashboard(method, MONEY_MOVERS, ['member of this partner', 'sales representative', 'program manager']),
  /** API.md: a partner's own people propose a deal won; the program's staff set it instead (403). */
  partnerPeople: (method: string) => dashboard(method, ['member of this partner', 'partner owner', 'finance member'], ['sales representative', 'program manager']),
  /** API.md: only owners invite or remove colleagues. */
  partnerOwner: (method: string) => dashboard(method, ['partner owner'], ['member of this partner', 'finance member', 'sales representative', 'program manager']),
  /** BILLING.md: a billing provider's webhook; only the provider's signature counts, so without one everyone gets 400. */
  providerSigned: () => row(400, {}),
  /** API.md "Program console", who = staff: sales representatives and managers of this program; partner members and other programs 404. */
  consoleStaff: (method: string) => dashboard(method, STAFF),
  /** Who = managers: a sales representative is 403 ("sales representatives look, managers change"). */
  consoleManager: (method: string) => dashboard(method, ['program manager'], ['sales representative']),
};

export interface Fixture {
  group: Row;
  /** Path ids that differ from the world's (by parameter name). */
  path?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Statuses that count as let through (default 200, 201, 204): a business answer after the guard, for requests that cannot succeed twice. */
  ok?: number[];
  /** The path carries the credential (an invite token): its holder is no outsider. */
  tokenInPath?: boolean;
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** One fixture for every operation of the document, keyed like "POST /api/v1/signups". */
export function fixtures(w: World, q: { price: unknown; paidUntil: string; ruleId: string }): Record<string, Fixture> {
  const c = w.ids.customerId;
  const spare = { partnerId: w.extra.sparePartnerId, memberId: w.extra.spareMemberId };
  return {
    'POST /api/v1/signups': { group: GROUPS.signup(), body: { customerId: 'matrix_signup', email: 'matrix@example.com', promoCode: DEMO.invitationCode }, ok: [200, 201] },
    'POST /api/v1/signups/{customerId}/confirmation': { group: GROUPS.server() },
    'GET /api/v1/greeting': { group: GROUPS.widget(), query: `code=${DEMO.invitationCode}` },
    'GET /api/v1/customers/{customerId}/balance': { group: GROUPS.server() },
    'GET /api/v1/customers/{customerId}/ledger': { group: GROUPS.server() },
    'POST /api/v1/customers/{customerId}/credit-spends': { group: GROUPS.server(), body: { amount: eur(1), reference: 'matrix_spend' }, ok: [200, 201] },
    'GET /api/v1/customers/{customerId}/export': { group: GROUPS.server() },
    // Another program's key reads its own events, never ours (the leak check looks for our ids in its answer).
    'GET /api/v1/events': { group: GROUPS.serverList() },
    'DELETE /api/v1/customers/{customerId}': { group: GROUPS.server(), path: { customerId: w.extra.erasableCustomer } },
    // A wrong password is the answer any caller gets (401), or 429 once the email's attempts are used up.
    'POST /api/v1/session': { group: GROUPS.publicWrite(), body: { email: 'nobody@example.com', password: 'not-the-password' }, ok: [401, 429] },
    'GET /api/v1/session': { group: GROUPS.session() },
    'GET /api/v1/session/email-preferences': { group: GROUPS.session() },
    'PATCH /api/v1/session/email-preferences': { group: GROUPS.sessionWrite(), body: { language: 'en' } },
    'DELETE /api/v1/session': { group: GROUPS.publicWrite() },
    'GET /api/v1/partners/{partnerId}': { group: GROUPS.partner('GET') },
    'GET /api/v1/partners/{partnerId}/members': { group: GROUPS.partner('GET') },
    'GET /api/v1/partners/{partnerId}/ledger': { group: GROUPS.partner('GET') },
    'GET /api/v1/partners/{partnerId}/invitations': { group: GROUPS.partner('GET') },
    'POST /api/v1/partners/{partnerId}/invitations': { group: GROUPS.partner('POST'), body: {} },
    'PATCH /api/v1/partners/{partnerId}/invitations/{invitationId}': { group: GROUPS.partner('PATCH'), body: { campaign: 'Launch' } },
    'GET /api/v1/partners/{partnerId}/stats': { group: GROUPS.partner('GET') },
    'GET /api/v1/programs/{programId}/partners': { group: GROUPS.consoleStaff('GET') },
    'POST /api/v1/customer-panel': { group: GROUPS.widget(), body: { customerId: c, token: w.extra.customerToken } },
    'POST /api/v1/payments': { group: GROUPS.server(), body: { customerId: c, invoiceId: 'in_matrix', amount: eur(1000) }, ok: [200, 201] },
    'POST /api/v1/refunds': { group: GROUPS.server(), body: { invoiceId: w.extra.invoiceId, refundId: 're_matrix', amount: eur(100) }, ok: [200, 201] },
    'POST /api/v1/subscriptions': { group: GROUPS.server(), body: { customerId: c, plan: 'basic', status: 'active', amount: eur(1000), interval: 'month' }, ok: [200, 201] },
    'POST /api/v1/top-ups': { group: GROUPS.server(), body: { partnerId: DEMO.partnerId, amount: eur(100), reference: 'matrix' }, ok: [200, 201] },
    'GET /api/v1/client-payments': { group: GROUPS.serverList() },
    'GET /api/v1/partners/{partnerId}/balance': { group: GROUPS.partner('GET') },
    // A request is open (and this one is below the minimum): past the guard the answer is the rule's 409, and no money moves.
    'POST /api/v1/partners/{partnerId}/withdrawals': { group: GROUPS.partnerMoney('POST'), body: { amount: eur(100) }, ok: [409] },
    'POST /api/v1/partners/{partnerId}/withdrawals/{withdrawalId}/cancel': { group: GROUPS.partnerMoney('POST') },
    'GET /api/v1/partners/{partnerId}/client-payments/quote': { group: GROUPS.partner('GET'), query: `customerId=${c}&plan=pro` },
    // The interval is paid once; the next allowed caller finds it paid (409).
    'POST /api/v1/partners/{partnerId}/client-payments': { group: GROUPS.partnerMoney('POST'), body: { customerId: c, plan: 'pro', expectedPrice: q.price, paidUntil: q.paidUntil }, ok: [201, 409] },
    'GET /api/v1/programs/{programId}/payouts': { group: GROUPS.consoleManager('GET') },
    'POST /api/v1/programs/{programId}/periods/{periodId}/close': { group: GROUPS.consoleManager('POST') },
    'GET /api/v1/programs/{programId}/payout-batches/{batchId}': { group: GROUPS.consoleManager('GET') },
    'GET /api/v1/programs/{programId}/payout-batches/{batchId}/export.csv': { group: GROUPS.consoleManager('GET') },
    // The withdrawal was canceled by its partner above: settling it is the rule's 409, after the guard.
    'POST /api/v1/programs/{programId}/withdrawals/{withdrawalId}/paid': { group: GROUPS.consoleManager('POST'), body: {}, ok: [200, 409] },
    'POST /api/v1/programs/{programId}/withdrawals/{withdrawalId}/failed': { group: GROUPS.consoleManager('POST'), body: {}, ok: [200, 409] },
    'POST /api/v1/programs/{programId}/withdrawals/{withdrawalId}/reject': { group: GROUPS.consoleManager('POST'), body: { reason: 'matrix' }, ok: [200, 409] },
    'POST /api/v1/programs/{programId}/top-ups': { group: GROUPS.consoleManager('POST'), body: { partnerId: DEMO.partnerId, amount: eur(100), reference: 'matrix_console' }, ok: [200, 201] },
    'GET /api/v1/programs/{programId}/ledger/check': { group: GROUPS.consoleManager('GET') },
    'GET /api/v1/programs/{programId}/reward-rules': { group: GROUPS.consoleStaff('GET') },
    'POST /api/v1/programs/{programId}/reward-rules': { group: GROUPS.consoleManager('POST'), body: { partnerId: spare.partnerId, event: 'signup', kind: 'flat', amountMinor: 100 } },
    'POST /api/v1/programs/{programId}/reward-rules/{ruleId}/retire': { group: GROUPS.consoleManager('POST'), path: { ruleId: q.ruleId } },
    'GET /api/v1/partners/{partnerId}/terms': { group: GROUPS.partner('GET') },
    'GET /api/v1/partners/{partnerId}/terms/current': { group: GROUPS.partner('GET') },
    'GET /api/v1/partners/{partnerId}/terms/acceptances': { group: GROUPS.partner('GET') },
    // API.md: only the partner's owners accept the terms; staff never on its behalf. The demo partner accepted version 1 (200).
    'POST /api/v1/partners/{partnerId}/terms/acceptances': { group: GROUPS.partnerOwner('POST'), body: { version: 1 }, ok: [200, 201] },
    'GET /api/v1/join/{programId}': { group: GROUPS.publicRead() },
    'POST /api/v1/join/{programId}': { group: GROUPS.publicWrite(), body: { name: 'Jo Joiner', email: 'joiner@example.com', password: 'joiner-pass', partnerName: 'Joiner Ltd', termsVersion: 1 }, ok: [201] },
    'GET /api/v1/partners/{partnerId}/profile': { group: GROUPS.partner('GET') },
    'PATCH /api/v1/partners/{partnerId}/profile': { group: GROUPS.partner('PATCH'), body: { contactPhone: '+46 70 000 00 00' } },
    'GET /api/v1/partners/{partnerId}/member-invites': { group: GROUPS.partner('GET') },
    'POST /api/v1/partners/{partnerId}/member-invites': { group: GROUPS.partnerOwner('POST'), body: { email: 'matrix-invite@demo.test', role: 'manager' } },
    'DELETE /api/v1/partners/{partnerId}/member-invites/{inviteId}': { group: GROUPS.partnerOwner('DELETE') },
    // The invite works once: the first caller joins (200), the others find it used (410). The 256-bit token in the link
    // is the credential, so whoever holds it may read whom it is from.
    'GET /api/v1/member-invites/{token}': { group: GROUPS.publicRead(), ok: [200, 410], tokenInPath: true },
    'POST /api/v1/member-invites/{token}/accept': { group: GROUPS.publicWrite(), body: { name: 'New Comer', password: 'newcomer-pass' }, ok: [200, 410] },
    'GET /api/v1/partners/{partnerId}/referrals': { group: GROUPS.partner('GET') },
    'POST /api/v1/partners/{partnerId}/referrals': { group: GROUPS.partner('POST'), body: { customerName: 'Matrix Prospect' } },
    'GET /api/v1/partners/{partnerId}/referrals/{referralId}': { group: GROUPS.partner('GET') },
    'PATCH /api/v1/partners/{partnerId}/referrals/{referralId}': { group: GROUPS.partner('PATCH'), body: { notes: 'matrix' } },
    // The world's lead awaits confirmation, so proposing it won is the rule's 409, after the guard.
    'POST /api/v1/partners/{partnerId}/referrals/{referralId}/won-proposal': { group: GROUPS.partnerPeople('POST'), body: { note: 'matrix' }, ok: [409] },
    'GET /api/v1/programs/{programId}/referrals': { group: GROUPS.consoleStaff('GET') },
    'POST /api/v1/programs/{programId}/referrals': { group: GROUPS.consoleStaff('POST'), body: { partnerId: DEMO.partnerId, customerName: 'Matrix Sent' } },
    'POST /api/v1/programs/{programId}/verbal-referrals': { group: GROUPS.consoleStaff('POST'), body: { advocate: { partnerId: DEMO.partnerId }, channel: 'phone', customerName: 'Matrix Verbal' } },
    'GET /api/v1/programs/{programId}/referrals/{referralId}': { group: GROUPS.consoleStaff('GET') },
    'PATCH /api/v1/programs/{programId}/referrals/{referralId}': { group: GROUPS.consoleStaff('PATCH'), body: { notes: 'matrix console' } },
    'POST /api/v1/programs/{programId}/referrals/{referralId}/decision': { group: GROUPS.consoleManager('POST'), body: { decision: 'reject', reason: 'matrix' }, ok: [200, 409] },
    'DELETE /api/v1/programs/{programId}/referrals/{referralId}/contacts': { group: GROUPS.consoleManager('DELETE') },
    'DELETE /api/v1/programs/{programId}/staff/{accountId}': { group: GROUPS.consoleManager('DELETE'), path: { accountId: w.extra.spareRepId } },
    'GET /api/v1/partners/{partnerId}/clients': { group: GROUPS.partner('GET') },
    'GET /api/v1/programs/{programId}/partner-records': { group: GROUPS.consoleStaff('GET') },
    'GET /api/v1/programs/{programId}/exports/partners.csv': { group: GROUPS.consoleManager('GET') },
    'GET /api/v1/programs/{programId}/exports/referrals.csv': { group: GROUPS.consoleManager('GET') },
    'GET /api/v1/programs/{programId}/exports/customers.csv': { group: GROUPS.consoleManager('GET') },
    'GET /api/v1/programs/{programId}/exports/ledger.csv': { group: GROUPS.consoleManager('GET') },
    'GET /api/v1/programs/{programId}/exports/withdrawals.csv': { group: GROUPS.consoleManager('GET') },
    'POST /api/v1/programs/{programId}/partners/{partnerId}/status': { group: GROUPS.consoleManager('POST'), path: { partnerId: spare.partnerId }, body: { action: 'approve' } },
    'PUT /api/v1/programs/{programId}/partners/{partnerId}/sales-rep': { group: GROUPS.consoleManager('PUT'), path: { partnerId: spare.partnerId }, body: { accountId: 'acc_rep' } },
    'GET /api/v1/programs/{programId}/staff': { group: GROUPS.consoleStaff('GET') },
    'GET /api/v1/programs/{programId}/partners/{partnerId}/members/{memberId}/export': { group: GROUPS.consoleManager('GET'), path: spare },
    'DELETE /api/v1/programs/{programId}/partners/{partnerId}/members/{memberId}/personal-data': { group: GROUPS.consoleManager('DELETE'), path: spare },
    'GET /api/v1/programs/{programId}/settings': { group: GROUPS.consoleStaff('GET') },
    'PATCH /api/v1/programs/{programId}/settings': { group: GROUPS.consoleManager('PATCH'), body: { attributionWindowDays: 30 } },
    'POST /api/v1/programs/{programId}/terms': { group: GROUPS.consoleManager('POST'), body: { body: 'Terms published by the authorization matrix.' } },
    'GET /api/v1/programs/{programId}/terms': { group: GROUPS.consoleStaff('GET') },
    'GET /api/v1/programs/{programId}/terms/acceptances': { group: GROUPS.consoleStaff('GET') },
    'GET /api/v1/programs/{programId}/terms/acceptances/export.csv': { group: GROUPS.consoleStaff('GET') },
    'GET /api/v1/programs/{programId}/keys': { group: GROUPS.consoleManager('GET') },
    'POST /api/v1/programs/{programId}/keys': { group: GROUPS.consoleManager('POST'), body: { kind: 'publishable' } },
    'DELETE /api/v1/programs/{programId}/keys/{keyId}': { group: GROUPS.consoleManager('DELETE') },
    'GET /api/v1/programs/{programId}/webhook-endpoints': { group: GROUPS.consoleManager('GET') },
    'POST /api/v1/programs/{programId}/webhook-endpoints': { group: GROUPS.consoleManager('POST'), body: { url: 'http://127.0.0.1:9/matrix' } },
    'PATCH /api/v1/programs/{programId}/webhook-endpoints/{endpointId}': { group: GROUPS.consoleManager('PATCH'), body: { description: 'matrix' } },
    'DELETE /api/v1/programs/{programId}/webhook-endpoints/{endpointId}': { group: GROUPS.consoleManager('DELETE'), path: { endpointId: w.extra.spareEndpointId } },
    'POST /api/v1/programs/{programId}/webhook-endpoints/{endpointId}/secret': { group: GROUPS.consoleManager('POST'), body: {} },
    'GET /api/v1/programs/{programId}/webhook-endpoints/{endpointId}/deliveries': { group: GROUPS.consoleManager('GET') },
    'POST /api/v1/programs/{programId}/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/replay': { group: GROUPS.consoleManager('POST'), body: {}, ok: [202] },
    'POST /api/v1/programs/{programId}/webhook-endpoints/{endpointId}/test': { group: GROUPS.consoleManager('POST'), body: {}, ok: [202] },
    'POST /api/v1/programs/{programId}/integrations/stripe/webhook': { group: GROUPS.providerSigned(), body: {} },
    'POST /api/v1/programs/{programId}/integrations/paddle/webhook': { group: GROUPS.providerSigned(), body: {} },
    'GET /api/v1/programs/{programId}/integrations': { group: GROUPS.consoleManager('GET') },
    'PATCH /api/v1/programs/{programId}/integrations': { group: GROUPS.consoleManager('PATCH'), body: { billingMode: 'test' } },
    'POST /api/v1/programs/{programId}/integrations/{provider}/secrets': { group: GROUPS.consoleManager('POST'), body: { mode: 'test', secret: 'whsec_matrix_secret_000000001' } },
    'DELETE /api/v1/programs/{programId}/integrations/{provider}/secrets/{secretId}': { group: GROUPS.consoleManager('DELETE') },
    'GET /api/v1/programs/{programId}/integrations/events': { group: GROUPS.consoleManager('GET') },
    'POST /api/v1/programs/{programId}/integrations/events/{billingEventId}/replay': { group: GROUPS.consoleManager('POST'), body: {}, ok: [200, 409] },
    'GET /api/v1/programs/{programId}/exchange-rates': { group: GROUPS.consoleManager('GET') },
    'PUT /api/v1/programs/{programId}/exchange-rates/{currency}/{asOf}': { group: GROUPS.consoleManager('PUT'), body: { rate: '0.91' } },
    'DELETE /api/v1/programs/{programId}/exchange-rates/{currency}/{asOf}': { group: GROUPS.consoleManager('DELETE') },
    'GET /api/v1/programs/{programId}/metrics': { group: GROUPS.consoleStaff('GET') },
    // docs/ENGAGEMENT.md: the lists and the nudge are the managers' (a sales representative 403). The demo partner is
    // in no condition, so a let-through nudge answers 409 not_in_condition, having sent nothing.
    'GET /api/v1/programs/{programId}/engagement': { group: GROUPS.consoleManager('GET'), query: 'kind=inactive' },
    'POST /api/v1/programs/{programId}/engagement/{partnerId}/nudge': { group: GROUPS.consoleManager('POST'), body: { kind: 'inactive' }, ok: [200, 409] },
    'GET /api/v1/programs/{programId}/held-signups': { group: GROUPS.consoleStaff('GET') },
    'POST /api/v1/programs/{programId}/staff': { group: GROUPS.consoleManager('POST'), body: { email: 'matrix-rep@demo.test', name: 'Matrix Rep', role: 'sales_rep' } },
    'GET /api/v1/programs/{programId}/staff-invites': { group: GROUPS.consoleManager('GET') },
    'DELETE /api/v1/programs/{programId}/staff-invites/{staffInviteId}': { group: GROUPS.consoleManager('DELETE') },
    'GET /api/v1/staff-invites/{token}': { group: GROUPS.publicRead(), path: { token: w.extra.staffInviteToken }, ok: [200, 410], tokenInPath: true },
    'POST /api/v1/staff-invites/{token}/accept': { group: GROUPS.publicWrite(), path: { token: w.extra.staffInviteToken }, body: { password: 'matrix-pass' }, ok: [200, 410] },
    // The world's customer is confirmed, not held: deciding is the rule's 409, after the guard.
    'POST /api/v1/programs/{programId}/held-signups/{customerId}/decision': { group: GROUPS.consoleManager('POST'), body: { decision: 'approve' }, ok: [409] },
  };
}

/**
 * Another partner's or program's own path with our ids in it (a member of the rival partner, a manager of the other
 * program): the ids must not resolve there (404), whatever the role.
 */
export function crossPaths(w: World): [PrincipalName, string, string, unknown?][] {
  const { referralId, inviteId, withdrawalId, customerId, batchId, periodId, ruleId, keyId } = w.ids;
  const rival = '/api/v1/partners/prt_rival';
  const other = '/api/v1/programs/prg_other';
  const r: PrincipalName = 'member of another partner';
  const o: PrincipalName = "another program's manager";
  return [
    [r, 'GET', `${rival}/referrals/${referralId}`],
    [r, 'PATCH', `${rival}/referrals/${referralId}`, { stage: 'junk' }],
    [r, 'POST', `${rival}/referrals/${referralId}/won-proposal`, {}],
    [o, 'GET', `${other}/referrals/${referralId}`],
    [o, 'PATCH', `${other}/referrals/${referralId}`, { stage: 'junk' }],
    [o, 'POST', `${other}/referrals/${referralId}/decision`, { decision: 'reject', reason: 'not ours' }],
    [o, 'DELETE', `${other}/referrals/${referralId}/contacts`],
    [r, 'PATCH', `${rival}/invitations/inv_demo`, { campaign: 'Hijacked' }],
    [r, 'DELETE', `${rival}/member-invites/${inviteId}`],
    [r, 'POST', `${rival}/withdrawals/${withdrawalId}/cancel`],
    [r, 'GET', `${rival}/client-payments/quote?customerId=${customerId}&plan=pro`],
    [r, 'POST', `${rival}/client-payments`, { customerId, plan: 'pro', expectedPrice: eur(1800), paidUntil: new Date().toISOString() }],
    [o, 'POST', `${other}/partners/${DEMO.partnerId}/status`, { action: 'suspend', reason: 'not ours' }],
    [o, 'PUT', `${other}/partners/${DEMO.partnerId}/sales-rep`, { accountId: 'acc_other_mgr' }],
    [o, 'GET', `${other}/partners/${DEMO.partnerId}/members/mem_demo_sales/export`],
    [o, 'DELETE', `${other}/partners/${DEMO.partnerId}/members/mem_demo_sales/personal-data`],
    [o, 'POST', `${other}/withdrawals/${withdrawalId}/paid`, {}],
    [o, 'POST', `${other}/withdrawals/${withdrawalId}/reject`, { reason: 'not ours' }],
    [o, 'GET', `${other}/payout-batches/${batchId}`],
    [o, 'GET', `${other}/payout-batches/${batchId}/export.csv`],
    [o, 'POST', `${other}/periods/${periodId}/close`],
    [o, 'POST', `${other}/reward-rules/${ruleId}/retire`],
    [o, 'DELETE', `${other}/keys/${keyId}`],
    [o, 'POST', `${other}/held-signups/${customerId}/decision`, { decision: 'reject' }],
    [o, 'POST', `${other}/top-ups`, { partnerId: DEMO.partnerId, amount: eur(100), reference: 'not ours' }],
  ];
}
