// The demo program that `npm start` seeds and the tests build on. Fixed values, for local use only.
import { hashPassword, sha256Hex } from '../worker/security/hashing';
import { programSetupStatements, type Statement } from '../worker/db/program-setup';
import { sealSecret } from '../worker/security/webhook-secrets';
import { LOCAL_SECRETS } from './local-vars';

export const DEMO = {
  programId: 'prg_demo',
  partnerId: 'prt_demo',
  partnerNumber: 100001,
  programName: 'Demo Shop',
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
  // The Stripe test-mode signing secret of the demo program (docs/BILLING.md): the demo shop signs its "Pay with
  // Stripe (test)" events with it, as Stripe would with the secret of a test-mode event destination.
  stripeTestSecret: 'whsec_demo_local_only_stripe_test_5d1c7a9e3b',
  // Likewise the secret key of a Paddle sandbox notification destination, for "Pay with Paddle (test)".
  paddleTestSecret: 'pdl_ntfset_demo_local_only_paddle_sandbox_7b2e4c',
} as const;

/** The demo program's written terms (version 1), which partners accept when they register. */
export const DEMO_TERMS = `Partner terms of the Demo Shop program

1. You refer customers honestly: no spam, no paid search on our brand, no self-referrals.
2. We review every application; until approved you are an affiliate and earn no commission.
3. Commission is paid on the rules shown under "Program terms" in your dashboard, at the end of each reporting period.
4. We may suspend a partner who breaks these terms, and will tell you why.`;

/**
 * The statements that create the demo program, or bring its shop address up to date.
 * Everything else is inserted only once, so running them again changes nothing.
 */
export async function demoSeedStatements(shopOrigin: string, now = Date.now(), sealingKey = LOCAL_SECRETS.WEBHOOK_SECRET_KEY): Promise<Statement[]> {
  const hash = await hashPassword(DEMO.password);
  const shop = new URL(shopOrigin);
  // The shop's sub-domains a.shop.test and b.shop.test (the e2e tests map *.shop.test to 127.0.0.1) share a referral.
  const origins = [shop.origin, ...['localhost', 'a.shop.test', 'b.shop.test'].map((host) => `${shop.protocol}//${host}:${shop.port}`)];
  const accounts: [string, string, string][] = [
    ['acc_demo_partner', DEMO.partnerEmail, 'Petra Partner'],
    ['acc_demo_sales', DEMO.colleagueEmail, 'Sam Sales'],
  ];
  const program = programSetupStatements(
    {
      id: DEMO.programId,
      name: DEMO.programName,
      currency: DEMO.currency,
      destinationUrl: `${shop.origin}/?utm_source=edgeref`,
      allowedOrigins: origins,
      signupCreditMinor: DEMO.signupCreditMinor,
      referrerCreditMinor: DEMO.referrerCreditMinor,
      partnerDiscountBps: DEMO.partnerDiscountBps,
      rules: [
        { id: 'rul_demo_signup', event: 'signup', kind: 'flat', amountMinor: DEMO.signupCommissionMinor, holdDays: 0 },
        { id: 'rul_demo_payment', event: 'payment', kind: 'percent', percentBps: DEMO.paymentCommissionBps, recurringMonths: 12, holdDays: DEMO.paymentHoldDays },
      ],
      keys: [
        { id: 'key_demo_pk', kind: 'publishable', hash: await sha256Hex(DEMO.publishableKey), hint: 'pk_demo…' },
        { id: 'key_demo_sk', kind: 'secret', hash: await sha256Hex(DEMO.secretKey), hint: 'sk_demo…' },
      ],
      managers: [{ accountId: 'acc_demo_manager', email: DEMO.managerEmail, name: 'Maja Manager', passwordHash: hash }],
      now,
    },
    'keep',
  );
  // The demo's partner company (which accepted the terms), its two members, the terms and the DEMO invitation: fixtures of the demo only.
  const p = DEMO.programId;
  return [
    ...program,
    ...accounts.map(([id, email, name]) => ({ sql: 'INSERT OR IGNORE INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)', params: [id, email, name, hash, now] })),
    {
      sql: `INSERT OR IGNORE INTO partners (id, program_id, number, name, email, company, status, payout_method, payout_details, terms_version, terms_accepted_at, approved_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 'partner', 'bank_account', 'IBAN SE45 5000 0000 0583 9825 7466', 1, ?, ?, ?)`,
      params: [DEMO.partnerId, p, DEMO.partnerNumber, DEMO.partnerName, DEMO.partnerEmail, DEMO.partnerName, now, now, now],
    },
    {
      sql: `INSERT OR IGNORE INTO members (id, partner_id, account_id, role, created_at) VALUES
            ('mem_demo_owner', ?, 'acc_demo_partner', 'owner', ?), ('mem_demo_sales', ?, 'acc_demo_sales', 'manager', ?)`,
      params: [DEMO.partnerId, now, DEMO.partnerId, now],
    },
    { sql: 'INSERT OR IGNORE INTO program_terms (program_id, version, body, created_at) VALUES (?, 1, ?, ?)', params: [p, DEMO_TERMS, now] },
    // The demo partner registered under those terms: its owner accepted version 1.
    {
      sql: "INSERT OR IGNORE INTO terms_acceptances (partner_id, version, program_id, account_id, accepted_at) VALUES (?, 1, ?, 'acc_demo_partner', ?)",
      params: [DEMO.partnerId, p, now],
    },
    {
      sql: `INSERT OR IGNORE INTO invitations (id, program_id, partner_id, member_id, code, code_key, campaign, active, created_at, updated_at)
            VALUES ('inv_demo', ?, ?, 'mem_demo_owner', ?, ?, 'Launch', 1, ?, ?)`,
      params: [p, DEMO.partnerId, DEMO.invitationCode, DEMO.invitationCode.toUpperCase(), now, now],
    },
    // A sandbox: the demo takes Stripe's test-mode events, signed with its test secret (set once; a manager may change both).
    {
      sql: `UPDATE programs SET billing_mode = 'test' WHERE id = ? AND NOT EXISTS (SELECT 1 FROM billing_secrets WHERE id = 'bsec_demo_stripe_test')`,
      params: [p],
    },
    {
      sql: `INSERT OR IGNORE INTO billing_secrets (id, program_id, provider, mode, secret_sealed, secret_hint, created_at) VALUES ('bsec_demo_stripe_test', ?, 'stripe', 'test', ?, ?, ?)`,
      params: [p, await sealSecret(DEMO.stripeTestSecret, sealingKey), `${DEMO.stripeTestSecret.slice(0, 6)}…${DEMO.stripeTestSecret.slice(-4)}`, now],
    },
    {
      sql: `INSERT OR IGNORE INTO billing_secrets (id, program_id, provider, mode, secret_sealed, secret_hint, created_at) VALUES ('bsec_demo_paddle_test', ?, 'paddle', 'test', ?, ?, ?)`,
      params: [p, await sealSecret(DEMO.paddleTestSecret, sealingKey), `${DEMO.paddleTestSecret.slice(0, 6)}…${DEMO.paddleTestSecret.slice(-4)}`, now],
    },
  ];
}
