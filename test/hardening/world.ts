// The hardening suite's world: the demo program with one of every principal and a real row behind every path id,
// built through the API where the API can, and a fingerprint of every table to prove a refused request wrote nothing.
import { env } from 'cloudflare:test';
import { BASE, DEMO, SHOP, call, referredCustomer, seedDemo, server, signIn } from '../worker/helpers';
import { api, seedRivalAndRep } from '../worker/portal-helpers';
import { hashPassword, sha256Hex } from '../../worker/security/hashing';
import { signCustomerToken } from '../../worker/security/customer-token';
import { stripeEvent, stripeSignature } from '../../scripts/billing/stripe-events';

/** A second program, to show that nothing of one program is visible with the other's credentials. */
export const OTHER = { programId: 'prg_other', secretKey: 'sk_other_program_for_hardening_0001', managerEmail: 'manager@other.test', password: 'other-pass' };

export type PrincipalName =
  | 'anonymous' | 'publishable key' | 'secret key' | 'member of this partner' | 'member of another partner' | 'partner owner'
  | 'finance member' | 'sales representative' | 'program manager' | "another program's manager" | "another program's secret key";

export interface Principal {
  name: PrincipalName;
  /** Headers this principal sends on every request. */
  headers: () => Record<string, string>;
}

export interface World {
  principals: Record<PrincipalName, Principal>;
  /** Real ids to put in paths, by parameter name. */
  ids: Record<string, string>;
  /** More real things the fixtures need. */
  extra: { invoiceId: string; customerToken: string; openInviteToken: string; staffInviteToken: string; sparePartnerId: string; spareMemberId: string; spareKeyId: string; spareEndpointId: string; erasableCustomer: string; spareRepId: string };
}

let ips = 0;
/** A fresh client address, so the publishable-key and password limits (per address) never pause the suite. */
export const freshIp = () => `203.0.${Math.floor(++ips / 250) % 250}.${ips % 250}`;

/** Signs a fresh account in as a member of the demo partner with `role`, through the owner's invite link. */
async function memberThroughInvite(owner: string, email: string, role: 'finance' | 'manager'): Promise<string> {
  const invite = await (await api(owner, `/partners/${DEMO.partnerId}/member-invites`, { email, role })).json<any>();
  const token = new URL(invite.link).pathname.split('/').pop()!;
  const res = await call(`/api/v1/member-invites/${token}/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: BASE },
    body: JSON.stringify({ name: `Fiona ${role}`, password: 'finance-pass' }),
  });
  if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${await res.text()}`);
  return res.headers.get('Set-Cookie')!.split(';')[0];
}

/** A sales representative of the demo program, invited by its manager through the console's staff invite link (and assigned the demo partner below). */
async function repThroughInvite(manager: string, email = 'rhea@demo.test', name = 'Rhea Rep'): Promise<string> {
  const invite = await (await api(manager, `/programs/${DEMO.programId}/staff`, { email, name, role: 'sales_rep' })).json<any>();
  const res = await call(`/api/v1/staff-invites/${new URL(invite.link).pathname.split('/').pop()}/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: BASE },
    body: JSON.stringify({ password: 'rhea-pass-1' }),
  });
  if (res.status !== 200) throw new Error(`staff invite accept failed: ${res.status} ${await res.text()}`);
  return res.headers.get('Set-Cookie')!.split(';')[0];
}

async function seedOtherProgram(): Promise<void> {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO programs (id, name, currency, destination_url, allowed_origins, signup_credit_minor, created_at)
       VALUES (?, 'Other Shop', 'EUR', 'https://other.test/', '["https://other.test"]', 500, ?)`,
    ).bind(OTHER.programId, now),
    env.DB.prepare("INSERT INTO api_keys (id, program_id, kind, key_hash, key_hint, created_at) VALUES ('key_other_sk', ?, 'secret', ?, 'sk_other…', ?)")
      .bind(OTHER.programId, await sha256Hex(OTHER.secretKey), now),
    env.DB.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_other_mgr', ?, 'Otto Other', ?, ?)")
      .bind(OTHER.managerEmail, await hashPassword(OTHER.password), now),
    env.DB.prepare("INSERT INTO program_staff (program_id, account_id, role) VALUES (?, 'acc_other_mgr', 'manager')").bind(OTHER.programId),
    // An affiliate of the demo program whose status the matrix may change, and a member the matrix may erase.
    env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_spare', ?, 100003, 'Spare Ltd', 'spare@demo.test', 'affiliate', ?)")
      .bind(DEMO.programId, now),
    env.DB.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_spare', 'spare@demo.test', 'Sid Spare', 'x', ?)").bind(now),
    env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES ('mem_spare', 'prt_spare', 'acc_spare', 'owner', ?)").bind(now),
  ]);
}

