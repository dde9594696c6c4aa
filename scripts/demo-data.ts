// The demo program that `npm start` seeds and the tests build on. Fixed values, for local use only.
import { hashPassword, sha256Hex } from '../worker/security/hashing';
import { sqlValue as q } from './d1';

export const DEMO = {
  programId: 'prg_demo',
  partnerId: 'prt_demo',
  partnerNumber: 100001,
  partnerName: 'Demo Partner AB',
  invitationCode: 'DEMO',
  password: 'demo1234',
  partnerEmail: 'partner@demo.test',
  colleagueEmail: 'sales@demo.test',
  managerEmail: 'manager@demo.test',
  publishableKey: 'pk_demo_local_only_2b7f1c9e4d',
  secretKey: 'sk_demo_local_only_8e3a6f0b5c71d294',
  signupCreditMinor: 500,
  signupCommissionMinor: 1000,
  paymentCommissionBps: 2000, // 20% of each payment, for the customer's first 12 months, held 30 days
  paymentHoldDays: 30,
  partnerDiscountBps: 1000, // partners pay 10% less for their clients' subscriptions
  referrerCreditMinor: 500, // a customer whose friend joins through their invitation gets 5 EUR credit
  currency: 'EUR',
} as const;

/** Signs click ids under `npm start`, the bench and the fault test. A deploy sets its own: `wrangler secret put CLICK_ID_SECRET`. */
export const LOCAL_CLICK_ID_SECRET = 'local-only-click-id-secret-never-deploy-4f1d9a';

/** The demo program's written terms (version 1), which partners accept when they register. */
export const DEMO_TERMS = `Partner terms of the Demo Shop program

1. You refer customers honestly: no spam, no paid search on our brand, no self-referrals.
2. We review every application; until approved you are an affiliate and earn no commission.
3. Commission is paid on the rules shown under "Program terms" in your dashboard, at the end of each reporting period.
4. We may suspend a partner who breaks these terms, and will tell you why.`;

/**
 * SQL statements that create the demo program, or bring its shop address up to date.
 * Everything else is inserted only once, so running them again changes nothing.
 */
export async function demoSeedStatements(shopOrigin: string, now = Date.now()): Promise<string[]> {
  const hash = await hashPassword(DEMO.password);
  const shop = new URL(shopOrigin);
  // The shop's sub-domains a.shop.test and b.shop.test (the e2e tests map *.shop.test to 127.0.0.1) share a referral.
  const origins = JSON.stringify([shop.origin, ...['localhost', 'a.shop.test', 'b.shop.test'].map((host) => `${shop.protocol}//${host}:${shop.port}`)]);
  const destination = `${shop.origin}/?utm_source=edgeref`;
  const accounts: [string, string, string][] = [
    ['acc_demo_partner', DEMO.partnerEmail, 'Petra Partner'],
    ['acc_demo_sales', DEMO.colleagueEmail, 'Sam Sales'],
    ['acc_demo_manager', DEMO.managerEmail, 'Maja Manager'],
  ];
  return [
    `INSERT INTO programs (id, name, currency, destination_url, allowed_origins, signup_credit_minor, referrer_credit_minor, partner_discount_bps, created_at)
     VALUES (${q(DEMO.programId)}, 'Demo Shop', ${q(DEMO.currency)}, ${q(destination)}, ${q(origins)}, ${DEMO.signupCreditMinor}, ${DEMO.referrerCreditMinor}, ${DEMO.partnerDiscountBps}, ${now})
     ON CONFLICT(id) DO UPDATE SET destination_url = excluded.destination_url, allowed_origins = excluded.allowed_origins`,
    `INSERT OR IGNORE INTO reward_rules (id, program_id, event, kind, amount_minor, hold_days, created_at)
     VALUES ('rul_demo_signup', ${q(DEMO.programId)}, 'signup', 'flat', ${DEMO.signupCommissionMinor}, 0, ${now})`,
    `INSERT OR IGNORE INTO reward_rules (id, program_id, event, kind, percent_bps, recurring_months, hold_days, created_at)
     VALUES ('rul_demo_payment', ${q(DEMO.programId)}, 'payment', 'percent', ${DEMO.paymentCommissionBps}, 12, ${DEMO.paymentHoldDays}, ${now})`,
    `INSERT OR IGNORE INTO api_keys (id, program_id, kind, key_hash, key_hint, created_at) VALUES
     ('key_demo_pk', ${q(DEMO.programId)}, 'publishable', ${q(await sha256Hex(DEMO.publishableKey))}, 'pk_demo…', ${now}),
     ('key_demo_sk', ${q(DEMO.programId)}, 'secret', ${q(await sha256Hex(DEMO.secretKey))}, 'sk_demo…', ${now})`,
    ...accounts.map(([id, email, name]) => `INSERT OR IGNORE INTO accounts (id, email, name, password_hash, created_at) VALUES (${q(id)}, ${q(email)}, ${q(name)}, ${q(hash)}, ${now})`),
    `INSERT OR IGNORE INTO program_staff (program_id, account_id, role) VALUES (${q(DEMO.programId)}, 'acc_demo_manager', 'manager')`,
    `INSERT OR IGNORE INTO partners (id, program_id, number, name, email, company, status, payout_method, payout_details, approved_at, created_at)
     VALUES (${q(DEMO.partnerId)}, ${q(DEMO.programId)}, ${DEMO.partnerNumber}, ${q(DEMO.partnerName)}, ${q(DEMO.partnerEmail)}, ${q(DEMO.partnerName)}, 'partner', 'bank_account', 'IBAN SE45 5000 0000 0583 9825 7466', ${now}, ${now})`,
    `INSERT OR IGNORE INTO members (id, partner_id, account_id, role, created_at) VALUES
     ('mem_demo_owner', ${q(DEMO.partnerId)}, 'acc_demo_partner', 'owner', ${now}),
     ('mem_demo_sales', ${q(DEMO.partnerId)}, 'acc_demo_sales', 'manager', ${now})`,
    `INSERT OR IGNORE INTO program_terms (program_id, version, body, created_at) VALUES (${q(DEMO.programId)}, 1, ${q(DEMO_TERMS)}, ${now})`,
    `INSERT OR IGNORE INTO invitations (id, program_id, partner_id, member_id, code, code_key, campaign, active, created_at, updated_at)
     VALUES ('inv_demo', ${q(DEMO.programId)}, ${q(DEMO.partnerId)}, 'mem_demo_owner', ${q(DEMO.invitationCode)}, ${q(DEMO.invitationCode.toUpperCase())}, 'Launch', 1, ${now}, ${now})`,
  ];
}
