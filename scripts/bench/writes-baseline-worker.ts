// The baseline of the write paths in `npm run bench`: the rows a signup through a promo code writes (the customer, its
// signup credit, the partner's commission, two events) and the rows a payment writes (the payment, its commission, an
// event), each in one D1 batch with no lookup, no validation and no access check, against edgeref's schema and its
// triggers. edgeref's own signup and payment are measured against the least a Worker can do to record the same.
import { METRIC_WINDOW_NAMES, todayOf, windowRange } from '../../worker/domain/metric-windows';

interface Env {
  DB: D1Database;
}

const PROGRAM = 'prg_bench';
const PARTNER = 'prt_bench';
const INVITATION = 'inv_bench';
/** The bench pays 49.00 EUR each time; the commission row carries edgeref's 20% of it, as a fixed figure. */
const PAYMENT_COMMISSION_MINOR = 980;
const now = () => Date.now();
const id = (prefix: string) => `${prefix}_${crypto.randomUUID()}`;

async function setup(db: D1Database): Promise<Response> {
  const t = now();
  await db.batch([
    db.prepare("INSERT OR IGNORE INTO programs (id, name, currency, destination_url, created_at) VALUES (?, 'Bench', 'EUR', 'https://shop.test/', ?)").bind(PROGRAM, t),
    db.prepare("INSERT OR IGNORE INTO partners (id, program_id, number, name, email, status, created_at) VALUES (?, ?, 199999, 'Bench AB', 'bench@x.test', 'partner', ?)").bind(PARTNER, PROGRAM, t),
    db.prepare("INSERT OR IGNORE INTO invitations (id, program_id, partner_id, code, code_key, created_at, updated_at) VALUES (?, ?, ?, 'BENCH', 'BENCH', ?, ?)").bind(INVITATION, PROGRAM, PARTNER, t, t),
    // The console's metric windows, as the Cron Trigger keeps them for every program (edgeref's bench program has
    // them from the demo seed): the triggers then add each write to them, here as there.
    ...METRIC_WINDOW_NAMES.map((name) => {
      const w = windowRange(name, todayOf(t));
      return db.prepare('INSERT OR IGNORE INTO metric_windows (program_id, name, previous_from_day, from_day, to_day) VALUES (?, ?, ?, ?, ?)').bind(PROGRAM, name, w.previousFrom, w.from, w.to);
    }),
  ]);
  return new Response(null, { status: 204 });
}

const event = (db: D1Database, type: string, key: string, data: unknown, t: number) =>
  db.prepare('INSERT INTO events (id, program_id, type, version, dedupe_key, data, created_at) VALUES (?, ?, ?, 1, ?, ?, ?)').bind(id('evt'), PROGRAM, type, key, JSON.stringify(data), t);

const entry = (db: D1Database, e: { partnerId: string | null; customerId: string | null; type: string; amount: number; event: string; eventId: string; key: string; subject: string | null }, t: number) =>
  db
    .prepare(
      `INSERT INTO ledger_entries (id, program_id, partner_id, customer_id, type, amount_minor, currency, status, reason, event_type, event_id, idempotency_key, subject_customer_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'EUR', 'available', 'bench', ?, ?, ?, ?, ?)`,
    )
    .bind(id('led'), PROGRAM, e.partnerId, e.customerId, e.type, e.amount, e.event, e.eventId, e.key, e.subject, t);

async function signup(db: D1Database, body: { customerId: string; email: string }): Promise<Response> {
  const t = now();
  const customer = `cus_${body.customerId}`;
  await db.batch([
    db.prepare("INSERT INTO customers (id, program_id, external_id, email, invitation_id, partner_id, attribution_method, created_at) VALUES (?, ?, ?, ?, ?, ?, 'promo_code', ?)")
      .bind(customer, PROGRAM, body.customerId, body.email, INVITATION, PARTNER, t),
    entry(db, { partnerId: null, customerId: customer, type: 'signup_credit', amount: 500, event: 'signup', eventId: customer, key: `signup:${customer}:credit`, subject: null }, t),
    entry(db, { partnerId: PARTNER, customerId: null, type: 'commission', amount: 1000, event: 'signup', eventId: customer, key: `signup:${customer}:${PARTNER}:0`, subject: customer }, t),
    event(db, 'customer.signed_up', `customer.signed_up:${customer}`, { customerId: customer }, t),
    event(db, 'commission.earned', `ledger:signup:${customer}:${PARTNER}:0`, { customerId: customer }, t),
  ]);
  return Response.json({ customerId: body.customerId, created: true }, { status: 201 });
}

async function payment(db: D1Database, body: { customerId: string; invoiceId: string; amount: { amount: number } }): Promise<Response> {
  const t = now();
  const customer = `cus_${body.customerId}`;
  const paymentId = id('pay');
  await db.batch([
    db.prepare("INSERT INTO payments (id, program_id, customer_id, invoice_id, amount_minor, currency, paid_at, created_at) VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?)")
      .bind(paymentId, PROGRAM, customer, body.invoiceId, body.amount.amount, t, t),
    entry(db, { partnerId: PARTNER, customerId: null, type: 'commission', amount: PAYMENT_COMMISSION_MINOR, event: 'payment', eventId: paymentId, key: `payment:${paymentId}:${PARTNER}:0`, subject: customer }, t),
    event(db, 'commission.earned', `ledger:payment:${paymentId}:${PARTNER}:0`, { customerId: customer }, t),
  ]);
  return Response.json({ invoiceId: body.invoiceId, created: true }, { status: 201 });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === '/setup') return setup(env.DB);
    if (request.method !== 'POST') return new Response('ready');
    const body = await request.json<any>();
    if (path === '/api/v1/signups') return signup(env.DB, body);
    if (path === '/api/v1/payments') return payment(env.DB, body);
    return new Response('not found', { status: 404 });
  },
} satisfies ExportedHandler<Env>;