const sessionPrincipal = (name: PrincipalName, cookie: string): Principal => ({ name, headers: () => ({ Cookie: cookie, Origin: BASE }) });

/** Builds the world once per test file (each file has its own D1). */
export async function buildWorld(): Promise<World> {
  await seedDemo();
  await seedRivalAndRep();
  await seedOtherProgram();
  const [owner, colleague, rival, manager, otherManager] = await Promise.all([
    signIn(),
    signIn(DEMO.colleagueEmail),
    signIn('rival@other.test', 'rival-pass'),
    signIn(DEMO.managerEmail),
    signIn(OTHER.managerEmail, OTHER.password),
  ]);
  const [finance, rep] = await Promise.all([memberThroughInvite(owner, 'finance@demo.test', 'finance'), repThroughInvite(manager)]);
  // The representative owns the demo partner: a representative sees only the partners (and leads) they own.
  const repId = (await env.DB.prepare("SELECT id FROM accounts WHERE email = 'rhea@demo.test'").first<{ id: string }>())!.id;
  await api(manager, `/programs/${DEMO.programId}/partners/${DEMO.partnerId}/sales-rep`, { accountId: repId }, 'PUT');
  // A second representative, for the manager to remove.
  await repThroughInvite(manager, 'spare-rep@demo.test', 'Spare Rep');
  const spareRepId = (await env.DB.prepare("SELECT id FROM accounts WHERE email = 'spare-rep@demo.test'").first<{ id: string }>())!.id;

  // Money on the demo partner: a withdrawal paid through a closed period (a real batch), and one still requested.
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(50_000), reference: 'hardening_topup' });
  const paidWithdrawal = (await (await api(owner, `/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(6000) })).json<any>()).id;
  const firstPeriod = (await (await api(manager, `/programs/${DEMO.programId}/payouts`)).json<any>()).currentPeriod.id;
  const batchId = (await (await api(manager, `/programs/${DEMO.programId}/periods/${firstPeriod}/close`, {})).json<any>()).batchId;
  await api(manager, `/programs/${DEMO.programId}/withdrawals/${paidWithdrawal}/paid`, {});
  const withdrawalId = (await (await api(owner, `/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(6000) })).json<any>()).id;
  const periodId = (await (await api(manager, `/programs/${DEMO.programId}/payouts`)).json<any>()).currentPeriod.id;

  // A client with a subscription (quotes and client payments), a referral, invites and a spare key.
  const customerId = await referredCustomer();
  const erasableCustomer = await referredCustomer();
  await server('/api/v1/payments', { customerId, invoiceId: 'in_world', amount: eur(2000) });
  await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'active', amount: eur(2000), interval: 'month', expiresAt: new Date(Date.now() - 86_400_000).toISOString() });
  const referralId = (await (await api(owner, `/partners/${DEMO.partnerId}/referrals`, { customerName: 'Hardening Prospect' })).json<any>()).id;
  const inviteId = (await (await api(owner, `/partners/${DEMO.partnerId}/member-invites`, { email: 'invitee@demo.test', role: 'manager' })).json<any>()).id;
  const tokenInvite = await (await api(owner, `/partners/${DEMO.partnerId}/member-invites`, { email: 'newcomer@demo.test', role: 'manager' })).json<any>();
  const spareKeyId = (await (await api(manager, `/programs/${DEMO.programId}/keys`, { kind: 'publishable' })).json<any>()).id;
  const staffInvite = await (await api(manager, `/programs/${DEMO.programId}/staff`, { email: 'next-rep@demo.test', name: 'Nick Next', role: 'sales_rep' })).json<any>();
  const staffInviteId = (await (await api(manager, `/programs/${DEMO.programId}/staff`, { email: 'withdrawn-rep@demo.test', name: 'Wanda Withdrawn', role: 'sales_rep' })).json<any>()).id;
  // Webhook endpoints nobody listens at (the discard port), one of them to delete, and a test delivery to replay.
  const endpoint = () => api(manager, `/programs/${DEMO.programId}/webhook-endpoints`, { url: 'http://127.0.0.1:9/hook' }).then((r) => r.json<any>());
  const [endpointId, spareEndpointId] = [(await endpoint()).id, (await endpoint()).id];
  const deliveryId = (await (await api(manager, `/programs/${DEMO.programId}/webhook-endpoints/${endpointId}/test`, {})).json<any>()).deliveryId;
  // A spare Stripe signing secret to remove, and a billing event to replay: a checkout of nobody referred, so ignored.
  const secretId = (await (await api(manager, `/programs/${DEMO.programId}/integrations/stripe/secrets`, { mode: 'test', secret: 'whsec_spare_hardening_secret_0001' })).json<any>()).id;
  const checkout = stripeEvent('checkout.session.completed', { customer: 'cus_hardening', customer_details: { email: 'nobody-referred@example.com' } });
  const checkoutBody = JSON.stringify(checkout);
  await call(`/api/v1/programs/${DEMO.programId}/integrations/stripe/webhook`, { method: 'POST', headers: { 'Stripe-Signature': await stripeSignature(checkoutBody, DEMO.stripeTestSecret) }, body: checkoutBody });
  await api(manager, `/programs/${DEMO.programId}/exchange-rates/USD/2026-01-01`, { rate: '0.9' }, 'PUT');
  const billingEventId = (await env.DB.prepare('SELECT id FROM billing_events WHERE event_id = ?').bind(checkout.id).first<{ id: string }>())!.id;

  const key = (k: string, origin?: string): Principal['headers'] => () => ({ Authorization: `Bearer ${k}`, ...(origin ? { Origin: origin } : {}), 'CF-Connecting-IP': freshIp() });
  const principals: Record<PrincipalName, Principal> = {
    anonymous: { name: 'anonymous', headers: () => ({ Origin: BASE }) },
    'publishable key': { name: 'publishable key', headers: key(DEMO.publishableKey, SHOP) },
    'secret key': { name: 'secret key', headers: key(DEMO.secretKey) },
    'member of this partner': sessionPrincipal('member of this partner', colleague),
    'member of another partner': sessionPrincipal('member of another partner', rival),
    'partner owner': sessionPrincipal('partner owner', owner),
    'finance member': sessionPrincipal('finance member', finance),
    'sales representative': sessionPrincipal('sales representative', rep),
    'program manager': sessionPrincipal('program manager', manager),
    "another program's manager": sessionPrincipal("another program's manager", otherManager),
    "another program's secret key": { name: "another program's secret key", headers: key(OTHER.secretKey) },
  };
  return {
    principals,
    ids: {
      programId: DEMO.programId, partnerId: DEMO.partnerId, invitationId: 'inv_demo', customerId, referralId, inviteId, withdrawalId, periodId, batchId,
      ruleId: 'rul_demo_payment', keyId: spareKeyId, memberId: 'mem_demo_sales', token: new URL(tokenInvite.link).pathname.split('/').pop()!, endpointId, deliveryId, staffInviteId,
      provider: 'stripe', secretId, billingEventId, currency: 'USD', asOf: '2026-01-01',
    },
    extra: {
      invoiceId: 'in_world',
      customerToken: await signCustomerToken(DEMO.secretKey, customerId),
      openInviteToken: new URL(tokenInvite.link).pathname.split('/').pop()!,
      staffInviteToken: new URL(staffInvite.link).pathname.split('/').pop()!,
      sparePartnerId: 'prt_spare',
      spareMemberId: 'mem_spare',
      spareKeyId,
      spareEndpointId,
      erasableCustomer,
      spareRepId,
    },
  };
}

/**
 * Tables that change on a refused request by design: a wrong password is a 401 that must be counted (failed_sign_ins),
 * or the throttle could be raced. Nothing else may change.
 */
export const CHANGES_ON_REFUSAL = new Set(['failed_sign_ins']);

/**
 * What webhook delivery and email write in the background, whatever the request at hand: the relay that an earlier
 * accepted request left running (waitUntil) fans events out into deliveries and emails and stamps
 * events.fanned_out_at, and the queue consumers record attempts and sends and write terms mailings' chunks. A refused request starts no relay
 * (worker/middleware/relay.ts); the events themselves, the endpoints and the email preferences stay checked.
 */
const WRITTEN_IN_BACKGROUND = {
  tables: new Set(['webhook_deliveries', 'webhook_attempts', 'emails']),
  // A terms mailing's chunks move its cursor, its lease and its end (flows/terms-mailing.ts).
  columns: new Set(['events.fanned_out_at', 'terms_mailings.after_partner_id', 'terms_mailings.queued_until', 'terms_mailings.finished_at']),
};

let fingerprintSql: string[] | null = null;

/**
 * Every table's row count and contents, in one batch: a refused request must leave both as they were, so an UPDATE
 * that keeps the row count is caught too. Long values count by their first 200 characters and their length, to keep
 * the fingerprint small when a request stored a huge string. (Not triggers: D1 counts trigger writes in meta.changes,
 * which the Worker reads, so counting triggers would change what they measure.)
 */
export async function fingerprint(): Promise<Map<string, string>> {
  if (!fingerprintSql) {
    const { results } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name",
    ).all<{ name: string }>();
    fingerprintSql = [];
    for (const { name } of results.filter((r) => !CHANGES_ON_REFUSAL.has(r.name) && !WRITTEN_IN_BACKGROUND.tables.has(r.name))) {
      const cols = (await env.DB.prepare('SELECT name FROM pragma_table_info(?)').bind(name).all<{ name: string }>()).results.filter(
        (c) => !WRITTEN_IN_BACKGROUND.columns.has(`${name}.${c.name}`),
      );
      // One function call with a column per argument: a chain of || over a wide table exceeds SQLite's expression depth.
      const row = `json_array(${cols.map((c) => `substr(quote("${c.name}"), 1, 200) || '#' || coalesce(length("${c.name}"), '')`).join(', ')})`;
      fingerprintSql.push(`SELECT '${name}' AS t, count(*) AS n, group_concat(${row}, '|') AS v FROM "${name}"`);
    }
  }
  const results = await env.DB.batch<{ t: string; n: number; v: string | null }>(fingerprintSql.map((sql) => env.DB.prepare(sql)));
  return new Map(results.map(({ results: [r] }) => [r.t, `${r.n}:${r.v ?? ''}`]));
}

/** The tables that differ between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const rows = (f: Map<string, string>, t: string) => f.get(t)!.split(':')[0];
  return [...before.keys()].filter((t) => before.get(t) !== after.get(t)).map((t) => `${t} (${rows(before, t)} → ${rows(after, t)} rows)`);
}

/** The one error shape: { error: { code, message, details? } } and nothing else. */
export function errorShapeProblem(status: number, text: string): string | null {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} answered with a body that is not JSON: ${text.slice(0, 80)}`;
  }
  const e = body?.error;
  const keysOk = body && typeof body === 'object' && Object.keys(body).join() === 'error' && e && typeof e === 'object';
  if (!keysOk || typeof e.code !== 'string' || typeof e.message !== 'string' || Object.keys(e).some((k) => !['code', 'message', 'details'].includes(k))) {
    return `${status} answered outside the error shape: ${text.slice(0, 120)}`;
  }
  return null;
}
